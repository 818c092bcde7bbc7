// @vitest-environment node
// provider.test under a locked provider, and redaction locked on: real handlers, real dispatcher, a local
// OpenAI-compatible server that records what reaches it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backgroundMessages } from '@/lib/messaging/protocol';
import { dispatch } from '@/lib/messaging/server';
import { policyHandlers } from '@/lib/policy/handlers';
import { NO_POLICY, setPolicyProvider } from '@/lib/settings/effective';
import { suggestHandlers } from '@/lib/suggest/handlers';
import { type OpenAIServer, startOpenAIServer } from '../../openai-server/server';
import { demoContext } from '../suggest/demo-context';
import { optionsSender } from './route';

const panel = () => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/sidepanel.html'),
  tab: { id: 1 },
});
// biome-ignore lint/suspicious/noExplicitAny: each message has its own reply shape; the assertions check it.
type AnyReply = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };
const ask = (name: string, payload: unknown, sender: object = optionsSender) =>
  dispatch(
    backgroundMessages,
    { ...policyHandlers, ...suggestHandlers },
    { name, payload },
    sender,
  ) as Promise<AnyReply>;

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());
afterEach(() => setPolicyProvider(() => NO_POLICY));

describe('provider.test while the policy locks the provider', () => {
  const lockedEndpoint = () => ({
    values: { provider: { kind: 'openai', baseUrl: server.baseUrl, model: 'gpt-4.1-mini', maxRetries: 0 } },
    locked: ['provider'],
  });

  test('another endpoint is refused with a policy error naming the locked path; nothing is sent', async () => {
    setPolicyProvider(lockedEndpoint);
    const before = server.requests.length;
    const reply = await ask('provider.test', {
      provider: { baseUrl: 'http://127.0.0.1:9/v1', model: 'gpt-4.1-mini', apiKey: 'sk-mine' },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'policy' } });
    expect(!reply.ok && reply.error.message).toMatch(/provider\.baseUrl/);
    expect(!reply.ok && reply.error.message).toMatch(/provider\.apiKey/);
    expect(server.requests.length).toBe(before);
  });

  test('the locked values themselves (what the form shows) and the saved settings may be tested', async () => {
    setPolicyProvider(lockedEndpoint);
    const same = await ask('provider.test', { provider: { baseUrl: server.baseUrl, model: 'gpt-4.1-mini' } });
    expect(same).toMatchObject({ ok: true, data: { ok: true, kind: 'openai' } });
    expect(await ask('provider.test', {})).toMatchObject({ ok: true, data: { kind: 'openai' } });
  });

  test('the local engine locked (safe policy): trying an endpoint names provider.kind', async () => {
    setPolicyProvider(() => ({ values: { provider: { kind: 'local' } }, locked: ['provider'] }));
    const reply = await ask('provider.test', {
      provider: { baseUrl: server.baseUrl, model: 'gpt-4.1-mini' },
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'policy' } });
    expect(!reply.ok && reply.error.message).toMatch(/provider\.kind/);
  });

  test('only the model locked: another model is refused, another endpoint is not', async () => {
    setPolicyProvider(() => ({ values: { provider: { model: 'gpt-4o-mini' } }, locked: ['provider.model'] }));
    const model = await ask('provider.test', {
      provider: { baseUrl: server.baseUrl, model: 'gpt-4.1-mini' },
    });
    expect(!model.ok && model.error).toMatchObject({
      code: 'policy',
      message: expect.stringMatching(/provider\.model/),
    });
    const endpoint = await ask('provider.test', {
      provider: { baseUrl: server.baseUrl, model: 'gpt-4o-mini' },
    });
    expect(endpoint).toMatchObject({ ok: true, data: { ok: true } });
  });
});

describe('redaction locked on by policy', () => {
  const context = () => {
    const c = demoContext(1001);
    c.messages[0] = {
      ...c.messages[0],
      text: `${c.messages[0]?.text} Reach me at kim.lee@example.com please.`,
    } as never;
    return c;
  };
  beforeEach(async () => {
    // The user turned redaction off before the admin locked it on.
    await fakeBrowser.storage.local.set({
      settings: {
        provider: { kind: 'openai', baseUrl: server.baseUrl, maxRetries: 0 },
        redaction: { enabled: false },
      },
    });
  });

  test('without the policy (control) the user choice applies: the address reaches the endpoint', async () => {
    const reply = await ask(
      'suggest.run',
      { requestId: 'r0', context: context(), templateId: 'triage' },
      panel(),
    );
    expect(reply.ok).toBe(true);
    expect(JSON.stringify(server.requests.at(-1)?.body)).toContain('kim.lee@example.com');
  });

  test('a patch turning it off is refused, and the pipeline redacts with the effective settings', async () => {
    setPolicyProvider(() => ({ values: { redaction: { enabled: true } }, locked: ['redaction.enabled'] }));
    const save = await ask('settings.save', { patch: { redaction: { enabled: false } } });
    expect(save).toMatchObject({
      ok: false,
      error: { code: 'policy', message: expect.stringMatching(/redaction\.enabled/) },
    });
    const view = await ask('settings.get', {});
    expect(view.ok && view.data.settings.redaction.enabled).toBe(true);
    expect(view.ok && view.data.sources['redaction.enabled']).toBe('locked');

    const reply = await ask(
      'suggest.run',
      { requestId: 'r1', context: context(), templateId: 'triage' },
      panel(),
    );
    expect(reply.ok).toBe(true);
    const sent = JSON.stringify(server.requests.at(-1)?.body);
    expect(sent).not.toContain('kim.lee@example.com');
    expect(sent).toMatch(/\[EMAIL_\d+\]/);
  });
});
