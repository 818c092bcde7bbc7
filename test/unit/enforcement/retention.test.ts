import { afterEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ticketText } from '@/lib/context/ticket-context';
import { db } from '@/lib/db/db';
import { applyRetention, memoryHandlers, startRetention } from '@/lib/memory/handlers';
import { backgroundMessages } from '@/lib/messaging/protocol';
import { dispatch } from '@/lib/messaging/server';
import { setPolicyStatusProvider } from '@/lib/policy/service';
import { NO_POLICY, setPolicyProvider } from '@/lib/settings/effective';
import { suggestion } from '../memory/fixtures';
import { demoContext } from '../suggest/demo-context';
import { optionsSender } from './route';

const DAY = 86_400_000;
const panel = { id: fakeBrowser.runtime.id, url: `${fakeBrowser.runtime.getURL('/')}sidepanel.html` };
const settled = { present: true, valid: true, errors: [], pending: false, missingHostPermissions: [] };

/** One correction and one decision `daysAgo` old, on their own ticket. */
async function seed(hash: string, daysAgo: number): Promise<void> {
  const time = Date.now() - daysAgo * DAY;
  await db().corrections.add({
    templateId: 'triage',
    templateVersion: 1,
    field: 'category',
    aiValue: 'a',
    keptValue: 'b',
    agreed: false,
    aiConfidence: 0.5,
    aiSource: 'model',
    evidence: [],
    contextSnippet: 'old ticket text',
    site: 'demo',
    ticketHash: hash,
    time,
  });
  await db().decisions.add({
    time,
    site: 'demo',
    ticketHash: hash,
    action: 'dismissed',
    rulesFired: [],
    signals: [],
  } as never);
}

const left = async (hash: string) =>
  (await db().corrections.where('ticketHash').equals(hash).count()) +
  (await db().decisions.where('ticketHash').equals(hash).count());

async function fresh(): Promise<void> {
  await db().corrections.clear();
  await db().decisions.clear();
  await seed('h-40d', 40);
  await seed('h-10d', 10);
}

// The user once chose 10 years; the admin locks 30 days: the locked value decides.
async function policy30(): Promise<void> {
  await fakeBrowser.storage.local.set({ settings: { retentionDays: 3650 } });
  setPolicyProvider(() => ({ values: { retentionDays: 30 }, locked: ['retentionDays'] }));
  setPolicyStatusProvider(() => settled);
}

describe('retentionDays is enforced with the effective value', () => {
  afterEach(() => {
    setPolicyProvider(() => NO_POLICY);
    setPolicyStatusProvider(() => ({ ...settled, present: false }));
    vi.useRealTimers();
  });

  test('memory.prune deletes what is older than the locked policy value, keeps the rest', async () => {
    await fresh();
    await policy30();
    const reply = await dispatch(
      backgroundMessages,
      memoryHandlers,
      { name: 'memory.prune', payload: {} },
      optionsSender,
    );
    expect(reply).toMatchObject({ ok: true, data: { corrections: 1, decisions: 1 } });
    expect(await left('h-40d')).toBe(0);
    expect(await left('h-10d')).toBe(2);
  });

  test('while the managed policy is still being read, nothing is deleted and memory.prune says why', async () => {
    await fresh();
    await fakeBrowser.storage.local.set({ settings: { retentionDays: 5 } });
    setPolicyStatusProvider(() => ({ ...settled, pending: true }));
    expect(await applyRetention()).toBeUndefined();
    const reply = await dispatch(
      backgroundMessages,
      memoryHandlers,
      { name: 'memory.prune', payload: {} },
      optionsSender,
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'policy' } });
    expect(await left('h-10d')).toBe(2);
  });

  test('background start prunes at once, then again every few hours', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    await fresh();
    await policy30();
    startRetention();
    await vi.waitFor(async () => expect(await left('h-40d')).toBe(0));
    expect(await left('h-10d')).toBe(2);
    // 25 days later the 10-day-old records are 35 days old: the periodic run deletes them.
    vi.setSystemTime(Date.now() + 25 * DAY);
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    await vi.waitFor(async () => expect(await left('h-10d')).toBe(0));
  });

  test('recording a correction prunes when due, with the effective value', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 400 * DAY);
    await fresh();
    await policy30();
    const context = demoContext(1001);
    const reply = await dispatch(
      backgroundMessages,
      memoryHandlers,
      {
        name: 'corrections.record',
        payload: {
          suggestion: suggestion({ ticketKey: context.ticketKey }),
          kept: { category: 'refund' },
          text: ticketText(context),
        },
      },
      panel,
    );
    expect(reply?.ok).toBe(true);
    expect(await left('h-40d')).toBe(0);
    expect(await left('h-10d')).toBe(2);
  });
});
