import { describe, expect, test } from 'vitest';
import { diffContexts } from '../../../lib/content/run';
import type { DeskField, TicketContext } from '../../../lib/context/ticket-context';

const queue = (value: string, labels = ['Network', 'Access']): DeskField => ({
  id: 'queue',
  label: 'Queue',
  kind: 'single',
  value,
  writable: true,
  options: labels.map((label, i) => ({ value: String(i + 1), label })),
});
const ctx = (deskFields: DeskField[], text = 'The VPN drops.'): TicketContext => ({
  site: 'rt',
  ticketKey: '7',
  url: 'http://127.0.0.1/Ticket/Display.html?id=7',
  fields: {},
  messages: [{ author: 'Dana', role: 'customer', text }],
  unreadable: [],
  deskFields,
  readAt: 0,
});

describe('what changed between two reads', () => {
  test('a value the desk now holds is a field change; other options are a desk-fields change', () => {
    expect(diffContexts(ctx([queue('1')]), ctx([queue('2')]))).toEqual(['fields']);
    expect(diffContexts(ctx([queue('1')]), ctx([queue('1', ['Network', 'Zugang'])]))).toEqual([
      'desk-fields',
    ]);
    expect(diffContexts(ctx([queue('1')]), ctx([queue('1')], 'A new reply.'))).toEqual(['messages']);
    expect(diffContexts(ctx([]), ctx([queue('1')]))).toEqual(['fields', 'desk-fields']);
    expect(diffContexts(ctx([queue('1')]), ctx([queue('1')]))).toEqual([]);
  });
});
