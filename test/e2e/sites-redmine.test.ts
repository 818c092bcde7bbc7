import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TicketContext } from '@/lib/context/ticket-context';
import { launch, type Session } from './harness';
import { askTab, ensureDesk } from './sites-desks';

const desk = ensureDesk('setup-redmine.sh', 'redmine.env');
const BASE = desk.env.RM_BASE ?? '';
const admin = `Basic ${Buffer.from(`${desk.env.RM_USER}:${desk.env.RM_PASS}`).toString('base64')}`;

type Read = { ok: true; context: TicketContext } | { ok: false; reason: string };

/** Redmine's own REST API, as the admin or (X-Redmine-Switch-User) as the customer. */
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
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as T;
}

let session: Session;

describe.skipIf(!desk.ok)(`Redmine 5, real desk${desk.ok ? '' : ` (skipped: ${desk.reason})`}`, () => {
  let id = 0;
  const subject = `Deskmate e2e ${Date.now()}: login page returns error 502`;

  beforeAll(async () => {
    const created = await api<{ issue: { id: number } }>(
      'POST',
      '/issues.json',
      {
        issue: {
          project_id: 'support',
          tracker_id: 3,
          subject,
          description: 'Since this morning the login page returns error 502.\nOur account is ACME-88.',
        },
      },
      'alice',
    );
    id = created.issue.id;
    await api('PUT', `/issues/${id}.json`, { issue: { notes: 'We are checking the load balancer now.' } });
    session = await launch();
    const page = await session.context.newPage();
    await page.goto(`${BASE}/login`);
    await page.fill('#username', desk.env.RM_USER!);
    await page.fill('#password', desk.env.RM_PASS!);
    await Promise.all([page.waitForNavigation(), page.click('#login-submit')]);
    await page.close();
  });
  afterAll(async () => {
    await session?.close();
  });

  test('reads the issue, its description and notes', async () => {
    const { page, panel } = await session.openTicket(`${BASE}/issues/${id}`);
    const read = await askTab<Read>(panel, page, 'context.read', {});
    if (!read.ok) throw new Error(read.reason);
    expect(read.context).toMatchObject({
      site: 'redmine',
      ticketKey: String(id),
      subject,
      queue: 'Customer Support',
      requester: { name: 'Alice Customer' },
    });
    expect(read.context.messages.map((m) => [m.role, m.text])).toEqual([
      ['customer', 'Since this morning the login page returns error 502.\nOur account is ACME-88.'],
      ['agent', 'We are checking the load balancer now.'],
    ]);
    await page.close();
  });

  test('inserts a reply into the notes box and Redmine records it', async () => {
    const { page, panel } = await session.openTicket(`${BASE}/issues/${id}`);
    expect(await page.isVisible('textarea#issue_notes')).toBe(false);
    const text = `Deskmate reply ${Date.now()}: the 502 came from a failed node; it is replaced.`;
    expect(await askTab(panel, page, 'page.apply', { target: 'reply', value: text })).toEqual({ ok: true });
    // The form opened and holds the text, as the agent would see it.
    expect(await page.isVisible('textarea#issue_notes')).toBe(true);
    expect(await page.inputValue('textarea#issue_notes')).toBe(text);
    await Promise.all([page.waitForNavigation(), page.click('#issue-form input[name="commit"]')]);
    // Read it back from Redmine's own API, and from the page through the adapter.
    const issue = await api<{ issue: { journals: { notes: string; private_notes: boolean }[] } }>(
      'GET',
      `/issues/${id}.json?include=journals`,
    );
    expect(issue.issue.journals.map((j) => j.notes)).toContain(text);
    const read = await askTab<Read>(panel, page, 'context.read', {}).catch(async () => {
      const again = await session.openTicket(`${BASE}/issues/${id}`);
      return askTab<Read>(again.panel, again.page, 'context.read', {});
    });
    expect(read.ok && read.context.messages.at(-1)).toMatchObject({ role: 'agent', text });
    await page.close();
  });
});
