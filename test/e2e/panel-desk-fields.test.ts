import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { launch, type Session } from './harness';
import { field, waitForSuggestion } from './panel-helpers';

let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let session: Session;

beforeAll(async () => {
  desk = await startDemoDesk();
  session = await launch();
});
beforeEach(async () => {
  await fetch(`${desk.baseUrl}/api/reset`, { method: 'POST' });
});
afterAll(async () => {
  await session?.close();
  await desk?.close();
});

const optionTexts = (texts: string[]) => texts.map((t) => t.trim()).filter((t) => t && t !== '(none)');

test('the panel offers the desk’s own options, Apply all writes them into the page’s selects and says written per field', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  await waitForSuggestion(panel, 'triage');
  // The choices are the ones the page offers, read from it (no list in the extension).
  const deskCategories = optionTexts(await page.locator('#field-category option').allTextContents());
  const deskPriorities = optionTexts(await page.locator('#field-priority option').allTextContents());
  const category = panel.getByTestId('field-input-category');
  const priority = panel.getByTestId('field-input-priority');
  expect(optionTexts(await category.locator('option').allTextContents()).sort()).toEqual(
    [...deskCategories].sort(),
  );
  expect(optionTexts(await priority.locator('option').allTextContents()).sort()).toEqual(
    [...deskPriorities].sort(),
  );
  // The row says where the value goes: the desk's own field, by its label.
  expect(await field(panel, 'category').textContent()).toContain('→ Category');

  // The agent picks values other than the page's current ones (their pick counts as accepted).
  const pageCategory = await page.locator('#field-category').inputValue();
  const pagePriority = await page.locator('#field-priority').inputValue();
  const newCategory = deskCategories.find((c) => c !== pageCategory)!;
  const newPriority = deskPriorities.find((p) => p !== pagePriority)!;
  await category.selectOption(newCategory);
  await priority.selectOption(newPriority);
  await panel.getByTestId('accept-all').click();
  expect(await panel.getByTestId('apply-plan').textContent()).toContain('Category → Category');

  await panel.getByTestId('apply').click();
  await expect.poll(() => panel.getByTestId('applied-category').getAttribute('data-applied')).toBe('written');
  expect(await panel.getByTestId('applied-priority').getAttribute('data-applied')).toBe('written');
  expect(await page.locator('#field-category').inputValue()).toBe(newCategory);
  expect(await page.locator('#field-priority').inputValue()).toBe(newPriority);
  // Custom fields whose options the desk labels its own way ("Negative", "English") get the
  // engine's sentiment and language as the desk's option, and a free-text field its text.
  expect(await panel.getByTestId('applied-sentiment').getAttribute('data-applied')).toBe('written');
  expect(await page.locator('#field-sentiment').inputValue()).toBe('negative');
  expect(await page.locator('#field-language').inputValue()).toBe('en');
  expect(await page.locator('#field-summary').inputValue()).toBe(
    await panel.getByTestId('field-input-summary').inputValue(),
  );
  // The agent's values are still in the panel after applying.
  expect(await category.inputValue()).toBe(newCategory);
  await page.close();
});

test('keyboard flow: Alt+↓ walks the fields, Alt+Enter accepts, Ctrl+Enter applies all', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  await waitForSuggestion(panel, 'reply-draft');
  expect(await panel.getByTestId('shortcuts').textContent()).toContain('apply all');
  await panel.getByTestId('template-select').focus();
  await page.keyboard.press('Alt+ArrowDown');
  expect(await panel.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
    'field-input-reply',
  );
  await page.keyboard.press('Alt+Enter');
  // Accepting moves on to the next field.
  expect(
    await panel.evaluate(() =>
      document.activeElement?.closest('[data-field-row]')?.getAttribute('data-field-row'),
    ),
  ).not.toBe('reply');
  await page.keyboard.press('Control+Enter');
  await expect.poll(() => panel.getByTestId('applied-reply').getAttribute('data-applied')).toBe('written');
  expect(await page.locator('textarea#reply').inputValue()).toBe(
    await panel.getByTestId('field-input-reply').inputValue(),
  );
  await page.close();
});
