import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { EXTENSION_ID, launch, type Session } from './harness';
import { waitForSuggestion } from './panel-helpers';

/**
 * The UI follows the browser's language (issue #18): Chromium started in German shows the panel and the
 * options page in German, from public/_locales/de. Debian's Chromium takes the language from --lang
 * (LANGUAGE=de alone left it English when tried, headless).
 */
const de: Record<string, { message: string }> = JSON.parse(
  readFileSync('public/_locales/de/messages.json', 'utf8'),
);
const german = (key: string) => de[key]?.message ?? `(no German text for ${key})`;

let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let session: Session;

beforeAll(async () => {
  desk = await startDemoDesk();
  session = await launch({ args: ['--lang=de'] });
});
afterAll(async () => {
  await session?.close();
  await desk?.close();
});

test('Chromium in German: the docked panel speaks German on the demo desk', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  await waitForSuggestion(panel);
  expect(await panel.evaluate(() => document.documentElement.lang)).toBe('de');
  expect((await panel.getByTestId('apply').textContent())?.trim()).toBe(german('panel_applyAll'));
  expect((await panel.getByTestId('accept-all').textContent())?.trim()).toBe(german('panel_acceptAllFilled'));
  expect(await panel.locator('label[for="template-select"]').textContent()).toBe(german('panel_template'));
  const first = await panel.getByTestId('template-select').locator('option').first().textContent();
  expect(first).toContain('(vorgeschlagen)');
  // Status words and key caps too (Strg, not Ctrl), and no English left in the shortcut line.
  expect(await panel.getByTestId('field-status').first().textContent()).toBe(german('panel_statusFilled'));
  const shortcuts = (await panel.getByTestId('shortcuts').textContent()) ?? '';
  expect(shortcuts).toContain('Strg');
  expect(shortcuts).toContain(german('panel_keyApplyAll'));
  expect(shortcuts).not.toMatch(/next field|apply all/);
  await page.close();
});

test('Chromium in German: the options page speaks German', async () => {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html#provider`);
  await page.getByTestId('section-provider').waitFor();
  expect(await page.title()).toBe(german('options_title'));
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(german('options_title'));
  await expect
    .poll(() => page.getByTestId('nav-provider').textContent())
    .toBe(german('options_sectionProvider'));
  expect(await page.getByTestId('provider-save').textContent()).toBe(german('common_save'));
  await page.close();
});
