import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_ID, launch, type Session } from './harness';
import { waitForSuggestion } from './panel-helpers';
import { ensureDesk } from './sites-desks';

/**
 * Issue #16 on a real Request Tracker set up like an IT desk (scripts/desks/setup-rt5.sh: queues
 * Network, Hardware, Access, Software, Legal; custom fields Service, Affected systems, Asset tag; agents
 * nina.network and harald.hardware). The panel offers RT's own values, Apply all fills RT's inline edit
 * forms, the agent saves with RT's Save, and RT's REST 2.0 API is the judge of what was written.
 */
const desk = ensureDesk('setup-rt5.sh', 'rt5.env');
const BASE = desk.env.RT_BASE ?? '';
const auth = `Basic ${Buffer.from(`${desk.env.RT_USER}:${desk.env.RT_PASS}`).toString('base64')}`;

/** A custom template an IT team would write: every field bound to a field of their RT. */
const IT_INTAKE = {
  id: 'it-intake',
  name: 'IT intake',
  schema: {
    type: 'object',
    properties: {
      queue: {
        type: 'string',
        description: 'The team that takes it.',
        'x-deskmate': { label: 'Queue', kind: 'enum', bind: ['Queue'] },
      },
      priority: {
        type: 'string',
        description: 'How urgent.',
        'x-deskmate': { label: 'Priority', kind: 'enum', bind: ['Priority'] },
      },
      owner: {
        type: 'string',
        description: 'Who works on it.',
        'x-deskmate': { label: 'Owner', kind: 'enum', bind: ['Owner'] },
      },
      service: {
        type: 'string',
        description: 'The service affected.',
        'x-deskmate': { label: 'Service', kind: 'enum', bind: ['Service'] },
      },
      systems: {
        type: 'array',
        items: { type: 'string' },
        description: 'Systems involved.',
        'x-deskmate': { label: 'Systems', kind: 'list', bind: ['Affected systems'] },
      },
      assetTag: {
        type: 'string',
        description: 'The device asset tag.',
        'x-deskmate': { label: 'Asset tag', kind: 'text', bind: ['Asset tag'] },
      },
    },
    required: ['queue', 'priority'],
  },
};

interface RtTicket {
  Queue: { id: string };
  Owner: { id: string };
  Priority: string | number;
  CustomFields: { name: string; values: string[] }[];
}

async function rest<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${BASE}/REST/2.0/${path}`, {
    ...init,
    headers: { Authorization: auth, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new Error(`RT REST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function newTicket(subject: string): Promise<number> {
  const created = await rest<{ id: string }>('ticket', {
    method: 'POST',
    body: JSON.stringify({
      Queue: 'Network',
      Subject: subject,
      Requestor: 'bruno.client@example.org',
      Priority: 0,
      Content: 'My laptop LT-9001 cannot reach the file server over the VPN since this morning.',
      ContentType: 'text/plain',
    }),
  });
  return Number(created.id);
}

async function login(session: Session, user: string, pass: string): Promise<void> {
  const page = await session.context.newPage();
  await page.goto(`${BASE}/`);
  await page.fill('input[name="user"]', user);
  await page.fill('input[name="pass"]', pass);
  await Promise.all([
    page.waitForNavigation(),
    page.click('form#login button, form#login input[type=submit]'),
  ]);
  await page.close();
}

async function saveTemplate(session: Session): Promise<void> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html#templates`);
  await page.getByTestId('section-templates').waitFor();
  await page.getByTestId('templates-json').fill(JSON.stringify([IT_INTAKE], null, 2));
  await page.getByTestId('templates-problems').filter({ hasText: '1 valid template' }).waitFor();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('section-templates').filter({ hasText: 'Saved.' }).waitFor();
  await page.close();
}

const optionTexts = (texts: string[]) => texts.map((t) => t.trim()).filter((t) => t && t !== '(none)');

let session: Session;

