import { describe, expect, test } from 'vitest';
import type { DeskEvent } from '@/lib/db/db';
import { computeMetrics, cycleTime, escalation, providerHealth } from '@/lib/metrics/compute';
import {
  APPLIED,
  DISMISSED,
  distinctNames,
  EventColumns,
  eventCount,
  FAILED,
  groupRows,
  OPENED,
  READY,
  typeCode,
  viewOf,
} from '@/lib/metrics/event-columns';
import { A, C, corrections, D, F, events as seeded, T0 } from './seed';

// Every expectation below is computed by hand from the events written out in the test (or seed.ts).

const s = 1000;
const X = 'a'.repeat(64);
const Y = 'b'.repeat(64);
const Z = 'c'.repeat(64);

const ev = (type: string, time: number, ticketHash: string, extra: Partial<DeskEvent> = {}): DeskEvent => ({
  type,
  time,
  site: 'demo',
  ticketHash,
  ...extra,
});

/** The parts of a row the columns keep (everything but the database id and the data). */
const kept = (e: DeskEvent) => ({
  type: e.type,
  time: e.time,
  site: e.site,
  ticketHash: e.ticketHash,
  agentId: '',
  ...(e.templateId ? { templateId: e.templateId } : {}),
  ...(e.field ? { field: e.field } : {}),
});

describe('viewOf: a browser’s rows as columns', () => {
  const log: DeskEvent[] = [
    ev('panel.opened', T0, X, { id: 1 }),
    ev('field.edited', T0 + 5 * s, X, { templateId: 'triage', field: 'category' }),
    ev('applied', T0 + 9 * s, X, { templateId: 'triage', data: { mode: 'assist', fields: 2 } }),
    ev('template.promoted', T0 + 10 * s, '', { site: 'zendesk', templateId: 'refund' }),
  ];

  test('row(i) gives back each row’s type, time, site, ticket, template and field', () => {
    const { columns, rows } = viewOf(log);
    expect(rows).toBeUndefined();
    expect(columns.length).toBe(4);
    expect([0, 1, 2, 3].map((i) => columns.row(i))).toEqual(log.map(kept));
    expect(columns.type[0]).toBe(OPENED);
    expect(columns.type[2]).toBe(APPLIED);
    // The row without a ticket, template or field keeps the empty name, index 0.
    expect(columns.ticket[3]).toBe(0);
    expect(columns.field[0]).toBe(0);
    expect(columns.template[0]).toBe(0);
    // Equal strings are one name: the two events of X share its index.
    expect(columns.ticket[0]).toBe(columns.ticket[1]);
    expect(columns.names[columns.ticket[0] as number]).toBe(X);
  });

  test('the same array gives the same view; another array (equal content) its own; a view is itself', () => {
    const view = viewOf(log);
    expect(viewOf(log)).toBe(view);
    const copy = [...log];
    expect(viewOf(copy)).not.toBe(view);
    expect(viewOf(view)).toBe(view);
    const sub = { columns: view.columns, rows: Int32Array.of(1, 3) };
    expect(viewOf(sub)).toBe(sub);
    expect(eventCount(log)).toBe(4);
    expect(eventCount(view)).toBe(4);
    expect(eventCount(sub)).toBe(2);
  });

  test('a type outside the vocabulary reads back as unknown', () => {
    const { columns } = viewOf([ev('from.the.future', T0, X)]);
    expect(typeCode('from.the.future')).toBe(255);
    expect(columns.type[0]).toBe(255);
    expect(columns.row(0).type).toBe('unknown');
  });
});

