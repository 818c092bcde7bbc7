import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_ID, launch, type Session } from './harness';
import { recordsIn, waitForSuggestion } from './panel-helpers';
import { ensureDesk } from './sites-desks';

/**
 * Issue #16 on a real Redmine 5 set up as a team's own desk (scripts/desks/setup-redmine.sh: trackers
 * Bug, Feature, Support; categories Netzwerk, Hardware, Zugänge, Software; version 2026.12; list custom
 * field Impact, text custom field Asset tag; agent max.agent; vera.viewer who may only look). The panel
 * offers Redmine's own values, Apply all fills the issue's edit form, the agent submits it with Redmine's
 * own button, and Redmine's REST API (/issues/<id>.json) is the judge of what was written.
 */
const desk = ensureDesk('setup-redmine.sh', 'redmine.env');
const BASE = desk.env.RM_BASE ?? '';
const admin = `Basic ${Buffer.from(`${desk.env.RM_USER}:${desk.env.RM_PASS}`).toString('base64')}`;

/** A custom template a team on Redmine would write: every field bound to a field of their issues. */
const IT_ISSUE = {
  id: 'it-issue',
  name: 'IT issue',
  schema: {
    type: 'object',
    properties: {
      tracker: {
        type: 'string',
        description: 'What kind of issue it is.',
        'x-deskmate': { label: 'Tracker', kind: 'enum', bind: ['Tracker'] },
      },
      status: {
        type: 'string',
        description: 'Where the issue stands.',
        'x-deskmate': { label: 'Status', kind: 'enum', bind: ['Status'] },
      },
      priority: {
        type: 'string',
        description: 'How urgent.',
        'x-deskmate': { label: 'Priority', kind: 'enum', bind: ['Priority'] },
      },
      category: {
        type: 'string',
        description: 'The team that takes it.',
        'x-deskmate': { label: 'Category', kind: 'enum', bind: ['Category'] },
      },
      assignee: {
        type: 'string',
        description: 'Who works on it.',
        'x-deskmate': { label: 'Assignee', kind: 'enum', bind: ['Assignee'] },
      },
      version: {
        type: 'string',
        description: 'The release it is planned for.',
        'x-deskmate': { label: 'Target version', kind: 'enum', bind: ['Target version'] },
      },
      impact: {
        type: 'string',
        description: 'How many people are affected.',
        'x-deskmate': { label: 'Impact', kind: 'enum', bind: ['Impact'] },
      },
      assetTag: {
        type: 'string',
        description: 'The device asset tag.',
        'x-deskmate': { label: 'Asset tag', kind: 'text', bind: ['Asset tag'] },
      },
    },
    required: ['tracker', 'priority'],
  },
};

interface Named {
  id: number;
  name: string;
}
interface RedmineIssue {
  tracker: Named;
  status: Named;
  priority: Named;
  category?: Named;
  assigned_to?: Named;
  fixed_version?: Named;
  custom_fields: { id: number; name: string; value: string | string[] | null }[];
}

/** Redmine's own REST API as the admin (X-Redmine-Switch-User: as another user). */
async function api<T>(method: string, path: string, body?: unknown, asUser?: string): Promise<T> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: {
      Authorization: admin,
      'Content-Type': 'application/json',
      ...(asUser ? { 'X-Redmine-Switch-User': asUser } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`Redmine ${method} ${path}: ${res.status} ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as T;
}

const idOf = async (path: string, key: string, name: string) => {
  const list = await api<Record<string, Named[]>>('GET', path);
  const found = list[key]?.find((x) => x.name === name);
  if (!found) throw new Error(`Redmine has no ${key} "${name}" (run scripts/desks/setup-redmine.sh)`);
  return found.id;
};

/** A fresh issue written by the customer (Support, Normal priority, nobody assigned). */
async function newIssue(subject: string): Promise<number> {
  const created = await api<{ issue: { id: number } }>(
    'POST',
    '/issues.json',
    {
      issue: {
        project_id: 'support',
        tracker_id: await idOf('/trackers.json', 'trackers', 'Support'),
        priority_id: await idOf('/enumerations/issue_priorities.json', 'issue_priorities', 'Normal'),
        subject,
        description: 'My laptop LT-7731 cannot reach the file server over the VPN since this morning.',
      },
    },
    'alice',
  );
  return created.issue.id;
}

const issue = async (id: number) => (await api<{ issue: RedmineIssue }>('GET', `/issues/${id}.json`)).issue;
const cf = (i: RedmineIssue, name: string) => i.custom_fields.find((c) => c.name === name)?.value;

async function login(session: Session, user: string, pass: string): Promise<void> {
  const page = await session.context.newPage();
  await page.goto(`${BASE}/login`);
  await page.fill('#username', user);
  await page.fill('#password', pass);
  await Promise.all([page.waitForNavigation(), page.click('#login-submit')]);
  await page.close();
}

async function saveTemplate(session: Session): Promise<void> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html#templates`);
  await page.getByTestId('section-templates').waitFor();
  await page.getByTestId('templates-json').fill(JSON.stringify([IT_ISSUE], null, 2));
  await page.getByTestId('templates-problems').filter({ hasText: '1 valid template' }).waitFor();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('section-templates').filter({ hasText: 'Saved.' }).waitFor();
  await page.close();
}

