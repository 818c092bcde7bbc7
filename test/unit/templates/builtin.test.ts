import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { createLocalProvider } from '../../../lib/engine/local-provider';
import type { EnumLearner } from '../../../lib/engine/ports';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { runSuggestion } from '../../../lib/suggest/pipeline';
import { bindTemplate } from '../../../lib/templates/bind';
import { BUILTIN_TEMPLATES } from '../../../lib/templates/builtin';
import triage from '../../../lib/templates/builtin/triage';
import { templateInfo } from '../../../lib/templates/define';
import { demoContext } from '../suggest/demo-context';

const local = { settings: DEFAULT_SETTINGS, provider: createLocalProvider() };
const run = (ticket: number, templateId: string) =>
  runSuggestion({ context: demoContext(ticket), templateId }, local);

describe('built-in templates', () => {
  test('one file per template, and the id is the file name', () => {
    const files = readdirSync('lib/templates/builtin')
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(BUILTIN_TEMPLATES.map((t) => t.id).sort()).toEqual(files);
  });

  test('every field has metadata, enum options come from the schema, info is serializable', () => {
    for (const t of BUILTIN_TEMPLATES) {
      const info = templateInfo(t);
      expect(info.fields.map((f) => f.name)).toEqual(Object.keys(t.schema.shape));
      expect(JSON.parse(JSON.stringify(info))).toEqual(info);
      // An enum either has its own values or takes the desk's, by binding to a desk field.
      for (const f of info.fields)
        if (f.kind === 'enum') expect((f.options?.length ?? 0) > 1 || (f.bind?.length ?? 0) > 0).toBe(true);
    }
  });

  test('triage has no value list of its own: on a page, its choices are the desk field options', () => {
    expect(triage.fields.category.options).toBeUndefined();
    expect(triage.fields.priority.options).toBeUndefined();
    const context = demoContext(1002);
    const bound = bindTemplate(triage, context);
    const desk = (id: string) => context.deskFields?.find((f) => f.id === id)?.options?.map((o) => o.label);
    expect(bound.fields.category?.options).toEqual(desk('category'));
    expect(bound.fields.priority?.options).toEqual(desk('priority'));
    expect(bound.fields.category?.binding).toMatchObject({ deskField: 'category', deskLabel: 'Category' });
    // The schema a provider sees accepts the desk's values only.
    const values: z.infer<typeof triage.schema> = {
      category: desk('category')![0]!,
      priority: desk('priority')![0]!,
      product: 'ProBlend 600',
      sentiment: 'negative',
      language: 'en',
      summary: 'Refund for a cracked blender jug',
    };
    expect(bound.schema.safeParse(values).success).toBe(true);
    expect(bound.schema.safeParse({ ...values, category: 'not-a-desk-value' }).success).toBe(false);
    // Without a desk field the field says so, and offers nothing to choose from.
    const unbound = bindTemplate(triage, { site: 'demo', deskFields: [] });
    expect(unbound.fields.category?.options).toEqual([]);
    expect(unbound.fields.category?.binding).toMatchObject({
      reason: expect.stringContaining('no field for Category'),
    });
  });
});

