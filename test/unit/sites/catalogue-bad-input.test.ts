import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { type DeskField, TicketContext } from '@/lib/context/ticket-context';
import { redmineAdapter } from '@/lib/sites/redmine';
import { rtAdapter } from '@/lib/sites/rt';
import { BindingRule, bindTemplate, optionLabels, unboundChoice } from '@/lib/templates/bind';
import { parseCustomTemplate } from '@/lib/templates/custom';
import { fieldMeta, type Template } from '@/lib/templates/define';
import { enlargeRtTicket } from '../../bench/rt-large-ticket';
import { loadFixture, loadHtml, readOk } from './fixture';

/**
 * The field catalogues of Redmine and RT (issue #16) on bad pages, from pages saved from the real desks:
 * nothing editable, a person list of 500, German and accented labels, duplicate labels, a custom field
 * the admin renamed, a page cut short while loading. Each gives a typed answer and a reason, never an
 * exception, and never writes a value the page does not offer.
 */
const RM = 'http://127.0.0.1:3000/issues/1';
const RT = 'http://127.0.0.1:8080/Ticket/Display.html?id=5';

const byId = (fields: DeskField[] | undefined) => Object.fromEntries((fields ?? []).map((f) => [f.id, f]));
const shownLabel = (doc: Document, selector: string) => {
  const select = doc.querySelector<HTMLSelectElement>(selector)!;
  return select.options[select.selectedIndex]?.textContent?.trim();
};

