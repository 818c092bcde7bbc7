import { describe, expect, test } from 'vitest';
import { DEFAULT_RULES, effectiveRules } from '@/lib/escalation/defaults';
import { evaluate } from '@/lib/escalation/evaluate';
import { EscalationRule } from '@/lib/escalation/rules';
import { parseNumber } from '@/lib/escalation/values';
import { Settings } from '@/lib/settings/schema';
import { fires, NOW, says, suggestion, ticket } from './helpers';

describe('text condition', () => {
  test('keywords fire with the sentence around them as evidence, from the original text', () => {
    const evidence = fires(
      { kind: 'text', keywords: ['abogado'] },
      says('Hola. Mi ABOGADO ya tiene todo. Gracias.'),
    );
    expect(evidence).toEqual([{ quote: 'Mi ABOGADO ya tiene todo.', messageIndex: 0 }]);
  });

  test('regular expressions are case-insensitive and read folded text', () => {
    const c = { kind: 'text', patterns: ['\\bref(und)?\\s*#?\\d{4}\\b', 'reclamacion'] } as const;
    expect(fires(c, says('See REFUND #1234 please'))).toHaveLength(1);
    expect(fires(c, says('Presento una reclamación formal'))).toHaveLength(1);
    expect(fires(c, says('nothing here'))).toBeUndefined();
  });

  test('scope: customer text by default, agent and internal notes only when asked', () => {
    const context = ticket({
      messages: [
        { role: 'customer', text: 'Where is my parcel?' },
        { role: 'agent', text: 'No need for a lawyer, it is on its way.' },
        { role: 'internal', text: 'Customer mentioned fraud last year.' },
      ],
    });
    expect(fires({ kind: 'text', keywords: ['lawyer'] }, context)).toBeUndefined();
    expect(fires({ kind: 'text', keywords: ['lawyer'], scope: 'thread' }, context)).toHaveLength(1);
    expect(fires({ kind: 'text', keywords: ['fraud'], scope: 'thread' }, context)).toBeUndefined();
    expect(fires({ kind: 'text', keywords: ['fraud'], scope: 'all' }, context)).toHaveLength(1);
  });

  test('the subject counts as customer text', () => {
    expect(fires({ kind: 'text', keywords: ['sue'] }, says('hello', { subject: 'Refund or I SUE' }))).toEqual(
      [{ quote: 'Refund or I SUE' }],
    );
  });

  test('an invalid pattern or an empty keyword is refused when the rule is saved', () => {
    const bad = EscalationRule.safeParse({
      id: 'x',
      severity: 'info',
      reason: 'r',
      any: [{ kind: 'text', patterns: ['(unclosed'] }],
    });
    expect(bad.success).toBe(false);
    // Catastrophic backtracking on a crafted ticket would freeze the background: refused too.
    const slow = EscalationRule.safeParse({
      id: 'x',
      severity: 'info',
      reason: 'r',
      any: [{ kind: 'text', patterns: ['^(a+)+$'] }],
    });
    expect(slow.success).toBe(false);
    expect(JSON.stringify(slow.error?.issues)).toContain('could freeze the browser');
    expect(
      EscalationRule.safeParse({
        id: 'x',
        severity: 'info',
        reason: 'r',
        any: [{ kind: 'text', keywords: ['!!'] }],
      }).success,
    ).toBe(false);
  });
});

