import { describe, expect, test } from 'vitest';
import { redmineAdapter } from '@/lib/sites/redmine';
import { loadFixture } from './fixture';

const BASE = 'http://127.0.0.1:3000';

describe('Redmine 5 (pages saved from a real Redmine 5)', () => {
  test('reads the issue, its description and notes with roles', () => {
    const { doc, url } = loadFixture('redmine/issue.html', `${BASE}/issues/1`);
    expect(redmineAdapter.detect(doc, url)).toBe(true);
    const result = redmineAdapter.read(doc, url);
    if (!result.ok) throw new Error(result.reason);
    const c = result.context;
    expect(c).toMatchObject({
      site: 'redmine',
      ticketKey: '1',
      subject: 'Order #48213 arrived damaged - need replacement',
      status: 'In Progress',
      priority: 'High',
      queue: 'Customer Support',
      requester: { name: 'Alice Customer' },
      fields: { Tracker: 'Support' },
    });
    expect(c.messages.map((m) => [m.role, m.author])).toEqual([
      ['customer', 'Alice Customer'],
      ['agent', 'Redmine Admin'],
      ['internal', 'Redmine Admin'],
    ]);
    expect(c.messages[0]?.text).toContain('cracked lid');
    expect(c.messages[2]?.text).toBe('Internal: check warehouse packaging for batch 7.');
    expect(c.unreadable).toEqual([
      { field: 'requester.email', reason: "Redmine does not show the author's e-mail on the issue page." },
    ]);
  });

  test('writes the notes box (opening the hidden edit form), private notes and fields', async () => {
    const { doc, url } = loadFixture('redmine/issue.html', `${BASE}/issues/1`);
    expect(redmineAdapter.targets(doc, url)).toEqual(['reply', 'internal-note']);
    expect(await redmineAdapter.apply(doc, url, 'reply', 'Hello Alice')).toEqual({ ok: true });
    const notes = doc.querySelector('textarea#issue_notes') as HTMLTextAreaElement;
    expect(notes.value).toBe('Hello Alice');
    expect((doc.querySelector('#update') as HTMLElement).style.display).not.toBe('none');
    expect(await redmineAdapter.apply(doc, url, 'internal-note', 'Check batch 7')).toEqual({ ok: true });
    expect((doc.querySelector('#issue_private_notes') as HTMLInputElement).checked).toBe(true);
    const priority = doc.querySelector('#issue_priority_id') as HTMLSelectElement;
    expect(await redmineAdapter.setField!(doc, url, 'issue[priority_id]', 'urgent')).toEqual({ ok: true });
    expect(priority.options[priority.selectedIndex]?.textContent).toBe('Urgent');
    expect(await redmineAdapter.setField!(doc, url, 'issue[priority_id]', 'catastrophic')).toMatchObject({
      ok: false,
    });
    expect(priority.options[priority.selectedIndex]?.textContent).toBe('Urgent');
    expect(await redmineAdapter.setField!(doc, url, 'queue', 'x')).toMatchObject({ ok: false });
  });

  test('the edit form is the field catalogue: tracker, status, priority, assignee, dates, with their options', () => {
    const { doc, url } = loadFixture('redmine/issue.html', `${BASE}/issues/1`);
    const result = redmineAdapter.read(doc, url);
    if (!result.ok) throw new Error(result.reason);
    const fields = result.context.deskFields ?? [];
    const byId = Object.fromEntries(fields.map((f) => [f.id, f]));
    expect(byId['issue[tracker_id]']).toMatchObject({ label: 'Tracker', kind: 'single', writable: true });
    expect(byId['issue[status_id]']?.label).toBe('Status');
    expect(byId['issue[priority_id]']?.options?.map((o) => o.label)).toContain('Urgent');
    expect(byId['issue[assigned_to_id]']).toMatchObject({ label: 'Assignee', kind: 'person' });
    expect(byId['issue[start_date]']).toMatchObject({
      kind: 'date',
      value: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    // The project's own categories, version and custom fields, as the admin named them.
    expect(byId['issue[category_id]']?.options?.map((o) => o.label)).toEqual(
      expect.arrayContaining(['Netzwerk', 'Zugänge']),
    );
    expect(byId['issue[fixed_version_id]']?.options?.map((o) => o.label)).toContain('2026.12');
    const impact = fields.find((f) => f.label === 'Impact');
    expect(impact).toMatchObject({
      kind: 'single',
      id: expect.stringMatching(/^issue\[custom_field_values\]/),
    });
    expect(impact?.options?.map((o) => o.label)).toContain('Whole company');
    expect(fields.find((f) => f.label === 'Asset tag')?.kind).toBe('text');
    // The issue's own text and the form's plumbing are not fields a template fills.
    for (const id of ['issue[subject]', 'issue[notes]', 'issue[lock_version]'])
      expect(byId[id]).toBeUndefined();
    // The current value is the one the form shows selected.
    const select = doc.querySelector('#issue_priority_id') as HTMLSelectElement;
    expect(byId['issue[priority_id]']?.value).toBe(select.value);
  });

  test('an RT page is not claimed by Redmine', () => {
    const { doc, url } = loadFixture('rt/ticket-display.html', `${BASE}/Ticket/Display.html?id=1`);
    expect(redmineAdapter.detect(doc, url)).toBe(false);
  });
});
