import { describe, expect, test } from 'vitest';
import { decisionSignals } from '@/lib/escalation/decisions';
import { DEFAULT_RULES } from '@/lib/escalation/defaults';
import { evaluate } from '@/lib/escalation/evaluate';
import { NOW, says, suggestion, ticket } from './helpers';

const run = (
  ...args: Parameters<typeof evaluate> extends [infer C, infer S, ...unknown[]] ? [C, S?] : never
) => evaluate(args[0], args[1], { rules: DEFAULT_RULES, signalThreshold: 0.6 });

describe('model risk signals', () => {
  const context = says('The heater smells odd when it runs for an hour.');

  test('at or over the threshold: a flag; below: a hint, not a flag', () => {
    const s = suggestion(
      {},
      {
        risks: [
          {
            category: 'safety',
            confidence: 0.6,
            evidence: [{ quote: 'smells odd' }],
            rationale: 'Possible overheating.',
          },
          { category: 'churn', confidence: 0.59, evidence: [{ quote: 'runs for an hour' }] },
        ],
      },
    );
    const result = run(context, s);
    expect(result.flags).toEqual([
      expect.objectContaining({
        ruleId: 'model:safety',
        source: 'model',
        severity: 'warning',
        confidence: 0.6,
      }),
    ]);
    expect(result.flags[0]?.reason).toContain('Possible overheating.');
    expect(result.hints).toEqual([
      { category: 'churn', confidence: 0.59, evidence: [{ quote: 'runs for an hour' }], ungrounded: 0 },
    ]);
  });

  test('quotes the model invented are not shown as evidence', () => {
    const s = suggestion(
      {},
      {
        risks: [
          {
            category: 'legal',
            confidence: 0.3,
            evidence: [{ quote: 'I will sue' }, { quote: 'SMELLS  odd' }],
          },
        ],
      },
    );
    expect(run(context, s).hints[0]).toMatchObject({ evidence: [{ quote: 'SMELLS  odd' }], ungrounded: 1 });
  });

  test('the threshold comes from settings', () => {
    const s = suggestion({}, { risks: [{ category: 'abuse', confidence: 0.5, evidence: [] }] });
    expect(evaluate(context, s, { rules: [], signalThreshold: 0.4 }).flags).toHaveLength(1);
    expect(evaluate(context, s, { rules: [], signalThreshold: 0.9 }).hints).toHaveLength(1);
  });

  test('model signals only add: rule flags stay whatever the model says', () => {
    const s = suggestion(
      {},
      { risks: [{ category: 'legal', confidence: 0, evidence: [], rationale: 'No legal risk.' }] },
    );
    const result = run(says('My attorney is preparing a lawsuit.'), s);
    expect(result.flags.map((f) => f.ruleId)).toEqual(['legal-threat']);
    expect(result.hints).toHaveLength(1);
  });
});

describe('model signals that agree with a rule', () => {
  test('are shown on the rule of their category, not as a second flag; others stay separate', () => {
    const s = suggestion(
      {},
      {
        risks: [
          { category: 'legal', confidence: 0.8, evidence: [], rationale: 'Mentions an attorney.' },
          { category: 'compliance', confidence: 0.9, evidence: [] },
        ],
      },
    );
    const result = run(says('My attorney is preparing a lawsuit.'), s);
    expect(result.flags.map((f) => f.ruleId)).toEqual(['legal-threat', 'model:compliance']);
    expect(result.flags[0]?.agreeing).toEqual([
      { category: 'legal', confidence: 0.8, rationale: 'Mentions an attorney.' },
    ]);
    expect(decisionSignals(result).map((x) => [x.category, x.shownAs])).toEqual([
      ['compliance', 'flag'],
      ['legal', 'flag'],
    ]);
  });
});

describe('edge cases', () => {
  test('missing: unreadable fields (agent) and required template fields (customer); optional ones are not asked', () => {
    const context = says('Refund please', {
      unreadable: [{ field: 'requester.email', reason: 'not found on the page' }],
    });
    const s = suggestion({
      orderNumber: { status: 'missing', question: 'What is your order number?' },
      notes: { status: 'missing' },
    });
    const edges = run(context, s).edges;
    expect(edges).toEqual([
      expect.objectContaining({
        kind: 'missing',
        code: 'unreadable',
        field: 'requester.email',
        askWhom: 'agent',
      }),
      expect.objectContaining({
        kind: 'missing',
        code: 'required-field',
        ask: 'What is your order number?',
        askWhom: 'customer',
      }),
    ]);
  });

  test('contradictory: conflicting candidates become a question; a closed ticket with a waiting customer', () => {
    const s = suggestion({
      orderNumber: {
        status: 'conflict',
        candidates: [
          { value: 'A-10633', evidence: [] },
          { value: 'A-10663', evidence: [] },
        ],
      },
    });
    const edges = run(says('Order A-10633, sorry A-10663', { status: 'Solved' }), s).edges;
    expect(edges.map((e) => e.code)).toEqual(['closed-but-waiting', 'conflict']);
    expect(edges[1]?.ask).toBe('Which order number is the right one: A-10633 or A-10663?');
  });

  test('late: thread still loading; a reply newer than the suggestion makes it stale', () => {
    const loading = run(
      ticket({ unreadable: [{ field: 'messages', reason: 'The conversation is still loading.' }] }),
    ).edges;
    expect(loading.map((e) => [e.kind, e.code])).toEqual([['late', 'loading']]);
    const context = ticket({
      messages: [
        { role: 'customer', text: 'first', time: new Date(NOW - 3_600_000).toISOString() },
        { role: 'customer', text: 'one more thing', time: new Date(NOW + 60_000).toISOString() },
      ],
    });
    const edges = run(context, suggestion({ x: { status: 'stale', value: 'a' } })).edges;
    expect(edges.map((e) => [e.kind, e.code])).toEqual([
      ['late', 'stale-suggestion'],
      ['late', 'stale-field'],
    ]);
  });

  test('a suggestion for another ticket is reported, not used', () => {
    const edges = run(says('hi'), suggestion({}, { ticketKey: '99' })).edges;
    expect(edges.map((e) => e.code)).toEqual(['other-ticket']);
  });

  test('a complete, consistent ticket has no edge cases', () => {
    expect(run(says('hi'), suggestion({ a: { value: 'x' } })).edges).toEqual([]);
  });
});
