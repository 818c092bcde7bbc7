import { describe, expect, test } from 'vitest';
import type { DeskEvent } from '@/lib/db/db';
import { csvRow } from '@/lib/export/csv';
import { deskEventId } from '@/lib/export/ids';
import { type ExportFormat, exportHeader, exportRow } from '@/lib/export/stream';
import { addFile, emptyTeamLog, SeenIds } from '@/lib/team/merge';
import { type ParseOptions, parseExport } from '@/lib/team/parse';
import { hashOf } from './fixtures';

// The parser checks each shape of event once and trusts its verdict for the rows that repeat it
// (lib/team/parse.ts EventChecker): these tests put a bad row right after a good one of the same
// shape, where a cache that is too trusting would let it through.

const OPEN: ParseOptions = { ticketText: true, realNames: false };
const AGENT = 'agent-aaaa01';
const T = Date.UTC(2026, 10, 20, 9, 0, 0);
const H = hashOf('ticket-1');

const READY_DATA = {
  mode: 'assist',
  latencyMs: 900,
  provider: 'local',
  model: 'local',
  flags: 0,
  filled: 3,
  missing: 1,
  conflict: 0,
  stale: 0,
  unsupported: 1,
} as const;

/** A valid suggestion.ready at second `k`, its data changed by `change`. */
function ready(k: number, change: Record<string, unknown> = {}, drop?: string): DeskEvent {
  const data: Record<string, unknown> = { ...READY_DATA, ...change };
  if (drop) delete data[drop];
  return {
    type: 'suggestion.ready',
    time: T + k * 1000,
    site: 'demo',
    ticketHash: H,
    templateId: 'triage',
    data: data as DeskEvent['data'],
  };
}

/** An events export of these rows, as lib/export/stream.ts writes it. */
function exportOf(format: ExportFormat, rows: DeskEvent[]): string {
  return exportHeader('events', format) + rows.map((r) => exportRow('events', format, r, AGENT)).join('');
}

/** The file line of data row `k` (1-based): CSV has its header on line 1. */
const lineOf = (format: ExportFormat, k: number) => (format === 'csv' ? k + 1 : k);

const FORMATS: ExportFormat[] = ['jsonl', 'csv'];

