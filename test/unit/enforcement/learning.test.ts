// @vitest-environment node
// learning.enabled / useCorrectionsInPrompts through the real background handlers, Dexie, retrieval and
// a local OpenAI-compatible server that captures the prompts.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ticketText } from '@/lib/context/ticket-context';
import { db } from '@/lib/db/db';
import { ticketHash } from '@/lib/db/ticket-hash';
import { memoryHandlers } from '@/lib/memory/handlers';
import { afterRecordsChanged, correctionRetrieval, localLearner } from '@/lib/memory/service';
import { backgroundMessages } from '@/lib/messaging/protocol';
import { dispatch } from '@/lib/messaging/server';
import { fieldAccuracy } from '@/lib/metrics/compute';
import { NO_POLICY, type PolicyLayer, setPolicyProvider } from '@/lib/settings/effective';
import { suggestHandlers } from '@/lib/suggest/handlers';
import { type OpenAIServer, startOpenAIServer } from '../../openai-server/server';
import { suggestion } from '../memory/fixtures';
import { demoContext } from '../suggest/demo-context';

const panel = () => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/sidepanel.html'),
  tab: { id: 1 },
});
// biome-ignore lint/suspicious/noExplicitAny: each message has its own reply shape; the assertions check it.
type AnyReply = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };
const ask = (name: string, payload: unknown) =>
  dispatch(
    backgroundMessages,
    { ...memoryHandlers, ...suggestHandlers },
    { name, payload },
    panel(),
  ) as Promise<AnyReply>;

const lockLearning = (learning: Record<string, boolean>): PolicyLayer => ({
  values: { learning },
  locked: Object.keys(learning).map((k) => `learning.${k}`),
});

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());

const context = demoContext(1001);
/** The agent changed the AI's category to another of the desk's options: a correction retrieval offers as a prompt example. */
const record = () =>
  ask('corrections.record', {
    suggestion: suggestion({ ticketKey: context.ticketKey }),
    kept: { category: 'return' },
    text: ticketText(context),
    enumFields: ['category'],
    reasons: { category: 'The customer says the jug arrived cracked' },
  });
/** What retrieval would offer for this ticket (builds the template's index when it is not built yet). */
const nearest = () => correctionRetrieval().nearest('triage', 'demo', ticketText(context), 3);
const lastPrompt = () => server.requests.at(-1)?.body.messages[1].content as string;
const suggest = async () => {
  const reply = await ask('suggest.run', { requestId: crypto.randomUUID(), context, templateId: 'triage' });
  if (!reply.ok) throw new Error(reply.error.message);
  return lastPrompt();
};

describe('learning settings are enforced in the background', () => {
  beforeEach(async () => {
    // Every test starts from no records, an empty learner and no retrieval index.
    await db().corrections.clear();
    await afterRecordsChanged();
    await fakeBrowser.storage.local.set({
      settings: { provider: { kind: 'openai', baseUrl: server.baseUrl, maxRetries: 0 } },
    });
  });
  afterEach(() => setPolicyProvider(() => NO_POLICY));

  test('learning on (control): the correction is stored, learned and offered as a prompt example', async () => {
    const reply = await record();
    expect(reply).toMatchObject({ ok: true, data: { corrections: 1 } });
    expect(await localLearner().size('triage', 'category', 'demo')).toBeGreaterThan(0);
    expect(await suggest()).toContain('Past corrections');
  });

  test('learning.enabled locked off: the row is kept for the metrics without ticket text, and nothing learns or retrieves it', async () => {
    // The index is built first, so a row handed to the live index would show up below.
    expect(await nearest()).toEqual([]);
    setPolicyProvider(() => lockLearning({ enabled: false }));
    const reply = await record();
    expect(reply).toMatchObject({ ok: true, data: { corrections: 1, agreements: 0 } });
    const rows = await db().corrections.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      templateId: 'triage',
      templateVersion: 2,
      field: 'category',
      aiValue: 'shipping',
      keptValue: 'return',
      agreed: false,
      aiConfidence: 0.7,
      aiSource: 'model',
      site: 'demo',
      ticketHash: await ticketHash('demo', context.ticketKey),
      contextSnippet: '',
      evidence: [],
      learnable: false,
    });
    expect(rows[0]?.time).toBeGreaterThan(0);
    expect(rows[0]).not.toHaveProperty('reason');
    // Nothing of the ticket: not the evidence quote, not the reason, not the subject.
    const stored = JSON.stringify(rows);
    for (const text of ['cracked', context.subject]) expect(stored).not.toContain(text);
    // The dashboard measures it all the same.
    expect(fieldAccuracy(rows)).toMatchObject([{ field: 'category', correction: { count: 1, total: 1 } }]);
    expect(await localLearner().size('triage', 'category', 'demo')).toBe(0);
    expect(await nearest()).toEqual([]);
  });

  test('rows recorded with learning off are skipped when the learner and the index are rebuilt', async () => {
    setPolicyProvider(() => lockLearning({ enabled: false }));
    await record();
    setPolicyProvider(() => NO_POLICY);
    await record();
    expect(await db().corrections.count()).toBe(2);
    // What `memory.reindex`, retention, "Forget ticket" and a team-pack import run: only the row
    // recorded with learning on is learned again and offered as an example.
    expect(await afterRecordsChanged()).toBe(1);
    const examples = await nearest();
    expect(examples).toHaveLength(1);
    expect(examples[0]?.ticketSnippet).not.toBe('');
    // Learning back on: the earlier row still puts nothing in prompts of its own.
    await db()
      .corrections.filter((c) => c.learnable !== false)
      .delete();
    await afterRecordsChanged();
    expect(await nearest()).toEqual([]);
    expect(await localLearner().size('triage', 'category', 'demo')).toBe(0);
    expect(await suggest()).not.toContain('Past corrections');
  });

  test('learning.enabled locked off: past corrections are not put in prompts', async () => {
    await record();
    setPolicyProvider(() => lockLearning({ enabled: false }));
    expect(await suggest()).not.toContain('Past corrections');
  });

  test('useCorrectionsInPrompts locked off: no examples, learning itself goes on', async () => {
    setPolicyProvider(() => lockLearning({ useCorrectionsInPrompts: false }));
    expect(await record()).toMatchObject({ ok: true, data: { corrections: 1 } });
    expect(await suggest()).not.toContain('Past corrections');
  });

  test("a user's own learning.enabled: false is honoured too (no policy)", async () => {
    await fakeBrowser.storage.local.set({
      settings: {
        provider: { kind: 'openai', baseUrl: server.baseUrl, maxRetries: 0 },
        learning: { enabled: false },
      },
    });
    expect(await record()).toMatchObject({ ok: true, data: { corrections: 1 } });
    expect(await db().corrections.toArray()).toMatchObject([{ contextSnippet: '', learnable: false }]);
    expect(await localLearner().size('triage', 'category', 'demo')).toBe(0);
  });
});
