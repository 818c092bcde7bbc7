import { describe, expect, test } from 'vitest';
import { rtAdapter } from '@/lib/sites/rt';
import { loadFixture } from './fixture';

const BASE = 'http://127.0.0.1:8080';

describe('Request Tracker 5 (pages saved from a real RT 5)', () => {
  test('reads the ticket with its late-loaded history', () => {
    const { doc, url } = loadFixture('rt/ticket-display.html', `${BASE}/Ticket/Display.html?id=1`);
    expect(rtAdapter.detect(doc, url)).toBe(true);
    const result = rtAdapter.read(doc, url);
    if (!result.ok) throw new Error(result.reason);
    const c = result.context;
    expect(c).toMatchObject({
      site: 'rt',
      ticketKey: '1',
      subject: 'Order #48213 arrived damaged - need replacement',
      status: 'open',
      priority: 'Medium',
      queue: 'General',
      requester: { name: 'Alice Customer', email: 'alice.customer@example.org' },
    });
    expect(c.messages.map((m) => [m.role, m.author])).toEqual([
      ['customer', 'Alice Customer'],
      ['agent', 'root (Enoch Root)'],
      ['internal', 'root (Enoch Root)'],
    ]);
    expect(c.messages[0]?.text).toContain('cracked lid and the\nbox was crushed');
    expect(c.messages[1]?.text).toBe('Hi Alice, sorry about that! A replacement kettle ships tomorrow.');
    expect(c.messages[2]?.id).toBe('38');
    expect(c.unreadable).toEqual([]);
  });

  test('before the history arrives it says so instead of returning an empty thread silently', () => {
    const { doc, url } = loadFixture(
      'rt/ticket-display-before-history.html',
      `${BASE}/Ticket/Display.html?id=1`,
    );
    expect(rtAdapter.detect(doc, url)).toBe(true);
    const result = rtAdapter.read(doc, url);
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.messages).toEqual([]);
    expect(result.context.unreadable).toEqual([
      { field: 'messages', reason: 'The ticket history is still loading.' },
    ]);
    expect(result.context.subject).toBe('Order #48213 arrived damaged - need replacement');
  });

  test('the reply page offers the reply box, and its status and owner as desk fields', async () => {
    const { doc, url } = loadFixture(
      'rt/ticket-reply.html',
      `${BASE}/Ticket/Update.html?Action=Respond&id=1`,
    );
    expect(rtAdapter.detect(doc, url)).toBe(true);
    expect(rtAdapter.targets(doc, url)).toEqual(['reply']);
    const result = rtAdapter.read(doc, url);
    if (!result.ok) throw new Error(result.reason);
    const ids = (result.context.deskFields ?? []).map((f) => f.id);
    expect(ids).toContain('Status');
    expect(ids).toContain('Owner');
    expect(await rtAdapter.setField!(doc, url, 'Status', 'resolved')).toEqual({ ok: true });
    expect(
      (doc.querySelector('form[name="TicketUpdate"] select[name="Status"]') as HTMLSelectElement).value,
    ).toBe('resolved');
    // RT's reply page has no queue: said, not attempted.
    expect(await rtAdapter.setField!(doc, url, 'Queue', 'General')).toMatchObject({ ok: false });
  });

  test("an IT desk's ticket: queue, status, priority, owner and custom fields, with RT's own options", () => {
    const { doc, url } = loadFixture('rt/ticket-it-desk.html', `${BASE}/Ticket/Display.html?id=5`);
    const result = rtAdapter.read(doc, url);
    if (!result.ok) throw new Error(result.reason);
    const byLabel = Object.fromEntries((result.context.deskFields ?? []).map((f) => [f.label, f]));
    const labels = (l: string) => byLabel[l]?.options?.map((o) => o.label);
    expect(Object.keys(byLabel)).toEqual(
      expect.arrayContaining([
        'Queue',
        'Status',
        'Priority',
        'Owner',
        'Service',
        'Affected systems',
        'Asset tag',
        'Incident date',
      ]),
    );
    expect(labels('Queue')).toEqual(expect.arrayContaining(['Network', 'Hardware', 'Access', 'Software']));
    // Current values as RT stores them: the queue's id, the status shown as "open (Unchanged)".
    expect(byLabel.Queue).toMatchObject({ kind: 'single', writable: true });
    expect(byLabel.Queue?.options?.find((o) => o.value === byLabel.Queue?.value)?.label).toBe('Network');
    expect(byLabel.Status?.value).toBe('new');
    expect(byLabel.Priority?.options?.find((o) => o.value === byLabel.Priority?.value)?.label).toBe('Medium');
    expect(byLabel.Owner).toMatchObject({ kind: 'person' });
    expect(byLabel.Owner?.options?.find((o) => o.value === byLabel.Owner?.value)?.label).toMatch(
      /nina\.network/,
    );
    expect(byLabel.Service).toMatchObject({ id: 'CustomField-2', kind: 'single', value: 'VPN' });
    expect(labels('Service')).toContain('Telefonie (Büro)');
    expect(byLabel['Affected systems']).toMatchObject({ kind: 'multiple', value: ['Firewall'] });
    expect(byLabel['Asset tag']).toMatchObject({ kind: 'text' });
    expect(byLabel['Incident date']).toMatchObject({ kind: 'date' });
    // Time fields, watchers and the subject are not record fields a template fills.
    expect(Object.keys(byLabel)).not.toContain('Time Worked');
  });

  test('writes queue, owner and custom fields into the inline edit forms, and opens them for Save', async () => {
    const { doc, url } = loadFixture('rt/ticket-it-desk.html', `${BASE}/Ticket/Display.html?id=5`);
    expect(await rtAdapter.setField!(doc, url, 'Queue', 'Hardware')).toEqual({ ok: true });
    expect(await rtAdapter.setField!(doc, url, 'CustomField-3', ['Exchange', 'firewall'])).toEqual({
      ok: true,
    });
    expect(await rtAdapter.setField!(doc, url, 'CustomField-4', 'LT-4411')).toEqual({ ok: true });
    expect(await rtAdapter.setField!(doc, url, 'Owner', 'Legal')).toMatchObject({ ok: false });
    expect(await rtAdapter.setField!(doc, url, 'Queue', 'Marketing')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not one of Queue'),
    });
    const after = rtAdapter.read(doc, url);
    if (!after.ok) throw new Error(after.reason);
    const f = (id: string) => after.context.deskFields?.find((x) => x.id === id);
    expect(f('Queue')?.options?.find((o) => o.value === f('Queue')?.value)?.label).toBe('Hardware');
    expect([...(f('CustomField-3')?.value ?? [])].sort()).toEqual(['Exchange', 'Firewall']);
    expect(f('CustomField-4')?.value).toBe('LT-4411');
    // The boxes written are in RT's edit mode, so the agent sees the values and saves with RT's Save.
    expect(doc.querySelector('.titlebox.ticket-info-basics')?.classList.contains('editing')).toBe(true);
    expect(doc.querySelector('.titlebox.ticket-info-cfs')?.classList.contains('editing')).toBe(true);
    expect(doc.querySelector('.titlebox.ticket-info-people')?.classList.contains('editing')).toBe(false);
  });

  test('without the right to modify, the fields are shown read-only with the reason', async () => {
    const { doc, url } = loadFixture('rt/ticket-it-desk-read-only.html', `${BASE}/Ticket/Display.html?id=5`);
    const result = rtAdapter.read(doc, url);
    if (!result.ok) throw new Error(result.reason);
    const fields = result.context.deskFields ?? [];
    expect(fields.length).toBeGreaterThan(0);
    for (const f of fields)
      expect(f).toMatchObject({ writable: false, whyNot: expect.stringContaining('right') });
    const queue = fields.find((x) => x.id === 'Queue');
    expect(queue?.options?.find((o) => o.value === queue.value)?.label ?? queue?.value).toBe('Network');
    expect(await rtAdapter.setField!(doc, url, 'Queue', 'Hardware')).toMatchObject({ ok: false });
  });

  test('a page that is not RT is not claimed', () => {
    const { doc, url } = loadFixture('redmine/issue.html', `${BASE}/issues/1`);
    expect(rtAdapter.detect(doc, url)).toBe(false);
    expect(rtAdapter.read(doc, url).ok).toBe(false);
  });
});
