// @vitest-environment node
// The background's suggest messages through the real dispatcher (validation, sender roles, replies).
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backgroundMessages } from '../../../lib/messaging/protocol';
import { dispatch } from '../../../lib/messaging/server';
import { suggestHandlers } from '../../../lib/suggest/handlers';
import { type OpenAIServer, startOpenAIServer } from '../../openai-server/server';
import { demoContext } from './demo-context';

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => server.script(null));

const panel = () => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/sidepanel.html'),
  tab: { id: 1 },
});
const content = () => ({ id: fakeBrowser.runtime.id, url: 'https://desk.example/tickets/1', tab: { id: 1 } });
// biome-ignore lint/suspicious/noExplicitAny: each message has its own reply shape; the assertions check it.
type AnyReply = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };
const ask = (name: string, payload: unknown, sender = panel()) =>
  dispatch(backgroundMessages, suggestHandlers, { name, payload }, sender) as Promise<AnyReply>;

async function useEndpoint(baseUrl: string) {
  await fakeBrowser.storage.local.set({ settings: { provider: { kind: 'openai', baseUrl, maxRetries: 0 } } });
}

test('suggest.run with default settings uses the local engine', async () => {
  const reply = await ask('suggest.run', {
    requestId: 'r1',
    context: demoContext(1002),
    templateId: 'refund-request',
  });
  expect(reply.ok && reply.data.fields.orderNumber.value).toBe('A-10517');
  expect(reply.ok && reply.data.provider.kind).toBe('local');
});

test('a content script may not ask for suggestions; a bad payload is invalid_request', async () => {
  const fromPage = await ask(
    'suggest.run',
    { requestId: 'r2', context: demoContext(1002), templateId: 'triage' },
    content(),
  );
  expect(!fromPage.ok && fromPage.error.code).toBe('forbidden');
  const bad = await ask('suggest.run', { requestId: 'r3', context: { site: '' }, templateId: 'triage' });
  expect(!bad.ok && bad.error.code).toBe('invalid_request');
  const unknown = await ask('suggest.run', {
    requestId: 'r4',
    context: demoContext(1002),
    templateId: 'nope',
  });
  expect(!unknown.ok && unknown.error.code).toBe('not_found');
});

test('suggest.cancel stops a running suggestion, which then replies cancelled', async () => {
  await useEndpoint(server.baseUrl);
  server.script(() => ({ kind: 'hang' }));
  const running = ask('suggest.run', { requestId: 'slow', context: demoContext(1001), templateId: 'triage' });
  await new Promise((r) => setTimeout(r, 200));
  const cancel = await ask('suggest.cancel', { requestId: 'slow' });
  expect(cancel).toEqual({ ok: true, data: { cancelled: true } });
  const reply = await running;
  expect(!reply.ok && reply.error.code).toBe('cancelled');
  expect(await ask('suggest.cancel', { requestId: 'slow' })).toEqual({
    ok: true,
    data: { cancelled: false },
  });
});

test('an endpoint the extension may not reach yet is refused before any request, with the next step', async () => {
  // WXT's fake browser has no permissions store: grant nothing beyond the manifest, as a fresh install.
  const asked: string[] = [];
  fakeBrowser.permissions.contains = async ({ origins = [] }) => {
    asked.push(...origins);
    return false;
  };
  await useEndpoint('https://llm.example.test/v1');
  const reply = await ask('suggest.run', {
    requestId: 'r5',
    context: demoContext(1001),
    templateId: 'triage',
  });
  expect(reply.ok).toBe(false);
  if (!reply.ok) {
    expect(reply.error.code).toBe('network');
    expect(reply.error.message).toMatch(/may not reach https:\/\/llm\.example\.test yet.*allow access/);
  }
  expect(asked).toEqual(['https://llm.example.test/*']);
});

test('templates.list: serializable templates, the suggested one for the ticket, problems of custom ones', async () => {
  await fakeBrowser.storage.local.set({ settings: { templates: { custom: [{ id: 'Bad' }] } } });
  const reply = await ask('templates.list', { context: demoContext(1003) });
  if (!reply.ok) throw new Error(reply.error.message);
  expect(reply.data.suggested).toBe('bug-report');
  expect(reply.data.templates.map((t: { id: string }) => t.id)).toEqual([
    'triage',
    'refund-request',
    'bug-report',
    'escalation-handoff',
    'reply-draft',
  ]);
  expect(reply.data.problems[0].errors.join(' ')).toMatch(/^id: /);
});

test('provider.test: local answers at once; an endpoint answers with model and latency; a bad key is auth', async () => {
  const local = await ask(
    'provider.test',
    {},
    { ...panel(), url: fakeBrowser.runtime.getURL('/options.html') },
  );
  expect(local.ok && local.data).toMatchObject({ kind: 'local', ok: true });
  const remote = await ask('provider.test', { provider: { baseUrl: server.baseUrl, model: 'gpt-4.1-mini' } });
  expect(remote.ok && remote.data).toMatchObject({ ok: true, kind: 'openai', model: 'gpt-4.1-mini' });
  server.enqueue({ kind: 'status', status: 401 });
  const denied = await ask('provider.test', {
    provider: { baseUrl: server.baseUrl, model: 'gpt-4.1-mini', apiKey: 'x' },
  });
  expect(!denied.ok && denied.error.code).toBe('auth');
});
