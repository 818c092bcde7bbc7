/**
 * Save fresh fixture pages from the real desks installed by setup-rt5.sh and setup-redmine.sh, so the
 * committed fixtures under test/fixtures/{rt,redmine} are reproducible:
 *   sudo sh scripts/desks/setup-rt5.sh && sudo sh scripts/desks/setup-redmine.sh
 *   npx tsx scripts/desks/save-fixtures.ts
 * Pages are taken from Chromium after the desk's own scripts ran (RT loads its history late), plus
 * the raw server HTML (what a content script sees before the history arrives).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';

function env(file: string): Record<string, string> | undefined {
  try {
    return Object.fromEntries(
      readFileSync(`.desk-state/${file}`, 'utf8')
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
  } catch {
    return undefined;
  }
}

const header = (source: string) =>
  `<!-- Saved from a real desk by scripts/desks/save-fixtures.ts: ${source} -->\n`;

async function save(page: Page, path: string, source: string): Promise<void> {
  const html = await page.content();
  writeFileSync(path, header(source) + html);
  console.log(`saved ${path} (${html.length} chars)`);
}

async function saveRaw(page: Page, url: string, path: string, source: string): Promise<void> {
  const html = await page.evaluate(async (u) => (await fetch(u)).text(), url);
  writeFileSync(path, header(source) + html);
  console.log(`saved ${path} (${html.length} chars)`);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage();

const rt = env('rt5.env');
if (rt && !process.argv.includes('--redmine-only')) {
  const id = rt.RT_SAMPLE_TICKET;
  await page.goto(`${rt.RT_BASE}/`);
  await page.fill('input[name="user"]', rt.RT_USER!);
  await page.fill('input[name="pass"]', rt.RT_PASS!);
  await Promise.all([
    page.waitForNavigation(),
    page.click('form#login button, form#login input[type=submit]'),
  ]);
  await page.goto(`${rt.RT_BASE}/Ticket/Display.html?id=${id}`);
  await page.waitForSelector('#delayed_ticket_history .transaction[data-transaction-id]');
  await save(
    page,
    'test/fixtures/rt/ticket-display.html',
    `Request Tracker 5 /Ticket/Display.html?id=${id}, history loaded`,
  );
  await saveRaw(
    page,
    `${rt.RT_BASE}/Ticket/Display.html?id=${id}`,
    'test/fixtures/rt/ticket-display-before-history.html',
    `Request Tracker 5 /Ticket/Display.html?id=${id}, server HTML before the history loads`,
  );
  await page.goto(`${rt.RT_BASE}/Ticket/Update.html?Action=Respond&id=${id}`);
  await page.waitForSelector('#cke_UpdateContent iframe.cke_wysiwyg_frame');
  await save(
    page,
    'test/fixtures/rt/ticket-reply.html',
    `Request Tracker 5 /Ticket/Update.html?Action=Respond&id=${id}`,
  );
  // The IT desk's ticket (queues, custom fields, owners of its own), with RT 5's inline edit forms.
  await page.goto(`${rt.RT_BASE}/Ticket/Display.html?id=${rt.RT_IT_TICKET}`);
  await page.waitForSelector('#delayed_ticket_history .transaction[data-transaction-id]');
  await save(
    page,
    'test/fixtures/rt/ticket-it-desk.html',
    `Request Tracker 5 /Ticket/Display.html?id=${rt.RT_IT_TICKET}, IT desk ticket, as root`,
  );
  // The same ticket for a user who may see it but change nothing: no inline edit forms.
  const viewer = await browser.newPage();
  await viewer.goto(`${rt.RT_BASE}/`);
  await viewer.fill('input[name="user"]', 'vera.viewer');
  await viewer.fill('input[name="pass"]', 'password1');
  await Promise.all([
    viewer.waitForNavigation(),
    viewer.click('form#login button, form#login input[type=submit]'),
  ]);
  await viewer.goto(`${rt.RT_BASE}/Ticket/Display.html?id=${rt.RT_IT_TICKET}`);
  await viewer.waitForSelector('#delayed_ticket_history .transaction[data-transaction-id]');
  await save(
    viewer,
    'test/fixtures/rt/ticket-it-desk-read-only.html',
    `Request Tracker 5 /Ticket/Display.html?id=${rt.RT_IT_TICKET}, as vera.viewer (ShowTicket only)`,
  );
  await viewer.close();
} else console.log('RT is not set up (run scripts/desks/setup-rt5.sh): skipped');

const rm = env('redmine.env');
if (rm && !process.argv.includes('--rt-only')) {
  const id = rm.RM_SAMPLE_ISSUE;
  await page.goto(`${rm.RM_BASE}/login`);
  await page.fill('#username', rm.RM_USER!);
  await page.fill('#password', rm.RM_PASS!);
  await Promise.all([page.waitForNavigation(), page.click('#login-submit')]);
  await page.goto(`${rm.RM_BASE}/issues/${id}`);
  await save(page, 'test/fixtures/redmine/issue.html', `Redmine 5 /issues/${id}`);
  await page.click('#content .contextual a.icon-edit');
  await page.waitForSelector('textarea#issue_notes', { state: 'visible' });
  await save(page, 'test/fixtures/redmine/issue-editing.html', `Redmine 5 /issues/${id} after clicking Edit`);
  // The same issue for a member who may only look (the Viewer role): no edit form.
  const viewer = await browser.newPage();
  await viewer.goto(`${rm.RM_BASE}/login`);
  await viewer.fill('#username', rm.RM_VIEWER!);
  await viewer.fill('#password', rm.RM_VIEWER_PASS!);
  await Promise.all([viewer.waitForNavigation(), viewer.click('#login-submit')]);
  await viewer.goto(`${rm.RM_BASE}/issues/${id}`);
  await save(
    viewer,
    'test/fixtures/redmine/issue-read-only.html',
    `Redmine 5 /issues/${id}, as ${rm.RM_VIEWER} (Viewer role: view_issues only)`,
  );
  await viewer.close();
} else console.log('Redmine is not set up (run scripts/desks/setup-redmine.sh): skipped');

await browser.close();
