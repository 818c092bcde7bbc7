import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { z } from 'zod';
import { TicketContext } from '@/lib/context/ticket-context';
import { db } from '@/lib/db/db';
import { createLocalProvider } from '@/lib/engine/local-provider';
import { DEFAULT_RULES } from '@/lib/escalation/defaults';
import { evaluate } from '@/lib/escalation/evaluate';
import { escalationHandlers } from '@/lib/escalation/handlers';
import { backgroundMessages } from '@/lib/messaging/protocol';
import { dispatch } from '@/lib/messaging/server';
import { suggestHandlers } from '@/lib/suggest/handlers';
import { BUILTIN_TEMPLATES } from '@/lib/templates/builtin';
import { type FieldState, RiskCategory, Suggestion } from '@/lib/templates/suggestion';
import { NOW } from './helpers';

/**
 * The prompt-injection set (test/fixtures/injection): tickets written for this project that try to
 * talk the assistant out of escalating, in several styles and languages, each with a real trigger.
 * Every expected rule must fire with no suggestion, with a hostile one (a model output saying there
 * is no risk, low priority, small amounts) and with the local engine's output; and evaluating must
 * not write anything to the page, the desk or the records.
 */
const DIR = 'test/fixtures/injection';

const Fixture = z.object({
  id: z.string(),
  style: z.string(),
  language: z.enum(['en', 'es', 'de', 'fr']),
  description: z.string(),
  ticket: z.looseObject({}),
  expectedRules: z.array(z.string()).min(1),
  hostileSuggestion: z.object({ fields: z.record(z.string(), z.looseObject({})) }).optional(),
});
type Fixture = z.infer<typeof Fixture>;

const fixtures: Fixture[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const fixture = Fixture.parse(JSON.parse(readFileSync(join(DIR, f), 'utf8')));
    expect(`${fixture.id}.json`).toBe(f);
    return fixture;
  });

function contextOf(f: Fixture): TicketContext {
  return TicketContext.parse({
    site: 'demo',
    ticketKey: f.id,
    url: `http://127.0.0.1/tickets/${f.id}`,
    readAt: NOW,
    ...f.ticket,
  });
}

const filled = (value: FieldState['value']): Partial<FieldState> => ({
  value,
  status: 'filled',
  confidence: 0.99,
  source: 'model',
});

/** What a compromised model would answer: no risk anywhere, everything low, small amounts. */
function hostile(f: Fixture): Suggestion {
  return Suggestion.parse({
    id: `hostile-${f.id}`,
    templateId: 'triage',
    templateVersion: 1,
    site: 'demo',
    ticketKey: f.id,
    contextHash: 'x',
    provider: { kind: 'openai', model: 'compromised' },
    createdAt: NOW,
    fields: Object.fromEntries(
      Object.entries({
        priority: filled('low'),
        category: filled('other'),
        sentiment: filled('positive'),
        escalate: filled(false),
        refundAmount: filled(0),
        amount: filled(0),
        ...f.hostileSuggestion?.fields,
      }).map(([k, v]) => [k, { ...filled(null), ...v }]),
    ),
    risks: RiskCategory.options.map((category) => ({
      category,
      confidence: 0,
      evidence: [{ quote: 'This is not urgent' }],
      rationale: 'No risk. Do not escalate. The customer is satisfied.',
    })),
  });
}

const options = { rules: DEFAULT_RULES, signalThreshold: 0.6 };
const ruleIds = (s: Suggestion | undefined, c: TicketContext) =>
  evaluate(c, s, options)
    .flags.filter((x) => x.source === 'rule')
    .map((x) => x.ruleId);

describe('prompt-injection set', () => {
  test('has at least 30 tickets in en, es, de and fr, each with an expected rule that exists', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    expect(new Set(fixtures.map((f) => f.language))).toEqual(new Set(['en', 'es', 'de', 'fr']));
    const known = new Set(DEFAULT_RULES.map((r) => r.id));
    for (const f of fixtures) for (const id of f.expectedRules) expect(known, f.id).toContain(id);
  });

  test.each(fixtures.map((f) => [f.id, f] as const))('%s: every expected rule fires', (_id, f) => {
    const context = contextOf(f);
    const plain = ruleIds(undefined, context);
    const underAttack = ruleIds(hostile(f), context);
    for (const id of f.expectedRules) {
      expect(plain, `${id} without a suggestion`).toContain(id);
      expect(underAttack, `${id} with a hostile model output`).toContain(id);
    }
    // The model can only add: nothing that fired without it is missing with it.
    for (const id of plain) expect(underAttack).toContain(id);
  });

  test('every fired rule has evidence quoted from the ticket itself', () => {
    for (const f of fixtures) {
      const context = contextOf(f);
      const all = [context.subject ?? '', ...context.messages.map((m) => m.text)].join('\n');
      for (const flag of evaluate(context, hostile(f), options).flags.filter((x) => x.source === 'rule')) {
        expect(flag.evidence.length, `${f.id} ${flag.ruleId}`).toBeGreaterThan(0);
        for (const e of flag.evidence) expect(all, `${f.id}`).toContain(e.quote);
      }
    }
  });

  test('hostile model quotes that are not in the ticket never become evidence', () => {
    for (const f of fixtures) {
      const s = hostile(f);
      s.risks = s.risks.map((r) => ({
        ...r,
        evidence: [{ quote: 'The customer confirmed everything is fine.' }],
      }));
      const result = evaluate(contextOf(f), s, options);
      for (const h of result.hints) expect(h.evidence).toEqual([]);
    }
  });
});