function template(properties: Record<string, { label: string; bind: string[] }>): Template {
  const result = parseCustomTemplate({
    id: 'desk-check',
    name: 'Desk check',
    schema: {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(properties).map(([name, p]) => [
          name,
          {
            type: 'string',
            description: p.label,
            'x-deskmate': { label: p.label, kind: 'enum', bind: p.bind },
          },
        ]),
      ),
    },
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.template;
}

/** 500 people, with the umlauts and accents of a real staff list; ids from 1000. */
const people = Array.from({ length: 500 }, (_, i) => ({
  value: String(1000 + i),
  label: `${['Jürgen', 'Zoë', 'Łukasz', 'Ana María', 'Søren'][i % 5]} Agent ${String(i).padStart(3, '0')}`,
}));
const fill = (select: Element) => {
  select.innerHTML = `<option value=""></option>${people.map((p) => `<option value="${p.value}">${p.label}</option>`).join('')}`;
};

describe('Redmine field catalogue, bad input', () => {
  test('no editable field: the edit form is gone; every field says why, and nothing is written', async () => {
    const { doc, url } = loadFixture('redmine/issue.html', RM);
    doc.querySelector('#update')?.remove();
    const c = readOk(redmineAdapter, doc, url);
    expect(c.deskFields?.length).toBeGreaterThan(0);
    expect(c.deskFields?.every((f) => !f.writable && /right to edit issues/.test(f.whyNot ?? ''))).toBe(true);
    for (const f of c.deskFields ?? [])
      expect(await redmineAdapter.setField!(doc, url, f.id, 'x')).toMatchObject({
        ok: false,
        reason: f.whyNot,
      });
    // Not even the shown values: the template's fields say the page has none, instead of inventing one.
    doc.querySelector('.issue.details .attributes')?.remove();
    doc.querySelector('#content > h2')?.remove();
    const bare = readOk(redmineAdapter, doc, url);
    expect(bare.deskFields).toEqual([]);
    const bound = bindTemplate(template({ category: { label: 'Category', bind: ['Category'] } }), bare);
    expect(unboundChoice(fieldMeta(bound, 'category')!)).toMatch(/no field for Category/);
  });

  test('an assignee list of 500 people: all offered, searchable by name, the right one written', async () => {
    const { doc, url } = loadFixture('redmine/issue.html', RM);
    fill(doc.querySelector('#issue_assigned_to_id')!);
    const assignee = byId(readOk(redmineAdapter, doc, url).deskFields)['issue[assigned_to_id]']!;
    expect(assignee).toMatchObject({ kind: 'person', writable: true });
    expect(assignee.options).toHaveLength(500);
    expect(assignee.options?.[437]).toEqual(people[437]);
    const labels = optionLabels(assignee.options ?? []);
    expect(new Set(labels).size).toBe(500);
    expect(await redmineAdapter.setField!(doc, url, 'issue[assigned_to_id]', people[437]!.label)).toEqual({
      ok: true,
    });
    expect((doc.querySelector('#issue_assigned_to_id') as HTMLSelectElement).value).toBe('1437');
    // A name that is not on the list is refused and the choice stays as it was.
    expect(
      await redmineAdapter.setField!(doc, url, 'issue[assigned_to_id]', 'Jürgen Agent 999'),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not one of Assignee'),
    });
    expect((doc.querySelector('#issue_assigned_to_id') as HTMLSelectElement).value).toBe('1437');
  });

  test('German and accented labels are read as shown and written by any case or accent the agent types', async () => {
    const { doc, url } = loadFixture('redmine/issue.html', RM);
    const category = byId(readOk(redmineAdapter, doc, url).deskFields)['issue[category_id]']!;
    expect(category.options?.map((o) => o.label)).toContain('Zugänge');
    expect(await redmineAdapter.setField!(doc, url, 'issue[category_id]', 'ZUGANGE')).toEqual({ ok: true });
    expect(shownLabel(doc, '#issue_category_id')).toBe('Zugänge');
    // Decomposed (NFD) input, as some keyboards and pastes give it, is the same label.
    expect(await redmineAdapter.setField!(doc, url, 'issue[category_id]', 'Zuga\u0308nge')).toEqual({
      ok: true,
    });
    expect(shownLabel(doc, '#issue_category_id')).toBe('Zugänge');
  });

  test('duplicate labels (two people called Max Agent) are told apart and the chosen one is written', async () => {
    const { doc, url } = loadFixture('redmine/issue.html', RM);
    doc
      .querySelector('#issue_assigned_to_id')!
      .insertAdjacentHTML('beforeend', '<option value="9">Max Agent</option>');
    const assignee = byId(readOk(redmineAdapter, doc, url).deskFields)['issue[assigned_to_id]']!;
    const labels = optionLabels(assignee.options ?? []);
    expect(labels.filter((l) => l.startsWith('Max Agent'))).toEqual(['Max Agent (6)', 'Max Agent (9)']);
    expect(await redmineAdapter.setField!(doc, url, 'issue[assigned_to_id]', 'Max Agent (9)')).toEqual({
      ok: true,
    });
    expect((doc.querySelector('#issue_assigned_to_id') as HTMLSelectElement).value).toBe('9');
  });

  test('a custom field the admin renamed keeps its id: bound by id it still binds, bound by the old name it says so', () => {
    const html = readFileSync('test/fixtures/redmine/issue.html', 'utf8').replaceAll(
      '<span>Impact</span>',
      '<span>Auswirkung</span>',
    );
    const { doc, url } = loadHtml(html, RM);
    const c = readOk(redmineAdapter, doc, url);
    const field = byId(c.deskFields)['issue[custom_field_values][1]']!;
    expect(field).toMatchObject({ label: 'Auswirkung', kind: 'single' });
    const byName = bindTemplate(template({ impact: { label: 'Impact', bind: ['Impact'] } }), c);
    expect(unboundChoice(fieldMeta(byName, 'impact')!)).toMatch(/no field for Impact \(looked for Impact\)/);
    const rule = BindingRule.parse({
      site: 'redmine',
      field: 'impact',
      deskField: 'issue[custom_field_values][1]',
    });
    const byRule = bindTemplate(template({ impact: { label: 'Impact', bind: ['Impact'] } }), c, [rule]);
    expect(fieldMeta(byRule, 'impact')?.binding).toMatchObject({ deskLabel: 'Auswirkung', writable: true });
    expect(fieldMeta(byRule, 'impact')?.options).toContain('Whole company');
  });

  test('a page cut short in the middle of the edit form: what arrived is read, the rest is not invented', async () => {
    const html = readFileSync('test/fixtures/redmine/issue.html', 'utf8');
    const cut = html.slice(0, html.indexOf('<option value="2">Normal</option>'));
    const { doc, url } = loadHtml(cut, RM);
    const result = redmineAdapter.read(doc, url);
    if (!result.ok) throw new Error(result.reason);
    expect(TicketContext.safeParse(result.context).success).toBe(true);
    const fields = byId(result.context.deskFields);
    expect(fields['issue[status_id]']).toMatchObject({ writable: true });
    // The priority select arrived with one option only: that one is offered, no other.
    expect(fields['issue[priority_id]']?.options?.map((o) => o.label)).toEqual(['Low']);
    // Category's control had not arrived: shown read-only (the page says its value), not writable.
    expect(fields['issue[category_id]']).toMatchObject({ writable: false });
    expect(await redmineAdapter.setField!(doc, url, 'issue[category_id]', 'Netzwerk')).toMatchObject({
      ok: false,
    });
    expect(await redmineAdapter.setField!(doc, url, 'issue[priority_id]', 'Urgent')).toMatchObject({
      ok: false,
    });
  });
});

