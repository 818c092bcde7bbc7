import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { type OpenAIServer, startOpenAIServer } from '../openai-server/server';
import { launch, type Session, serviceWorker } from './harness';
import { field, waitForSuggestion } from './panel-helpers';

/** Guide and iterate: staleness, progress and cancel, errors with their next step. */
let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let session: Session;
let ai: OpenAIServer;

type Chrome = typeof import('wxt/browser').browser;

async function setProvider(provider: Record<string, unknown>) {
  const worker = await serviceWorker(session.context);
  await worker.evaluate(async (p) => {
    const api = (globalThis as unknown as { chrome: Chrome }).chrome;
    const { settings = {} } = (await api.storage.local.get('settings')) as {
      settings?: Record<string, unknown>;
    };
    await api.storage.local.set({ settings: { ...settings, provider: p } });
  }, provider);
}

beforeAll(async () => {
  desk = await startDemoDesk();
  ai = await startOpenAIServer();
  session = await launch();
});
beforeEach(async () => {
  await fetch(`${desk.baseUrl}/api/reset`, { method: 'POST' });
  ai.script(null);
  await setProvider({ kind: 'local' });
});
afterAll(async () => {
  await session?.close();
  await ai?.close();
  await desk?.close();
});

test('a new reply makes the AI’s values stale; refreshing a field fills it again from the new thread', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  await waitForSuggestion(panel, 'refund-request');
  await fetch(`${desk.baseUrl}/api/tickets/1002/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'Sorry, the order number is A-10518, I mistyped it.' }),
  });
  await expect
    .poll(() => field(panel, 'orderNumber').getAttribute('data-status'), { timeout: 15_000 })
    .toBe('stale');
  await field(panel, 'orderNumber').getByRole('button', { name: 'Refresh' }).click();
  await expect
    .poll(() => field(panel, 'orderNumber').getAttribute('data-status'), { timeout: 15_000 })
    .not.toBe('stale');
  expect(await panel.getByTestId('field-input-orderNumber').inputValue()).toContain('A-1051');
  await page.close();
});

test('while the provider works: progress in a live region, and Cancel stops it without an error', async () => {
  ai.enqueue({ kind: 'hang' });
  await setProvider({ kind: 'openai', baseUrl: ai.baseUrl, model: 'gpt-4.1-mini' });
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  const status = panel.getByTestId('run-status');
  await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('Filling the template');
  expect(await status.getAttribute('aria-live')).toBe('polite');
  await panel.getByTestId('cancel-run').click();
  await expect.poll(() => status.textContent()).toBe('');
  expect(await panel.getByTestId('panel-error').count()).toBe(0);
  await page.close();
});

test('a rejected key is explained with the next step: open the provider settings', async () => {
  ai.script(() => ({ kind: 'status', status: 401, message: 'Incorrect API key provided' }));
  await setProvider({ kind: 'openai', baseUrl: ai.baseUrl, model: 'gpt-4.1-mini', apiKey: 'sk-wrong' });
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  const error = panel.getByTestId('panel-error');
  await error.waitFor({ timeout: 30_000 });
  expect(await error.getAttribute('data-code')).toBe('auth');
  expect(await error.textContent()).toContain('rejected the API key');
  const [options] = await Promise.all([
    session.context.waitForEvent('page'),
    error.getByRole('button', { name: 'Open provider settings' }).click(),
  ]);
  await options.waitForLoadState();
  expect(options.url()).toContain('/options.html#provider');
  await options.getByTestId('section-provider').waitFor();
  await options.close();
  // The agent fixes it (here: back to the local engine), then Retry brings the suggestion.
  expect(await error.getByRole('button', { name: 'Use the local engine for this ticket' }).count()).toBe(1);
  await setProvider({ kind: 'local' });
  await error.getByRole('button', { name: 'Retry' }).click();
  await waitForSuggestion(panel);
  expect(await panel.getByTestId('panel-error').count()).toBe(0);
  expect(await panel.getByTestId('field-input-orderNumber').inputValue()).toBe('A-10517');
  await page.close();
});
