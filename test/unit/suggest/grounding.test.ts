import { describe, expect, test } from 'vitest';
import { createLocalProvider } from '../../../lib/engine/local-provider';
import type { RawAnswer } from '../../../lib/llm/provider';
import { DEFAULT_SETTINGS } from '../../../lib/settings/schema';
import { ground, normalize } from '../../../lib/suggest/grounding';
import { runSuggestion } from '../../../lib/suggest/pipeline';
import { contextHash, markStale } from '../../../lib/suggest/stale';
import { builtinTemplate } from '../../../lib/templates/registry';
import { demoContext } from './demo-context';

const refund = builtinTemplate('refund-request');
if (!refund) throw new Error('refund-request missing');
const fields = Object.keys(refund.schema.shape);

function groundRaw(ticket: number, answer: RawAnswer) {
  return ground({ template: refund!, context: demoContext(ticket), answer, fields, source: 'model' }).fields;
}

const empty = (): RawAnswer => ({
  fields: Object.fromEntries(fields.map((f) => [f, { value: null, evidence: [], confidence: 0 }])),
  risks: [],
});

describe('field status', () => {
  test('filled: the value and its quote are in the ticket, with the message they come from', () => {
    const answer = empty();
    answer.fields.orderNumber = { value: 'A-10517', evidence: ['Order number A-10517'], confidence: 0.9 };
    answer.fields.amount = { value: 89.99, evidence: ['I paid €89.99'], confidence: 0.9 };
    const f = groundRaw(1002, answer);
    expect(f.orderNumber).toMatchObject({ status: 'filled', value: 'A-10517', source: 'model' });
    expect(f.orderNumber?.evidence).toEqual([{ quote: 'Order number A-10517', messageIndex: 0 }]);
    expect(f.amount?.status).toBe('filled');
  });

  test('quotes match despite case, spacing and typographic quotes', () => {
    const answer = empty();
    answer.fields.reason = {
      value: 'cracked jug',
      evidence: ['ARRIVED   with a cracked jug.'],
      confidence: 0.8,
    };
    expect(groundRaw(1002, answer).reason?.status).toBe('filled');
    expect(normalize('It’s “fine”')).toBe('it\'s "fine"');
  });

  test('missing: a required field with no value gets a question for the customer', () => {
    const f = groundRaw(1002, empty());
    expect(f.reason).toMatchObject({ status: 'missing', value: null });
    expect(f.reason?.question).toMatch(/why/i);
    // Not required: missing without a question.
    expect(f.eligibility?.status).toBe('missing');
    expect(f.eligibility?.question).toBeUndefined();
  });

  test('unsupported: a quote that is not in the ticket, or a value no quote supports', () => {
    const answer = empty();
    answer.fields.orderNumber = { value: 'A-99999', evidence: ['order A-99999'], confidence: 0.95 };
    answer.fields.amount = { value: 120, evidence: [], confidence: 0.9 };
    const f = groundRaw(1002, answer);
    expect(f.orderNumber).toMatchObject({ status: 'unsupported', value: 'A-99999' });
    expect(f.orderNumber?.confidence).toBeLessThanOrEqual(0.3);
    expect(f.amount?.status).toBe('unsupported');
  });

  test('unsupported: a value of the wrong type for the field', () => {
    const answer = empty();
    answer.fields.amount = { value: 'eighty-nine', evidence: ['€89.99'], confidence: 0.9 };
    expect(groundRaw(1002, answer).amount?.status).toBe('unsupported');
  });

  test('conflict: two order numbers in the thread (ticket 1006) give both candidates', () => {
    const answer = empty();
    answer.fields.orderNumber = { value: 'A-10663', evidence: ['the order is #A-10663'], confidence: 0.9 };
    const f = groundRaw(1006, answer);
    expect(f.orderNumber?.status).toBe('conflict');
    expect(f.orderNumber?.candidates?.map((c) => c.value)).toEqual(['A-10663', 'A-10633']);
    expect(f.orderNumber?.candidates?.[1]?.evidence[0]?.quote).toBe('#A-10633');
  });

  test('stale: a new reply changes the hash and marks provider fields stale, agent values stay', async () => {
    const context = demoContext(1002);
    const suggestion = await runSuggestion(
      { context, templateId: 'refund-request' },
      { settings: DEFAULT_SETTINGS, provider: createLocalProvider() },
    );
    expect(suggestion.fields.orderNumber?.status).toBe('filled');
    expect(markStale(suggestion, suggestion.contextHash)).toBe(suggestion);
    const agentEdited = {
      ...suggestion,
      fields: {
        ...suggestion.fields,
        reason: {
          value: 'cracked jug',
          status: 'filled' as const,
          evidence: [],
          confidence: 1,
          source: 'agent' as const,
        },
      },
    };
    const changed = {
      ...context,
      messages: [...context.messages, { author: 'Daniel', role: 'customer' as const, text: 'Any update?' }],
    };
    const stale = markStale(agentEdited, await contextHash(changed));
    expect(stale.fields.orderNumber?.status).toBe('stale');
    expect(stale.fields.orderNumber?.value).toBe('A-10517');
    expect(stale.fields.reason?.status).toBe('filled');
  });

  test('risk signals keep only quotes found in the ticket', () => {
    const triage = builtinTemplate('triage')!;
    const result = ground({
      template: triage,
      context: demoContext(1005),
      answer: {
        fields: {},
        risks: [
          { category: 'legal', confidence: 0.9, evidence: ['forwarded everything to my lawyer'] },
          { category: 'safety', confidence: 0.8, evidence: ['the device caught fire'] },
        ],
      },
      fields: [],
      source: 'model',
    });
    expect(result.risks[0]).toMatchObject({ category: 'legal', confidence: 0.9 });
    expect(result.risks[1]?.evidence).toEqual([]);
    expect(result.risks[1]?.confidence).toBeCloseTo(0.4);
  });
});
