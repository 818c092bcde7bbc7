import { describe, expect, test } from 'vitest';
import { redmineAdapter } from '@/lib/sites/redmine';
import { loadFixture } from './fixture';

const BASE = 'http://127.0.0.1:3000';

/**
 * What Redmine 5 does when the tracker or status changes (public/javascripts/application.js
 * updateIssueFrom and replaceIssueFormWith, app/views/issues/_form.html.erb): post the form, render it
 * again on the server with the posted choices selected, keep any control changed meanwhile, and then
 * (jQuery defers $(document).ready) set the tracker and status back to the options marked selected.
 */
function behaveLikeRedmine(doc: Document, latencyMs = 20): void {
  const attributes = doc.querySelector('#all_attributes')!;
  const controls = () => [...attributes.querySelectorAll<HTMLSelectElement>('select[id], input[id]')];
  doc.addEventListener('change', (event) => {
    const changed = event.target as Element;
    if (!/updateIssueFrom/.test(changed.getAttribute('onchange') ?? '')) return;
    const before = new Map(controls().map((c) => [c.id, c.value]));
    doc.querySelector('#form_update_triggered_by')?.setAttribute('value', changed.id);
    setTimeout(() => {
      const replacement = doc.createElement('div');
      replacement.innerHTML = attributes.innerHTML;
      for (const select of replacement.querySelectorAll('select[id]'))
        for (const o of select.querySelectorAll('option'))
          o.toggleAttribute('selected', o.getAttribute('value') === before.get(select.id));
      for (const o of replacement.querySelectorAll<HTMLOptionElement>('option[selected]')) o.selected = true;
      for (const c of controls()) {
        const copy = replacement.querySelector<HTMLSelectElement>(`#${c.id}`);
        if (copy && before.get(c.id) !== c.value) copy.value = c.value;
      }
      attributes.replaceChildren(...replacement.childNodes);
      setTimeout(() => {
        for (const id of ['issue_tracker_id', 'issue_status_id']) {
          const select = doc.getElementById(id) as HTMLSelectElement | null;
          const marked = select?.querySelector('option[selected]')?.getAttribute('value');
          if (select && marked) select.value = marked;
        }
      }, 10); // In Chromium it ran 30 ms after the form landed (datepickers and autocompletes first).
    }, latencyMs);
  });
}

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

  test('a member who may only look sees the fields read-only, with the reason, and nothing is written', async () => {
    const { doc, url } = loadFixture('redmine/issue-read-only.html', `${BASE}/issues/1`);
    const result = redmineAdapter.read(doc, url);
    if (!result.ok) throw new Error(result.reason);
    const fields = result.context.deskFields ?? [];
    const byId = Object.fromEntries(fields.map((f) => [f.id, f]));
    // Keyed like the edit form's controls, so a template binds to the same desk field on either page.
    expect(Object.keys(byId)).toEqual(
      expect.arrayContaining([
        'issue[tracker_id]',
        'issue[status_id]',
        'issue[priority_id]',
        'issue[assigned_to_id]',
        'issue[category_id]',
        'issue[fixed_version_id]',
        'issue[custom_field_values][1]',
        'issue[custom_field_values][2]',
      ]),
    );
    for (const f of fields)
      expect(f).toMatchObject({ writable: false, whyNot: expect.stringContaining('right to edit issues') });
    expect(byId['issue[tracker_id]']).toMatchObject({ kind: 'single', value: 'Support' });
    expect(byId['issue[priority_id]']).toMatchObject({ label: 'Priority', value: 'High' });
    // "-" is Redmine's "none", not a value; the custom fields keep the admin's names and their format.
    expect(byId['issue[assigned_to_id]']).toMatchObject({ label: 'Assignee', kind: 'person' });
    expect(byId['issue[assigned_to_id]']?.value).toBeUndefined();
    expect(byId['issue[custom_field_values][1]']).toMatchObject({ label: 'Impact', kind: 'single' });
    expect(byId['issue[custom_field_values][2]']).toMatchObject({ label: 'Asset tag', kind: 'text' });
    expect(redmineAdapter.targets(doc, url)).toEqual([]);
    expect(await redmineAdapter.setField!(doc, url, 'issue[priority_id]', 'Urgent')).toEqual({
      ok: false,
      reason: expect.stringContaining('right to edit issues'),
    });
    expect(await redmineAdapter.setField!(doc, url, 'issue[nothing]', 'x')).toEqual({
      ok: false,
      reason: expect.stringContaining('no field "issue[nothing]"'),
    });
  });

  test('a field the edit form leaves out (workflow read-only) is read-only; the others stay writable', () => {
    const { doc, url } = loadFixture('redmine/issue.html', `${BASE}/issues/1`);
    // The workflow's field permissions make Redmine leave the category out of this role's form.
    doc.querySelector('#issue_category_id')?.closest('p')?.remove();
    const fields = redmineAdapter.read(doc, url);
    if (!fields.ok) throw new Error(fields.reason);
    const byId = Object.fromEntries((fields.context.deskFields ?? []).map((f) => [f.id, f]));
    expect(byId['issue[category_id]']).toMatchObject({
      label: 'Category',
      writable: false,
      whyNot: expect.stringContaining('workflow'),
    });
    expect(byId['issue[priority_id]']).toMatchObject({ writable: true });
    // Fields in the form are reported once, from the form (with their options), not again as shown.
    expect(fields.context.deskFields?.filter((f) => f.id === 'issue[priority_id]')).toHaveLength(1);
    expect(byId['issue[priority_id]']?.options?.length).toBeGreaterThan(1);
  });

  test("status then tracker: each waits for Redmine's new form and its script, so both are kept", async () => {
    const { doc, url } = loadFixture('redmine/issue.html', `${BASE}/issues/1`);
    // Only the issue and its form: in happy-dom a whole page's read is slower than Redmine's script.
    doc.body.replaceChildren(doc.querySelector('.issue.details')!, doc.querySelector('#update')!);
    // The inline onchange names Redmine's function; here the listener above plays its part.
    (globalThis as { updateIssueFrom?: () => void }).updateIssueFrom = () => undefined;
    behaveLikeRedmine(doc);
    expect(await redmineAdapter.setField!(doc, url, 'issue[status_id]', 'Feedback')).toEqual({ ok: true });
    expect(await redmineAdapter.setField!(doc, url, 'issue[tracker_id]', 'Bug')).toEqual({ ok: true });
    expect(await redmineAdapter.setField!(doc, url, 'issue[priority_id]', 'Urgent')).toEqual({ ok: true });
    const shown = () => {
      const after = redmineAdapter.read(doc, url);
      if (!after.ok) throw new Error(after.reason);
      return ['issue[tracker_id]', 'issue[status_id]', 'issue[priority_id]'].map((id) => {
        const f = after.context.deskFields?.find((x) => x.id === id);
        return f?.options?.find((o) => o.value === f.value)?.label;
      });
    };
    // Right after the writes, as Deskmate reads the page back to say "written", and once all is still.
    expect(shown()).toEqual(['Bug', 'Feedback', 'Urgent']);
    await new Promise((r) => setTimeout(r, 200));
    expect(shown()).toEqual(['Bug', 'Feedback', 'Urgent']);
  });

  test('an RT page is not claimed by Redmine', () => {
    const { doc, url } = loadFixture('rt/ticket-display.html', `${BASE}/Ticket/Display.html?id=1`);
    expect(redmineAdapter.detect(doc, url)).toBe(false);
  });
});
