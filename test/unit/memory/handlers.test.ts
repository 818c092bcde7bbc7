import { describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '@/lib/db/db';
import { ticketHash } from '@/lib/db/ticket-hash';
import { memoryHandlers } from '@/lib/memory/handlers';
import { localLearner } from '@/lib/memory/service';
import { backgroundMessages } from '@/lib/messaging/protocol';
import { dispatch } from '@/lib/messaging/server';
import { suggestion } from './fixtures';

const origin = fakeBrowser.runtime.getURL('/');
const panel = { id: fakeBrowser.runtime.id, url: `${origin}sidepanel.html` };
const content = { id: fakeBrowser.runtime.id, url: 'https://desk.example/ticket/1', tab: { id: 4 } };

describe('memory messages', () => {
  test('corrections.record from the panel stores, learns and answers counts; content scripts may not', async () => {
    const payload = {
      suggestion: suggestion({ ticketKey: 'H-1' }),
      kept: { category: 'refund', priority: 'normal' },
      text: 'The blender arrived with a cracked jug',
      enumFields: ['category', 'priority'],
    };
    const refused = await dispatch(
      backgroundMessages,
      memoryHandlers,
      { name: 'corrections.record', payload },
      content,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const reply = await dispatch(
      backgroundMessages,
      memoryHandlers,
      { name: 'corrections.record', payload },
      panel,
    );
    const hash = await ticketHash('demo', 'H-1');
    expect(reply).toEqual({ ok: true, data: { corrections: 1, agreements: 1, ticketHash: hash } });
    expect(await db().corrections.where('ticketHash').equals(hash).count()).toBe(2);
    expect(await localLearner().size('triage', 'category', 'demo')).toBeGreaterThan(0);

    const bad = await dispatch(
      backgroundMessages,
      memoryHandlers,
      { name: 'corrections.record', payload: { ...payload, kept: 'x' } },
      panel,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  test('memory.forgetTicket by site and key deletes that ticket and the learner forgets it', async () => {
    const payload = {
      suggestion: suggestion({ ticketKey: 'F-1' }),
      kept: { category: 'refund' },
      text: 'Forget me: cracked jug',
      enumFields: ['category'],
    };
    await dispatch(backgroundMessages, memoryHandlers, { name: 'corrections.record', payload }, panel);
    const before = await localLearner().size('triage', 'category', 'demo');
    const reply = await dispatch(
      backgroundMessages,
      memoryHandlers,
      { name: 'memory.forgetTicket', payload: { site: 'demo', ticketKey: 'F-1' } },
      panel,
    );
    expect(reply).toMatchObject({ ok: true, data: { corrections: 1 } });
    expect(
      await db()
        .corrections.where('ticketHash')
        .equals(await ticketHash('demo', 'F-1'))
        .count(),
    ).toBe(0);
    expect(await localLearner().size('triage', 'category', 'demo')).toBe(before - 1);
  });
});