describe('the local engine fills each built-in from a demo ticket', () => {
  test('triage (1003): negative, English, summary from the subject; a category only from option names', async () => {
    const s = await run(1003, 'triage');
    expect(s.provider.kind).toBe('local');
    // "App crashes" names no option of the desk: with no corrections yet, the local engine does not guess.
    expect(s.fields.category?.status).toBe('missing');
    // "Refund for damaged blender" uses the word of the desk's option "refund": a low-confidence pick.
    const refund = (await run(1002, 'triage')).fields.category;
    expect(refund).toMatchObject({ status: 'filled', value: 'refund', source: 'local' });
    expect(refund?.confidence).toBeLessThanOrEqual(0.45);
    expect(refund?.evidence[0]?.quote.toLowerCase()).toBe('refund');
    expect(s.fields.sentiment).toMatchObject({ status: 'filled', value: 'negative' });
    expect(s.fields.language).toMatchObject({ status: 'filled', value: 'en' });
    expect(s.fields.summary).toMatchObject({
      status: 'filled',
      value: 'App crashes when exporting a report to PDF',
    });
    expect(s.fields.product?.status).toBe('missing');
  });

  test('triage (1011): Spanish; (1005) legal and compliance risk signals with quotes', async () => {
    expect((await run(1011, 'triage')).fields.language?.value).toBe('es');
    const risks = (await run(1005, 'triage')).risks;
    expect(risks.map((r) => r.category)).toEqual(['legal', 'compliance']);
    expect(risks[0]?.evidence[0]?.quote).toBe('lawyer');
  });

  test('refund-request (1011): order, amount in "38,90 €", date without year, the reason sentence', async () => {
    const s = await run(1011, 'refund-request');
    expect(s.fields.orderNumber?.value).toBe('A-10702');
    expect(s.fields.amount).toMatchObject({ status: 'filled', value: 38.9 });
    expect(s.fields.currency?.value).toBe('EUR');
    expect(s.fields.purchaseDate?.value).toBe('--11-15');
    expect(String(s.fields.reason?.value)).toContain('faltan las dos tazas');
    expect(s.fields.eligibility?.status).toBe('missing');
  });

  test('refund-request (1003, a bug report): the problem is the reason; every other required field asks the customer', async () => {
    const s = await run(1003, 'refund-request');
    expect(String(s.fields.reason?.value)).toContain('the desktop app crashes every time I export');
    for (const f of ['orderNumber', 'amount', 'currency', 'purchaseDate']) {
      expect(s.fields[f]?.status).toBe('missing');
      expect(s.fields[f]?.question).toBeTruthy();
    }
  });

  test('refund-request (1006): two order numbers are a conflict', async () => {
    const s = await run(1006, 'refund-request');
    expect(s.fields.orderNumber?.status).toBe('conflict');
    expect(s.fields.orderNumber?.candidates?.map((c) => c.value).sort()).toEqual(['A-10633', 'A-10663']);
  });

  test('bug-report (1003): labelled steps, expected, actual; environment from the text', async () => {
    const s = await run(1003, 'bug-report');
    expect(s.fields.steps?.value).toBe('open any report, click Export, choose PDF, click Save.');
    expect(s.fields.expected?.value).toBe('a PDF file is saved.');
    expect(s.fields.actual?.status).toBe('filled');
    expect(String(s.fields.environment?.value)).toContain('Windows 11 Pro');
    expect(s.fields.environment?.evidence.map((e) => e.quote)).toContain('version 4.2.1');
  });

  test('escalation-handoff (1010): actions from the agent reply, the ask, a composed internal note', async () => {
    const s = await run(1010, 'escalation-handoff');
    expect(String(s.fields.actionsTaken?.value)).toContain('asked billing');
    expect(s.fields.ask?.value).toBe('Please refund the duplicate charge.');
    expect(s.fields.note?.status).toBe('filled');
    expect(String(s.fields.note?.value)).toMatch(/^Issue: Charged twice/);
    expect(s.fields.customerImpact?.status).toBe('missing');
    expect((await run(1003, 'escalation-handoff')).fields.customerImpact?.value).toBe(
      'This blocks our month-end reporting for 40 users.',
    );
  });

  test('reply-draft (1004): apologetic, names the order; in Spanish (1011) the local engine leaves it missing', async () => {
    const s = await run(1004, 'reply-draft');
    expect(s.fields.tone?.value).toBe('apologetic');
    expect(String(s.fields.reply?.value)).toContain('A-10355');
    expect(s.fields.factsUsed?.value).toEqual(['#A-10355']);
    expect((await run(1011, 'reply-draft')).fields.reply?.status).toBe('missing');
  });

  test('an enum the option names do not settle uses the learner when it answers, and stays missing when it abstains', async () => {
    const learner: EnumLearner = {
      predict: async (_t, field, _site, _text, options) =>
        field === 'priority' && options.includes('low') ? { value: 'low', confidence: 0.9 } : undefined,
    };
    const withLearner = await runSuggestion(
      { context: demoContext(1007), templateId: 'triage' },
      { settings: DEFAULT_SETTINGS, provider: createLocalProvider({ learner }) },
    );
    expect(withLearner.fields.priority).toMatchObject({ status: 'filled', value: 'low', source: 'memory' });
    expect(withLearner.fields.category?.status).toBe('missing');
    const abstaining = await runSuggestion(
      { context: demoContext(1007), templateId: 'triage' },
      {
        settings: DEFAULT_SETTINGS,
        provider: createLocalProvider({ learner: { predict: async () => undefined } }),
      },
    );
    expect(abstaining.fields.priority?.status).toBe('missing');
  });
});