describe('field conditions', () => {
  test('enum equals reads template fields, the desk fields and status/priority/queue, folded', () => {
    const c = { kind: 'field-equals', field: 'category', values: ['Légal', 'security'] } as const;
    expect(fires(c, says('hi'), suggestion({ category: { value: 'legal' } }))).toBeDefined();
    expect(fires(c, says('hi', { fields: { Category: 'Security' } }))).toBeDefined();
    expect(fires(c, says('hi'), suggestion({ category: { value: 'billing' } }))).toBeUndefined();
    expect(
      fires(
        { kind: 'field-equals', field: 'Priority', values: ['urgent'] },
        says('x', { priority: 'Urgent' }),
      ),
    ).toBeDefined();
  });

  test('a conflict fires on any of its candidates', () => {
    const s = suggestion({
      category: {
        value: null,
        status: 'conflict',
        candidates: [
          { value: 'billing', evidence: [] },
          { value: 'legal', evidence: [{ quote: 'lawyer' }] },
        ],
      },
    });
    expect(fires({ kind: 'field-equals', field: 'category', values: ['legal'] }, says('hi'), s)).toEqual([
      { quote: 'lawyer' },
    ]);
  });

  test('number over a threshold: numbers and written amounts, names compared loosely', () => {
    const c = { kind: 'field-over', field: 'refund amount', over: 500 } as const;
    expect(fires(c, says('x'), suggestion({ refundAmount: { value: 500.01 } }))).toBeDefined();
    expect(fires(c, says('x'), suggestion({ refund_amount: { value: '€1.299,00' } }))).toBeDefined();
    expect(fires(c, says('x'), suggestion({ refundAmount: { value: 500 } }))).toBeUndefined();
    expect(
      fires({ ...c, inclusive: true }, says('x'), suggestion({ refundAmount: { value: 500 } })),
    ).toBeDefined();
    expect(fires(c, says('x'), suggestion({ refundAmount: { value: 'about eighty' } }))).toBeUndefined();
    expect(fires(c, says('x', { fields: { 'Refund Amount': '$ 2,000' } }))).toBeDefined();
  });

  test('written numbers parse in either convention', () => {
    expect(parseNumber('1,299.00')).toBe(1299);
    expect(parseNumber('1.299,00')).toBe(1299);
    expect(parseNumber('1 299')).toBe(1299);
    expect(parseNumber('89,99')).toBe(89.99);
    expect(parseNumber('89.99 EUR')).toBe(89.99);
    expect(parseNumber('no digits')).toBeUndefined();
  });

  test('date older than N days counts from when the ticket was read', () => {
    const c = { kind: 'field-older-than', field: 'orderDate', days: 30 } as const;
    expect(fires(c, says('x'), suggestion({ orderDate: { value: '2026-10-01' } }))).toBeDefined();
    expect(fires(c, says('x'), suggestion({ orderDate: { value: '12 October 2026' } }))).toBeDefined();
    expect(fires(c, says('x'), suggestion({ orderDate: { value: '2026-11-20' } }))).toBeUndefined();
    expect(fires(c, says('x'), suggestion({ orderDate: { value: 'last week' } }))).toBeUndefined();
    // Same ticket read 60 days later: now older.
    expect(
      fires(
        c,
        says('x', { readAt: NOW + 60 * 86_400_000 }),
        suggestion({ orderDate: { value: '2026-11-20' } }),
      ),
    ).toBeDefined();
  });

  test('a suggestion made for another ticket lends none of its fields', () => {
    const s = suggestion({ category: { value: 'legal' } }, { ticketKey: '2' });
    expect(
      fires({ kind: 'field-equals', field: 'category', values: ['legal'] }, says('hi'), s),
    ).toBeUndefined();
  });
});

describe('amount in the text', () => {
  test('any currency, symbol or code, before or after, over the threshold', () => {
    const c = { kind: 'amount', over: 500 } as const;
    expect(fires(c, says('I paid 1.299,00 € for it'))).toBeDefined();
    expect(fires(c, says('Total: USD 2,499.00'))).toBeDefined();
    expect(fires(c, says('it cost £650'))).toBeDefined();
    expect(fires(c, says('it cost 650 CHF'))).toBeDefined();
    expect(fires(c, says('it cost 89.99 EUR'))).toBeUndefined();
    expect(fires(c, says('order #A-10720 from 2026, 3 items'))).toBeUndefined();
  });

  test('with `near`, only in a message that also talks about a refund', () => {
    const c = { kind: 'amount', over: 500, near: ['refund*', 'reembols*'] } as const;
    expect(fires(c, says('My laptop cost $1,200 and the screen is broken'))).toBeUndefined();
    expect(fires(c, says('Quiero el reembolso de 1.200 €'))).toBeDefined();
  });
});

describe('requester condition', () => {
  test('domain (with subdomains) and address lists, case-insensitive', () => {
    const c = { kind: 'requester', domains: ['@BigCorp.example'], emails: ['ceo@other.example'] } as const;
    expect(fires(c, says('x', { requester: { email: 'Hannah@bigcorp.example' } }))).toEqual([
      { quote: 'Hannah@bigcorp.example' },
    ]);
    expect(fires(c, says('x', { requester: { email: 'a@eu.bigcorp.example' } }))).toBeDefined();
    expect(fires(c, says('x', { requester: { email: 'a@notbigcorp.example' } }))).toBeUndefined();
    expect(fires(c, says('x', { requester: { email: 'CEO@other.example' } }))).toBeDefined();
    expect(fires(c, says('x', { requester: {} }))).toBeUndefined();
  });
});

describe('sentiment condition', () => {
  test('a template field value fires it', () => {
    expect(
      fires({ kind: 'sentiment' }, says('ok'), suggestion({ sentiment: { value: 'Angry' } })),
    ).toBeDefined();
    expect(
      fires({ kind: 'sentiment' }, says('ok'), suggestion({ sentiment: { value: 'neutral' } })),
    ).toBeUndefined();
  });

  test('the local cue needs several distinct signs of anger, in several languages', () => {
    expect(fires({ kind: 'sentiment' }, says('The colour is terrible.'))).toBeUndefined();
    expect(
      fires({ kind: 'sentiment' }, says('This is UNACCEPTABLE!! Worst service ever, I am fed up.')),
    ).toBeDefined();
    expect(
      fires({ kind: 'sentiment' }, says('¡Es inaceptable!! Estoy harto, servicio pésimo.')),
    ).toBeDefined();
    expect(
      fires({ kind: 'sentiment' }, says('Unverschämt! Zum dritten Mal schreibe ich, eine Frechheit.')),
    ).toBeDefined();
    expect(fires({ kind: 'sentiment' }, says('C’est inadmissible, scandaleux, ras le bol !!'))).toBeDefined();
    expect(fires({ kind: 'sentiment', local: false }, says('UNACCEPTABLE!! Worst. fed up.'))).toBeUndefined();
  });

  test('a model saying "positive" cannot switch off the local cue', () => {
    const s = suggestion({ sentiment: { value: 'positive' } });
    expect(
      fires({ kind: 'sentiment' }, says('UNACCEPTABLE!! Worst service, I am furious.'), s),
    ).toBeDefined();
  });
});