describe('EventColumns growing', () => {
  /** Event i of a table of ten: every column a different value, so a lost or shifted one shows. */
  function fill(columns: EventColumns, count = 10) {
    for (let i = 0; i < count; i++) {
      const ready = i % 2 === 0;
      columns.push(
        T0 + i * s,
        ready ? READY : FAILED,
        columns.name(`site-${i % 3}`),
        columns.name(`ticket-${i}`),
        columns.name(`tpl-${i % 4}`),
        columns.name(i % 5 ? `field-${i}` : undefined),
        columns.name(`agent-${i % 2}`),
        ready
          ? {
              mode: i % 4 === 0 ? 'shadow' : 'assist',
              latencyMs: 100 + i,
              filled: i,
              unsupported: i + 1,
              missing: i + 2,
              conflict: i + 3,
              stale: 1,
            }
          : { mode: 'assist', code: `code-${i}` },
      );
    }
  }

  function expectTen(columns: EventColumns) {
    expect(columns.length).toBe(10);
    for (let i = 0; i < 10; i++) {
      const ready = i % 2 === 0;
      expect(columns.row(i)).toEqual({
        type: ready ? 'suggestion.ready' : 'suggestion.failed',
        time: T0 + i * s,
        site: `site-${i % 3}`,
        ticketHash: `ticket-${i}`,
        agentId: `agent-${i % 2}`,
        templateId: `tpl-${i % 4}`,
        ...(i % 5 ? { field: `field-${i}` } : {}),
      });
      expect([
        columns.latency[i],
        columns.filled[i],
        columns.unsupported[i],
        columns.missing[i],
        columns.other[i],
        columns.shadow[i],
        columns.names[columns.code[i] as number],
      ]).toEqual(
        ready ? [100 + i, i, i + 1, i + 2, i + 4, i % 4 === 0 ? 1 : 0, ''] : [0, 0, 0, 0, 0, 0, `code-${i}`],
      );
    }
  }

  test('ten pushes into room for two keep every value', () => {
    const columns = new EventColumns(2);
    expect(columns.time.length).toBe(2);
    fill(columns);
    expect(columns.time.length).toBeGreaterThanOrEqual(10);
    expectTen(columns);
  });

  test('a table made with no room grows on its first push (no value is dropped)', () => {
    const columns = new EventColumns(0);
    fill(columns);
    expectTen(columns);
    const into = new EventColumns(0);
    const names = into.namesFrom(columns);
    for (let i = 0; i < 10; i++) into.append(columns, i, names);
    expectTen(into);
  });

  test('reserve makes room and keeps the values; a smaller reserve changes nothing', () => {
    const columns = new EventColumns(2);
    fill(columns);
    columns.reserve(100);
    expect(columns.time.length).toBeGreaterThanOrEqual(100);
    expect(columns.code.length).toBe(columns.time.length);
    expectTen(columns);
    const room = columns.time.length;
    columns.reserve(5);
    expect(columns.time.length).toBe(room);
    expectTen(columns);
  });

  test('append copies another table’s events, its names mapped to this table’s', () => {
    const from = new EventColumns(2);
    fill(from);
    const into = new EventColumns(2);
    // Names this table already has, in another order: the indices differ from the source's.
    into.name('tpl-3');
    into.name('agent-1');
    const names = into.namesFrom(from);
    expect(names[0]).toBe(0);
    for (let i = 0; i < 10; i++) into.append(from, i, names);
    expect(into.names.indexOf('tpl-3')).not.toBe(from.names.indexOf('tpl-3'));
    expectTen(into);
  });
});

