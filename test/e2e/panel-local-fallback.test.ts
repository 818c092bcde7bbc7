import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { type OpenAIServer, startOpenAIServer } from '../openai-server/server';
import { launch, type Session, serviceWorker } from './harness';
import { field, waitForSuggestion } from './panel-helpers';

/** After a provider error the agent can fill this ticket on the device, without changing the setting. */
let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let session: Session;
let ai: OpenAIServer;

type Chrome = typeof import('wxt/browser').browser;

async function storedProvider(): Promise<Record<string, unknown> | undefined> {
  const worker = await serviceWorker(session.context);
  return worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: Chrome }).chrome;
    const { settings } = (await api.storage.local.get('settings')) as {
      settings?: { provider?: Record<string, unknown> };
    };
    return settings?.provider;
  });
}

beforeAll(async () => {
  desk = await startDemoDesk();
  ai = await startOpenAIServer();
  session = await launch();
  const worker = await serviceWorker(session.context);
  await worker.evaluate(
    async (p) => {
      const api = (globalThis as unknown as { chrome: Chrome }).chrome;
      const { settings = {} } = (await api.storage.local.get('settings')) as {
        settings?: Record<string, unknown>;
      };
      await api.storage.local.set({ settings: { ...settings, provider: p } });
    },
    { kind: 'openai', baseUrl: ai.baseUrl, model: 'gpt-4.1-mini', apiKey: 'sk-wrong', maxRetries: 0 },
  );
});
afterAll(async () => {
  await session?.close();
  await ai?.close();
  await desk?.close();
});

test('a rejected key: "Use the local engine for this ticket" fills the fields on the device for this ticket, the setting stays', async () => {
  ai.script((request) =>
    request.path.endsWith('/chat/completions')
      ? { kind: 'status', status: 401, message: 'Incorrect API key provided' }
      : undefined,
  );
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  const error = panel.getByTestId('panel-error');
  await error.waitFor({ timeout: 30_000 });
  expect(await error.getAttribute('data-code')).toBe('auth');
  const chatCalls = () => ai.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
  const before = chatCalls();
  expect(before).toBeGreaterThan(0);

  await error.getByRole('button', { name: 'Use the local engine for this ticket' }).click();
  await waitForSuggestion(panel);
  expect(await panel.getByTestId('panel-error').count()).toBe(0);
  expect(await panel.getByTestId('field-input-orderNumber').inputValue()).toBe('A-10517');
  expect(await field(panel, 'orderNumber').textContent()).toMatch(/local engine/);
  // Nothing went to the provider for the local run, and the engine setting was not changed.
  expect(chatCalls()).toBe(before);
  expect((await storedProvider())?.kind).toBe('openai');
  // The choice holds for this ticket: another template is filled on the device too, not by the provider.
  await waitForSuggestion(panel, 'triage');
  expect(await panel.getByTestId('panel-error').count()).toBe(0);
  expect(chatCalls()).toBe(before);
  await page.close();
});