/** Redmine's empty entry is a no-break space; the panel's own is "(none)". */
const optionTexts = (texts: string[]) =>
  texts.map((t) => t.replace(/\u00a0/g, ' ').trim()).filter((t) => t && t !== '(none)');

let session: Session;

describe.skipIf(!desk.ok)(`Redmine desk fields${desk.ok ? '' : ` (skipped: ${desk.reason})`}`, () => {
  beforeAll(async () => {
    session = await launch();
    await login(session, desk.env.RM_USER!, desk.env.RM_PASS!);
    await saveTemplate(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  test("the panel offers Redmine's own values; Apply all fills the edit form; Redmine keeps them", async () => {
    const id = await newIssue(`Deskmate desk fields ${Date.now()}`);
    const { page, panel } = await session.openTicket(`${BASE}/issues/${id}`);
    await waitForSuggestion(panel, 'it-issue');
    const options = async (f: string) =>
      optionTexts(await panel.getByTestId(`field-input-${f}`).locator('option').allTextContents());
    // The choices are Redmine's, read from the issue's edit form: none of them is named in the extension.
    expect(await options('tracker')).toEqual(expect.arrayContaining(['Bug', 'Feature', 'Support']));
    expect(await options('category')).toEqual(
      expect.arrayContaining(['Netzwerk', 'Hardware', 'Zugänge', 'Software']),
    );
    expect(await options('priority')).toEqual(
      expect.arrayContaining(['Low', 'Normal', 'Urgent', 'Immediate']),
    );
    expect(await options('impact')).toEqual(['Single user', 'Team', 'Department', 'Whole company']);
    expect(await options('assignee')).toContain('Max Agent');
    expect(await options('version')).toEqual(['2026.12']);

    // Tracker and status first: Redmine reloads the form for them (updateIssueFrom); the rest must survive.
    await panel.getByTestId('field-input-tracker').selectOption('Bug');
    await panel.getByTestId('field-input-status').selectOption('Feedback');
    await panel.getByTestId('field-input-priority').selectOption('Urgent');
    await panel.getByTestId('field-input-category').selectOption('Zugänge');
    await panel.getByTestId('field-input-assignee').selectOption('Max Agent');
    await panel.getByTestId('field-input-version').selectOption('2026.12');
    await panel.getByTestId('field-input-impact').selectOption('Whole company');
    await panel.getByTestId('field-input-assetTag').fill('LT-7731');
    await panel.getByTestId('accept-all').click();
    await panel.getByTestId('apply').click();
    const all = ['tracker', 'status', 'priority', 'category', 'assignee', 'version', 'impact', 'assetTag'];
    for (const f of all) {
      await expect
        .poll(() => panel.getByTestId(`applied-${f}`).getAttribute('data-applied'), { message: f })
        .toBe('written');
    }
    // The edit form is open with the values in; the agent submits it with Redmine's own button.
    expect(await page.isVisible('#issue-form')).toBe(true);
    await Promise.all([page.waitForNavigation(), page.click('#issue-form input[name="commit"]')]);

    const after = await issue(id);
    expect(after.tracker.name).toBe('Bug');
    expect(after.status.name).toBe('Feedback');
    expect(after.priority.name).toBe('Urgent');
    expect(after.category?.name).toBe('Zugänge');
    expect(after.assigned_to?.name).toBe('Max Agent');
    expect(after.fixed_version?.name).toBe('2026.12');
    expect(cf(after, 'Impact')).toBe('Whole company');
    expect(cf(after, 'Asset tag')).toBe('LT-7731');
    await page.close();
  });

  test('a category removed after the panel read the page is not written and says why; the rest is', async () => {
    // The test's own category, so removing it touches nothing another test relies on.
    const name = `Temporär ${Date.now()}`;
    const { issue_category: temp } = await api<{ issue_category: Named }>(
      'POST',
      '/projects/support/issue_categories.json',
      { issue_category: { name } },
    );
    const id = await newIssue(`Deskmate options changed ${Date.now()}`);
    const { page, panel } = await session.openTicket(`${BASE}/issues/${id}`);
    try {
      await waitForSuggestion(panel, 'it-issue');
      await panel.getByTestId('field-input-tracker').selectOption('Bug');
      await panel.getByTestId('field-input-priority').selectOption('High');
      await panel.getByTestId('field-input-category').selectOption(name);
      await panel.getByTestId('accept-all').click();
    } finally {
      // The admin removes it while the agent works (Redmine's API, nothing done to the page).
      await api('DELETE', `/issue_categories/${temp.id}.json`);
    }
    await panel.getByTestId('apply').click();
    // Writing the tracker makes Redmine render the form again from its server: the category is gone.
    for (const f of ['tracker', 'priority'])
      await expect
        .poll(() => panel.getByTestId(`applied-${f}`).getAttribute('data-applied'), { message: f })
        .toBe('written');
    await expect
      .poll(() => panel.getByTestId('applied-category').getAttribute('data-applied'))
      .toBe('not-written');
    expect(await panel.getByTestId('applied-category').textContent()).toMatch(
      /not one of Category's options|no longer offers/,
    );
    // Nothing lost: the agent's pick is still in the panel, and Redmine saves the rest.
    expect(await panel.getByTestId('field-input-category').inputValue()).toBe(name);
    await Promise.all([page.waitForNavigation(), page.click('#issue-form input[name="commit"]')]);
    const after = await issue(id);
    expect(after.tracker.name).toBe('Bug');
    expect(after.priority.name).toBe('High');
    expect(after.category).toBeUndefined();
    await page.close();
  });

  test('a value the desk does not offer (a kept draft whose option was removed) is refused and kept', async () => {
    const name = `Entfällt ${Date.now()}`;
    const { issue_category: temp } = await api<{ issue_category: Named }>(
      'POST',
      '/projects/support/issue_categories.json',
      { issue_category: { name } },
    );
    const id = await newIssue(`Deskmate value not offered ${Date.now()}`);
    try {
      const first = await session.openTicket(`${BASE}/issues/${id}`);
      await waitForSuggestion(first.panel, 'it-issue');
      await first.panel.getByTestId('field-input-category').selectOption(name);
      await first.panel.getByTestId('field-input-priority').selectOption('Low');
      await first.panel.getByTestId('accept-all').click();
      // The draft is saved as the agent works (in the extension's database): wait for it, then leave.
      await expect
        .poll(async () => JSON.stringify(await recordsIn(session.worker, 'drafts')).includes(name))
        .toBe(true);
      await first.page.close();
    } finally {
      await api('DELETE', `/issue_categories/${temp.id}.json`);
    }
    // Back on the issue later: Redmine no longer offers the category, the agent's draft still has it.
    const { page, panel } = await session.openTicket(`${BASE}/issues/${id}`);
    await waitForSuggestion(panel, 'it-issue');
    await expect.poll(() => panel.getByTestId('field-input-category').inputValue()).toBe(name);
    await panel.getByTestId('accept-all').click();
    await panel.getByTestId('apply').click();
    await expect
      .poll(() => panel.getByTestId('applied-category').getAttribute('data-applied'))
      .toBe('not-written');
    expect(await panel.getByTestId('applied-category').textContent()).toContain(name);
    await expect
      .poll(() => panel.getByTestId('applied-priority').getAttribute('data-applied'))
      .toBe('written');
    // Never written into the page: Redmine's own select has no such option, and none was added.
    expect(await page.locator('#issue_category_id option', { hasText: name }).count()).toBe(0);
    expect(await panel.getByTestId('field-input-category').inputValue()).toBe(name);
    await page.close();
    expect((await issue(id)).category).toBeUndefined();
  });

  test('a member who may only look sees every field read-only with the reason, and loses nothing', async () => {
    const id = await newIssue(`Deskmate no rights ${Date.now()}`);
    const viewer = await launch();
    try {
      await login(viewer, desk.env.RM_VIEWER!, desk.env.RM_VIEWER_PASS!);
      await saveTemplate(viewer);
      const { page, panel } = await viewer.openTicket(`${BASE}/issues/${id}`);
      await waitForSuggestion(panel, 'it-issue');
      // Each bound field says it is read-only here, and why: before Apply, not after a failure.
      for (const deskField of ['issue[tracker_id]', 'issue[priority_id]', 'issue[category_id]']) {
        const place = panel.locator(`[data-desk-field="${deskField}"]`);
        expect(await place.textContent(), deskField).toContain('read-only here');
        expect(await place.textContent(), deskField).toContain('right to edit issues');
      }
      await panel.getByTestId('field-input-assetTag').fill('LT-1234');
      await panel.getByTestId('accept-all').click();
      await panel.getByTestId('apply').click();
      await expect
        .poll(() => panel.getByTestId('applied-assetTag').getAttribute('data-applied'))
        .toBe('not-written');
      expect(await panel.getByTestId('applied-assetTag').textContent()).toContain('read-only here');
      expect(await panel.getByTestId('field-input-assetTag').inputValue()).toBe('LT-1234');
      await page.close();
    } finally {
      await viewer.close();
    }
    const after = await issue(id);
    expect(after.tracker.name).toBe('Support');
    expect(cf(after, 'Asset tag') ?? '').toBe('');
  });
});
