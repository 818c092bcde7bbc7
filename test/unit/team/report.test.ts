import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DeskmateDb } from '@/lib/db/db';
import { type ExportFormat, type ExportKind, exportStream } from '@/lib/export/stream';
import { commitTeamPack, previewTeamPack } from '@/lib/export/team-pack';
import { computeMetrics } from '@/lib/metrics/compute';
import { MetricEvent } from '@/lib/metrics/event-schema';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { addFile, emptyTeamLog, type TeamLog } from '@/lib/team/merge';
import { COUNT_MAX, type ParseOptions, parseExport } from '@/lib/team/parse';
import { buildTeamReport, confusionRows, reportCsv, teamPackJsonl } from '@/lib/team/report';
import { agentLog, seedAgent } from './fixtures';

let n = 0;
const fresh = () => new DeskmateDb(`team-report-${Date.now()}-${n++}`);
const OPEN: ParseOptions = { ticketText: true, realNames: false };
const allow = async () => {};

/** A real export of an agent's database, as the options page writes it. */
async function exported(database: DeskmateDb, kind: ExportKind, format: ExportFormat, agentId: string) {
  const bytes = await new Response(
    exportStream(database, kind, format, {}, allow, async () => agentId),
  ).arrayBuffer();
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/** Two agents on two desks: every kind exported, agent a as CSV, agent b as JSONL. */
async function twoAgents() {
  const a = fresh();
  const b = fresh();
  const logA = await seedAgent(a, { tickets: 12, agent: 'a', site: 'demo' });
  const logB = await seedAgent(b, { tickets: 9, agent: 'b', site: 'rt', start: 1_780_100_000_000 });
  const files: [string, string][] = [];
  for (const kind of ['corrections', 'decisions', 'events'] as const) {
    files.push([`a-${kind}.csv`, await exported(a, kind, 'csv', 'agent-aaaa01')]);
    files.push([`b-${kind}.jsonl`, await exported(b, kind, 'jsonl', 'agent-bbbb02')]);
  }
  return { a, b, logA, logB, files };
}

function load(files: [string, string][], options = OPEN): TeamLog {
  const team = emptyTeamLog();
  for (const [name, text] of files) addFile(team, parseExport(name, text, options));
  return team;
}

const templates = { ...DEFAULT_SETTINGS.templates, auto: { threshold: 0.95, minTickets: 5, promote: true } };

beforeEach(() => fakeBrowser.reset());

describe('merging agents’ exports', () => {
  test('CSV and JSONL of every kind merge; the team and each agent get the dashboard’s metrics', async () => {
    const { logA, logB, files } = await twoAgents();
    const team = load(files);
    expect(team.files.every((f) => f.problems.length === 0)).toBe(true);
    expect(team.events).toHaveLength(logA.events.length + logB.events.length);
    expect(team.corrections).toHaveLength(logA.corrections.length + logB.corrections.length);
    expect(team.decisions).toHaveLength(logA.decisions.length + logB.decisions.length);
    const report = buildTeamReport(team, templates, 0);
    expect(report.agents).toEqual(['agent-aaaa01', 'agent-bbbb02']);
    // Same formulas as the dashboard, over the union and over each agent's own records.
    const all = computeMetrics([...logA.events, ...logB.events], [...logA.corrections, ...logB.corrections]);
    expect(report.team.metrics.acceptance).toEqual(all.acceptance);
    expect(report.team.metrics.cycleTime.all.p50).toBe(all.cycleTime.all.p50);
    const rowA = report.perAgent.find((r) => r.id === 'agent-aaaa01')!;
    expect(rowA.metrics.acceptance).toEqual(computeMetrics(logA.events, logA.corrections).acceptance);
    expect(rowA.metrics.escalation).toEqual(computeMetrics(logA.events, logA.corrections).escalation);
    expect(rowA.tickets).toBe(12);
    expect(rowA.decisions).toEqual({
      escalated: logA.decisions.filter((d) => d.action === 'escalated').length,
      dismissed: logA.decisions.filter((d) => d.action === 'dismissed').length,
    });
    expect(report.perDesk.map((r) => [r.id, r.tickets])).toEqual([
      ['demo', 12],
      ['rt', 9],
    ]);
    expect(report.perTemplate.map((r) => r.id)).toEqual(['triage']);
    // A template's row: the dashboard's template filter over the whole team.
    const triage = computeMetrics(
      [...logA.events, ...logB.events],
      [...logA.corrections, ...logB.corrections],
      {
        templateId: 'triage',
      },
    );
    expect(report.perTemplate[0]!.metrics.escalation).toEqual(triage.escalation);
    expect(report.perTemplate[0]!.metrics.cycleTime).toEqual(triage.cycleTime);
    // The merged CSV: a header, the team, two agents, one template, two desks.
    const csv = reportCsv(report).trim().split('\r\n');
    expect(csv).toHaveLength(7);
    expect(csv[2]).toMatch(/^agent,agent-aaaa01,12,12,/);
  });

  test('the same export dropped twice, or the same rows in CSV and JSONL, count once', async () => {
    const { a, files } = await twoAgents();
    const team = load(files);
    const before = team.corrections.length;
    const again = addFile(team, parseExport('a-corrections (1).csv', files[0]![1], OPEN));
    expect(again.added).toBe(0);
    expect(again.problems[0]!.message).toMatch(
      /^a-corrections \(1\)\.csv is already loaded: its 24 records were all in a-corrections\.csv/,
    );
    const jsonl = addFile(
      team,
      parseExport('a.jsonl', await exported(a, 'corrections', 'jsonl', 'agent-aaaa01'), OPEN),
    );
    expect(jsonl.added).toBe(0);
    expect(team.corrections).toHaveLength(before);
  });

  test('confusion: which fields are corrected, from which suggestion to which value', async () => {
    const { files } = await twoAgents();
    const report = buildTeamReport(load(files), templates, 0);
    const category = report.confusion[0]!;
    expect(category).toMatchObject({ templateId: 'triage', field: 'category', compared: 21 });
    // Every third ticket is corrected to billing: agent a's 0, 3, 9 and b's 0, 3 (ticket 6 was
    // suggested billing already).
    expect(category.corrected).toBe(5);
    expect(category.pairs.reduce((s, p) => s + p.count, 0)).toBe(5);
    expect(category.pairs.every((p) => p.applied === 'billing')).toBe(true);
    expect(category.pairs).toEqual([
      { suggested: 'account', applied: 'billing', count: 2 },
      { suggested: 'shipping', applied: 'billing', count: 2 },
      { suggested: 'refund', applied: 'billing', count: 1 },
    ]);
    expect(report.confusion[1]).toMatchObject({ field: 'priority', corrected: 0, pairs: [] });
    // Its CSV: a row per pair, and the field never corrected still listed with its count compared.
    const rows = confusionRows(report.confusion);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual(['triage', 'category', 21, 5, 5 / 21, 'account', 'billing', 2]);
    expect(rows[3]).toEqual(['triage', 'priority', 21, 0, 0, '', '', 0]);
  });

  test('readiness for auto is measured over the whole team', async () => {
    const { files } = await twoAgents();
    const report = buildTeamReport(load(files), templates, 0);
    const priority = report.readiness.find((r) => r.field === 'priority')!;
    expect(priority).toMatchObject({ tickets: 21, accuracy: 1, auto: true });
    const category = report.readiness.find((r) => r.field === 'category')!;
    expect(category).toMatchObject({ tickets: 21, agreed: 16, auto: false });
    expect(category.why).toContain('below 95%');
    // One agent alone has too few tickets under a higher bar; the team has enough.
    const strict = { ...templates, auto: { ...templates.auto, minTickets: 15 } };
    const single = buildTeamReport(load(files.slice(0, 1)), strict, 0);
    expect(single.readiness.find((r) => r.field === 'priority')).toMatchObject({
      auto: false,
      why: 'Too few tickets: 12 of 15.',
    });
    expect(buildTeamReport(load(files), strict, 0).readiness.find((r) => r.field === 'priority')?.auto).toBe(
      true,
    );
  });

  test('the team pack is accepted by the team-pack import, and imports once', async () => {
    const { files } = await twoAgents();
    const team = load(files);
    const pack = teamPackJsonl(team.corrections);
    const target = fresh();
    const preview = await previewTeamPack(target, pack);
    expect(preview).toMatchObject({ lines: 42, invalid: 0, duplicates: 0 });
    expect(await commitTeamPack(target, preview, 'team-pack.jsonl')).toBe(42);
    expect((await previewTeamPack(target, pack)).duplicates).toBe(42);
    // And the pack is itself a corrections export the report reads back.
    const back = parseExport('team-pack.jsonl', pack, OPEN);
    expect(back.corrections.map((c) => c.eventId).sort()).toEqual(
      team.corrections.map((c) => c.eventId).sort(),
    );
    expect(new Set(back.corrections.map((c) => c.agentId))).toEqual(
      new Set(['agent-aaaa01', 'agent-bbbb02']),
    );
  });
});

describe('bad input: a clear message naming the file and line, the rest loads', () => {
  test('a file from another tool', () => {
    const csv = parseExport('contacts.csv', 'Name,Email,Phone\r\nAlice,a@example.com,123\r\n', OPEN);
    expect(csv.problems[0]!.message).toMatch(
      /^contacts\.csv is not a Deskmate export: its columns \(Name, Email, Phone\)/,
    );
    const jsonl = parseExport('app.jsonl', '{"level":"info","msg":"started"}\n', OPEN);
    expect(jsonl.problems[0]!.message).toMatch(/^app\.jsonl is not a Deskmate export: no line is a Deskmate/);
    expect(parseExport('empty.csv', '\n', OPEN).problems[0]!.message).toBe(
      'empty.csv is empty: nothing to load.',
    );
  });

  test('a truncated JSONL line is named; the other lines load', async () => {
    const { files } = await twoAgents();
    const full = files.find(([name]) => name === 'b-events.jsonl')![1];
    const lines = full.trim().split('\n');
    const cut = `${lines.join('\n').slice(0, -25)}`;
    const parsed = parseExport('b-events.jsonl', cut, OPEN);
    expect(parsed.events).toHaveLength(lines.length - 1);
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        line: lines.length,
        message: expect.stringMatching(new RegExp(`^b-events\\.jsonl line ${lines.length}: cut off`)),
      }),
    ]);
    // A broken line in the middle is named too.
    const broken = [...lines.slice(0, 3), '{"type": "applied", ', ...lines.slice(3)].join('\n');
    const mid = parseExport('mid.jsonl', `${broken}\n`, OPEN);
    expect(mid.events).toHaveLength(lines.length);
    expect(mid.problems[0]).toMatchObject({
      line: 4,
      message: 'mid.jsonl line 4: not valid JSON (a broken or truncated line).',
    });
  });

  test('an invalid record is named by its line; an event carrying text is refused', async () => {
    const { files } = await twoAgents();
    const csv = files.find(([name]) => name === 'a-corrections.csv')![1];
    const rows = csv.split('\r\n');
    rows[3] = rows[3]!.replace(/,(true|false),/, ',perhaps,');
    const parsed = parseExport('a.csv', rows.join('\r\n'), OPEN);
    expect(parsed.corrections).toHaveLength(23);
    expect(parsed.problems[0]!.message).toMatch(/^a\.csv line 4: not a valid correction \(agreed:/);
    const text = JSON.stringify({
      type: 'field.edited',
      time: 5,
      site: 'demo',
      ticketHash: 'f'.repeat(64),
      templateId: 'triage',
      field: 'My order 1234 never came',
    });
    expect(parseExport('e.jsonl', text, OPEN).problems[0]!.message).toMatch(
      /^e\.jsonl line 1: not a valid metrics event \(field: Expected an identifier/,
    );
  });

  test('an export from an older Deskmate loads (ids derived), or says it cannot be converted', async () => {
    const { files } = await twoAgents();
    const csv = files.find(([name]) => name === 'a-corrections.csv')![1];
    // What the export wrote before issue #17: no eventId, agentId columns.
    const old = csv
      .split('\r\n')
      .map((r) => r.replace(/,[^,]*,[^,]*$/, ''))
      .join('\r\n');
    const parsed = parseExport('old.csv', old, OPEN);
    expect(parsed.corrections).toHaveLength(24);
    expect(parsed.older).toBe(true);
    expect(parsed.problems.map((p) => p.message).join(' ')).toMatch(
      /old\.csv is an export from an older Deskmate .* agent older-[0-9a-f]{6}/,
    );
    // Its rows are the same records as the new export's: merged, they count once.
    const team = load([files[0]!]);
    expect(addFile(team, parsed).added).toBe(0);
    const noAgreed = old.replace('aiValue,keptValue,agreed,', 'aiValue,keptValue,accepted,');
    expect(parseExport('older.csv', noAgreed, OPEN).problems[0]!.message).toBe(
      'older.csv looks like a corrections export from another version of Deskmate, but it lacks the columns agreed: it cannot be converted. Export it again from an up-to-date Deskmate.',
    );
  });

  test('ticket text where the policy allows none is dropped, and the file says so', async () => {
    const { files } = await twoAgents();
    const closed = { ticketText: false, realNames: false };
    const corrections = parseExport('a-corrections.csv', files[0]![1], closed);
    expect(corrections.corrections).toHaveLength(24);
    expect(
      corrections.corrections.every((c) => c.contextSnippet === '' && c.evidence.length === 0 && !c.reason),
    ).toBe(true);
    expect(corrections.corrections.every((c) => c.learnable === false)).toBe(true);
    expect(corrections.problems).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(
          /^a-corrections\.csv holds ticket text .* in 24 rows, which your organization does not allow/,
        ),
      }),
    ]);
    const decisions = parseExport('b-decisions.jsonl', files[3]![1], closed);
    expect(
      decisions.decisions.every((d) => !d.reason && d.rulesFired.every((r) => r.evidence.length === 0)),
    ).toBe(true);
    expect(JSON.stringify(decisions.decisions)).not.toContain('my lawyer');
  });

  test('an agent id that looks like a name is masked unless the policy allows names', async () => {
    const database = fresh();
    await seedAgent(database, { tickets: 2 });
    const text = await exported(database, 'corrections', 'jsonl', 'Zoë Martin');
    const masked = parseExport('z.jsonl', text, OPEN);
    expect(masked.corrections[0]!.agentId).toMatch(/^agent-[0-9a-f]{6}$/);
    expect(JSON.stringify(masked)).not.toContain('Zoë');
    expect(masked.problems[0]!.message).toContain("looks like a person's name");
    expect(parseExport('z.jsonl', text, { ticketText: true, realNames: true }).corrections[0]!.agentId).toBe(
      'Zoë Martin',
    );
  });
});

