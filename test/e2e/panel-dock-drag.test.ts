import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { launch, type Session, serviceWorker } from './harness';

/** Dragging the dock's edge is remembered like the panel's width buttons. */
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

const rightMargin = (page: import('playwright-core').Page) =>
  page.evaluate(() => Number.parseInt(getComputedStyle(document.documentElement).marginRight, 10));

test('drag the dock’s edge to 500 px: the next ticket opens with the panel 500 px wide', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1001`);
  await panel.getByTestId('ticket-summary').waitFor();
  await expect.poll(() => rightMargin(page)).toBe(380);
  // The grip sits in a closed shadow root: reach it by where it is, 3 px either side of the panel's edge.
  const viewport = await page.evaluate(() => document.documentElement.clientWidth);
  await page.mouse.move(viewport - 380, 300);
  await page.mouse.down();
  await page.mouse.move(viewport - 450, 300, { steps: 5 });
  await page.mouse.move(viewport - 500, 300, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => rightMargin(page)).toBe(500);

  const worker = await serviceWorker(session.context);
  const stored = () =>
    worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: Chrome }).chrome;
      return (await api.storage.local.get('dockLayout')).dockLayout;
    });
  await expect.poll(stored).toEqual({ side: 'right', width: 500 });

  const next = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  await expect.poll(() => rightMargin(next.page)).toBe(500);
  await next.page.close();
  await page.close();
});
