import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { EXTENSION_ID, launch, type Session } from './harness';
import { axeViolations, field, seriousOrCritical, waitForSuggestion } from './panel-helpers';

/**
 * Issue #9: a template in shadow mode on the demo desk records agreement without showing the
 * suggestion, and is promoted to assist once the threshold is met (threshold and minTickets set low
 * through the user's settings in storage.local).
 */
let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let session: Session;
/** An extension page (sidepanel.html in a tab: the "panel" role) used to read records and ask as the agent would. */
let probe: Page;

type Row = Record<string, unknown>;
/** A template whose only page field is the reply box: in shadow the agent writes the reply by hand. */
const TEMPLATE = 'reply-draft';

beforeAll(async () => {
  desk = await startDemoDesk();
  session = await launch();
  await session.worker.evaluate(async (template) => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    await api.storage.local.set({
      settings: { templates: { modes: { [template]: 'shadow' }, auto: { threshold: 0.8, minTickets: 2 } } },
    });
  }, TEMPLATE);
  probe = await session.context.newPage();
  await probe.goto(`chrome-extension://${EXTENSION_ID}/sidepanel.html?probe`);
});
afterAll(async () => {
  await session?.close();
  await desk?.close();
});

/** Every row of a table of the extension's database (the background's, same origin). */
function readTable(table: string): Promise<Row[]> {
  return probe.evaluate(
    (name) =>
      new Promise<Row[]>((resolve, reject) => {
        const open = indexedDB.open('deskmate');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            resolve(request.result as Row[]);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    table,
  );
}

async function userSettings(): Promise<{ templates?: { modes?: Record<string, string> } }> {
  return session.worker.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    return (await api.storage.local.get('settings')).settings ?? {};
  });
}

/**
 * What the agent would fill in by hand. The test plays an agent who agrees with the engine: it asks
 * the background for the same (deterministic, local engine) suggestion the panel computed and hid.
 */
async function handValues(ticketUrl: string): Promise<Record<string, string>> {
  const reply = await probe.evaluate(
    async ([url, templateId]) => {
      const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
      const [tab] = await api.tabs.query({ url });
      const read = (await api.tabs.sendMessage(
        tab!.id!,
        { name: 'context.read', payload: {} },
        { frameId: 0 },
      )) as {
        ok: boolean;
        data: { ok: boolean; context: unknown };
      };
      return api.runtime.sendMessage({
        name: 'suggest.run',
        payload: { requestId: crypto.randomUUID(), context: read.data.context, templateId },
      }) as Promise<{ ok: boolean; data: { fields: Record<string, { value: unknown }> } }>;
    },
    [ticketUrl, TEMPLATE] as const,
  );
  expect(reply.ok).toBe(true);
  const values: Record<string, string> = {};
  for (const [id, state] of Object.entries(reply.data.fields)) {
    // Typed as the panel shows values: lists comma-separated, numbers as text.
    const v = state.value;
    const text = Array.isArray(v) ? v.join(', ') : v === null || v === undefined ? '' : String(v);
    if (text !== '') values[id] = text;
  }
  return values;
}

