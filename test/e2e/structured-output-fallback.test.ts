import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { type OpenAIServer, startOpenAIServer } from '../openai-server/server';
import { EXTENSION_ID, launch, type Session, serviceWorker } from './harness';
import { field, waitForSuggestion } from './panel-helpers';

/**
 * A server that refuses json_schema with a 400 and JSON mode too (docs/structured-output.md): the built
 * extension still brings the suggestion, through plain text with the schema in the prompt, and the
 * options page shows the mode it learned for the endpoint.
 */
let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let session: Session;
let ai: OpenAIServer;

type Chrome = typeof import('wxt/browser').browser;

beforeAll(async () => {
  desk = await startDemoDesk();
  ai = await startOpenAIServer({ structuredOutput: 'refuse-json-object' });
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
    { kind: 'openai', baseUrl: ai.baseUrl, model: 'gpt-4.1-mini', apiKey: 'sk-test', maxRetries: 0 },
  );
});
afterAll(async () => {
  await session?.close();
  await ai?.close();
  await desk?.close();
});

test('a server that refuses json_schema and JSON mode: the suggestion still arrives, the learned mode is shown', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  await waitForSuggestion(panel);
  expect(await panel.getByTestId('panel-error').count()).toBe(0);
  expect(await panel.getByTestId('field-input-orderNumber').inputValue()).toBe('A-10517');
  expect(await field(panel, 'orderNumber').getByTestId('field-status').getAttribute('data-status')).toBe(
    'filled',
  );
  const formats = ai.requests
    .filter((r) => r.path.endsWith('/chat/completions'))
    .map((r) => r.body?.response_format?.type ?? 'none');
  expect(formats.slice(0, 3)).toEqual(['json_schema', 'json_object', 'none']);
  await page.close();

  const options = await session.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html#provider`);
  await expect
    .poll(() => options.getByTestId('provider-learned-mode').textContent(), { timeout: 15_000 })
    .toMatch(/plain text with the schema in the prompt \(json_object refused \(HTTP 400\)\)/);

  // Once learned, the next ticket goes straight to plain text: no refused request first.
  const before = ai.requests.length;
  const next = await session.openTicket(`${desk.baseUrl}/tickets/1001`);
  await waitForSuggestion(next.panel);
  const later = ai.requests.slice(before).filter((r) => r.path.endsWith('/chat/completions'));
  expect(later.length).toBeGreaterThan(0);
  expect(later.every((r) => r.body?.response_format === undefined)).toBe(true);
  await next.page.close();
  await options.close();
});
