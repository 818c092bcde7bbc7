// @vitest-environment node
// `suggest.run` with `engine: 'local'`: the agent's one-run fallback after a provider error.
import { afterEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backgroundMessages } from '../../../lib/messaging/protocol';
import { dispatch } from '../../../lib/messaging/server';
import { NO_POLICY, setPolicyProvider } from '../../../lib/settings/effective';
import { suggestHandlers } from '../../../lib/suggest/handlers';
import { demoContext } from './demo-context';

const panel = () => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/sidepanel.html'),
  tab: { id: 1 },
});
// biome-ignore lint/suspicious/noExplicitAny: the assertions check the reply's shape.
type AnyReply = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };
const ask = (payload: unknown) =>
  dispatch(
    backgroundMessages,
    suggestHandlers,
    { name: 'suggest.run', payload },
    panel(),
  ) as Promise<AnyReply>;

// Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
const UNREACHABLE = 'http://127.0.0.1:9/v1';

afterEach(() => setPolicyProvider(() => NO_POLICY));

async function useUnreachableEndpoint() {
  await fakeBrowser.storage.local.set({
    settings: {
      provider: { kind: 'openai', baseUrl: UNREACHABLE, model: 'm', maxRetries: 0, timeoutMs: 2000 },
    },
  });
}

test('settings point at an unreachable endpoint: the run fails, with engine local it is filled on the device', async () => {
  await useUnreachableEndpoint();
  const failed = await ask({ requestId: 'e1', context: demoContext(1002), templateId: 'refund-request' });
  expect(failed.ok).toBe(false);

  const reply = await ask({
    requestId: 'e2',
    context: demoContext(1002),
    templateId: 'refund-request',
    engine: 'local',
  });
  expect(reply.ok && reply.data.provider.kind).toBe('local');
  expect(reply.ok && reply.data.fields.orderNumber.value).toBe('A-10517');
  // One run only: the settings still point at the endpoint.
  const stored = (await fakeBrowser.storage.local.get('settings')).settings as { provider: { kind: string } };
  expect(stored.provider.kind).toBe('openai');
});

test('a policy that locks the provider still allows the local engine (nothing leaves the device)', async () => {
  await fakeBrowser.storage.local.set({ settings: {} });
  setPolicyProvider(() => ({
    values: { provider: { kind: 'openai', baseUrl: UNREACHABLE, model: 'm', maxRetries: 0 } },
    locked: ['provider.kind', 'provider.baseUrl'],
  }));
  const reply = await ask({
    requestId: 'e3',
    context: demoContext(1002),
    templateId: 'refund-request',
    engine: 'local',
  });
  expect(reply.ok && reply.data.provider.kind).toBe('local');
});

test('an engine other than local is an invalid request', async () => {
  const reply = await ask({
    requestId: 'e4',
    context: demoContext(1002),
    templateId: 'refund-request',
    engine: 'openai',
  });
  expect(!reply.ok && reply.error.code).toBe('invalid_request');
});