async function fillByHand(panel: Frame, values: Record<string, string>): Promise<void> {
  for (const [id, value] of Object.entries(values)) {
    const input = panel.getByTestId(`field-input-${id}`);
    if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
}

async function shadowTicket(ticket: number): Promise<{ page: Page; values: Record<string, string> }> {
  const url = `${desk.baseUrl}/tickets/${ticket}`;
  const { page, panel } = await session.openTicket(url);
  await waitForSuggestion(panel, TEMPLATE);
  // Shadow: the suggestion was computed, but nothing of it is shown.
  await panel.getByTestId('shadow-note').waitFor();
  for (const id of ['reply', 'tone']) {
    expect(await panel.getByTestId(`field-input-${id}`).inputValue()).toBe('');
  }
  expect(await panel.getByTestId('evidence-quote').count()).toBe(0);
  expect(await panel.locator('[data-testid="field-status"]').count()).toBe(0);

  const values = await handValues(url);
  expect(Object.keys(values)).toEqual(expect.arrayContaining(['reply', 'tone']));
  await fillByHand(panel, values);
  await panel.getByTestId('apply').click();
  await expect.poll(() => panel.getByTestId('output-notice').textContent()).toContain('Written to the page');
  return { page, values };
}

test('shadow: agreement is recorded per field without showing the suggestion; promotion once the threshold is met', async () => {
  const first = await shadowTicket(1002);
  // The agent's values were compared with the hidden suggestion: one agreed row per field they filled.
  await expect
    .poll(async () => (await readTable('events')).filter((e) => e.type === 'shadow.recorded').length, {
      timeout: 15_000,
    })
    .toBe(1);
  const corrections = (await readTable('corrections')).filter((c) => c.templateId === TEMPLATE);
  const filled = Object.keys(first.values).sort();
  expect(corrections.map((c) => c.field).sort()).toEqual(expect.arrayContaining(filled));
  for (const c of corrections.filter((c) => filled.includes(c.field as string))) expect(c.agreed).toBe(true);
  const recorded = (await readTable('events')).find((e) => e.type === 'shadow.recorded') as Row & {
    data: { agreed: number; corrected: number };
  };
  expect(recorded.data.agreed).toBeGreaterThanOrEqual(filled.length);
  // No ticket text in events: hashes, ids and numbers only.
  const events = JSON.stringify(await readTable('events'));
  expect(events).not.toContain('blender');
  expect(events).not.toContain('A-10517');
  expect(events).not.toContain('Okafor');
  expect(events).not.toContain(first.values.reply);
  // One ticket is below minTickets (2): still shadow.
  expect((await userSettings()).templates?.modes?.[TEMPLATE]).toBe('shadow');
  await first.page.close();

  const second = await shadowTicket(1001);
  await expect
    .poll(async () => (await userSettings()).templates?.modes?.[TEMPLATE], { timeout: 15_000 })
    .toBe('assist');
  const promoted = (await readTable('events')).filter((e) => e.type === 'template.promoted');
  expect(promoted).toHaveLength(1);
  expect(promoted[0]).toMatchObject({
    templateId: TEMPLATE,
    data: { from: 'shadow', to: 'assist', by: 'auto', tickets: 2 },
  });
  await second.page.close();

  // Now in assist: the next ticket shows the suggestion for review.
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1003`);
  await waitForSuggestion(panel, TEMPLATE);
  expect(await panel.getByTestId('shadow-note').count()).toBe(0);
  await expect.poll(() => panel.getByTestId('field-input-reply').inputValue()).not.toBe('');
  expect(await field(panel, 'reply').getAttribute('data-status')).toBe('filled');
  await page.close();
});

test('the dashboard shows the measured readiness and owners', async () => {
  await session.worker.evaluate(async (template) => {
    const api = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    const settings = (await api.storage.local.get('settings')).settings as { templates: object };
    await api.storage.local.set({
      settings: {
        ...settings,
        templates: {
          ...settings.templates,
          owners: { [template]: { name: 'Lea Martin', contact: 'lea@example.com' } },
        },
      },
    });
  }, TEMPLATE);
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html#dashboard`);
  const readiness = page.getByTestId(`readiness-${TEMPLATE}`);
  await readiness.waitFor({ timeout: 15_000 });
  expect(await readiness.textContent()).toContain('Owner: Lea Martin');
  expect(await readiness.textContent()).toContain('assist');
  expect(await page.locator('svg[role="img"]').count()).toBe(4);
  // Accessible: no serious or critical axe violations; each chart has a table view.
  expect(seriousOrCritical(await axeViolations(page))).toEqual([]);
  const chart = page.getByTestId('chart-field-accuracy');
  await chart.getByRole('button', { name: 'Show table' }).click();
  expect(await chart.locator('tbody tr').count()).toBeGreaterThanOrEqual(2); // reply, tone
  await page.close();
});
