import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { EXTENSION_ID, launch, type Session } from './harness';

let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let session: Session;

beforeAll(async () => {
  desk = await startDemoDesk();
  session = await launch();
});
afterAll(async () => {
  await session?.close();
  await desk?.close();
});

test('the extension loads with its fixed ID', () => {
  expect(session.worker.url()).toBe(`chrome-extension://${EXTENSION_ID}/background.js`);
});

test('a demo ticket gets the docked panel, which reads the ticket and talks to the background', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  await expect.poll(() => panel.getByTestId('background-status').textContent()).toMatch(/connected/);
  await expect
    .poll(() => panel.getByTestId('ticket-summary').textContent())
    .toContain('Refund for damaged blender');
  // The page stays usable: it is narrowed, not covered.
  const margin = await page.evaluate(() => getComputedStyle(document.documentElement).marginRight);
  expect(Number.parseInt(margin, 10)).toBeGreaterThanOrEqual(300);
  await page.close();
});

test('the inbox list is not a ticket: no panel there', async () => {
  const page = await session.context.newPage();
  await page.goto(`${desk.baseUrl}/`);
  await page.waitForTimeout(500);
  expect(page.frames().some((f) => f.url().includes('sidepanel.html'))).toBe(false);
  await page.close();
});
