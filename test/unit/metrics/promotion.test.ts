import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type Correction, db } from '@/lib/db/db';
import { backgroundMessages } from '@/lib/messaging/protocol';
import { dispatch } from '@/lib/messaging/server';
import { metricsHandlers } from '@/lib/metrics/handlers';
import { getUserSettings, NO_POLICY, setPolicyProvider } from '@/lib/settings/effective';

const origin = fakeBrowser.runtime.getURL('/');
const panel = { id: fakeBrowser.runtime.id, url: `${origin}sidepanel.html` };
const options = { id: fakeBrowser.runtime.id, url: `${origin}options.html` };
const content = { id: fakeBrowser.runtime.id, url: 'https://desk.example/t/1', tab: { id: 3 } };
const hash = (n: number) => n.toString(16).padStart(64, '0');

function agreement(ticket: number, agreed: boolean): Correction {
  return {
    templateId: 'triage',
    templateVersion: 1,
    field: 'category',
    aiValue: 'billing',
    keptValue: agreed ? 'billing' : 'other',
    agreed,
    aiConfidence: 0.9,
    aiSource: 'local',
    evidence: [],
    contextSnippet: '',
    site: 'demo',
    ticketHash: hash(ticket),
    time: ticket,
  };
}
const shadowRecorded = (ticket: number, agreed: number) => ({
  name: 'events.record',
  payload: {
    type: 'shadow.recorded',
    site: 'demo',
    ticketHash: hash(ticket),
    templateId: 'triage',
    data: { fields: 1, agreed, corrected: 1 - agreed },
  },
});
const send = (message: unknown, sender = panel) =>
  dispatch(backgroundMessages, metricsHandlers, message, sender);

beforeEach(async () => {
  await db().events.clear();
  await db().corrections.clear();
  await fakeBrowser.storage.local.set({
    settings: { templates: { modes: { triage: 'shadow' }, auto: { threshold: 0.6, minTickets: 2 } } },
  });
});
afterEach(() => setPolicyProvider(() => NO_POLICY));

describe('events.record and automatic promotion', () => {
  test('stays in shadow until the threshold is met over enough tickets, then moves to assist once', async () => {
    await db().corrections.add(agreement(1, true));
    expect(await send(shadowRecorded(1, 1))).toMatchObject({ ok: true, data: { promoted: false } }); // 1 ticket < 2
    await db().corrections.add(agreement(2, false));
    expect(await send(shadowRecorded(2, 0))).toMatchObject({ ok: true, data: { promoted: false } }); // 1/2 < 0.6
    await db().corrections.add(agreement(3, true));
    expect(await send(shadowRecorded(3, 1))).toMatchObject({ ok: true, data: { promoted: true } }); // 2/3 >= 0.6
    expect((await getUserSettings()).templates.modes.triage).toBe('assist');
    const promoted = await db().events.where('type').equals('template.promoted').toArray();
    expect(promoted).toHaveLength(1);
    expect(promoted[0]).toMatchObject({
      templateId: 'triage',
      ticketHash: hash(3),
      data: { from: 'shadow', to: 'assist', by: 'auto', tickets: 3 },
    });
    // In assist now: further comparisons do not promote again.
    expect(await send(shadowRecorded(4, 1))).toMatchObject({ ok: true, data: { promoted: false } });
    expect(await send({ name: 'metrics.mode', payload: { templateId: 'triage' } })).toEqual({
      ok: true,
      data: { mode: 'assist', autoFields: ['category'] },
    });
  });

  test('a mode locked by policy is never promoted, and the lead cannot change it either', async () => {
    setPolicyProvider(() => ({
      values: { templates: { modes: { triage: 'shadow' } } },
      locked: ['templates.modes'],
    }));
    await db().corrections.bulkAdd([agreement(1, true), agreement(2, true)]);
    expect(await send(shadowRecorded(2, 1))).toMatchObject({ ok: true, data: { promoted: false } });
    expect(
      await send({ name: 'metrics.setMode', payload: { templateId: 'triage', mode: 'assist' } }, options),
    ).toMatchObject({
      ok: false,
      error: { code: 'policy' },
    });
    expect(await db().events.where('type').equals('template.promoted').count()).toBe(0);
  });

  test('automatic promotion switched off: ready, but it stays in shadow until the lead promotes', async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        templates: { modes: { triage: 'shadow' }, auto: { threshold: 0.6, minTickets: 2, promote: false } },
      },
    });
    await db().corrections.bulkAdd([agreement(1, true), agreement(2, true)]);
    expect(await send(shadowRecorded(2, 1))).toMatchObject({ ok: true, data: { promoted: false } });
    expect((await getUserSettings()).templates.modes.triage).toBe('shadow');
  });

  test('the team lead promotes from the options page whatever readiness says, recorded as an event', async () => {
    expect(
      await send({ name: 'metrics.setMode', payload: { templateId: 'triage', mode: 'assist' } }, options),
    ).toEqual({
      ok: true,
      data: { mode: 'assist' },
    });
    expect((await getUserSettings()).templates.modes.triage).toBe('assist');
    const [event] = await db().events.toArray();
    expect(event).toMatchObject({
      type: 'template.promoted',
      ticketHash: '',
      data: { by: 'lead', from: 'shadow', to: 'assist' },
    });
  });

  test('content scripts may not record events; invalid events are refused with a typed error', async () => {
    expect(await send(shadowRecorded(1, 1), content)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await send({
        name: 'events.record',
        payload: { type: 'panel.opened', site: 'demo', ticketHash: 'ticket 42' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await db().events.count()).toBe(0);
  });
});
