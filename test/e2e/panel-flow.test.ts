import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { type OpenAIServer, startOpenAIServer } from '../openai-server/server';
import { dockedPanel, launch, type Session, serviceWorker } from './harness';
import { field, recordsIn, waitForSuggestion } from './panel-helpers';

let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let session: Session;
let ai: OpenAIServer;

type Chrome = typeof import('wxt/browser').browser;

/** Point the extension at a provider (as saved from the options page). */
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
});
afterAll(async () => {
  await session?.close();
  await ai?.close();
  await desk?.close();
});

test('pre-fill with the local engine (no key): the suggested template first, grounded values with evidence', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  await waitForSuggestion(panel);
  expect(await panel.getByTestId('template-select').inputValue()).toBe('refund-request');
  const first = await panel.getByTestId('template-select').locator('option').first().textContent();
  expect(first).toContain('(suggested)');
  const order = field(panel, 'orderNumber');
  expect(await order.getByTestId('field-input-orderNumber').inputValue()).toBe('A-10517');
  expect(await order.getAttribute('data-status')).toBe('filled');
  // Evidence is on demand in the compact row.
  await order.getByTestId('more-orderNumber').click();
  expect(await order.getByTestId('evidence-quote').first().textContent()).toContain('A-10517');
  expect(await order.textContent()).toMatch(/\d+% sure · local engine/);
  // Accepting all takes only grounded values: nothing is pre-accepted before that click.
  expect(await panel.getByTestId('accept-orderNumber').isChecked()).toBe(false);
  await panel.getByTestId('accept-all').click();
  expect(await panel.getByTestId('accept-orderNumber').isChecked()).toBe(true);
  await page.close();
});

test('edit a field: the agent’s value is kept, marked as edited and saved as a draft; undo brings the AI’s back', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  await waitForSuggestion(panel, 'refund-request');
  const input = panel.getByTestId('field-input-reason');
  const before = await input.inputValue();
  await input.fill('Jug arrived cracked');
  await expect.poll(() => field(panel, 'reason').getAttribute('data-status')).toBe('edited');
  await expect.poll(() => panel.getByTestId('draft-status').textContent()).toBe('Draft saved');
  await panel.getByTestId('undo-reason').click();
  expect(await input.inputValue()).toBe(before);
  await page.close();
});

test('regenerate one field with an instruction: the instruction reaches the model, the new value replaces the old, which stays for compare and undo', async () => {
  // An OpenAI-compatible server on loopback that follows the agent's guidance for this field.
  const short = 'Hi Daniel, sorry about the cracked jug. Your full refund for order A-10517 is on its way.';
  ai.script((request) =>
    JSON.stringify(request.body ?? '').includes('Guidance from the agent: shorter')
      ? {
          kind: 'content',
          content: { fields: { reply: { value: short, evidence: ['A-10517'], confidence: 0.8 } }, risks: [] },
        }
      : undefined,
  );
  await setProvider({ kind: 'openai', baseUrl: ai.baseUrl, model: 'gpt-4.1-mini' });
  try {
    const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
    await waitForSuggestion(panel, 'reply-draft');
    const reply = panel.getByTestId('field-input-reply');
    const before = await reply.inputValue();
    expect(before.length).toBeGreaterThan(short.length);
    await field(panel, 'reply').getByTestId('more-reply').click();
    await field(panel, 'reply').getByRole('button', { name: 'Regenerate Reply' }).click();
    await panel.getByLabel('Instruction for Reply (optional)').fill('shorter');
    await panel.getByRole('button', { name: 'Regenerate Reply', exact: true }).click();
    await expect.poll(() => reply.inputValue(), { timeout: 30_000 }).toBe(short);
    expect(ai.requests.some((r) => JSON.stringify(r.body ?? '').includes('shorter'))).toBe(true);
    await panel.getByTestId('compare-reply').click();
    const diff = panel.getByTestId('value-diff');
    expect(await diff.locator('del').count()).toBeGreaterThan(0);
    expect(await diff.locator('ins').count()).toBeGreaterThan(0);
    await panel.getByTestId('undo-reply').click();
    expect(await reply.inputValue()).toBe(before);
    await page.close();
  } finally {
    ai.script(null);
    await setProvider({ kind: 'local' });
  }
});

test('resolve a conflict: ticket 1006 gives two order numbers, the agent picks one', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1006`);
  await waitForSuggestion(panel, 'refund-request');
  const order = field(panel, 'orderNumber');
  expect(await order.getAttribute('data-status')).toBe('conflict');
  const candidates = panel.getByTestId('candidates-orderNumber');
  expect(await candidates.textContent()).toContain('A-10633');
  expect(await candidates.textContent()).toContain('A-10663');
  // Nothing is chosen until the agent picks: the AI's pick is not a decision.
  expect(await candidates.locator('input:checked').count()).toBe(0);
  await candidates.getByLabel(/A-10663/).check();
  expect(await panel.getByTestId('field-input-orderNumber').inputValue()).toBe('A-10663');
  await expect.poll(() => order.getAttribute('data-status')).toBe('edited');
  await page.close();
});

test('apply into the reply box: nothing reaches the page before the click, then the reply is in textarea#reply', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  await waitForSuggestion(panel, 'reply-draft');
  expect(await page.locator('textarea#reply').inputValue()).toBe('');
  const reply = panel.getByTestId('field-input-reply');
  await reply.fill(`${await reply.inputValue()}\n\nKind regards, Tom`);
  expect(await page.locator('textarea#reply').inputValue()).toBe('');
  await panel.getByTestId('apply').click();
  await expect.poll(() => panel.getByTestId('output-notice').textContent()).toContain('Written to the page');
  expect(await page.locator('textarea#reply').inputValue()).toBe(await reply.inputValue());
  expect(await panel.getByTestId('applied-reply').getAttribute('data-applied')).toBe('written');
  // Typing again: the value is no longer the one written, so its state goes.
  await reply.fill(`${await reply.inputValue()}!`);
  expect(await panel.getByTestId('applied-reply').count()).toBe(0);
  // What the agent kept is recorded: a correction for the edited reply, and the apply for metrics.
  const worker = await serviceWorker(session.context);
  await expect
    .poll(async () => (await recordsIn(worker, 'events')).some((e) => e.type === 'applied'))
    .toBe(true);
  const corrections = await recordsIn(worker, 'corrections');
  const replyRow = corrections.find((c) => c.templateId === 'reply-draft' && c.field === 'reply');
  expect(replyRow?.agreed).toBe(false);
  expect(String(replyRow?.keptValue)).toContain('Kind regards, Tom');
  await page.close();
});

test('a reload in the middle of editing loses nothing: the typed text is back', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1003`);
  await waitForSuggestion(panel, 'reply-draft');
  const typed = 'Hi Priya, thanks for the detailed steps. Our QA team is reproducing the PDF export crash';
  await panel.getByTestId('field-input-reply').fill(typed);
  // No wait for the debounce: reload at once.
  await page.reload();
  const again = await dockedPanel(page);
  await waitForSuggestion(again, 'reply-draft');
  await expect.poll(() => again.getByTestId('field-input-reply').inputValue()).toBe(typed);
  expect(await field(again, 'reply').getAttribute('data-status')).toBe('edited');
  await page.close();
});