test('fixtures are what the extension records (sanity)', () => {
  const log = agentLog({ tickets: 3 });
  expect(log.corrections).toHaveLength(6);
  expect(log.events.some((e) => e.type === 'applied')).toBe(true);
});

test('every number in the event vocabulary accepts the integers 0..COUNT_MAX (the parser checks them once)', () => {
  type Schema = { _zod: { def: { type: string; innerType?: Schema; shape?: Record<string, Schema> } } };
  const unwrap = (s: Schema): Schema => {
    let x = s;
    while (x._zod.def.innerType) x = x._zod.def.innerType;
    return x;
  };
  let numbers = 0;
  for (const option of MetricEvent.options) {
    const data = (option.shape as Record<string, Schema>).data;
    if (!data) continue;
    for (const field of Object.values(unwrap(data)._zod.def.shape ?? {})) {
      const inner = unwrap(field) as unknown as {
        _zod: { def: { type: string } };
        safeParse: (v: unknown) => { success: boolean };
      };
      if (inner._zod.def.type !== 'number') continue;
      numbers++;
      // Bounds and integrality are intervals: both ends accepted means every integer between is.
      expect(inner.safeParse(0).success && inner.safeParse(COUNT_MAX).success).toBe(true);
    }
  }
  expect(numbers).toBeGreaterThan(5);
});