describe('Request Tracker field catalogue, bad input', () => {
  test('no editable field: no inline forms and no basics; the read answers, nothing is offered or written', async () => {
    const { doc, url } = loadFixture('rt/ticket-it-desk.html', RT);
    for (const form of doc.querySelectorAll('form.inline-edit')) form.remove();
    for (const el of doc.querySelectorAll('.ticket-info-basics .current-value, .owner .current-value'))
      el.remove();
    const c = readOk(rtAdapter, doc, url);
    expect(c.deskFields).toEqual([]);
    expect(await rtAdapter.setField!(doc, url, 'Queue', 'Hardware')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no field "Queue"'),
    });
    const bound = bindTemplate(template({ queue: { label: 'Queue', bind: ['Queue'] } }), c);
    expect(unboundChoice(fieldMeta(bound, 'queue')!)).toMatch(/no field for Queue/);
  });

  test('an owner list of 500 people: all offered, the right one written, a name not listed refused', async () => {
    const { doc, url } = loadFixture('rt/ticket-it-desk.html', RT);
    fill(doc.querySelector('select[name="Owner"]')!);
    const owner = byId(readOk(rtAdapter, doc, url).deskFields).Owner!;
    expect(owner).toMatchObject({ kind: 'person', writable: true });
    expect(owner.options).toHaveLength(500);
    expect(await rtAdapter.setField!(doc, url, 'Owner', 'søren agent 499')).toEqual({ ok: true });
    expect((doc.querySelector('select[name="Owner"]') as HTMLSelectElement).value).toBe('1499');
    expect(await rtAdapter.setField!(doc, url, 'Owner', 'Nobody at all')).toMatchObject({ ok: false });
    expect((doc.querySelector('select[name="Owner"]') as HTMLSelectElement).value).toBe('1499');
  });

  test("German labels in RT's values (Telefonie (Büro)) are written by folded label", async () => {
    const { doc, url } = loadFixture('rt/ticket-it-desk.html', RT);
    expect(await rtAdapter.setField!(doc, url, 'CustomField-2', 'TELEFONIE (BURO)')).toEqual({ ok: true });
    expect(shownLabel(doc, 'select[name="Object-RT::Ticket-5-CustomField-2-Values"]')).toBe(
      'Telefonie (Büro)',
    );
  });

  test('two queues with one name are told apart by value', async () => {
    const { doc, url } = loadFixture('rt/ticket-it-desk.html', RT);
    doc
      .querySelector('.ticket-info-basics select[name="Queue"]')!
      .insertAdjacentHTML('beforeend', '<option value="77">Hardware</option>');
    const queue = byId(readOk(rtAdapter, doc, url).deskFields).Queue!;
    expect(optionLabels(queue.options ?? []).filter((l) => l.startsWith('Hardware'))).toEqual([
      'Hardware (4)',
      'Hardware (77)',
    ]);
    expect(await rtAdapter.setField!(doc, url, 'Queue', 'Hardware (77)')).toEqual({ ok: true });
    expect((doc.querySelector('.ticket-info-basics select[name="Queue"]') as HTMLSelectElement).value).toBe(
      '77',
    );
  });

  test('a custom field the admin renamed keeps its id (CustomField-2) under its new label', () => {
    const html = readFileSync('test/fixtures/rt/ticket-it-desk.html', 'utf8').replaceAll(
      '>Service:<',
      '>Dienst:<',
    );
    const { doc, url } = loadHtml(html, RT);
    const field = byId(readOk(rtAdapter, doc, url).deskFields)['CustomField-2'];
    expect(field).toMatchObject({ label: 'Dienst', kind: 'single' });
    expect(field?.options?.map((o) => o.label)).toContain('VPN');
  });

  test('a page cut short in the custom-field form: the fields that arrived are read, the read never throws', () => {
    const html = readFileSync('test/fixtures/rt/ticket-it-desk.html', 'utf8');
    const cut = html.slice(0, html.indexOf('<option value="Exchange">'));
    const { doc, url } = loadHtml(cut, RT);
    const result = rtAdapter.read(doc, url);
    if (!result.ok) throw new Error(result.reason);
    expect(TicketContext.safeParse(result.context).success).toBe(true);
    const fields = byId(result.context.deskFields);
    expect(fields.Queue?.options?.length).toBeGreaterThan(1);
    expect(fields['CustomField-2']?.options?.map((o) => o.label)).toContain('VPN');
    expect(fields['CustomField-3']?.options?.map((o) => o.label)).toEqual(['Active Directory']);
    expect(fields['CustomField-4']).toBeUndefined();
  });

  test('the bench page (50 queues, 30 custom fields in RT markup) is read whole: every queue, every field', () => {
    const { doc, url } = loadFixture('rt/ticket-it-desk.html', RT);
    expect(enlargeRtTicket(doc, { queues: 50, customFields: 30 })).toEqual({ queues: 50, customFields: 30 });
    const fields = readOk(rtAdapter, doc, url).deskFields ?? [];
    expect(byId(fields).Queue?.options).toHaveLength(50);
    const custom = fields.filter((f) => f.id.startsWith('CustomField-'));
    expect(custom).toHaveLength(30);
    expect(new Set(custom.map((f) => f.label)).size).toBe(30);
    expect(custom.find((f) => f.label === 'Feld 30 (Prüfung)')).toMatchObject({ writable: true });
  });
});
