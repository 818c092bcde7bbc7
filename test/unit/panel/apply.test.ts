import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { DeskField, TicketContext } from '../../../lib/context/ticket-context';
import type { PanelBackend } from '../../../lib/panel/backend';
import { keyCommand, stepField } from '../../../lib/panel/keys';
import type { FieldDraft, TemplateField, TemplateInfo } from '../../../lib/panel/model';
import { applyAll, planApply, shownApplied } from '../../../lib/panel/output';
import { setFieldValue, useSession } from '../../../lib/panel/session';

const queue: DeskField = {
  id: 'queue',
  label: 'Queue',
  kind: 'single',
  value: 'q1',
  options: [
    { value: 'q1', label: 'Network' },
    { value: 'q2', label: 'Hardware' },
  ],
  writable: true,
};

const tagsField: DeskField = {
  id: 'cf:7',
  label: 'Tags',
  kind: 'multiple',
  options: [
    { value: 'VPN', label: 'VPN' },
    { value: 'WIFI', label: 'Wi-Fi' },
  ],
  writable: true,
};

const fields: TemplateField[] = [
  {
    id: 'category',
    label: 'Category',
    kind: 'enum',
    required: true,
    options: ['Network', 'Hardware'],
    binding: { deskField: 'queue', deskLabel: 'Queue', writable: true },
  },
  {
    id: 'tags',
    label: 'Tags',
    kind: 'list',
    required: false,
    options: ['VPN', 'Wi-Fi'],
    binding: { deskField: 'cf:7', deskLabel: 'Tags', writable: true },
  },
  {
    id: 'severity',
    label: 'Severity',
    kind: 'enum',
    required: false,
    options: [],
    binding: { reason: 'This page has no field for Severity (looked for severity).' },
  },
  { id: 'reply', label: 'Reply', kind: 'longText', required: false, applyTo: 'reply' },
  {
    id: 'owner',
    label: 'Owner',
    kind: 'enum',
    required: false,
    options: ['Ann'],
    binding: {
      deskField: 'owner',
      deskLabel: 'Owner',
      writable: false,
      whyNot: 'you have no right to change it',
    },
  },
  { id: 'summary', label: 'Summary', kind: 'text', required: false },
];

const draft = (value: FieldDraft['value'], accepted = true): FieldDraft => ({
  value,
  accepted,
  edited: false,
  history: [],
});

const context = (deskFields?: DeskField[]): TicketContext =>
  ({
    site: 'rt',
    ticketKey: '7',
    url: 'https://desk.example/Ticket/Display.html?id=7',
    messages: [],
    ...(deskFields ? { deskFields } : {}),
  }) as unknown as TicketContext;

describe('planApply (what Apply all writes, and why not)', () => {
  test('text to its box, choices to their desk field, the rest refused with the reason', () => {
    const plan = planApply(
      fields,
      {
        category: draft('Hardware'),
        tags: draft(['VPN']),
        severity: draft('high'),
        reply: draft('Hello'),
        owner: draft('Ann'),
        summary: draft('A summary'),
      },
      ['reply'],
      context([queue, tagsField]),
    );
    expect(plan.steps).toEqual([
      {
        id: 'category',
        label: 'Category',
        to: 'desk',
        deskField: 'queue',
        deskLabel: 'Queue',
        value: 'Hardware',
      },
      { id: 'tags', label: 'Tags', to: 'desk', deskField: 'cf:7', deskLabel: 'Tags', value: ['VPN'] },
      { id: 'reply', label: 'Reply', to: 'text', target: 'reply', value: 'Hello' },
    ]);
    expect(plan.refused).toEqual([
      {
        id: 'severity',
        label: 'Severity',
        reason: 'This page has no field for Severity (looked for severity).',
        nowhere: true,
      },
      // Owner's binding says read-only and no desk field of that id is in the read page either.
      { id: 'owner', label: 'Owner', reason: 'Not on this page: Owner is gone.' },
    ]);
  });

  test('a value outside the options is never planned; an option the desk no longer offers is "option gone"', () => {
    const typed = planApply(fields, { category: draft('Netw') }, [], context([queue]));
    expect(typed.steps).toEqual([]);
    expect(typed.refused[0]?.reason).toBe('“Netw” is not one of the options Queue offers.');
    const renamed = { ...queue, options: [{ value: 'q1', label: 'Networking' }] };
    const gone = planApply(fields, { category: draft('Network') }, [], context([renamed]));
    expect(gone.refused[0]?.reason).toBe('Option gone: Queue no longer offers “Network”.');
  });

  test('read-only and missing text boxes are reasons; not accepted values are listed, not written', () => {
    const owner = {
      ...queue,
      id: 'owner',
      label: 'Owner',
      writable: false,
      whyNot: 'you have no right to change it',
    };
    const plan = planApply(
      fields,
      { owner: draft('Ann'), reply: draft('Hi'), category: draft('Network', false), summary: draft('x') },
      [],
      context([queue, owner]),
    );
    expect(plan.refused).toEqual([
      { id: 'reply', label: 'Reply', reason: 'Not on this page: it shows no reply box now.' },
      { id: 'owner', label: 'Owner', reason: 'Owner is read-only here: you have no right to change it' },
    ]);
    expect(plan.notAccepted).toEqual(['Category']);
    // A field that goes nowhere (no binding, no box: listed without a ticket) is neither.
    expect(plan.steps).toEqual([]);
  });

  test('empty values are skipped', () => {
    const plan = planApply(
      fields,
      { category: draft(null), tags: draft([]), reply: draft('  ') },
      ['reply'],
      context([queue]),
    );
    expect(plan).toEqual({ steps: [], refused: [], notAccepted: [] });
  });
});

