import { describe, expect, test } from 'vitest';
import type { DeskField, TicketContext } from '../../../lib/context/ticket-context';
import { createLocalProvider } from '../../../lib/engine/local-provider';
import type { FillRequest, Provider } from '../../../lib/llm/provider';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { findOption } from '../../../lib/sites/fields';
import { runSuggestion } from '../../../lib/suggest/pipeline';
import { BindingRule, bindTemplate, optionLabels } from '../../../lib/templates/bind';
import bugReport from '../../../lib/templates/builtin/bug-report';
import triage from '../../../lib/templates/builtin/triage';
import { fieldMeta } from '../../../lib/templates/define';

// An IT desk nobody here designed: its own queue names, German priorities, a custom field.
const queue: DeskField = {
  id: 'queue',
  label: 'Queue',
  kind: 'single',
  value: '3',
  writable: true,
  options: [
    { value: '1', label: 'Network' },
    { value: '2', label: 'Hardware' },
    { value: '3', label: 'Access' },
    { value: '4', label: 'Legal' },
  ],
};
const priority: DeskField = {
  id: 'cf:7',
  label: 'Priorität',
  kind: 'single',
  writable: false,
  whyNot: 'You may not change this ticket.',
  options: [
    { value: 'niedrig', label: 'Niedrig' },
    { value: 'hoch', label: 'Hoch' },
  ],
};
const severity: DeskField = {
  id: 'cf:9',
  label: 'Severity',
  kind: 'multiple',
  writable: true,
  options: [
    { value: 'a', label: 'Outage' },
    { value: 'b', label: 'Degraded' },
  ],
};
const subjectBox: DeskField = { id: 'subject', label: 'Subject', kind: 'text', writable: true };

const context = (deskFields: DeskField[], site = 'rt'): TicketContext => ({
  site,
  ticketKey: '12',
  url: 'http://127.0.0.1/Ticket/Display.html?id=12',
  subject: 'VPN drops every hour',
  fields: {},
  messages: [{ author: 'Dana', role: 'customer', text: 'The VPN drops every hour since Monday.' }],
  unreadable: [],
  deskFields,
  readAt: 0,
});

const rules = (list: unknown[]) => list.map((r) => BindingRule.parse(r));