describe.skipIf(!desk.ok)(`Request Tracker desk fields${desk.ok ? '' : ` (skipped: ${desk.reason})`}`, () => {
  beforeAll(async () => {
    session = await launch();
    await login(session, desk.env.RT_USER!, desk.env.RT_PASS!);
    await saveTemplate(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  test("the panel offers RT's own values; Apply all fills RT's forms; RT keeps them after Save", async () => {
    const id = await newTicket(`Deskmate desk fields ${Date.now()}`);
    const { page, panel } = await session.openTicket(`${BASE}/Ticket/Display.html?id=${id}`);
    await waitForSuggestion(panel, 'it-intake');
    const queue = panel.getByTestId('field-input-queue');
    // The choices are RT's queues, read from the page: none of them is named in the extension.
    expect(optionTexts(await queue.locator('option').allTextContents())).toEqual(
      expect.arrayContaining(['Network', 'Hardware', 'Access', 'Software']),
    );
    const owners = optionTexts(
      await panel.getByTestId('field-input-owner').locator('option').allTextContents(),
    );
    const harald = owners.find((o) => o.startsWith('harald.hardware'));
    expect(harald).toBeTruthy();

    await queue.selectOption('Hardware');
    await panel.getByTestId('field-input-priority').selectOption('High');
    await panel.getByTestId('field-input-owner').selectOption(harald!);
    await panel.getByTestId('field-input-service').selectOption('Laptop');
    await panel.getByTestId('field-input-systems').selectOption(['File server', 'Firewall']);
    await panel.getByTestId('field-input-assetTag').fill('LT-9001');
    await panel.getByTestId('accept-all').click();
    await panel.getByTestId('apply').click();
    for (const f of ['queue', 'priority', 'owner', 'service', 'systems', 'assetTag']) {
      await expect
        .poll(() => panel.getByTestId(`applied-${f}`).getAttribute('data-applied'), { message: f })
        .toBe('written');
    }
    // The boxes are open in RT's edit mode with the values in; the agent saves with RT's own button.
    expect(await page.locator('.titlebox.ticket-info-basics').getAttribute('class')).toContain('editing');
    await Promise.all([
      page.waitForNavigation(),
      page.locator('.titlebox.ticket-info-basics form.inline-edit input[type="submit"]').click(),
    ]);

    const ticket = await rest<RtTicket>(`ticket/${id}`);
    const queueName = (await rest<{ Name: string }>(`queue/${ticket.Queue.id}`)).Name;
    expect(queueName).toBe('Hardware');
    expect(Number(ticket.Priority)).toBe(100);
    expect(ticket.Owner.id).toBe('harald.hardware');
    const cf = (name: string) => ticket.CustomFields.find((c) => c.name === name)?.values ?? [];
    expect(cf('Service')).toEqual(['Laptop']);
    expect([...cf('Affected systems')].sort()).toEqual(['File server', 'Firewall']);
    expect(cf('Asset tag')).toEqual(['LT-9001']);
    await page.close();
  });

  test('an option removed between reading and applying is not written, and says why; the rest is', async () => {
    const id = await newTicket(`Deskmate options changed ${Date.now()}`);
    const { page, panel } = await session.openTicket(`${BASE}/Ticket/Display.html?id=${id}`);
    await waitForSuggestion(panel, 'it-intake');
    await panel.getByTestId('field-input-service').selectOption('Printing');
    await panel.getByTestId('field-input-queue').selectOption('Access');
    await panel.getByTestId('accept-all').click();
    // The admin's change lands in the page after the panel read it.
    await page.evaluate(() => {
      for (const o of document.querySelectorAll('.ticket-info-cfs select option')) {
        if (o.textContent?.trim() === 'Printing') o.remove();
      }
    });
    await panel.getByTestId('apply').click();
    await expect.poll(() => panel.getByTestId('applied-queue').getAttribute('data-applied')).toBe('written');
    await expect
      .poll(() => panel.getByTestId('applied-service').getAttribute('data-applied'))
      .toBe('not-written');
    expect(await panel.getByTestId('applied-service').textContent()).toContain('not one of Service');
    // The agent's pick is still in the panel.
    expect(await panel.getByTestId('field-input-service').inputValue()).toBe('Printing');
    await page.close();
  });

  test('a user without the right to change the ticket sees why, and loses nothing', async () => {
    const id = await newTicket(`Deskmate no rights ${Date.now()}`);
    const viewer = await launch();
    try {
      await login(viewer, 'vera.viewer', 'password1');
      await saveTemplate(viewer);
      const { page, panel } = await viewer.openTicket(`${BASE}/Ticket/Display.html?id=${id}`);
      await waitForSuggestion(panel, 'it-intake');
      await panel.getByTestId('field-input-assetTag').fill('LT-1234');
      await panel.getByTestId('accept-all').click();
      await panel.getByTestId('apply').click();
      // Each bound field says it is read-only here, and why: before Apply, not after a failure.
      const place = panel.locator('[data-desk-field="Queue"]');
      expect(await place.textContent()).toContain('read-only here');
      expect(await place.textContent()).toContain('right');
      expect(await panel.getByTestId('field-input-assetTag').inputValue()).toBe('LT-1234');
      await page.close();
    } finally {
      await viewer.close();
    }
    const ticket = await rest<RtTicket>(`ticket/${id}`);
    expect((await rest<{ Name: string }>(`queue/${ticket.Queue.id}`)).Name).toBe('Network');
  });
});
