import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { launch, type Session } from './harness';

/**
 * Live pages on the demo desk: a reply arriving while the panel is open, and single-page navigation
 * to another ticket, each reach the panel as `context.changed` with what changed.
 */
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

type Changed = { context: { ticketKey: string; messages: { text: string }[] }; changes: string[] };

/** Collect context.changed events in the docked panel (an extension page, like the real panel). */
async function listen(panel: Frame): Promise<() => Promise<Changed[]>> {
  await panel.evaluate(() => {
    const w = window as unknown as { __changed: unknown[] };
    w.__changed = [];
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    api.runtime.onMessage.addListener((m: unknown) => {
      const message = m as { event?: string; payload?: unknown };
      if (message?.event === 'context.changed') w.__changed.push(message.payload);
    });
  });
  return () => panel.evaluate(() => (window as unknown as { __changed: Changed[] }).__changed);
}

test('a new reply arriving while the panel is open is told to the panel', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  const events = await listen(panel);
  await fetch(`${desk.baseUrl}/api/tickets/1002/messages`, {
    method: 'POST',
    body: JSON.stringify({ text: 'Any news? The blender still leaks (order A-10457).' }),
  });
  await expect
    .poll(async () => (await events()).find((e) => e.changes.includes('messages')), { timeout: 15_000 })
    .toBeTruthy();
  const last = (await events()).at(-1)!;
  expect(last.context.ticketKey).toBe('1002');
  expect(last.context.messages.at(-1)?.text).toBe('Any news? The blender still leaks (order A-10457).');
  await page.close();
});

test('single-page navigation to another ticket is a ticket change', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1004`);
  const events = await listen(panel);
  // What a single-page desk does: new URL through the History API, new ticket rendered in place.
  const html = await (await fetch(`${desk.baseUrl}/tickets/1005`)).text();
  await page.evaluate((next) => {
    const doc = new DOMParser().parseFromString(next, 'text/html');
    history.pushState({}, '', '/tickets/1005');
    document.querySelector('main.ticket')!.replaceWith(doc.querySelector('main.ticket')!);
  }, html);
  await expect
    .poll(async () => (await events()).find((e) => e.changes.includes('ticket'))?.context.ticketKey, {
      timeout: 15_000,
    })
    .toBe('1005');
  await page.close();
});