describe.each(FORMATS)('the verdict cache lets no bad row through (%s)', (format) => {
  const name = `agent-a-events.${format}`;

  test('ready, latency -5, an extra key, a count over 1,000,000, ready: lines 2-4 rejected', () => {
    const rows = [
      ready(0),
      ready(1, { latencyMs: -5 }),
      ready(2, { extra: 1 }),
      ready(3, { filled: 1_000_001 }),
      ready(4, { latencyMs: 1100 }),
    ];
    const parsed = parseExport(name, exportOf(format, rows), OPEN);
    expect(parsed.format).toBe(format);
    expect(parsed.lines).toBe(5);
    expect(parsed.rejected).toBe(3);
    expect(parsed.events.length).toBe(2);
    expect([parsed.events.row(0).time, parsed.events.row(1).time]).toEqual([T, T + 4000]);
    expect([parsed.events.latency[0], parsed.events.latency[1]]).toEqual([900, 1100]);
    expect(parsed.eventIds).toEqual([deskEventId(rows[0]!), deskEventId(rows[4]!)]);
    expect(parsed.problems.map((p) => [p.file, p.line, p.level])).toEqual([
      [name, lineOf(format, 2), 'error'],
      [name, lineOf(format, 3), 'error'],
      [name, lineOf(format, 4), 'error'],
    ]);
    const [latency, extra, count] = parsed.problems.map((p) => p.message);
    expect(latency).toMatch(
      new RegExp(`^${name.replace('.', '\\.')} line ${lineOf(format, 2)}: .*latencyMs`),
    );
    expect(extra).toMatch(new RegExp(`^${name.replace('.', '\\.')} line ${lineOf(format, 3)}: .*extra`));
    expect(count).toMatch(new RegExp(`^${name.replace('.', '\\.')} line ${lineOf(format, 4)}: .*filled`));
  });

  // Each a row of the same type, site, template and field as the good one before it, but for what
  // the vocabulary (lib/metrics/event-schema.ts) refuses.
  const bad: [string, (k: number) => DeskEvent][] = [
    ['latency below 0', (k) => ready(k, { latencyMs: -5 })],
    ['latency over a day (a number, not a count)', (k) => ready(k, { latencyMs: 86_400_001 })],
    ['a count that is not an integer', (k) => ready(k, { filled: 1.5 })],
    ['a count below 0', (k) => ready(k, { missing: -1 })],
    ['a count over 1,000,000', (k) => ready(k, { unsupported: 1_000_001 })],
    ['a count as text', (k) => ready(k, { filled: '3' })],
    ['a count as a boolean', (k) => ready(k, { flags: true })],
    ['a count as a list', (k) => ready(k, { filled: [3] })],
    ['a mode outside the enum', (k) => ready(k, { mode: 'Assist' })],
    ['a provider outside the enum', (k) => ready(k, { provider: 'remote' })],
    ['free text as the model', (k) => ready(k, { model: 'my customer Jane' })],
    ['a key the vocabulary does not have', (k) => ready(k, { subject: 'x' })],
    ['a key missing', (k) => ready(k, {}, 'stale')],
    ['no data', (k) => ({ ...ready(k), data: undefined })],
    ['a field on a ready', (k) => ({ ...ready(k), field: 'category' })],
    ['free text as the site', (k) => ({ ...ready(k), site: 'demo!' })],
    ['free text as the template', (k) => ({ ...ready(k), templateId: 'my template' })],
    ['no ticket hash', (k) => ({ ...ready(k), ticketHash: '' })],
  ];

  test.each(bad)('%s: rejected after a good row and after itself; the good rows load', (_, make) => {
    // good, bad, good, bad, bad, good: the bad row follows a good one twice, then itself.
    const rows = [ready(0), make(1), ready(2, { filled: 7 }), make(3), make(4), ready(5, { missing: 4 })];
    const parsed = parseExport(name, exportOf(format, rows), OPEN);
    expect(parsed.rejected).toBe(3);
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 4, 5].map((k) => lineOf(format, k)));
    expect(parsed.events.length).toBe(3);
    expect(Array.from(parsed.events.time.subarray(0, 3))).toEqual([T, T + 2000, T + 5000]);
    expect([parsed.events.filled[1], parsed.events.missing[2]]).toEqual([7, 4]);
  });

  test('good rows whose counts differ all load (they share one verdict)', () => {
    const rows = Array.from({ length: 6 }, (_, k) =>
      ready(k, { filled: k * 1000, missing: 1_000_000 - k, latencyMs: 100 + k * 0.5 }),
    );
    const parsed = parseExport(name, exportOf(format, rows), OPEN);
    expect(parsed.problems).toEqual([]);
    expect(parsed.events.length).toBe(6);
    expect(Array.from(parsed.events.missing.subarray(0, 6))).toEqual([
      1e6,
      1e6 - 1,
      1e6 - 2,
      1e6 - 3,
      1e6 - 4,
      1e6 - 5,
    ]);
    expect(parsed.events.latency[5]).toBe(102.5);
  });
});

describe.each(FORMATS)('ticket hashes (%s)', (format) => {
  test('a hash that is not 64 lowercase hex, right after a good row of the same ticket, is rejected', () => {
    const wrong = [H.toUpperCase(), H.slice(0, 63), `${H}0`, `${H.slice(0, 63)}g`, ` ${H.slice(1)}`];
    const rows: DeskEvent[] = [ready(0)];
    wrong.forEach((hash, i) => {
      rows.push({ ...ready(2 * i + 1), ticketHash: hash });
      rows.push(ready(2 * i + 2));
    });
    const name = `hashes.${format}`;
    const parsed = parseExport(name, exportOf(format, rows), OPEN);
    expect(parsed.rejected).toBe(wrong.length);
    expect(parsed.problems.map((p) => p.line)).toEqual(wrong.map((_, i) => lineOf(format, 2 * i + 2)));
    for (const p of parsed.problems) expect(p.message).toMatch(/ticketHash/);
    expect(parsed.events.length).toBe(wrong.length + 1);
    // Every loaded event is the good ticket's.
    const tickets = new Set(
      Array.from({ length: parsed.events.length }, (_, i) => parsed.events.row(i).ticketHash),
    );
    expect([...tickets]).toEqual([H]);
  });
});

