import { describe, expect, test } from 'vitest';
import type { DeskEvent } from '@/lib/db/db';
import {
  computeMetrics,
  cycles,
  cycleTime,
  distinctTickets,
  escalation,
  fieldAccuracy,
  groundingAndMissing,
  percentile,
  providerHealth,
  timeSaved,
  touchpoints,
} from '@/lib/metrics/compute';
import { dailyTrend, dayOf, histogram } from '@/lib/metrics/series';
import { seededRandom } from '../seeded-random';
import { A, B, C, corrections, D, DAY1, E, events, T0 } from './seed';

// Every expectation below is computed by hand from seed.ts; the comment says how.

describe('percentile (nearest rank)', () => {
  test('p50 and p95 of five values, none of nothing', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3); // rank ceil(2.5)=3
    expect(percentile([5, 1, 4, 2, 3], 95)).toBe(5); // rank ceil(4.75)=5
    expect(percentile([7, 9], 50)).toBe(7); // rank 1
    expect(percentile([], 50)).toBeUndefined();
  });

  test('found by selection, the same value as read from the sorted list (duplicates, runs in order)', () => {
    const random = seededRandom(7);
    const lists = [
      Array.from({ length: 1000 }, (_, i) => i), // in order
      Array.from({ length: 1000 }, (_, i) => 1000 - i), // reversed
      Array.from({ length: 999 }, () => 4), // all equal
      ...Array.from({ length: 50 }, () =>
        Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.floor(random() * 20)),
      ),
    ];
    for (const list of lists) {
      const sorted = [...list].sort((a, b) => a - b);
      for (const p of [1, 50, 95, 100]) {
        const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
        expect(percentile(list, p)).toBe(sorted[rank - 1]);
      }
    }
  });
});

describe('cycle time: first view of the ticket to the first apply', () => {
  test('one cycle per ticket and template, from panel.opened, second apply ignored', () => {
    const list = cycles(events).map((c) => [c.ticketHash, c.mode, c.ms, c.edits]);
    expect(list).toEqual([
      [A, 'shadow', 300_000, 2],
      [B, 'shadow', 500_000, 1],
      [C, 'assist', 60_000, 1],
      [D, 'assist', 100_000, 0],
      [E, 'assist', 100_000, 3],
    ]);
  });

  test('p50, p95 and mean, overall and per mode', () => {
    const t = cycleTime(events);
    // [60k, 100k, 100k, 300k, 500k]
    expect(t.all).toEqual({ count: 5, p50: 100_000, p95: 500_000, mean: 212_000 });
    expect(t.shadow).toEqual({ count: 2, p50: 300_000, p95: 500_000, mean: 400_000 });
    expect(t.assist.count).toBe(3);
    expect(t.assist.p50).toBe(100_000);
    expect(t.assist.mean).toBeCloseTo(260_000 / 3);
  });

  test('filters: template, site, period', () => {
    expect(cycleTime(events, { templateId: 'triage' }).all.p50).toBe(100_000); // [60k,100k,300k,500k] rank 2
    expect(cycleTime(events, { site: 'zendesk' }).all).toMatchObject({ count: 1, p50: 100_000 });
    expect(cycleTime(events, { from: DAY1 }).all.count).toBe(3); // C, D, E
    expect(cycleTime(events, { to: DAY1 }).all.count).toBe(2); // A, B
    expect(cycleTime(events, { templateId: 'none' }).all).toEqual({
      count: 0,
      p50: undefined,
      p95: undefined,
      mean: undefined,
    });
  });
});

