import { describe, expect, test } from 'vitest';
import { createLocalProvider } from '../../../lib/engine/local-provider';
import { DEFAULT_SETTINGS, Settings } from '../../../lib/settings/schema';
import { runSuggestion } from '../../../lib/suggest/pipeline';
import { bindTemplate } from '../../../lib/templates/bind';
import { parseCustomTemplate } from '../../../lib/templates/custom';
import { listTemplates, suggestTemplate } from '../../../lib/templates/registry';
import { demoContext } from '../suggest/demo-context';

const warranty = {
  id: 'warranty-claim',
  name: 'Warranty claim',
  description: 'A product that broke within warranty.',
  keywords: ['warranty', 'stopped working', 'broken'],
  schema: {
    type: 'object',
    properties: {
      product: { type: 'string', description: 'The product that broke.' },
      paid: { type: 'number', description: 'Price paid.', 'x-deskmate': { kind: 'money' } },
      severity: { type: 'string', enum: ['low', 'high'] },
      boxKept: { type: 'boolean' },
      symptoms: { type: 'array', items: { type: 'string' } },
      ticketNote: {
        type: 'string',
        'x-deskmate': { kind: 'long-text', applyTo: 'internal-note', question: 'What exactly happens?' },
      },
    },
    required: ['product', 'ticketNote'],
  },
};

describe('custom templates (JSON Schema subset)', () => {
  test('a valid definition becomes a working zod template', () => {
    const result = parseCustomTemplate(warranty);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const t = result.template;
    expect(t.builtin).toBe(false);
    expect(t.fields.severity?.kind).toBe('enum');
    expect(t.fields.severity?.options).toEqual(['low', 'high']);
    expect(t.fields.paid).toMatchObject({ kind: 'money', local: 'amount', required: false });
    expect(t.fields.ticketNote).toMatchObject({
      applyTo: 'internal-note',
      required: true,
      question: 'What exactly happens?',
    });
    expect(
      t.schema.safeParse({
        product: 'x',
        paid: 2,
        severity: 'low',
        boxKept: true,
        symptoms: ['a'],
        ticketNote: 'n',
      }).success,
    ).toBe(true);
    expect(
      t.schema.safeParse({
        product: 'x',
        paid: '2',
        severity: 'mid',
        boxKept: true,
        symptoms: [],
        ticketNote: 'n',
      }).success,
    ).toBe(false);
  });

  test.each([
    [{ ...warranty, id: 'Bad Id' }, 'id: lower-case letters'],
    [
      {
        ...warranty,
        schema: { ...warranty.schema, properties: { ...warranty.schema.properties, n: { type: 'integer' } } },
      },
      'schema.properties.n.type',
    ],
    [
      { ...warranty, schema: { ...warranty.schema, required: ['product', 'nope'] } },
      'schema.required[1]: "nope" is required but is not in schema.properties',
    ],
    [
      { ...warranty, schema: { ...warranty.schema, properties: {} } },
      'schema.properties: a template needs at least one field',
    ],
    [
      {
        ...warranty,
        schema: { ...warranty.schema, properties: { a: { type: 'array', items: { type: 'number' } } } },
      },
      'schema.properties.a.items.type',
    ],
    [
      {
        ...warranty,
        schema: { ...warranty.schema, properties: { a: { type: 'number', 'x-deskmate': { kind: 'enum' } } } },
      },
      'schema.properties.a.x-deskmate.kind',
    ],
    [
      {
        ...warranty,
        schema: {
          ...warranty.schema,
          properties: { a: { type: 'string', 'x-deskmate': { applyTo: 'subject' } } },
        },
      },
      'schema.properties.a.x-deskmate.applyTo',
    ],
    [{ ...warranty, extra: true }, 'Unrecognized key: "extra"'],
  ])('a bad definition is refused with a path-specific error (%#)', (json, expected) => {
    const result = parseCustomTemplate(json);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(expected);
  });

  test('a choice without its own list binds to the desk field it names', () => {
    const result = parseCustomTemplate({
      ...warranty,
      schema: {
        type: 'object',
        properties: { team: { type: 'string', 'x-deskmate': { kind: 'enum', bind: ['Support group'] } } },
        required: ['team'],
      },
    });
    if (!result.ok) throw new Error(result.errors.join('; '));
    const bound = bindTemplate(result.template, {
      site: 'rt',
      deskFields: [
        {
          id: 'cf:3',
          label: 'Support group',
          kind: 'single',
          writable: true,
          options: [
            { value: 'net', label: 'Netzwerk' },
            { value: 'hw', label: 'Hardware' },
          ],
        },
      ],
    });
    expect(bound.fields.team).toMatchObject({
      options: ['Netzwerk', 'Hardware'],
      binding: { deskField: 'cf:3' },
    });
  });

  test('a custom template may not reuse a built-in id', () => {
    const result = parseCustomTemplate({ ...warranty, id: 'triage' }, ['triage']);
    expect(result.ok).toBe(false);
  });
});

describe('registry', () => {
  test('built-ins minus disabled, plus valid custom; invalid ones reported with their index', () => {
    const settings = Settings.parse({
      templates: { disabledBuiltins: ['bug-report'], custom: [warranty, { id: 'x' }, warranty] },
    });
    const { templates, problems } = listTemplates(settings);
    expect(templates.map((t) => t.id)).toEqual([
      'triage',
      'refund-request',
      'escalation-handoff',
      'reply-draft',
      'warranty-claim',
    ]);
    expect(problems.map((p) => p.index)).toEqual([1, 2]);
    expect(problems[1]?.errors[0]).toMatch(/used twice/);
  });

  test('suggestTemplate ranks by the ticket: refund for 1002, bug report for 1003, escalation for 1005', () => {
    const { templates } = listTemplates(DEFAULT_SETTINGS);
    expect(suggestTemplate(templates, demoContext(1002))[0]?.id).toBe('refund-request');
    expect(suggestTemplate(templates, demoContext(1003))[0]?.id).toBe('bug-report');
    expect(suggestTemplate(templates, demoContext(1005))[0]?.id).toBe('escalation-handoff');
    expect(suggestTemplate(templates, demoContext(1001))[0]?.id).toBe('triage');
  });

  test('a custom template runs through the pipeline with the local engine', async () => {
    const settings = Settings.parse({ templates: { custom: [warranty] } });
    const s = await runSuggestion(
      { context: demoContext(1002), templateId: 'warranty-claim' },
      { settings, provider: createLocalProvider() },
    );
    expect(s.fields.paid).toMatchObject({ status: 'filled', value: 89.99 });
    expect(s.fields.ticketNote).toMatchObject({ status: 'missing', question: 'What exactly happens?' });
  });
});
