import { beforeEach, describe, expect, test } from 'vitest';
import { type Correction, DeskmateDb } from '@/lib/db/db';
import { csvCell, csvRow, UTF8_BOM } from '@/lib/export/csv';
import { exportStream, listCorrections } from '@/lib/export/stream';
import { commitTeamPack, previewTeamPack } from '@/lib/export/team-pack';
import { policyHandlers } from '@/lib/policy/handlers';
import { teamHandlers } from '@/lib/team/handlers';
import { routeToBackground } from '../enforcement/route';

// exportStream asks the background whether export is allowed (settings.get): answer with the real handler.
beforeEach(() => routeToBackground({ ...policyHandlers, ...teamHandlers }));

let n = 0;
const fresh = () => new DeskmateDb(`export-${Date.now()}-${n++}`);

function correction(i: number, extra: Partial<Correction> = {}): Correction {
  return {
    templateId: i % 2 ? 'triage' : 'refund-request',
    templateVersion: 1,
    field: i % 3 ? 'category' : 'priority',
    aiValue: 'shipping',
    keptValue: i % 4 ? 'refund' : 'shipping',
    agreed: !(i % 4),
    aiConfidence: 0.5,
    aiSource: 'model',
    evidence: ['quote "one"'],
    contextSnippet: `Ticket ${i}: the jug, "cracked"\nsecond line`,
    site: i % 5 ? 'demo' : 'rt',
    ticketHash: `hash-${i}`,
    time: 1_700_000_000_000 + i * 1000,
    ...extra,
  };
}

/** The bytes as text, keeping a byte-order mark (Response.text() would drop it). */
async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** A small RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('CSV cells', () => {
  test('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['a', 'b'])).toBe('"[""a"",""b""]"');
    expect(csvRow(['a', 1, true])).toBe('a,1,true\r\n');
  });

  test('neutralises cells a spreadsheet would run as formulas', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${start}HYPERLINK("http://evil")`);
      expect(cell.replace(/^"/, '').startsWith(`'${start}`)).toBe(true);
    }
    expect(csvCell('=1+1')).toBe("'=1+1");
    // Numbers we write are data, not text typed by someone: kept as numbers.
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('export', () => {
  test('CSV starts with a BOM and a header, one row per matching record, cells intact', async () => {
    const database = fresh();
    await database.corrections.bulkAdd([
      correction(1),
      correction(2, { reason: '=cmd|calc', keptValue: ['a', 'b'] }),
      correction(3),
    ]);
    const csv = await text(exportStream(database, 'corrections', 'csv', { templateId: 'refund-request' }));
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]?.slice(0, 5)).toEqual(['id', 'time', 'templateId', 'templateVersion', 'field']);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(rows[0]!.map((h, i) => [h, rows[1]![i]]));
    expect(row).toMatchObject({
      templateId: 'refund-request',
      keptValue: '["a","b"]',
      reason: "'=cmd|calc",
      contextSnippet: 'Ticket 2: the jug, "cracked"\nsecond line',
      time: new Date(correction(2).time).toISOString(),
    });
  });

  test('filters by date range, field, site and corrections only', async () => {
    const database = fresh();
    await database.corrections.bulkAdd(Array.from({ length: 40 }, (_, i) => correction(i)));
    const all = await database.corrections.toArray();
    const from = correction(10).time;
    const to = correction(30).time;
    const lines = (
      await text(
        exportStream(database, 'corrections', 'jsonl', {
          from,
          to,
          field: 'category',
          site: 'demo',
          correctionsOnly: true,
        }),
      )
    )
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const expected = all.filter(
      (c) => c.time >= from && c.time < to && c.field === 'category' && c.site === 'demo' && !c.agreed,
    );
    expect(lines.map((l) => l.ticketHash)).toEqual(expected.map((c) => c.ticketHash));
    expect(lines.length).toBeGreaterThan(3);
    const page = await listCorrections(database, { site: 'rt' }, 3);
    expect(page.map((c) => c.site)).toEqual(['rt', 'rt', 'rt']);
    expect(page[0]!.time).toBeGreaterThan(page[1]!.time);
  });

  test('pages through more rows than one page, in order, without losing any', async () => {
    const database = fresh();
    await database.corrections.bulkAdd(Array.from({ length: 2500 }, (_, i) => correction(i)));
    const jsonl = await text(exportStream(database, 'corrections', 'jsonl'));
    const lines = jsonl.trim().split('\n');
    expect(lines).toHaveLength(2500);
    expect(JSON.parse(lines[2499]!).ticketHash).toBe('hash-2499');
  });

  test('decisions export as CSV too', async () => {
    const database = fresh();
    await database.decisions.add({
      site: 'demo',
      ticketHash: 'h',
      time: 5,
      rulesFired: [
        { id: 'legal', severity: 'critical', reason: 'mentions a lawyer', evidence: ['my lawyer'] },
      ],
      signals: [],
      action: 'escalated',
      reason: '+ urgent',
    });
    const rows = parseCsv((await text(exportStream(database, 'decisions', 'csv'))).slice(1));
    expect(rows[1]).toContain('escalated');
    expect(rows[1]).toContain("'+ urgent");
  });
});

describe('team pack import', () => {
  test('export JSONL then import into a fresh db gives the same corrections, marked imported', async () => {
    const source = fresh();
    const originals = Array.from({ length: 30 }, (_, i) => correction(i, i === 3 ? { reason: 'why' } : {}));
    await source.corrections.bulkAdd(originals);
    const pack = await text(exportStream(source, 'corrections', 'jsonl'));

    const target = fresh();
    const preview = await previewTeamPack(target, pack);
    expect(preview).toMatchObject({ lines: 30, duplicates: 0, invalid: 0 });
    expect(preview.fresh).toHaveLength(30);
    expect(await target.corrections.count()).toBe(0); // preview writes nothing
    expect(await commitTeamPack(target, preview, 'alice.jsonl', 99)).toBe(30);

    const strip = ({ id: _id, imported: _imp, ...rest }: Correction) => rest;
    const imported = await target.corrections.toArray();
    expect(imported.map(strip)).toEqual((await source.corrections.toArray()).map(strip));
    expect(imported.every((c) => c.imported?.from === 'alice.jsonl' && c.imported.at === 99)).toBe(true);

    // Importing the same pack again adds nothing.
    const again = await previewTeamPack(target, pack);
    expect(again).toMatchObject({ lines: 30, duplicates: 30, invalid: 0, fresh: [] });
  });

  test('invalid lines are reported with their line numbers; repeated lines count as duplicates', async () => {
    const target = fresh();
    const good = JSON.stringify(correction(1));
    const pack = [
      good,
      '{not json',
      '',
      JSON.stringify({ ...correction(2), agreed: 'yes' }),
      good,
      JSON.stringify({ ...correction(3), templateId: '' }),
    ].join('\n');
    const preview = await previewTeamPack(target, pack);
    expect(preview.fresh).toHaveLength(1);
    expect(preview.duplicates).toBe(1);
    expect(preview.invalid).toBe(3);
    expect(preview.problems.map((p) => p.line)).toEqual([2, 4, 6]);
    expect(preview.problems[0]!.message).toBe('not valid JSON');
    expect(preview.problems[1]!.message).toContain('agreed');
    expect(preview.problems[2]!.message).toContain('templateId');
  });
});
