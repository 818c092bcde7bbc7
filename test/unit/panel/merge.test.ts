import { describe, expect, test } from 'vitest';
import { fromAi, mergeFields, mergeSuggestions } from '../../../lib/panel/merge';
import type { FieldDraft, TemplateInfo } from '../../../lib/panel/model';
import type { FieldState, Suggestion } from '../../../lib/templates/suggestion';

const tpl: TemplateInfo = {
  id: 'refund-request',
  name: 'Refund',
  version: 1,
  mode: 'assist',
  autoFields: ['currency'],
  fields: [
    { id: 'orderNumber', label: 'Order number', kind: 'entity', required: true },
    { id: 'currency', label: 'Currency', kind: 'text', required: true },
    { id: 'reason', label: 'Reason', kind: 'text', required: true },
  ],
};

const state = (value: FieldState['value'], status: FieldState['status'] = 'filled'): FieldState => ({
  value,
  status,
  evidence: [],
  confidence: 0.9,
  source: 'local',
});

const suggestion = (fields: Record<string, FieldState>): Suggestion => ({
  id: 's1',
  templateId: 'refund-request',
  templateVersion: 1,
  site: 'demo',
  ticketKey: '1002',
  contextHash: 'h',
  provider: { kind: 'local', model: 'local' },
  createdAt: 0,
  fields,
  risks: [],
});

const draft = (value: FieldDraft['value'], extra: Partial<FieldDraft> = {}): FieldDraft => ({
  value,
  accepted: false,
  edited: false,
  history: [],
  ...extra,
});

describe('fromAi', () => {
  test('auto fields are pre-accepted only when filled; guesses never are; shadow shows nothing', () => {
    expect(fromAi(tpl, 'currency', suggestion({ currency: state('EUR') })).accepted).toBe(true);
    expect(fromAi(tpl, 'currency', suggestion({ currency: state('EUR', 'unsupported') })).accepted).toBe(
      false,
    );
    expect(fromAi(tpl, 'orderNumber', suggestion({ orderNumber: state('A-1') })).accepted).toBe(false);
    const shadow = fromAi({ ...tpl, mode: 'shadow' }, 'currency', suggestion({ currency: state('EUR') }));
    expect(shadow).toMatchObject({ value: null, accepted: false });
  });
});

describe('mergeFields', () => {
  const next = suggestion({ orderNumber: state('A-2'), currency: state('EUR'), reason: state('broken') });

  test('a plain re-run never overwrites what the agent typed', () => {
    const merged = mergeFields(tpl, { orderNumber: draft('A-9', { edited: true }) }, next, {}, false);
    expect(merged.orderNumber?.value).toBe('A-9');
    expect(merged.reason?.value).toBe('broken');
  });

  test('a field regenerated on request replaces the value; the old one is kept for undo and compare', () => {
    const merged = mergeFields(
      tpl,
      { orderNumber: draft('A-9', { edited: true }) },
      next,
      { field: 'orderNumber' },
      false,
    );
    expect(merged.orderNumber).toMatchObject({
      value: 'A-2',
      edited: false,
      previous: 'A-9',
      history: ['A-9'],
    });
    expect(merged.reason).toBeUndefined();
  });

  test('a restored draft wins over the AI, and a restored value equal to the AI’s counts as accepted', () => {
    const restored = {
      orderNumber: draft('A-9', { edited: true }),
      currency: draft('EUR', { edited: true }),
    };
    const merged = mergeFields(tpl, restored, next, {}, true);
    expect(merged.orderNumber).toMatchObject({ value: 'A-9', edited: true });
    expect(merged.currency).toMatchObject({ value: 'EUR', edited: false, accepted: true });
  });

  test('in shadow mode a re-run leaves the agent’s values alone', () => {
    const merged = mergeFields(
      { ...tpl, mode: 'shadow' },
      { reason: draft('mine') },
      next,
      { instruction: 'x' },
      false,
    );
    expect(merged.reason?.value).toBe('mine');
  });
});

test('mergeSuggestions keeps the other fields of the earlier suggestion on a one-field run', () => {
  const before = suggestion({ orderNumber: state('A-1'), reason: state('broken') });
  const after = suggestion({ orderNumber: state('A-2') });
  const merged = mergeSuggestions(before, after, 'orderNumber');
  expect(merged.fields.orderNumber?.value).toBe('A-2');
  expect(merged.fields.reason?.value).toBe('broken');
  expect(mergeSuggestions(before, after)).toBe(after);
});
