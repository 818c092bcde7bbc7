import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { EXTENSION_ID, launch, type Session } from './harness';
import { axeViolations, seriousOrCritical, waitForSuggestion } from './panel-helpers';

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

test('the check can fail: axe reports a button without a name as critical', async () => {
  const page = await session.context.newPage();
  await page.setContent('<main><button></button><img src="x.png"></main>');
  const violations = seriousOrCritical(await axeViolations(page));
  expect(violations.map((v) => v.id)).toContain('button-name');
  await page.close();
});

describe.each(['light', 'dark'] as const)('accessibility (%s theme)', (colorScheme) => {
  test('the docked panel with a pre-filled template has no serious or critical axe violations', async () => {
    const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1006`);
    await page.emulateMedia({ colorScheme });
    await waitForSuggestion(panel, 'refund-request');
    const violations = seriousOrCritical(await axeViolations(panel));
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.close();
  });

  test('every options section has no serious or critical axe violations', async () => {
    const page = await session.context.newPage();
    await page.emulateMedia({ colorScheme });
    await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    const links = page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link');
    await links.first().waitFor();
    const count = await links.count();
    expect(count).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < count; i++) {
      await links.nth(i).click();
      const violations = seriousOrCritical(await axeViolations(page));
      expect(
        violations,
        `${await links.nth(i).textContent()}: ${JSON.stringify(violations, null, 2)}`,
      ).toEqual([]);
    }
    await page.close();
  });
});

test('the panel fits a narrow dock (under 360 px): no horizontal scrolling', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1006`);
  await waitForSuggestion(panel, 'refund-request');
  await panel.getByRole('button', { name: 'Make the panel narrower' }).click();
  await expect.poll(() => panel.evaluate(() => innerWidth)).toBeLessThanOrEqual(360);
  const { scroll, client } = await panel.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
  await panel.getByRole('button', { name: 'Make the panel wider' }).click();
  await page.close();
});

test('the panel works with the keyboard alone: Tab reaches the template, a field and Apply in order', async () => {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  await waitForSuggestion(panel, 'reply-draft');
  await panel.getByTestId('template-select').focus();
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    seen.push(await panel.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? ''));
  }
  expect(seen).toContain('field-input-reply');
  expect(seen).toContain('apply');
  expect(seen.indexOf('field-input-reply')).toBeLessThan(seen.indexOf('apply'));
  await page.close();
});

test('the options page works with the keyboard alone: Tab reaches the nav and every control in order', async () => {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html#provider`);
  await page.getByLabel('Model').waitFor();
  const seen: string[] = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    seen.push(
      await page.evaluate(
        () =>
          document.activeElement?.getAttribute('data-testid') ??
          document.activeElement?.id ??
          document.activeElement?.tagName ??
          '',
      ),
    );
  }
  expect(seen).toContain('nav-provider');
  expect(seen).toContain('provider-save');
  expect(seen.indexOf('nav-provider')).toBeLessThan(seen.indexOf('provider-save'));
  await page.close();
});
