import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { launch, type Session } from './harness';
import { waitForSuggestion } from './panel-helpers';

/**
 * An XSS corpus in ticket text, rendered by the panel through every template (values, evidence
 * quotes, candidates, questions): nothing executes. Each payload would set window.__xss if it ran.
 */
const CORPUS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<svg/onload=window.__xss=3>',
  '<iframe srcdoc="<script>parent.__xss=4</script>"></iframe>',
  '<a href="javascript:window.__xss=5">click</a>',
  '"><img src=x onerror=window.__xss=6>',
  "'><svg onload=window.__xss=7>",
  '<body onload=window.__xss=8>',
  '<details open ontoggle=window.__xss=9>',
  '<math><mtext></mtext><mglyph><svg><mtext><textarea><path id="</textarea><img onerror=window.__xss=10 src=1>">',
  '<style>@import "javascript:window.__xss=11";</style>',
  '<object data="javascript:window.__xss=12">',
  '<input autofocus onfocus=window.__xss=13>',
  '<video><source onerror="window.__xss=14">',
  '{{constructor.constructor("window.__xss=15")()}}',
  `\${window.__xss=16}`,
  '<div dangerouslySetInnerHTML={{__html:"<img src=x onerror=window.__xss=17>"}}>',
  '[link](javascript:window.__xss=18)',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=19">',
  '<form><button formaction=javascript:window.__xss=20>x</button></form>',
];

let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let session: Session;

beforeAll(async () => {
  desk = await startDemoDesk();
  session = await launch();
  // The corpus arrives as customer messages, with an order number and an amount so fields fill.
  for (const [i, payload] of CORPUS.entries()) {
    await fetch(`${desk.baseUrl}/api/tickets/1002/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        text: `Order A-1${String(i).padStart(4, '0')} ${payload} costs €1${i}.00 ${payload}`,
      }),
    });
  }
});
afterAll(async () => {
  await session?.close();
  await desk?.close();
});

test('an XSS corpus in the ticket executes nothing in the panel, under every template', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  const options = panel.getByTestId('template-select').locator('option');
  await expect.poll(() => options.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
  const templates = await options.evaluateAll((options) =>
    options.map((o) => (o as HTMLOptionElement).value),
  );
  expect(templates.length).toBeGreaterThanOrEqual(5);
  let rendered = 0;
  for (const id of templates) {
    await waitForSuggestion(panel, id);
    // Hover every evidence quote (it highlights in the page too).
    for (const quote of await panel.getByTestId('evidence-quote').all()) {
      await quote.focus().catch(() => {});
      rendered++;
    }
    const text = await panel.locator('body').textContent();
    rendered += CORPUS.filter((p) => text?.includes(p.slice(0, 12))).length;
  }
  const probe = () => ({
    xss: (window as unknown as { __xss?: number }).__xss,
    injected: document.querySelectorAll(
      'img[onerror], svg[onload], iframe[srcdoc], details[ontoggle], body[onload]',
    ).length,
  });
  expect(await panel.evaluate(probe)).toEqual({ xss: undefined, injected: 0 });
  expect(await page.evaluate(probe)).toEqual({ xss: undefined, injected: 0 });
  console.log(
    `xss: ${CORPUS.length} payloads, ${templates.length} templates, ${rendered} renderings checked, 0 executed`,
  );
  await page.close();
});
