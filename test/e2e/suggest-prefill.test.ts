import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { Suggestion } from '../../lib/templates/suggestion';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { type OpenAIServer, startOpenAIServer } from '../openai-server/server';
import { launch, type Session } from './harness';

let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let ai: OpenAIServer;
let session: Session;

beforeAll(async () => {
  desk = await startDemoDesk();
  ai = await startOpenAIServer({ apiKey: 'sk-e2e', models: ['gpt-4.1-mini'] });
  session = await launch();
});
afterAll(async () => {
  await session?.close();
  await ai?.close();
  await desk?.close();
});
beforeEach(() => {
  ai.requests.length = 0;
});

type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Settings as a user would save them (partial: the rest stays default). */
async function setSettings(settings: unknown): Promise<void> {
  await session.worker.evaluate(async (value) => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    await api.storage.local.set({ settings: value });
  }, settings);
}

/** From the docked panel: read the ticket through the content script, then ask for a suggestion. */
async function suggest(
  panel: Frame,
  templateId: string,
): Promise<{ reply: Reply<Suggestion>; progress: number }> {
  return panel.evaluate(async (templateId) => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    const tab = await api.tabs.getCurrent();
    let context: unknown;
    for (let i = 0; i < 50 && !context; i++) {
      const read = (await api.tabs.sendMessage(
        tab!.id!,
        { name: 'context.read', payload: {} },
        { frameId: 0 },
      )) as {
        ok: boolean;
        data?: { ok: boolean; context?: unknown };
      };
      context = read.data?.ok ? read.data.context : undefined;
      if (!context) await new Promise((r) => setTimeout(r, 100));
    }
    const requestId = `e2e-${Date.now()}`;
    let progress = 0;
    api.runtime.onMessage.addListener((m: { event?: string; payload?: { requestId?: string } }) => {
      if (m?.event === 'suggest.progress' && m.payload?.requestId === requestId) progress++;
    });
    const reply = (await api.runtime.sendMessage({
      name: 'suggest.run',
      payload: { requestId, context, templateId },
    })) as Reply<Suggestion>;
    return { reply, progress };
  }, templateId);
}

test('local engine, no endpoint: ticket 1002 pre-filled with evidence, eligibility left to the agent', async () => {
  await setSettings({});
  const { panel, page } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  const { reply } = await suggest(panel, 'refund-request');
  if (!reply.ok) throw new Error(reply.error.message);
  const s = reply.data;
  expect(s.provider.kind).toBe('local');
  expect(s.fields.orderNumber).toMatchObject({ status: 'filled', value: 'A-10517', source: 'local' });
  expect(s.fields.amount).toMatchObject({ status: 'filled', value: 89.99 });
  expect(s.fields.reason?.evidence[0]?.quote).toContain('arrived with a cracked jug');
  expect(s.fields.eligibility?.status).toBe('missing');
  expect(ai.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  await page.close();
});

test('OpenAI-compatible endpoint: ticket 1006 through the SDK, streamed, with the conflict shown', async () => {
  await setSettings({
    provider: { kind: 'openai', baseUrl: ai.baseUrl, model: 'gpt-4.1-mini', apiKey: 'sk-e2e', maxRetries: 0 },
  });
  const { panel, page } = await session.openTicket(`${desk.baseUrl}/tickets/1006`);
  const { reply, progress } = await suggest(panel, 'refund-request');
  if (!reply.ok) throw new Error(reply.error.message);
  const s = reply.data;
  expect(s.provider).toEqual({ kind: 'openai', model: 'gpt-4.1-mini' });
  expect(s.fields.orderNumber?.status).toBe('conflict');
  expect(s.fields.orderNumber?.candidates?.map((c) => c.value).sort()).toEqual(['A-10633', 'A-10663']);
  expect(s.fields.amount).toMatchObject({ status: 'filled', value: 149, source: 'model' });
  expect(progress).toBeGreaterThan(0);
  // The key went to the endpoint from the background, and the ticket was sent as delimited data.
  // (The panel UI may run its own suggestions too; look at ours.)
  const ours = ai.requests.filter(
    (r) => r.method === 'POST' && r.raw.includes('Template id: refund-request'),
  );
  expect(ours.length).toBeGreaterThanOrEqual(1);
  expect(ours[0]?.headers.authorization).toBe('Bearer sk-e2e');
  expect(ours[0]?.headers.origin).toMatch(/^chrome-extension:\/\//);
  expect(ours[0]?.raw).toContain('#A-10663');
  await page.close();
});

test('typed errors reach the panel: a wrong key is `auth`, templates.list ranks for the ticket', async () => {
  await setSettings({
    provider: { kind: 'openai', baseUrl: ai.baseUrl, model: 'gpt-4.1-mini', apiKey: 'wrong' },
  });
  const { panel, page } = await session.openTicket(`${desk.baseUrl}/tickets/1003`);
  const { reply } = await suggest(panel, 'triage');
  expect(reply.ok).toBe(false);
  if (!reply.ok) expect(reply.error.code).toBe('auth');
  const list = (await panel.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    return api.runtime.sendMessage({ name: 'templates.list', payload: {} });
  })) as Reply<{ templates: Array<{ id: string }>; suggested?: string }>;
  expect(list.ok).toBe(true);
  if (list.ok) expect(list.data.templates.map((t) => t.id)).toContain('bug-report');
  await page.close();
});
