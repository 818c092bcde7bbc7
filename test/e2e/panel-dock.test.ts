import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { launch, type Session, serviceWorker } from './harness';
import { field, waitForSuggestion } from './panel-helpers';

/** The dock's controls, the keyboard toggle's path, and shadow mode. */
let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let session: Session;

type Chrome = typeof import('wxt/browser').browser;

beforeAll(async () => {
  desk = await startDemoDesk();
  session = await launch();
});
afterAll(async () => {
  await session?.close();
  await desk?.close();
});

const margins = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const s = getComputedStyle(document.documentElement);
    return { left: Number.parseInt(s.marginLeft, 10), right: Number.parseInt(s.marginRight, 10) };
  });

test('move to the left, resize, collapse, and the Alt+Shift+D command path brings it back', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1001`);
  await panel.getByTestId('ticket-summary').waitFor();
  await panel.getByRole('button', { name: 'Move the panel to the left' }).click();
  await expect.poll(() => margins(page)).toEqual({ left: 380, right: 0 });
  await panel.getByRole('button', { name: 'Make the panel wider' }).click();
  await expect.poll(async () => (await margins(page)).left).toBe(420);
  await panel.getByTestId('dock-collapse').click();
  await expect.poll(() => margins(page)).toEqual({ left: 0, right: 0 });
  // The keyboard command sends dock.toggle to the active tab from the background.
  const worker = await serviceWorker(session.context);
  await page.bringToFront();
  await worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: Chrome }).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    await api.tabs.sendMessage(tab!.id!, { name: 'dock.toggle', payload: {} }, { frameId: 0 });
  });
  await expect.poll(() => margins(page)).toEqual({ left: 420, right: 0 });
  // The place is remembered for the next ticket.
  const next = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  await expect.poll(() => margins(next.page)).toEqual({ left: 420, right: 0 });
  await next.panel.getByRole('button', { name: 'Move the panel to the right' }).click();
  await next.panel.getByRole('button', { name: 'Make the panel narrower' }).click();
  await expect.poll(() => margins(next.page)).toEqual({ left: 0, right: 380 });
  await next.page.close();
  await page.close();
});

test('shadow mode: nothing from the AI is shown; the agent fills the template by hand', async () => {
  const worker = await serviceWorker(session.context);
  await worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: Chrome }).chrome;
    const { settings = {} } = (await api.storage.local.get('settings')) as {
      settings?: Record<string, unknown>;
    };
    await api.storage.local.set({
      settings: { ...settings, templates: { modes: { 'refund-request': 'shadow' } } },
    });
  });
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  await waitForSuggestion(panel, 'refund-request');
  await panel.getByTestId('shadow-note').waitFor();
  expect(await panel.getByTestId('field-input-orderNumber').inputValue()).toBe('');
  expect(await panel.getByTestId('evidence-quote').count()).toBe(0);
  expect(await panel.getByTestId('guide-instruction').count()).toBe(0);
  await panel.getByTestId('field-input-orderNumber').fill('A-10517');
  expect(await field(panel, 'orderNumber').getAttribute('data-status')).toBe('edited');
  await page.close();
  await worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: Chrome }).chrome;
    const { settings = {} } = (await api.storage.local.get('settings')) as {
      settings?: Record<string, unknown>;
    };
    await api.storage.local.set({ settings: { ...settings, templates: { modes: {} } } });
  });
});
