import type { Frame, Page } from 'playwright-core';
import { EXTENSION_ID, type Session } from './harness';
import { waitForSuggestion } from './panel-helpers';

export interface DemoWalk {
  session: Session;
  baseUrl: string;
  /** Save a screenshot; `clip` keeps only that part of the page (the docked panel). */
  shot(
    page: Page,
    name: string,
    clip?: { x: number; y: number; width: number; height: number },
  ): Promise<void>;
}

/**
 * Make the docked panel `width` px wide by dragging its edge, as an agent would (the grip sits in a closed
 * shadow root, 3 px either side of the panel's edge). Returns the panel's area of the page.
 */
async function dockWidth(page: Page, panel: Frame, width: number) {
  // The dock is fixed to the page's right edge, left of any scrollbar: measure from clientWidth, not
  // from the viewport (a long ticket page has a scrollbar, and the grip is only 6 px wide).
  const edge = await page.evaluate(() => document.documentElement.clientWidth);
  const height = page.viewportSize()?.height ?? 720;
  const now = await panel.evaluate(() => innerWidth);
  await page.mouse.move(edge - now, 300);
  await page.mouse.down();
  await page.mouse.move(edge - width, 300, { steps: 4 });
  await page.mouse.up();
  await panel.waitForFunction((w) => Math.abs(innerWidth - w) <= 1, width);
  return { x: edge - width, y: 0, width, height };
}

/**
 * Triage with the desk's own fields: the panel offers the page's options, the agent accepts (picking a
 * desk option where the engine had none, typing the product it could not read), Apply all writes every
 * field, and each row says what happened.
 * Then the compact panel is saved at 360 and 480 px, light and dark.
 */
async function walkApplyAll(page: Page, panel: Frame, shot: DemoWalk['shot']): Promise<void> {
  console.log('Triage on the desk’s own fields, then Apply all...');
  await waitForSuggestion(panel, 'triage');
  for (const id of ['category', 'priority']) {
    const input = panel.getByTestId(`field-input-${id}`);
    if ((await input.count()) === 0 || (await input.inputValue())) continue;
    const options = (await input.locator('option').allTextContents()).filter((o) => o !== '(none)');
    if (options[0]) await input.selectOption(options[0]);
  }
  // The local engine has no product list: the agent types the one the customer names.
  const product = panel.getByTestId('field-input-product');
  if ((await product.count()) && !(await product.inputValue())) await product.fill('ProBlend 600');
  await panel.getByTestId('accept-all').click();
  await panel.getByTestId('apply').click();
  await panel.locator('[data-applied]').first().waitFor();
  const rows = await panel
    .locator('[data-applied]')
    .evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-testid')?.replace('applied-', '')}: ${e.textContent}`),
    );
  for (const row of rows) console.log(`  ${row}`);
  await page.setViewportSize({ width: 1280, height: 1000 });
  for (const width of [360, 480]) {
    const clip = await dockWidth(page, panel, width);
    await panel.evaluate(() => document.querySelector('.fields')?.scrollIntoView());
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await shot(page, `panel-applied-${width}-${scheme}`, clip);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  // The agent saves the ticket with the desk's own button: the desk now holds what Deskmate wrote.
  await Promise.all([
    page.waitForURL(/\/tickets\/\d+$/),
    page.locator('form#props button[type=submit]').click(),
  ]);
}

/**
 * The headless demo: one ticket end to end, as far as the product goes today. Each step is a plain
 * function so the demo and the e2e tests share it.
 */
export async function walkDemo({ session, baseUrl, shot }: DemoWalk): Promise<void> {
  const inbox = await session.context.newPage();
  await inbox.goto(baseUrl);
  await shot(inbox, 'inbox');
  await inbox.close();

  console.log('Opening ticket #1002 (refund for a damaged blender)...');
  const { page, panel } = await session.openTicket(`${baseUrl}/tickets/1002`);
  await panel.getByTestId('ticket-summary').waitFor();
  await waitForSuggestion(panel);
  console.log(
    `  pre-filled "${await panel.getByTestId('template-select').inputValue()}" with the local engine (no key)`,
  );
  await shot(page, 'prefill-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'prefill-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  console.log('Reviewing: evidence of the order number highlighted in the ticket...');
  await panel.getByTestId('more-orderNumber').click();
  await panel.getByTestId('field-orderNumber').getByTestId('evidence-quote').first().focus();
  await page.waitForTimeout(300);
  await shot(page, 'evidence-highlight');

  console.log('Switching to the reply draft, editing it...');
  await waitForSuggestion(panel, 'reply-draft');
  const reply = panel.getByTestId('field-input-reply');
  await reply.fill(
    `${await reply.inputValue()}\n\nI have also noted that you prefer a refund over a replacement.`,
  );
  await panel.getByTestId('draft-status').filter({ hasText: 'Draft saved' }).waitFor();
  await shot(page, 'reply-edited');

  console.log("Applying into the desk's reply box...");
  await panel.getByTestId('apply').click();
  await panel.getByTestId('applied-reply').filter({ hasText: 'Written' }).waitFor();
  const applied = await page.locator('textarea#reply').inputValue();
  console.log(`  the reply box now holds ${applied.length} characters`);
  await page.locator('textarea#reply').scrollIntoViewIfNeeded();
  await shot(page, 'applied');
  await walkApplyAll(page, panel, shot);

  console.log('Opening ticket #1006 (two order numbers: a conflict to resolve)...');
  const conflict = await session.openTicket(`${baseUrl}/tickets/1006`);
  await waitForSuggestion(conflict.panel, 'refund-request');
  await conflict.page.emulateMedia({ colorScheme: 'dark' });
  await conflict.panel.getByTestId('candidates-orderNumber').scrollIntoViewIfNeeded();
  await shot(conflict.page, 'conflict-dark');
  await conflict.panel
    .getByTestId('candidates-orderNumber')
    .getByLabel(/A-10663/)
    .check();
  await conflict.page.emulateMedia({ colorScheme: 'light' });
  await shot(conflict.page, 'conflict-resolved-light');
  await conflict.page.close();
  await page.close();
  await walkDashboard({ session, shot });
}

/** The team lead's view: the metrics dashboard in the options page, after the walk above. */
export async function walkDashboard({ session, shot }: Pick<DemoWalk, 'session' | 'shot'>): Promise<void> {
  console.log('Opening the metrics dashboard (options page)...');
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html#dashboard`);
  await page.getByTestId('metrics-summary').waitFor();
  await page.getByTestId('readiness').waitFor();
  const summary = await page.getByTestId('metrics-summary').locator('tbody tr').first().textContent();
  console.log(`  ${summary}`);
  await shot(page, 'dashboard');
  await page.getByTestId('chart-field-accuracy').scrollIntoViewIfNeeded();
  await shot(page, 'dashboard-charts');
  await page.close();
}