function fakeBackend(overrides: Partial<PanelBackend> = {}) {
  const calls = { apply: [] as [string, string][], setFields: [] as unknown[], kept: 0 };
  const backend = {
    targets: async () => ['reply' as const],
    apply: async (target: string, value: string) => {
      calls.apply.push([target, value]);
    },
    setFields: async (values: { id: string; value: string | string[] }[]) => {
      calls.setFields.push(values);
      return { results: values.map(({ id }) => ({ id, ok: true as const })) };
    },
    recordKept: async () => {
      calls.kept += 1;
    },
    recordEvent: () => {},
    ...overrides,
  } as unknown as PanelBackend;
  return { backend, calls };
}

const template: TemplateInfo = {
  id: 'triage',
  name: 'Triage',
  version: 1,
  mode: 'assist',
  autoFields: [],
  fields,
};

function start(backend: PanelBackend, values: Record<string, FieldDraft>) {
  useSession.setState({
    backend,
    context: context([
      queue,
      { ...queue, id: 'cf:7', label: 'Tags', kind: 'multiple', options: [{ value: 'VPN', label: 'VPN' }] },
    ]),
    ticketHash: 'h',
    templates: [template],
    templateId: 'triage',
    fields: values,
    targets: ['reply'],
    applied: {},
    notice: undefined,
    error: undefined,
  });
}

describe('applyAll (one click, every accepted field, per-field outcome)', () => {
  beforeEach(() => useSession.setState({ applied: {}, fields: {} }));

  test('text through page.apply, desk fields through one page.setFields, each field says written or why not', async () => {
    const { backend, calls } = fakeBackend({
      setFields: vi.fn(async (values: { id: string }[]) => ({
        results: values.map(({ id }) =>
          id === 'cf:7'
            ? { id, ok: false as const, reason: 'RT did not keep the value.' }
            : { id, ok: true as const },
        ),
      })),
    } as Partial<PanelBackend>);
    start(backend, {
      category: draft('Hardware'),
      tags: draft(['VPN']),
      reply: draft('Hello'),
      severity: draft('x'),
    });
    await applyAll();
    expect(calls.apply).toEqual([['reply', 'Hello']]);
    expect(backend.setFields).toHaveBeenCalledTimes(1);
    expect(backend.setFields).toHaveBeenCalledWith([
      { id: 'queue', value: 'Hardware' },
      { id: 'cf:7', value: ['VPN'] },
    ]);
    const applied = useSession.getState().applied;
    expect(applied.category).toEqual({ ok: true, value: 'Hardware' });
    expect(applied.reply).toEqual({ ok: true, value: 'Hello' });
    expect(applied.tags).toEqual({ ok: false, reason: 'RT did not keep the value.', value: ['VPN'] });
    expect(applied.severity?.ok).toBe(false);
    expect(useSession.getState().notice).toEqual({
      kind: 'error',
      message: 'Written 2 of 3; the others say why.',
    });
    expect(calls.kept).toBe(1);
    // Nothing the agent has is lost.
    expect(useSession.getState().fields.tags?.value).toEqual(['VPN']);
  });

  test('a failing page keeps every value; a changed value drops its apply state', async () => {
    const { backend, calls } = fakeBackend({
      apply: async () => {
        throw new Error('The reply box is gone');
      },
      setFields: async () => {
        throw new Error('The tab was closed');
      },
    } as Partial<PanelBackend>);
    start(backend, { category: draft('Network'), reply: draft('Hello') });
    await applyAll();
    const { applied, fields: after } = useSession.getState();
    expect(applied.category).toMatchObject({ ok: false, reason: 'The tab was closed' });
    expect(applied.reply).toMatchObject({ ok: false, reason: 'The reply box is gone' });
    expect(after.category?.value).toBe('Network');
    expect(after.reply?.value).toBe('Hello');
    expect(calls.kept).toBe(0);
    setFieldValue('category', 'Hardware');
    expect(useSession.getState().applied.category).toBeUndefined();
    expect(shownApplied().reply).toBeDefined();
  });

  test('nothing accepted: nothing is sent, the notice says to accept first', async () => {
    const { backend, calls } = fakeBackend();
    start(backend, { category: draft('Network', false) });
    await applyAll();
    expect(calls.setFields).toEqual([]);
    expect(useSession.getState().notice?.message).toBe('Nothing written: accept a field first (Category).');
  });
});

describe('keyboard flow', () => {
  const press = (
    key: string,
    mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {},
  ) => keyCommand({ key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });

  test('keys map to commands; plain typing is left alone', () => {
    expect(press('ArrowDown', { altKey: true })).toBe('next');
    expect(press('ArrowUp', { altKey: true })).toBe('previous');
    expect(press('Enter', { altKey: true })).toBe('accept');
    expect(press('Enter', { altKey: true, shiftKey: true })).toBe('accept-all');
    expect(press('Enter', { ctrlKey: true })).toBe('apply-all');
    expect(press('Enter', { metaKey: true })).toBe('apply-all');
    expect(press('Enter')).toBeUndefined();
    expect(press('ArrowDown')).toBeUndefined();
    expect(press('a', { altKey: true })).toBeUndefined();
  });

  test('next and previous wrap around; with no focus they start at an end', () => {
    expect(stepField(['a', 'b', 'c'], undefined, 1)).toBe('a');
    expect(stepField(['a', 'b', 'c'], undefined, -1)).toBe('c');
    expect(stepField(['a', 'b', 'c'], 'c', 1)).toBe('a');
    expect(stepField(['a', 'b', 'c'], 'a', -1)).toBe('c');
    expect(stepField([], 'a', 1)).toBeUndefined();
  });
});
