import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { exportCsv } from '@/components/dashboard/use-dashboard';
import { exportLog, useCorrectionLog } from '@/components/options/use-correction-log';
import { db } from '@/lib/db/db';
import { escalationHandlers } from '@/lib/escalation/handlers';
import { EXPORT_REFUSED } from '@/lib/export/allowed';
import { exportStream } from '@/lib/export/stream';
import { backgroundMessages } from '@/lib/messaging/protocol';
import { dispatch } from '@/lib/messaging/server';
import { policyHandlers } from '@/lib/policy/handlers';
import { NO_POLICY, setPolicyProvider } from '@/lib/settings/effective';
import { teamHandlers } from '@/lib/team/handlers';
import { optionsSender, routeToBackground } from './route';

const FORBIDDEN = { values: { exportAllowed: false }, locked: ['exportAllowed'] };

async function seed(): Promise<void> {
  await db().corrections.clear();
  await db().decisions.clear();
  await db().corrections.add({
    templateId: 'triage',
    templateVersion: 1,
    field: 'category',
    aiValue: 'shipping',
    keptValue: 'refund',
    agreed: false,
    aiConfidence: 0.5,
    aiSource: 'model',
    evidence: [],
    contextSnippet: 'secret customer text',
    site: 'demo',
    ticketHash: 'h-1',
    time: Date.now(),
  });
  await db().decisions.add({
    time: Date.now(),
    site: 'demo',
    ticketHash: 'h-1',
    action: 'escalated',
    rulesFired: [],
    signals: [],
  } as never);
}

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    text += decoder.decode(value, { stream: true });
  }
}

describe('exportAllowed is enforced where the data is read', () => {
  let downloads: ReturnType<typeof vi.spyOn>;
  beforeEach(async () => {
    await seed();
    routeToBackground({ ...policyHandlers, ...escalationHandlers, ...teamHandlers });
    downloads = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test');
  });
  afterEach(() => {
    setPolicyProvider(() => NO_POLICY);
    vi.restoreAllMocks();
  });

  test('allowed: the page export reads the log (control)', async () => {
    expect(await read(exportStream(db(), 'corrections', 'jsonl'))).toContain('secret customer text');
  });

  test('locked off by policy: the page export stream refuses with a policy error before reading', async () => {
    setPolicyProvider(() => FORBIDDEN);
    const failure = await read(exportStream(db(), 'corrections', 'jsonl')).catch((e) => e);
    expect(failure).toMatchObject({ code: 'policy', message: EXPORT_REFUSED });
  });

  test("the user's own exportAllowed false is the effective value too", async () => {
    await browser.storage.local.set({ settings: { exportAllowed: false } });
    await expect(read(exportStream(db(), 'decisions', 'csv'))).rejects.toMatchObject({ code: 'policy' });
  });

  test('options page: Export says why and downloads nothing', async () => {
    setPolicyProvider(() => FORBIDDEN);
    await exportLog('corrections', 'csv');
    expect(useCorrectionLog.getState().status).toEqual({ kind: 'error', message: EXPORT_REFUSED });
    expect(downloads).not.toHaveBeenCalled();
  });

  test('dashboard chart CSV: refused, nothing downloaded', async () => {
    setPolicyProvider(() => FORBIDDEN);
    await exportCsv('accuracy', ['field', 'accuracy'], [['category', 0.9]]);
    expect(downloads).not.toHaveBeenCalled();
    setPolicyProvider(() => NO_POLICY);
    await exportCsv('accuracy', ['field', 'accuracy'], [['category', 0.9]]);
    expect(downloads).toHaveBeenCalledTimes(1);
  });

  test('decisions.export in the background: refused under a locked policy', async () => {
    setPolicyProvider(() => FORBIDDEN);
    const reply = await dispatch(
      backgroundMessages,
      escalationHandlers,
      { name: 'decisions.export', payload: { format: 'csv' } },
      optionsSender,
    );
    expect(reply).toEqual({ ok: false, error: { code: 'policy', message: EXPORT_REFUSED } });
  });
});