describe('ticket hashes that are not text (JSONL)', () => {
  const line = (o: object) => `${JSON.stringify({ ...o, agentId: AGENT })}\n`;

  test.each([
    ['a number', 12345],
    ['a boolean', true],
    ['an object', { hash: H }],
  ])('%s as the ticket hash, after a good row, is rejected like a wrong string', (_, hash) => {
    const text = line(ready(0)) + line({ ...ready(1), ticketHash: hash }) + line(ready(2));
    const parsed = parseExport('not-text.jsonl', text, OPEN);
    expect(parsed.problems.map((p) => p.line)).toEqual([2]);
    expect(parsed.events.length).toBe(2);
  });

  test('null as the ticket hash of an event that needs one is rejected', () => {
    const text = line(ready(0)) + line({ ...ready(1), ticketHash: null }) + line(ready(2));
    const parsed = parseExport('null.jsonl', text, OPEN);
    expect(parsed.problems.map((p) => p.line)).toEqual([2]);
    expect(parsed.events.length).toBe(2);
  });
});

describe('event ids', () => {
  const NOT_IDS: unknown[] = [
    'e-ABCDEF0123456789', // uppercase
    'c-0123456789abcdef', // another kind's prefix
    'e-0123456789abcde', // 15 digits
    'e-0123456789abcdef0', // 17 digits
    'e_0123456789abcdef',
    'e-0123456789abcdeg',
    42,
    null,
    undefined, // no eventId at all
  ];
  const GOOD_ID = 'e-0123456789abcdef';
  const rows = NOT_IDS.map((_, i) => ready(i, { latencyMs: 1000 + i }));
  const jsonl = () =>
    [...NOT_IDS, GOOD_ID]
      .map((id, i) => `${JSON.stringify({ ...(rows[i] ?? ready(99)), eventId: id, agentId: AGENT })}\n`)
      .join('');
  const csv = () =>
    exportHeader('events', 'csv') +
    [...NOT_IDS, GOOD_ID]
      .map((id, i) => {
        const e = rows[i] ?? ready(99);
        const cell = typeof id === 'string' ? id : '';
        return csvRow([
          '',
          new Date(e.time).toISOString(),
          e.type,
          e.site,
          e.ticketHash,
          e.templateId,
          '',
          JSON.stringify(e.data),
          cell,
          AGENT,
        ]);
      })
      .join('');

  test.each([
    ['jsonl', jsonl],
    ['csv', csv],
  ] as const)(
    'an id not e- and 16 lowercase hex is replaced by the one derived from the row (%s)',
    (format, text) => {
      const parsed = parseExport(`ids.${format}`, text(), OPEN);
      expect(parsed.problems).toEqual([]);
      expect(parsed.events.length).toBe(NOT_IDS.length + 1);
      // The derived id is the one the export writes for the row (lib/export/ids.ts).
      expect(parsed.eventIds).toEqual([...rows.map((r) => deskEventId(r)), GOOD_ID]);
      expect(new Set(parsed.eventIds).size).toBe(NOT_IDS.length + 1);
    },
  );

  test('the same rows parsed twice get the same derived ids: the second file adds nothing', () => {
    const first = parseExport('monday.jsonl', jsonl(), OPEN);
    const second = parseExport('monday (1).jsonl', jsonl(), OPEN);
    expect(second.eventIds).toEqual(first.eventIds);
    const team = emptyTeamLog();
    expect(addFile(team, first)).toMatchObject({ added: NOT_IDS.length + 1, duplicates: 0 });
    const again = addFile(team, second);
    expect(again).toMatchObject({ added: 0, duplicates: NOT_IDS.length + 1 });
    expect(again.problems[0]?.level).toBe('error');
    expect(team.events.length).toBe(NOT_IDS.length + 1);
    // The CSV export of the same rows derives the same ids too.
    const fromCsv = parseExport('monday.csv', csv(), OPEN);
    expect(addFile(team, fromCsv)).toMatchObject({ added: 0, duplicates: NOT_IDS.length + 1 });
  });

  test('one row twice in a file, under two ids that are not ids, counts once', () => {
    const row = ready(0);
    const text = ['E-0000000000000001', 'not-an-id']
      .map((id) => `${JSON.stringify({ ...row, eventId: id, agentId: AGENT })}\n`)
      .join('');
    const parsed = parseExport('twice.jsonl', text, OPEN);
    expect(parsed.eventIds).toEqual([deskEventId(row), deskEventId(row)]);
    const team = emptyTeamLog();
    expect(addFile(team, parsed)).toMatchObject({ added: 1, duplicates: 1 });
    expect(team.events.length).toBe(1);
  });
});