describe('cycles of a ticket worked with two templates, events out of order', () => {
  const H = '2'.repeat(64);
  const at = (type: string, time: number, templateId?: string, extra: Partial<DeskEvent> = {}) =>
    ({
      type,
      time,
      site: 'demo',
      ticketHash: H,
      ...(templateId ? { templateId } : {}),
      ...extra,
    }) as DeskEvent;
  // Logged out of time order, as merged exports can be: the apply at 50 s is the refund's first.
  const log: DeskEvent[] = [
    at('panel.opened', T0 + 10_000),
    at('applied', T0 + 90_000, 'refund', { data: { mode: 'assist' } }),
    at('field.edited', T0 + 20_000, 'triage', { field: 'category' }),
    at('applied', T0 + 60_000, 'triage', { data: { mode: 'shadow' } }),
    at('field.edited', T0 + 40_000, 'refund', { field: 'amount' }),
    at('applied', T0 + 50_000, 'refund', { data: { mode: 'assist' } }),
    at('applied', T0 + 60_000, 'triage', { data: { mode: 'assist' } }), // same time, logged later: ignored
    at('panel.opened', T0 + 5_000), // the earliest view starts both cycles
  ];

  test('one cycle per template from its first apply, oldest apply first', () => {
    expect(cycles(log).map((c) => [c.templateId, c.mode, c.start, c.ms, c.edits])).toEqual([
      ['refund', 'assist', T0 + 5_000, 45_000, 1],
      ['triage', 'shadow', T0 + 5_000, 55_000, 1],
    ]);
  });

  test('a template filter keeps its cycle; a period that misses the first apply keeps none', () => {
    expect(cycles(log, { templateId: 'triage' }).map((c) => c.ms)).toEqual([55_000]);
    // The refund's later apply (90 s) is in the period, but only a first apply ends a cycle.
    expect(cycles(log, { from: T0 + 70_000 })).toEqual([]);
    expect(touchpoints(log, { field: 'amount' })).toEqual({ applied: 2, edits: 1, perApplied: 0.5 });
  });
});

describe('distinct tickets', () => {
  test('of events and corrections, counted once; an event of no ticket is none', () => {
    const log: DeskEvent[] = [
      { type: 'panel.opened', time: T0, site: 'demo', ticketHash: A },
      { type: 'applied', time: T0 + 1, site: 'demo', ticketHash: A, templateId: 'triage' },
      { type: 'template.promoted', time: T0 + 2, site: 'demo', ticketHash: '', templateId: 'triage' },
    ];
    const fromCorrections = corrections.filter((c) => c.ticketHash === A || c.ticketHash === B);
    expect(distinctTickets(log, [])).toBe(1);
    expect(distinctTickets(log, fromCorrections)).toBe(2); // A (events and corrections), B
  });
});

describe('a log of more tickets than the first room for them', () => {
  test('every ticket keeps its own first view, edits and apply', () => {
    const log: DeskEvent[] = [];
    for (let i = 0; i < 3000; i++) {
      const ticketHash = i.toString(16).padStart(64, '0');
      const base = { site: 'demo', ticketHash, templateId: 'triage' };
      log.push({ type: 'panel.opened', time: T0 + i, site: 'demo', ticketHash });
      if (i % 2) log.push({ type: 'field.edited', time: T0 + i + 500, field: 'category', ...base });
      log.push({ type: 'applied', time: T0 + i + 1000 + (i % 7), data: { mode: 'assist' }, ...base });
    }
    const list = cycles(log);
    expect(list).toHaveLength(3000);
    const wrong = list.filter((c) => {
      const i = Number.parseInt(c.ticketHash, 16);
      return c.ms !== 1000 + (i % 7) || c.edits !== i % 2 || c.start !== T0 + i;
    });
    expect(wrong).toEqual([]);
  });
});

describe('touchpoints: edits per applied template', () => {
  test('overall, per template, per field', () => {
    expect(touchpoints(events)).toEqual({ applied: 5, edits: 7, perApplied: 1.4 }); // 2+1+1+0+3
    expect(touchpoints(events, { templateId: 'triage' })).toEqual({ applied: 4, edits: 4, perApplied: 1 });
    expect(touchpoints(events, { templateId: 'refund', field: 'amount' })).toEqual({
      applied: 1,
      edits: 2,
      perApplied: 2,
    });
  });
});

describe('acceptance and correction rates per field (corrections, imported ones excluded)', () => {
  test('per template and field', () => {
    const rows = fieldAccuracy(corrections).map((r) => [
      r.templateId,
      r.field,
      r.acceptance.count,
      r.acceptance.total,
    ]);
    expect(rows).toEqual([
      ['refund', 'amount', 0, 1],
      ['refund', 'reason', 1, 1],
      ['triage', 'category', 3, 4],
      ['triage', 'priority', 1, 3],
    ]);
    const category = fieldAccuracy(corrections, { field: 'category' })[0];
    expect(category?.acceptance.rate).toBe(0.75);
    expect(category?.correction).toEqual({ count: 1, total: 4, rate: 0.25 });
  });

  test('overall, by site and period', () => {
    const m = computeMetrics(events, corrections);
    expect(m.acceptance).toEqual({ count: 5, total: 9, rate: 5 / 9 });
    expect(m.correction.count).toBe(4);
    expect(computeMetrics(events, corrections, { site: 'zendesk' }).acceptance).toEqual({
      count: 1,
      total: 1,
      rate: 1,
    });
    expect(computeMetrics(events, corrections, { to: DAY1 }).acceptance).toEqual({
      count: 2,
      total: 4,
      rate: 0.5,
    });
  });
});

