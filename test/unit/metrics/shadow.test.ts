import { describe, expect, test } from 'vitest';
import { MetricEvent } from '@/lib/metrics/event-schema';
import { applyEvents, compareFields, sameFieldValue, ticketRef } from '@/lib/metrics/shadow';
import type { FieldState } from '@/lib/templates/suggestion';

const f = (value: FieldState['value']): FieldState => ({
  value,
  status: 'filled',
  evidence: [],
  confidence: 0.9,
  source: 'model',
});
const suggestion = {
  fields: { category: f('billing'), priority: f('high'), tags: f(['a', 'b']), note: f(null) },
};

describe('agreement', () => {
  test('case, spacing and list order do not count; an empty string is no value', () => {
    expect(sameFieldValue('Billing ', 'billing')).toBe(true);
    expect(sameFieldValue(['b', 'a'], ['a', 'b'])).toBe(true);
    expect(sameFieldValue(12, '12')).toBe(true);
    expect(sameFieldValue('', null)).toBe(true);
    expect(sameFieldValue('high', 'low')).toBe(false);
  });

  test('per field; fields empty on both sides are not compared', () => {
    expect(
      compareFields(suggestion, { category: 'Billing', priority: 'low', tags: ['b', 'a'], note: '' }),
    ).toEqual([
      { field: 'category', agreed: true },
      { field: 'priority', agreed: false },
      { field: 'tags', agreed: true },
    ]);
    expect(compareFields(undefined, { category: 'x' })).toEqual([]);
  });
});

describe('applyEvents', () => {
  test('shadow: applied then shadow.recorded with agreement counts, no field.accepted', async () => {
    const ref = await ticketRef({ site: 'demo', ticketKey: '1001' });
    expect(ref.ticketHash).toMatch(/^[0-9a-f]{64}$/);
    const events = applyEvents({
      ref,
      templateId: 'triage',
      mode: 'shadow',
      suggestion,
      values: { category: 'billing', priority: 'low', tags: ['a', 'b'] },
    });
    expect(events.map((e) => e.type)).toEqual(['applied', 'shadow.recorded']);
    expect(events[0]).toMatchObject({ data: { mode: 'shadow', fields: 3 } });
    expect(events[1]).toMatchObject({ data: { fields: 3, agreed: 2, corrected: 1 } });
    for (const e of events) expect(MetricEvent.safeParse(e).success).toBe(true);
  });

  test('assist: field.accepted for unchanged fields (auto marked), then applied', async () => {
    const ref = await ticketRef({ site: 'demo', ticketKey: '1001' });
    const events = applyEvents({
      ref,
      templateId: 'triage',
      mode: 'assist',
      suggestion,
      values: { category: 'billing', priority: 'low' },
      autoFields: ['category'],
    });
    expect(events.map((e) => [e.type, 'field' in e ? e.field : undefined])).toEqual([
      ['field.accepted', 'category'],
      ['applied', undefined],
    ]);
    expect(events[0]).toMatchObject({ data: { auto: true } });
  });

  test('the agreement corrections.record stored wins over the local comparison', async () => {
    const ref = await ticketRef({ site: 'demo', ticketKey: '7' });
    const events = applyEvents({
      ref,
      templateId: 'triage',
      mode: 'shadow',
      suggestion,
      values: {},
      agreement: [{ field: 'category', agreed: true }],
    });
    expect(events[1]).toMatchObject({ data: { fields: 1, agreed: 1, corrected: 0 } });
  });
});