describe('snapshot', () => {
  test('pushes after a snapshot change neither its length nor its metrics', () => {
    const columns = new EventColumns(8);
    const push = (type: string, time: number, ticket: string, data?: Record<string, unknown>) =>
      columns.push(
        time,
        typeCode(type),
        columns.name('demo'),
        columns.name(ticket),
        columns.name(type === 'panel.opened' ? undefined : 'triage'),
        0,
        0,
        data,
      );
    push('panel.opened', T0, X);
    push('suggestion.ready', T0 + 2 * s, X, {
      mode: 'assist',
      latencyMs: 700,
      filled: 2,
      missing: 0,
      conflict: 0,
      stale: 0,
      unsupported: 0,
    });
    push('applied', T0 + 30 * s, X, { mode: 'assist', fields: 2 });
    push('panel.opened', T0 + 40 * s, Y);
    const snap = columns.snapshot();
    const before = computeMetrics({ columns: snap }, []);
    expect(before.cycleTime.all).toEqual({ count: 1, p50: 30_000, p95: 30_000, mean: 30_000 });
    expect(before.provider.errors).toEqual({ count: 0, total: 1, rate: 0 });

    // Two into the room left (the arrays the snapshot shares), then enough to grow them: Y's cycle,
    // a failure, a new site.
    push('applied', T0 + 100 * s, Y, { mode: 'shadow', fields: 1 });
    push('suggestion.failed', T0 + 101 * s, Y, { mode: 'assist', code: 'timeout' });
    for (let i = 0; i < 10; i++)
      columns.push(T0 + (200 + i) * s, OPENED, columns.name('rt'), columns.name(`t${i}`), 0, 0, 0, undefined);

    expect(columns.length).toBe(16);
    expect(snap.length).toBe(4);
    expect(eventCount({ columns: snap })).toBe(4);
    // A new view of the snapshot (nothing cached) computes what it did before the pushes.
    expect(computeMetrics({ columns: snap }, [])).toEqual(before);
    expect(distinctNames({ columns: snap }, 'site')).toEqual(['demo']);
    // The table itself has the new events.
    const after = computeMetrics({ columns }, []);
    expect(after.cycleTime.all.count).toBe(2);
    expect(after.provider.errors).toEqual({ count: 1, total: 2, rate: 0.5 });
  });
});

describe('what is kept of an event’s data', () => {
  // X: shadow, a suggestion with every status count, escalated (2 flags), applied after 60 s.
  // Y: assist, a fast suggestion, two failures (one without a code), dismissed (3 flags), 30 s.
  // Z: a failure recorded without any data (a row from another version).
  const log: DeskEvent[] = [
    ev('panel.opened', T0, X),
    ev('suggestion.ready', T0 + 1 * s, X, {
      templateId: 'triage',
      data: {
        mode: 'shadow',
        latencyMs: 1500,
        provider: 'local',
        model: 'm',
        flags: 2,
        filled: 3,
        missing: 1,
        conflict: 2,
        stale: 1,
        unsupported: 4,
      },
    }),
    ev('escalated', T0 + 10 * s, X, { templateId: 'triage', data: { flags: 2 } }),
    ev('applied', T0 + 60 * s, X, { templateId: 'triage', data: { mode: 'shadow', fields: 3 } }),
    ev('panel.opened', T0 + 100 * s, Y),
    ev('suggestion.ready', T0 + 101 * s, Y, {
      templateId: 'triage',
      data: {
        mode: 'assist',
        latencyMs: 500,
        provider: 'openai',
        model: 'm',
        filled: 1,
        missing: 0,
        conflict: 0,
        stale: 0,
        unsupported: 0,
      },
    }),
    ev('suggestion.failed', T0 + 102 * s, Y, {
      templateId: 'triage',
      data: { mode: 'assist', code: 'timeout' },
    }),
    ev('suggestion.failed', T0 + 103 * s, Y, { templateId: 'triage', data: { mode: 'assist' } }),
    ev('dismissed', T0 + 110 * s, Y, { data: { flags: 3 } }),
    ev('applied', T0 + 130 * s, Y, { templateId: 'triage', data: { mode: 'assist', fields: 1 } }),
    ev('suggestion.failed', T0 + 200 * s, Z, { templateId: 'triage' }),
  ];

  test('the columns: latency, counts (conflict + stale as other), flags, shadow, codes', () => {
    const { columns } = viewOf(log);
    expect([columns.latency[1], columns.filled[1], columns.unsupported[1], columns.missing[1]]).toEqual([
      1500, 3, 4, 1,
    ]);
    expect(columns.other[1]).toBe(3); // conflict 2 + stale 1
    expect(columns.other[5]).toBe(0);
    // flags are kept for escalated and dismissed only (the ready's flags: 2 is not read).
    expect(Array.from(columns.flags.subarray(0, log.length))).toEqual([0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0]);
    expect(Array.from(columns.shadow.subarray(0, log.length))).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(columns.type[8]).toBe(DISMISSED);
    expect([6, 7, 10].map((i) => columns.names[columns.code[i] as number])).toEqual([
      'timeout',
      'internal',
      '',
    ]);
  });

  test('provider health: p50/p95 of [500, 1500]; 3 failures of 5 requests, by code', () => {
    expect(providerHealth(log)).toEqual({
      latency: { count: 2, p50: 500, p95: 1500 }, // ranks ceil(1) = 1 and ceil(1.9) = 2
      errors: { count: 3, total: 5, rate: 3 / 5 },
      byCode: { timeout: 1, internal: 2 }, // Y's failure without a code, Z's without data
    });
  });

  test('grounding and missing input from the counts: filled 4, unsupported 4, missing 1 of 12 fields', () => {
    const m = computeMetrics(log, []);
    expect(m.grounding).toEqual({ count: 4, total: 8, rate: 0.5 }); // (3+1) / (3+1 + 4+0)
    expect(m.missingInput).toEqual({ count: 1, total: 12, rate: 1 / 12 }); // (3+1+4+3) + (1)
  });

  test('escalation: 1 of 3 tickets (X, Y, Z); override: 3 of 5 flags dismissed', () => {
    expect(escalation(log)).toEqual({
      escalation: { count: 1, total: 3, rate: 1 / 3 },
      override: { count: 3, total: 5, rate: 3 / 5 },
    });
  });

  test('the apply’s mode: X’s 60 s cycle is shadow, Y’s 30 s assist; 30 s saved on one ticket', () => {
    const t = cycleTime(log);
    expect(t.shadow).toEqual({ count: 1, p50: 60_000, p95: 60_000, mean: 60_000 });
    expect(t.assist).toEqual({ count: 1, p50: 30_000, p95: 30_000, mean: 30_000 });
    expect(computeMetrics(log, []).timeSaved).toEqual({
      baselineMs: 60_000,
      assistMs: 30_000,
      perTicketMs: 30_000,
      totalMs: 30_000,
    });
  });
});