describe('binding templates to the desk on screen', () => {
  test('a choice field takes the options of the desk field it finds, and its schema accepts only those', () => {
    const bound = bindTemplate(triage, context([queue, priority, subjectBox]));
    const category = fieldMeta(bound, 'category')!;
    expect(category.options).toEqual(['Network', 'Hardware', 'Access', 'Legal']);
    expect(category.binding).toEqual({ deskField: 'queue', deskLabel: 'Queue', writable: true });
    const shape = bound.schema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    expect(shape.category!.safeParse('Hardware').success).toBe(true);
    expect(shape.category!.safeParse('refund').success).toBe(false);
    // German label found through the template's names; read-only comes along with its reason.
    expect(fieldMeta(bound, 'priority')!.binding).toMatchObject({
      deskField: 'cf:7',
      writable: false,
      whyNot: 'You may not change this ticket.',
    });
    // The template itself is untouched: another page binds it afresh.
    expect(fieldMeta(triage, 'category')!.options ?? []).toEqual([]);
  });

  test('a page without such a field says so instead of offering values', () => {
    const bound = bindTemplate(triage, context([subjectBox]));
    const category = fieldMeta(bound, 'category')!;
    expect(category.options).toEqual([]);
    expect(category.binding).toEqual({
      reason: expect.stringMatching(/^This page has no field for Category \(looked for category, queue/),
    });
  });

  test('policy picks the desk field, hides options, and is per site', () => {
    const list = rules([
      { site: 'rt', field: 'category', exclude: ['legal'] },
      { site: 'redmine', field: 'category', off: true },
    ]);
    const rt = bindTemplate(triage, context([queue]), list);
    expect(fieldMeta(rt, 'category')!.options).toEqual(['Network', 'Hardware', 'Access']);
    expect(fieldMeta(rt, 'category')!.binding).toMatchObject({ excluded: ['legal'] });
    const redmine = bindTemplate(triage, context([queue], 'redmine'), list);
    expect(fieldMeta(redmine, 'category')!.binding).toEqual({
      reason: expect.stringContaining('turned off'),
    });
    const named = bindTemplate(
      triage,
      context([queue, severity]),
      rules([{ field: 'category', deskField: 'Severity' }]),
    );
    expect(fieldMeta(named, 'category')!.binding).toMatchObject({ deskField: 'cf:9' });
  });

  test('a multiple-choice desk field makes a list of its options; one desk field binds once', () => {
    const bound = bindTemplate(bugReport, context([severity]));
    const meta = fieldMeta(bound, 'severity')!;
    expect(meta.kind).toBe('list');
    expect(meta.options).toEqual(['Outage', 'Degraded']);
    const shape = bound.schema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    expect(shape.severity!.safeParse(['Outage']).success).toBe(true);
    expect(shape.severity!.safeParse(['critical']).success).toBe(false);
    const both = bindTemplate(triage, context([queue]), rules([{ field: 'priority', deskField: 'queue' }]));
    const bound2 = [fieldMeta(both, 'category')!.binding, fieldMeta(both, 'priority')!.binding];
    expect(bound2.filter((b) => b && 'deskField' in b && b.deskField === 'queue')).toHaveLength(1);
  });

  test('duplicate labels are told apart by value and still write the right option', () => {
    const options = [
      { value: '10', label: 'Support' },
      { value: '11', label: 'Support' },
      { value: '12', label: 'Sales' },
    ];
    const labels = optionLabels(options);
    expect(labels).toEqual(['Support (10)', 'Support (11)', 'Sales']);
    expect(findOption({ options }, 'Support (11)')?.value).toBe('11');
    expect(findOption({ options }, 'sales')?.value).toBe('12');
    expect(findOption({ options }, 'Légal')).toBeUndefined();
  });

  test('the provider is asked only for what the page can take, and an unbound choice is missing with why', async () => {
    const seen: FillRequest[] = [];
    const local = createLocalProvider();
    const spy: Provider = {
      kind: 'local',
      model: 'spy',
      fill: (r) => {
        seen.push(r);
        return local.fill(r);
      },
    };
    const suggestion = await runSuggestion(
      { context: context([priority]), templateId: 'triage' },
      { settings: DEFAULT_SETTINGS, provider: spy },
    );
    expect(seen[0]!.fields).not.toContain('category');
    expect(fieldMeta(seen[0]!.template, 'priority')!.options).toEqual(['Niedrig', 'Hoch']);
    expect(suggestion.fields.category).toMatchObject({
      status: 'missing',
      value: null,
      note: expect.stringContaining('This page has no field for Category'),
    });
  });

  test('a remote provider sees option labels redacted, and its answer is restored and grounded', async () => {
    const owner: DeskField = {
      id: 'owner',
      label: 'Category',
      kind: 'person',
      writable: true,
      options: [
        { value: '5', label: 'Ann <ann@corp.example>' },
        { value: '6', label: 'Bob <bob@corp.example>' },
      ],
    };
    let offered: readonly string[] = [];
    const remote: Provider = {
      kind: 'openai',
      model: 'spy',
      fill: async (r) => {
        offered = fieldMeta(r.template, 'category')!.options ?? [];
        const pick = offered[1]!;
        return { fields: { category: { value: pick, evidence: ['VPN drops'], confidence: 0.9 } }, risks: [] };
      },
    };
    const suggestion = await runSuggestion(
      { context: context([owner]), templateId: 'triage', fields: ['category'] },
      { settings: DEFAULT_SETTINGS, provider: remote },
    );
    expect(offered.join(' ')).not.toContain('@');
    expect(suggestion.fields.category).toMatchObject({ value: 'Bob <bob@corp.example>', status: 'filled' });
  });
});
