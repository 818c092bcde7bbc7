import { describe, expect, test } from 'vitest';
import { DeskmateDb } from '@/lib/db/db';
import { ticketHash } from '@/lib/db/ticket-hash';
import {
  EVENT_TYPES,
  type MetricEvent,
  recordEvent,
  statusCounts,
  suggestionReadyEvent,
} from '@/lib/metrics/events';

const HASH = 'ab'.repeat(32);

describe('recordEvent', () => {
  test('stores a validated event as a DeskEvent row with the given time', async () => {
    const database = new DeskmateDb(`events-${crypto.randomUUID()}`);
    const row = await recordEvent(
      { type: 'field.edited', site: 'demo', ticketHash: HASH, templateId: 'triage', field: 'category' },
      { now: 1234, database },
    );
    expect(row.id).toBeGreaterThan(0);
    const stored = await database.events.toArray();
    expect(stored).toEqual([
      {
        id: row.id,
        type: 'field.edited',
        time: 1234,
        site: 'demo',
        ticketHash: HASH,
        templateId: 'triage',
        field: 'category',
      },
    ]);
  });

  test.each<[string, unknown]>([
    ['a ticket key instead of its hash', { type: 'panel.opened', site: 'demo', ticketHash: '42' }],
    [
      'free text as a field name',
      {
        type: 'field.edited',
        site: 'demo',
        ticketHash: HASH,
        templateId: 't',
        field: 'Refund my order 123 please',
      },
    ],
    [
      'an unknown data key',
      {
        type: 'applied',
        site: 'demo',
        ticketHash: HASH,
        templateId: 't',
        data: { mode: 'assist', fields: 1, subject: 'Hi' },
      },
    ],
    ['an unknown type', { type: 'prompt.sent', site: 'demo', ticketHash: HASH }],
    [
      'an unknown error code',
      { type: 'error', site: 'demo', ticketHash: HASH, data: { code: 'oops', where: 'panel' } },
    ],
    [
      'a negative latency',
      {
        type: 'suggestion.ready',
        site: 'demo',
        ticketHash: HASH,
        templateId: 't',
        data: {
          mode: 'assist',
          latencyMs: -1,
          provider: 'local',
          model: 'x',
          filled: 0,
          missing: 0,
          conflict: 0,
          stale: 0,
          unsupported: 0,
        },
      },
    ],
  ])('refuses %s and stores nothing', async (_, event) => {
    const database = new DeskmateDb(`events-${crypto.randomUUID()}`);
    await expect(recordEvent(event as MetricEvent, { database })).rejects.toThrow();
    expect(await database.events.count()).toBe(0);
  });

  test('a generic desk named by an admin is a valid site', async () => {
    const database = new DeskmateDb(`events-${crypto.randomUUID()}`);
    await recordEvent(
      { type: 'panel.opened', site: 'generic:Acme Help Desk', ticketHash: HASH },
      { database },
    );
    expect((await database.events.toArray())[0]?.site).toBe('generic:Acme Help Desk');
  });

  test('a hash from ticketHash() is accepted', async () => {
    const database = new DeskmateDb(`events-${crypto.randomUUID()}`);
    const h = await ticketHash('demo', '42');
    await recordEvent({ type: 'panel.opened', site: 'demo', ticketHash: h }, { database });
    expect((await database.events.toArray())[0]?.ticketHash).toBe(h);
  });

  test('the vocabulary names every type of the issue', () => {
    expect(EVENT_TYPES).toEqual(
      expect.arrayContaining([
        'panel.opened',
        'suggestion.requested',
        'suggestion.ready',
        'suggestion.failed',
        'field.edited',
        'field.accepted',
        'applied',
        'escalated',
        'dismissed',
        'shadow.recorded',
        'error',
        'template.promoted',
      ]),
    );
  });
});

describe('suggestion.ready from a suggestion', () => {
  const suggestion = {
    templateId: 'triage',
    site: 'demo',
    provider: { kind: 'openai' as const, model: 'my model (eu)' },
    fields: {
      a: { value: 'x', status: 'filled' as const, evidence: [], confidence: 1, source: 'model' as const },
      b: { value: null, status: 'missing' as const, evidence: [], confidence: 0, source: 'model' as const },
      c: {
        value: 'y',
        status: 'unsupported' as const,
        evidence: [],
        confidence: 0.2,
        source: 'model' as const,
      },
      d: { value: 'z', status: 'filled' as const, evidence: [], confidence: 0.9, source: 'local' as const },
    },
  };

  test('counts fields by status', () => {
    expect(statusCounts(suggestion)).toEqual({
      filled: 2,
      missing: 1,
      conflict: 0,
      stale: 0,
      unsupported: 1,
    });
  });

  test('builds a valid event with counts only, normalising the model name', async () => {
    const event = suggestionReadyEvent(suggestion, HASH, 812.4, 'shadow', 1);
    expect(event).toEqual({
      type: 'suggestion.ready',
      site: 'demo',
      ticketHash: HASH,
      templateId: 'triage',
      data: {
        mode: 'shadow',
        latencyMs: 812,
        provider: 'openai',
        model: 'my_model__eu_',
        flags: 1,
        filled: 2,
        missing: 1,
        conflict: 0,
        stale: 0,
        unsupported: 1,
      },
    });
    const database = new DeskmateDb(`events-${crypto.randomUUID()}`);
    await expect(recordEvent(event, { database })).resolves.toMatchObject({ type: 'suggestion.ready' });
  });
});