describe('SeenIds', () => {
  /** A seeded generator (mulberry32): the same ids on every run. */
  function random(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const word = (next: () => number) =>
    Math.floor(next() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');

  function hexParts(count: number): string[] {
    const next = random(17);
    const parts = new Set<string>(['0000000000000000', 'ffffffffffffffff', '80000000ffffffff']);
    while (parts.size < count) parts.add(word(next) + word(next));
    return [...parts];
  }

  test('5,000 e- and 5,000 c- ids with the same hex: all new, then each found from its first file', () => {
    const hex = hexParts(5000);
    const ids = [...hex.map((h) => `e-${h}`), ...hex.map((h) => `c-${h}`)];
    const fileOf = (i: number) => (i * 7) % 13;
    const seen = new SeenIds();
    const firstPass = ids.map((id, i) => seen.firstOrAdd(id, fileOf(i)));
    expect(firstPass.filter((f) => f !== undefined)).toEqual([]);
    expect(seen.size).toBe(10_000);
    // Room for 1024 entries at first, kept at most half full: grown five times, to 32,768.
    expect((seen as unknown as { table: Uint32Array }).table.length).toBe(32_768 * 3);
    const wrong = ids.flatMap((id, i) => {
      const found = seen.firstOrAdd(id, 99);
      return found === fileOf(i) ? [] : [[id, fileOf(i), found]];
    });
    expect(wrong).toEqual([]);
    expect(seen.size).toBe(10_000);
    // A third kind with the same hex is new again.
    expect(seen.firstOrAdd(`d-${hex[0]}`, 5)).toBeUndefined();
    expect(seen.firstOrAdd(`d-${hex[0]}`, 6)).toBe(5);
    expect(seen.size).toBe(10_001);
  });

  test('ids not of the form go through the map and are de-duplicated too', () => {
    const seen = new SeenIds();
    const others = [
      'older-abc',
      'e-ABCDEF0123456789',
      'x-0123456789abcdef',
      'e-0123',
      'e-0123456789abcdef0',
      'e+0123456789abcdef',
    ];
    others.forEach((id, i) => {
      expect(seen.firstOrAdd(id, i)).toBeUndefined();
    });
    // The lowercase twin of an uppercase id is an id of the form, and another id.
    expect(seen.firstOrAdd('e-abcdef0123456789', 9)).toBeUndefined();
    expect(seen.size).toBe(others.length + 1);
    others.forEach((id, i) => {
      expect(seen.firstOrAdd(id, 50)).toBe(i);
    });
    expect(seen.firstOrAdd('e-abcdef0123456789', 50)).toBe(9);
    expect(seen.size).toBe(others.length + 1);
  });
});
