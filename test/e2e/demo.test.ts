import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { walkDemo } from './demo-walk';
import { launch, type Session } from './harness';

/**
 * `npm run demo` headless is the README's main command: the same walk runs here, so a change that
 * breaks it (a drag that no longer resizes the dock, a field Apply all cannot write) fails the suite.
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

test('the demo walk runs end to end, and Apply all writes every triage field into the demo desk', async () => {
  const shots: string[] = [];
  await walkDemo({
    session,
    baseUrl: desk.baseUrl,
    shot: async (page, name, clip) => {
      // Taken as the demo takes them (a clip outside the page would throw), kept in memory only.
      await page.screenshot(clip ? { clip } : {});
      shots.push(name);
    },
  });
  expect(shots).toEqual(
    expect.arrayContaining([
      'panel-applied-360-light',
      'panel-applied-360-dark',
      'panel-applied-480-light',
      'panel-applied-480-dark',
      'dashboard',
    ]),
  );
  // What the desk itself now holds for the triaged ticket, through its API.
  const ticket = await (await fetch(`${desk.baseUrl}/api/tickets/1002`)).json();
  expect(ticket).toMatchObject({
    product: 'ProBlend 600',
    sentiment: 'negative',
    language: 'en',
    summary: 'Refund for damaged blender',
  });
}, 240_000);
