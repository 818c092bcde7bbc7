// @vitest-environment node
// learning.enabled / useCorrectionsInPrompts through the real background handlers, Dexie, retrieval and
// a local OpenAI-compatible server that captures the prompts.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ticketText } from '@/lib/context/ticket-context';
import { db } from '@/lib/db/db';
import { memoryHandlers } from '@/lib/memory/handlers';
import { localLearner } from '@/lib/memory/service';
import { backgroundMessages } from '@/lib/messaging/protocol';
import { dispatch } from '@/lib/messaging/server';
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
/** The agent changed the AI's category: a correction retrieval offers as a prompt example. */
const record = () =>
  ask('corrections.record', {
    suggestion: suggestion({ ticketKey: context.ticketKey }),
    kept: { category: 'damaged-item' },
    text: ticketText(context),
    enumFields: ['category'],
  });
const lastPrompt = () => server.requests.at(-1)?.body.messages[1].content as string;
const suggest = async () => {
  const reply = await ask('suggest.run', { requestId: crypto.randomUUID(), context, templateId: 'triage' });
  if (!reply.ok) throw new Error(reply.error.message);
  return lastPrompt();
};

describe('learning settings are enforced in the background', () => {
  beforeEach(async () => {
    await fakeBrowser.storage.local.set({
      settings: { provider: { kind: 'openai', baseUrl: server.baseUrl, maxRetries: 0 } },
    });
  });
  afterEach(() => setPolicyProvider(() => NO_POLICY));

  test('learning on (control): the correction is stored, learned and offered as a prompt example', async () => {
    const reply = await record();
    expect(reply).toMatchObject({ ok: true, data: { corrections: 1 } });
    expect(await localLearner().size('triage', 'category')).toBeGreaterThan(0);
    expect(await suggest()).toContain('Past corrections');
  });

  test('learning.enabled locked off: corrections.record stores nothing and the learner learns nothing', async () => {
    const stored = await db().corrections.count();
    const learned = await localLearner().size('triage', 'category');
    setPolicyProvider(() => lockLearning({ enabled: false }));
    const reply = await record();
    expect(reply).toMatchObject({ ok: true, data: { corrections: 0, agreements: 0 } });
    expect(await db().corrections.count()).toBe(stored);
    expect(await localLearner().size('triage', 'category')).toBe(learned);
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
    const stored = await db().corrections.count();
    await record();
    expect(await db().corrections.count()).toBe(stored);
  });
});
