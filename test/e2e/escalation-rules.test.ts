import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { EXTENSION_ID, launch, type Session } from './harness';

/** Rules are data: a team adds its own in the options page and the panel uses it on the next ticket. */
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

test('a rule saved in the options page flags the next ticket; an invalid one is refused', async () => {
  const options = await session.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html#escalation`);
  const editor = options.getByTestId('escalation-rules-json');
  await editor.waitFor();
  expect(await options.locator('tbody tr[data-rule-id="legal-threat"]').textContent()).toContain('Critical');

  await editor.fill(
    '[{ "id": "kitchen", "severity": "warning", "reason": "x", "any": [{ "kind": "text", "patterns": ["(blender"] }] }]',
  );
  expect(await options.getByTestId('escalation-rules-problems').textContent()).toContain(
    'Every pattern must be a valid JavaScript regular expression.',
  );
  expect(await options.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);

  await editor.fill(
    JSON.stringify([
      {
        id: 'kitchen-appliance',
        severity: 'warning',
        reason: 'Kitchen appliances go to the appliance team.',
        any: [{ kind: 'text', keywords: ['blender*', 'licuadora'] }],
        routing: { queue: 'Appliances', priority: 'high' },
      },
    ]),
  );
  await options.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => options.getByText('Saved.').count()).toBe(1);
  await options.close();

  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/1002`);
  const flag = panel.getByTestId('escalation-banner').locator('[data-rule-id="kitchen-appliance"]');
  await flag.waitFor({ timeout: 30_000 });
  expect(await flag.textContent()).toContain('Route to: queue Appliances · priority high');
  expect(await flag.textContent()).toContain(
    'the ProBlend 600 blender I received arrived with a cracked jug',
  );
  await page.close();
});