describe('unanswered replies', () => {
  const c = { kind: 'unanswered', atLeast: 2 } as const;
  test('counts customer replies since the last agent answer; internal notes are no answer', () => {
    const context = ticket({
      messages: [
        { role: 'customer', text: 'Hello.' },
        { role: 'agent', text: 'On it.' },
        { role: 'customer', text: 'Any news?' },
        { role: 'internal', text: 'Chasing the warehouse.' },
        { role: 'customer', text: 'Hello??' },
      ],
    });
    expect(fires(c, context)).toEqual([
      { quote: 'Any news?', messageIndex: 2 },
      { quote: 'Hello??', messageIndex: 4 },
    ]);
  });

  test('an agent answer resets the count', () => {
    const context = ticket({
      messages: [
        { role: 'customer', text: 'a' },
        { role: 'customer', text: 'b' },
        { role: 'customer', text: 'c' },
        { role: 'agent', text: 'answer' },
        { role: 'customer', text: 'thanks' },
      ],
    });
    expect(fires(c, context)).toBeUndefined();
  });

  test('on a ticket never answered, the opening message is the request, not a reply', () => {
    const two = ticket({
      messages: [
        { role: 'customer', text: 'a' },
        { role: 'customer', text: 'b' },
      ],
    });
    const three = ticket({ messages: [...two.messages, { role: 'customer', text: 'c', author: 'x' }] });
    expect(fires(c, two)).toBeUndefined();
    expect(fires(c, three)).toHaveLength(2);
  });
});

describe('combinators and rules', () => {
  const rule = EscalationRule.parse({
    id: 'refund-legal',
    severity: 'critical',
    reason: 'r',
    all: [{ kind: 'text', keywords: ['refund'] }],
    any: [
      { kind: 'text', keywords: ['lawyer'] },
      { kind: 'text', keywords: ['court'] },
    ],
    none: [{ kind: 'requester', domains: ['internal.example'] }],
  });
  const run = (context: ReturnType<typeof says>) =>
    evaluate(context, undefined, { rules: [rule], signalThreshold: 0.6 }).flags.map((f) => f.ruleId);

  test('all + any + none', () => {
    expect(run(says('refund or my lawyer calls'))).toEqual(['refund-legal']);
    expect(run(says('refund or court'))).toEqual(['refund-legal']);
    expect(run(says('refund please'))).toEqual([]);
    expect(run(says('my lawyer'))).toEqual([]);
    expect(run(says('refund or court', { requester: { email: 'qa@internal.example' } }))).toEqual([]);
  });

  test('a rule needs a condition; ids are checked', () => {
    expect(EscalationRule.safeParse({ id: 'x', severity: 'info', reason: 'r' }).success).toBe(false);
    expect(
      EscalationRule.safeParse({
        id: 'Bad Id',
        severity: 'info',
        reason: 'r',
        any: [{ kind: 'unanswered', atLeast: 1 }],
      }).success,
    ).toBe(false);
  });

  test('settings validate rules; a configured rule replaces the default with its id', () => {
    const settings = Settings.parse({
      escalation: {
        rules: [
          {
            id: 'vip-requester',
            severity: 'warning',
            reason: 'VIP',
            any: [{ kind: 'requester', domains: ['vip.example'] }],
          },
        ],
      },
    });
    expect(() => Settings.parse({ escalation: { rules: [{ id: 'x', severity: 'loud' }] } })).toThrow();
    const rules = effectiveRules(settings.escalation.rules);
    expect(rules).toHaveLength(DEFAULT_RULES.length);
    const vip = evaluate(says('hi', { requester: { email: 'a@vip.example' } }), undefined, {
      rules,
      signalThreshold: 0.6,
    });
    expect(vip.flags.map((f) => [f.ruleId, f.severity])).toEqual([['vip-requester', 'warning']]);
    const off = effectiveRules([{ ...DEFAULT_RULES[0]!, enabled: false }]);
    expect(off.map((r) => r.id)).not.toContain(DEFAULT_RULES[0]!.id);
  });

  test('flags are ordered by severity and carry routing', () => {
    const result = evaluate(
      says('UNACCEPTABLE!! worst service, I am furious. My lawyer will call.'),
      undefined,
      { rules: DEFAULT_RULES, signalThreshold: 0.6 },
    );
    expect(result.flags.map((f) => f.ruleId)).toEqual(['legal-threat', 'angry-customer']);
    expect(result.flags[0]?.routing).toMatchObject({
      queue: 'Legal',
      priority: 'urgent',
      handoffTemplateId: 'escalation-handoff',
    });
  });
});