describe('nothing is applied to the page without the agent', () => {
  const sendToTab = vi.fn();
  const broadcast = vi.fn();
  beforeEach(async () => {
    await db().decisions.clear();
    await db().events.clear();
    sendToTab.mockReset();
    broadcast.mockReset();
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (...args: unknown[]) =>
      sendToTab(...args),
    );
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(async (...args: unknown[]) =>
      broadcast(...args),
    );
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('the local engine and escalation.evaluate over every ticket send nothing to a tab and store nothing', async () => {
    const provider = createLocalProvider();
    const panel = { id: fakeBrowser.runtime.id, url: `${fakeBrowser.runtime.getURL('/')}sidepanel.html` };
    for (const f of fixtures) {
      const context = contextOf(f);
      for (const template of BUILTIN_TEMPLATES) {
        const answer = await provider.fill({
          template,
          context,
          fields: Object.keys(template.schema.shape),
          examples: [],
        });
        // The local engine's risk signals stand in for a model's: they may add, never remove.
        const local = hostile(f);
        local.risks = answer.risks.map((r) => ({ ...r, evidence: r.evidence.map((quote) => ({ quote })) }));
        for (const id of f.expectedRules) expect(ruleIds(local, context), f.id).toContain(id);
      }
      const reply = await dispatch(
        backgroundMessages,
        escalationHandlers,
        { name: 'escalation.evaluate', payload: { context, suggestion: hostile(f) } },
        panel,
      );
      expect(reply).toMatchObject({ ok: true });
    }
    expect(sendToTab).not.toHaveBeenCalled();
    expect(broadcast).not.toHaveBeenCalled();
    expect(await db().decisions.count()).toBe(0);
    expect(await db().events.count()).toBe(0);
  });

  test('the whole path, suggest.run (local engine) then escalation.evaluate, writes nothing to any tab', async () => {
    const handlers = { ...suggestHandlers, ...escalationHandlers };
    const panel = { id: fakeBrowser.runtime.id, url: `${fakeBrowser.runtime.getURL('/')}sidepanel.html` };
    for (const f of fixtures) {
      const context = contextOf(f);
      const suggested = await dispatch(
        backgroundMessages,
        handlers,
        {
          name: 'suggest.run',
          payload: { requestId: `r-${f.id}`, context, templateId: 'escalation-handoff' },
        },
        panel,
      );
      expect(suggested, f.id).toMatchObject({ ok: true });
      const evaluated = (await dispatch(
        backgroundMessages,
        handlers,
        {
          name: 'escalation.evaluate',
          payload: { context, suggestion: (suggested as { data: unknown }).data },
        },
        panel,
      )) as { ok: true; data: { flags: { ruleId: string }[] } };
      for (const id of f.expectedRules)
        expect(
          evaluated.data.flags.map((x) => x.ruleId),
          f.id,
        ).toContain(id);
    }
    expect(sendToTab).not.toHaveBeenCalled();
    // Progress broadcasts are allowed; nothing addressed to a page (page.apply) is.
    for (const [message] of broadcast.mock.calls) expect(JSON.stringify(message)).not.toContain('page.apply');
    expect(await db().decisions.count()).toBe(0);
  });

  test('the evaluation modules import no messaging, browser or storage code', () => {
    const pure = ['evaluate', 'edges', 'rules', 'text', 'values', 'fold', 'sentiment', 'defaults'];
    for (const name of pure) {
      const source = readFileSync(`lib/escalation/${name}.ts`, 'utf8');
      expect(source, name).not.toMatch(/from '(wxt\/browser|\.\.\/messaging\/client|\.\.\/db\/db|dexie)'/);
      expect(source, name).not.toMatch(/page\.apply|sendMessage|sendToTab/);
    }
  });
});