describe('groupRows and distinctNames', () => {
  // Agents and sites interleaved, as a merged team log is; two events of no site (empty name).
  const columns = new EventColumns(4);
  const plan: [agent: string, site: string, template?: string][] = [
    ['ann', 'demo', 'triage'],
    ['bob', 'rt'],
    ['ann', 'rt', 'refund'],
    ['cid', ''],
    ['bob', 'demo', 'triage'],
    ['ann', 'demo'],
    ['cid', 'zendesk', 'refund'],
    ['bob', ''],
  ];
  plan.forEach(([agent, site, template], i) => {
    columns.push(
      T0 + i,
      OPENED,
      columns.name(site),
      columns.name(`t${i}`),
      columns.name(template),
      0,
      columns.name(agent),
      undefined,
    );
  });
  const asLists = (groups: Map<string, Int32Array>) => [...groups].map(([k, v]) => [k, Array.from(v)]);

  test('by agent: each agent’s indices, ascending; every event in exactly one group', () => {
    const groups = groupRows(columns, 'agent');
    expect(asLists(groups)).toEqual([
      ['ann', [0, 2, 5]],
      ['bob', [1, 4, 7]],
      ['cid', [3, 6]],
    ]);
    const all = [...groups.values()].flatMap((g) => Array.from(g)).sort((a, b) => a - b);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  test('by site: the events of no site are a group of the empty name; complete', () => {
    const groups = groupRows(columns, 'site');
    expect(Object.fromEntries(asLists(groups))).toEqual({
      demo: [0, 4, 5],
      rt: [1, 2],
      '': [3, 7],
      zendesk: [6],
    });
    const sizes = [...groups.values()].reduce((sum, g) => sum + g.length, 0);
    expect(sizes).toBe(8);
  });

  test('distinctNames: first-seen order, the empty name skipped, over a view’s rows too', () => {
    expect(distinctNames({ columns }, 'site')).toEqual(['demo', 'rt', 'zendesk']);
    expect(distinctNames({ columns }, 'template')).toEqual(['triage', 'refund']);
    const bob = groupRows(columns, 'agent').get('bob')!;
    expect(distinctNames({ columns, rows: bob }, 'site')).toEqual(['rt', 'demo']);
    expect(distinctNames({ columns, rows: bob }, 'template')).toEqual(['triage']);
    expect(distinctNames({ columns, rows: Int32Array.of(3, 7) }, 'site')).toEqual([]);
    // A browser's array of rows.
    expect(distinctNames(seeded, 'site')).toEqual(['demo', 'zendesk']);
  });
});

describe('a view of some of a table’s events', () => {
  const { columns } = viewOf(seeded);
  const pick = (keep: (e: DeskEvent, i: number) => boolean) => {
    const idx = seeded.flatMap((e, i) => (keep(e, i) ? [i] : []));
    return { view: { columns, rows: Int32Array.from(idx) }, rows: idx.map((i) => seeded[i] as DeskEvent) };
  };

  test('tickets A, C, D and F (two sites): the metrics of just those rows', () => {
    const { view, rows } = pick((e) => [A, C, D, F].includes(e.ticketHash));
    expect(rows.length).toBe(18); // A 6, C 5, D 5, F 2
    const m = computeMetrics(view, corrections);
    expect(m).toEqual(computeMetrics(rows, corrections));
    // By hand: cycles A 300 s (shadow), C 60 s, D 100 s; C escalated of 4 tickets.
    expect(m.cycleTime.all).toMatchObject({ count: 3, p50: 100_000, p95: 300_000 });
    expect(m.escalation).toEqual({ count: 1, total: 4, rate: 0.25 });
    expect(m.provider.byCode).toEqual({ timeout: 1, network: 1 });
    // And under filters.
    for (const f of [
      { site: 'zendesk' },
      { templateId: 'triage' },
      { from: T0 + 200 * s, to: T0 + 86_400_000 * 2 },
    ])
      expect(computeMetrics(view, corrections, f)).toEqual(computeMetrics(rows, corrections, f));
  });

  test('a site’s group (groupRows) and every other event: the same as those rows alone', () => {
    const zendesk = groupRows(columns, 'site').get('zendesk')!;
    const rows = Array.from(zendesk, (i) => seeded[i] as DeskEvent);
    expect(rows.map((e) => e.ticketHash)).toEqual([D, D, D, D, D]);
    expect(computeMetrics({ columns, rows: zendesk }, [])).toEqual(computeMetrics(rows, []));
    const odd = pick((_, i) => i % 2 === 1);
    expect(computeMetrics(odd.view, corrections)).toEqual(computeMetrics(odd.rows, corrections));
  });
});

describe('a filter naming what no event has', () => {
  const none = (m: ReturnType<typeof computeMetrics>) => {
    expect(m.cycleTime.all.count).toBe(0);
    expect(m.escalation.total).toBe(0); // tickets seen
    expect(m.provider.latency.count).toBe(0);
    expect(m.provider.errors.total).toBe(0);
    expect(m.touchpoints).toEqual({ applied: 0, edits: 0, perApplied: 0 });
    expect(m.grounding.total).toBe(0);
  };

  test('an unknown site or template selects nothing, over rows, a table and a view', () => {
    const { columns } = viewOf(seeded);
    const half = { columns, rows: Int32Array.from({ length: 10 }, (_, i) => i * 2) };
    for (const log of [seeded, { columns }, half])
      for (const f of [
        { site: 'nowhere' },
        { templateId: 'nothing' },
        { site: 'demo', templateId: 'nothing' },
      ])
        none(computeMetrics(log, corrections, f));
  });

  test('a name the table has in another column (a template as site, a site as template)', () => {
    none(computeMetrics(seeded, [], { site: 'triage' }));
    none(computeMetrics(seeded, [], { templateId: 'zendesk' }));
    none(computeMetrics(seeded, [], { site: A }));
  });

  test('an unknown field counts no edits but keeps the cycles', () => {
    const t = computeMetrics(seeded, [], { field: 'nothing' }).touchpoints;
    expect(t).toEqual({ applied: 5, edits: 0, perApplied: 0 });
  });
});
