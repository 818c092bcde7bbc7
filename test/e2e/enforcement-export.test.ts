import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, type Session } from './harness';
import { openOptions, sendFrom } from './policy-files';

// exportAllowed in the built extension: the options page asks the background (settings.get) before it
// reads a row, the buttons follow the effective value, decisions.export refuses in the background.
let session: Session | undefined;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

test('the options page exports while allowed; with exportAllowed false the buttons are disabled and the background refuses', async () => {
  const page = await openOptions(session!, 'corrections');
  const log = page.locator('.correction-log');
  await log.getByRole('button', { name: 'Export CSV' }).click();
  await expect
    .poll(() => log.getByRole('status').first().textContent(), { timeout: 15_000 })
    .toMatch(/Exported deskmate-corrections-.*\.csv/);

  const saved = await sendFrom(page, 'settings.save', { patch: { exportAllowed: false } });
  expect(saved.ok).toBe(true);
  await page.reload();
  const buttons = page.locator('.correction-log .button-row button');
  await expect.poll(() => buttons.count(), { timeout: 15_000 }).toBe(6);
  for (const b of await buttons.all()) expect(await b.isDisabled()).toBe(true);
  expect(await page.locator('.correction-log').textContent()).toContain('does not allow exporting');

  const refused = await sendFrom(page, 'decisions.export', { format: 'csv' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'policy' } });

  // The options page opens the section named in the hash when it loads.
  await page.goto(page.url().replace(/#.*$/, '#dashboard'));
  await page.reload();
  await expect.poll(() => page.getByTestId('export-locked').count(), { timeout: 15_000 }).toBe(1);
  const csv = page.getByTestId('dashboard').getByRole('button', { name: 'Export CSV' });
  expect(await csv.count()).toBeGreaterThan(0);
  for (const b of await csv.all()) expect(await b.isDisabled()).toBe(true);
});
