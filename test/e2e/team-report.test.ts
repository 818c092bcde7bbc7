import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { EXTENSION_ID, launch, type Session, serviceWorker } from './harness';
import { recordsIn, waitForSuggestion } from './panel-helpers';
import { openOptions } from './policy-files';

/**
 * The team report from the built extension (issue #17): two agents' records made through the panel
 * (an edited reply applied, an escalation, a dismissal), exported from Options as the agents would,
 * with the agent id changed between the two exports; the lead opens team.html with no desk, drops
 * the six exports plus a cut-off file and another tool's file, and gets the merged counts, one row per
 * agent, the problems named by file and line, and the merged CSV.
 */
let desk: Awaited<ReturnType<typeof startDemoDesk>>;
let session: Session;
const dir = mkdtempSync(join(tmpdir(), 'deskmate-team-'));

beforeAll(async () => {
  desk = await startDemoDesk();
  session = await launch();
});
afterAll(async () => {
  await session?.close();
  await desk?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function applyEditedReply(ticket: number, signature: string): Promise<void> {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/${ticket}`);
  await waitForSuggestion(panel, 'reply-draft');
  const reply = panel.getByTestId('field-input-reply');
  await reply.fill(`${await reply.inputValue()}\n\n${signature}`);
  await panel.getByTestId('apply').click();
  await expect.poll(() => panel.getByTestId('output-notice').textContent()).toContain('Written to the page');
  await page.close();
}

async function decide(ticket: number, action: 'escalate' | 'dismiss'): Promise<void> {
  const { page, panel } = await session.openTicket(`${desk.baseUrl}/tickets/${ticket}`);
  const banner = panel.getByTestId('escalation-banner');
  await banner.waitFor({ timeout: 30_000 });
  if (action === 'escalate') {
    await banner.getByRole('button', { name: 'Escalate', exact: true }).click();
  } else {
    await banner.getByRole('button', { name: 'Dismiss…' }).click();
    await banner.getByLabel('Why is no escalation needed?').fill('Known test account used by QA');
    await banner.getByRole('button', { name: 'Dismiss with this reason' }).click();
  }
  await panel.getByTestId('escalation-outcome').waitFor({ timeout: 15_000 });
  await page.close();
}

/** Click an export button in Options > Corrections and decisions; the file as the browser saved it. */
async function exportFile(page: Page, button: string): Promise<string> {
  const log = page.locator('.correction-log');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    log.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}

test('two agents export, the lead merges them on team.html: counts, agents, problems by file and line, merged CSV', async () => {
  // Agent 1, under the pseudonym this browser generated.
  await applyEditedReply(1002, 'Kind regards, Tom');
  await decide(1005, 'escalate');
  let options = await openOptions(session, 'team');
  const firstId = (await options.getByTestId('team-agent-id').textContent()) ?? '';
  expect(firstId).toMatch(/^agent-[0-9a-f]{6}$/);
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html#corrections`);
  await options.reload();
  const files = [
    await exportFile(options, 'Export JSONL'),
    await exportFile(options, 'Export decisions (CSV)'),
    await exportFile(options, 'Export metrics events (JSONL)'),
  ];
  expect(files[0]).toContain(`deskmate-corrections-${firstId}-`);

  // Agent 2: the id is changed in Options > Team (a real name is refused there).
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html#team`);
  await options.reload();
  const input = options.getByRole('textbox', { name: 'Agent id' });
  await input.fill('Tom Baker');
  expect(await options.getByTestId('team-identity').textContent()).toContain('does not allow real names');
  await input.fill('agent-b2');
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => options.getByTestId('team-agent-id').textContent()).toBe('agent-b2');
  await options.close();
  await applyEditedReply(1003, 'Best, Ana');
  await decide(1013, 'dismiss');
  options = await openOptions(session, 'corrections');
  await options.locator('.correction-log').waitFor();
  files.push(
    await exportFile(options, 'Export CSV'),
    await exportFile(options, 'Export decisions (JSONL)'),
    await exportFile(options, 'Export metrics events (CSV)'),
  );
  await options.close();

  // Broken input: agent 2's events cut off mid-line, and a spreadsheet from another tool.
  const events = readFileSync(files[2]!, 'utf8').trimEnd();
  const lines = events.split('\n');
  const cut = join(dir, 'cut-events.jsonl');
  writeFileSync(cut, `${events.slice(0, events.length - 30)}`);
  const foreign = join(dir, 'contacts.csv');
  writeFileSync(foreign, 'Name,Email,Phone\r\nAna,ana@example.com,555\r\n');

  const worker = await serviceWorker(session.context);
  const db = {
    events: (await recordsIn(worker, 'events')).length,
    corrections: (await recordsIn(worker, 'corrections')).length,
    decisions: (await recordsIn(worker, 'decisions')).length,
  };
  expect(db.decisions).toBe(2);

  // The lead: the standalone page, no desk open.
  for (const p of session.context.pages()) if (p.url().startsWith(desk.baseUrl)) await p.close();
  const team = await session.context.newPage();
  await team.goto(`chrome-extension://${EXTENSION_ID}/team.html`);
  await team.getByTestId('team-files').setInputFiles([...files, cut, foreign]);
  await expect
    .poll(() => team.getByTestId('team-counts').textContent(), { timeout: 30_000 })
    .toBe(
      `2 agents · ${db.events} events · ${db.corrections} corrections · ${db.decisions} decisions · ${
        new Set([...(await recordsIn(worker, 'events')).map((e) => e.ticketHash)].filter(Boolean)).size
      } tickets`,
    );
  const agents = await team.getByTestId('team-agents-row').allTextContents();
  expect(agents).toHaveLength(2);
  expect(agents.find((a) => a.startsWith(firstId))).toMatch(/1 \/ 0$/);
  expect(agents.find((a) => a.startsWith('agent-b2'))).toMatch(/0 \/ 1$/);
  const problems = await team.getByTestId('team-problems').textContent();
  expect(problems).toContain(`cut-events.jsonl line ${lines.length}: cut off`);
  expect(problems).toContain('contacts.csv is not a Deskmate export');
  // Agent 2's exports hold agent 1's records too: counted once.
  expect(problems).toMatch(/deskmate-corrections-agent-b2-[\d-]+\.csv: \d+ records were already loaded/);
  expect(await team.getByTestId('team-confusion').textContent()).toContain('reply-draft · reply');

  const [download] = await Promise.all([
    team.waitForEvent('download'),
    team.getByRole('button', { name: 'Download merged CSV' }).click(),
  ]);
  const csvPath = join(dir, download.suggestedFilename());
  await download.saveAs(csvPath);
  const csv = readFileSync(csvPath, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(csv[0]).toMatch(/^scope,id,tickets,applied templates,/);
  expect(csv[1]).toMatch(/^team,team,/);
  expect(csv.filter((r) => r.startsWith('agent,'))).toHaveLength(2);
  expect(csv.some((r) => r.startsWith('agent,agent-b2,'))).toBe(true);
  expect(csv.some((r) => r.startsWith('desk,demo,'))).toBe(true);
  await team.close();
});