describe('grounding and missing input (suggestion.ready status counts)', () => {
  test('overall: filled 12, unsupported 3, missing 4 of 20 fields', () => {
    const g = groundingAndMissing(events);
    expect(g.grounding).toEqual({ count: 12, total: 15, rate: 0.8 });
    expect(g.missingInput).toEqual({ count: 4, total: 20, rate: 0.2 });
  });
  test('triage only: filled 10, unsupported 1, missing 4 of 16', () => {
    const g = groundingAndMissing(events, { templateId: 'triage' });
    expect(g.grounding).toEqual({ count: 10, total: 11, rate: 10 / 11 });
    expect(g.missingInput.rate).toBe(0.25);
  });
});

describe('escalation and override rates', () => {
  test('overall: 1 of 6 tickets escalated; 2 of 4 flags dismissed', () => {
    const e = escalation(events);
    expect(e.escalation).toEqual({ count: 1, total: 6, rate: 1 / 6 });
    expect(e.override).toEqual({ count: 2, total: 4, rate: 0.5 });
  });
  test('triage tickets (A-D): 1 of 4 escalated; B dismissed 1, C escalated 2', () => {
    const e = escalation(events, { templateId: 'triage' });
    expect(e.escalation.rate).toBe(0.25);
    expect(e.override).toEqual({ count: 1, total: 3, rate: 1 / 3 });
  });
});

describe('provider latency and errors', () => {
  test('p50/p95 of [1,2,3,4,5] s; 2 failures of 7 requests', () => {
    const p = providerHealth(events);
    expect(p.latency).toEqual({ count: 5, p50: 3000, p95: 5000 });
    expect(p.errors).toEqual({ count: 2, total: 7, rate: 2 / 7 });
    expect(p.byCode).toEqual({ timeout: 1, network: 1 });
  });
  test('refund: one ready, one failed', () => {
    expect(providerHealth(events, { templateId: 'refund' }).errors.rate).toBe(0.5);
  });
});

describe('time saved against the shadow baseline', () => {
  test('median shadow 300 s - median assist 100 s, times 3 assist cycles', () => {
    expect(timeSaved(events)).toEqual({
      baselineMs: 300_000,
      assistMs: 100_000,
      perTicketMs: 200_000,
      totalMs: 600_000,
    });
  });
  test('no baseline without shadow cycles', () => {
    expect(timeSaved(events, { templateId: 'refund' }).perTicketMs).toBeUndefined();
  });
});

describe('series', () => {
  test('daily trend: acceptance and median cycle per UTC day', () => {
    expect(dayOf(T0)).toBe('2026-11-20');
    const trend = dailyTrend(events, corrections);
    expect(trend).toEqual([
      { day: '2026-11-20', acceptance: { count: 2, total: 4, rate: 0.5 }, applied: 2, cycleP50: 300_000 },
      { day: '2026-11-21', acceptance: { count: 3, total: 5, rate: 0.6 }, applied: 3, cycleP50: 100_000 },
    ]);
  });

  test('histogram of cycle times in whole minutes', () => {
    const ms = cycles(events).map((c) => c.ms); // 60k,100k,100k,300k,500k
    const ten = histogram(ms);
    expect(ten).toHaveLength(9); // 1-minute bins up to 9 min
    expect(ten.map((b) => b.count)).toEqual([0, 3, 0, 0, 0, 1, 0, 0, 1]);
    expect(histogram(ms, 2)).toEqual([
      { from: 0, to: 300_000, count: 3 },
      { from: 300_000, to: 600_000, count: 2 },
    ]);
    expect(histogram([])).toEqual([]);
  });
});
