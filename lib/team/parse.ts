import type { Correction, Decision, DeskEvent } from '../db/db';
import { CorrectionRecord, DecisionRecord, hash64 } from '../db/records';
import { correctionEventId, decisionEventId, deskEventId } from '../export/ids';
import { EVENT_COLUMNS, EXPORT_COLUMNS, type ExportKind } from '../export/stream';
import { EventColumns, typeCode } from '../metrics/event-columns';
import { MetricEvent } from '../metrics/event-schema';
import { eachCsvRecord, unneutralise } from './csv-read';
import { PSEUDONYM } from './identity';

/**
 * One agent's export file, read for the team report (issue #17): CSV or JSONL of each of the three
 * kinds (corrections, decisions, metrics events), as lib/export/stream.ts writes them. Every row is
 * validated with the records' own schemas; what does not fit is a problem naming the file and the
 * line, and the rest still loads. Pure: the page passes the file's name and text.
 */

export type TeamKind = ExportKind;

/** What the team report adds to every record: the stable event id and the agent's id. */
export interface TeamMeta {
  eventId: string;
  agentId: string;
}
export type TeamCorrection = Correction & TeamMeta;
export type TeamDecision = Decision & TeamMeta;

export interface FileProblem {
  file: string;
  /** 1-based line, when the problem is one line's. */
  line?: number;
  /** `error`: something was not loaded; `warning`: loaded, but changed (text dropped, id masked). */
  level: 'error' | 'warning';
  /** A whole sentence naming the file (and line), ready to show. */
  message: string;
}

export interface ParsedFile {
  name: string;
  format: 'csv' | 'jsonl';
  kinds: TeamKind[];
  /** Metrics events as columns (lib/metrics/event-columns.ts), agent ids in their agent column. */
  events: EventColumns;
  /** Each event's id, for de-duplication (the columns do not keep it). */
  eventIds: string[];
  corrections: TeamCorrection[];
  decisions: TeamDecision[];
  /** Data lines read (header and blank lines not counted). */
  lines: number;
  /** Lines that could not be loaded (all counted; the first ones described in `problems`). */
  rejected: number;
  problems: FileProblem[];
  /** Written by a Deskmate before exports carried event and agent ids. */
  older: boolean;
}

export interface ParseOptions {
  /** The lead's policy allows ticket text (snippets, evidence, reasons) in the report: team.ticketText. */
  ticketText: boolean;
  /** The lead's policy allows people's names as agent ids: team.realNames (policy only). */
  realNames: boolean;
}

/** Data cells of a CSV file kept parsed at once (a suggestion's latencies make most of them differ). */
const MAX_DATA_CELLS = 256;

/** Line problems described in full per file; beyond that only counted. */
const MAX_LINE_PROBLEMS = 20;

/** Columns each kind cannot do without (older exports lack the id columns, which are derived). */
const REQUIRED: Record<TeamKind, string[]> = {
  corrections: ['time', 'templateId', 'field', 'aiValue', 'keptValue', 'agreed', 'site', 'ticketHash'],
  decisions: ['time', 'site', 'ticketHash', 'action', 'rulesFired'],
  events: ['time', 'type', 'site', 'ticketHash'],
};
const KIND_WORDS: Record<TeamKind, string> = {
  corrections: 'corrections',
  decisions: 'decisions',
  events: 'metrics events',
};
const PREFIX: Record<TeamKind, string> = { corrections: 'c-', decisions: 'd-', events: 'e-' };
/** An agent id without real names: an identifier, no spaces or accents (those read as a name). */
const PLAIN_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const NAME_ID = /^[\p{L}\p{N}][\p{L}\p{N} ._'-]{0,63}$/u;

function describe(error: { issues: readonly { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 2)
    .map((i) => `${i.path.length ? `${i.path.map(String).join('.')}: ` : ''}${i.message}`)
    .join('; ');
}

const shorten = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** What a metrics event is checked against; equal rows (but the ticket hash) are checked once. */
const PLACEHOLDER_HASH = '0'.repeat(64);

/** A value in a cache key: strings as they are, anything else tagged so it never equals a string. */
const keyPart = (v: unknown) => (typeof v === 'string' ? v : `\u0003${typeof v}:${String(v)}`);

/** A row's shape, kept once: a million rows share a few of them. */
interface Shape {
  /** The parts as read (compared as they are to find the shape again). */
  raw: readonly [unknown, unknown, unknown, unknown];
  type: string;
  site: string;
  templateId?: string;
  field?: string;
  /** The same as codes and name indices of the file's event columns. */
  typeCode: number;
  siteName: number;
  templateName: number;
  fieldName: number;
  /** Verdict per data (and ticket hash presence): null when valid. */
  verdicts: Map<string, string | null>;
  /** The last data checked, its ticket hash presence and verdict: the next row's is most often alike. */
  last?: { data: unknown; ticket: boolean; verdict: string | null };
}

/** Shapes looked for by comparison before the keyed map: the few of a file in turn. */
const RECENT_SHAPES = 16;

/** An integer 0..COUNT_MAX (all of which get the same verdict, see COUNT_MAX). */
const isCount = (v: number) => Number.isInteger(v) && v >= 0 && v <= COUNT_MAX;

/**
 * Do two data objects get the same verdict: the same keys, equal strings and booleans, numbers both
 * counts or equal? Compared in place: the cheap answer for the rows that repeat the last one.
 */
function alike(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in y) {
    const u = x[k];
    const v = y[k];
    if (u === undefined || v === undefined) return false;
    if (typeof v === 'number') {
      if (typeof u !== 'number' || (u !== v && !(isCount(u) && isCount(v)))) return false;
    } else if (u !== v) return false; // objects are never alike: the keyed path checks them
    keys++;
  }
  for (const _ in x) keys--;
  return keys === 0;
}

/**
 * Validate an exported event with the event vocabulary (lib/metrics/event-schema.ts), which refuses
 * text in `data`. The schema runs once per distinct shape (type, site, template, field, data): a team
 * of 50 agents' events repeat those far more than they differ, and the ticket hash is checked alone
 * (FileState.ticket). A row's shape is first looked for among the last few by comparing its parts,
 * and its data compared with the shape's last data (`alike`), before any key string is made. The
 * shape carries its parts as name indices of the file's event columns.
 */
class EventChecker {
  private shapes = new Map<string, Shape>();
  private recent: Shape[] = [];
  problem: string | undefined;
  constructor(private columns: EventColumns) {}
  /** The row's shape, or undefined with `problem` set. The ticket hash is checked by the caller. */
  check(
    type: unknown,
    site: unknown,
    ticketHash: unknown,
    templateId: unknown,
    field: unknown,
    data: unknown,
  ): Shape | undefined {
    const shape = this.shapeOf(type, site, templateId, field);
    const ticket = Boolean(ticketHash);
    const last = shape.last;
    if (last && last.ticket === ticket && alike(last.data, data)) return this.verdict(shape, last.verdict);
    const key = `${ticket ? 1 : 0}${dataKey(data)}`;
    let verdict = shape.verdicts.get(key);
    if (verdict === undefined) {
      const input: Record<string, unknown> = { type, site };
      if (ticketHash) input.ticketHash = PLACEHOLDER_HASH;
      if (templateId !== undefined && templateId !== '') input.templateId = templateId;
      if (field !== undefined && field !== '') input.field = field;
      if (data !== undefined) input.data = data;
      const parsed = MetricEvent.safeParse(input);
      verdict = parsed.success ? null : describe(parsed.error);
      shape.verdicts.set(key, verdict);
    }
    shape.last = { data, ticket, verdict };
    return this.verdict(shape, verdict);
  }

  private verdict(shape: Shape, verdict: string | null): Shape | undefined {
    if (verdict === null) return shape;
    this.problem = verdict;
    return undefined;
  }

  /** The shape of these parts: among the recent ones by comparison, else by key (made when new). */
  private shapeOf(type: unknown, site: unknown, templateId: unknown, field: unknown): Shape {
    for (const s of this.recent) {
      const [t, si, te, f] = s.raw;
      if (t === type && si === site && te === templateId && f === field) return s;
    }
    const shapeKey = `${keyPart(type)}\u0000${keyPart(site)}\u0000${keyPart(templateId)}\u0000${keyPart(field)}`;
    let shape = this.shapes.get(shapeKey);
    if (!shape) {
      const known = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
      shape = {
        raw: [type, site, templateId, field],
        type: type as string,
        site: site as string,
        templateId: known(templateId),
        field: known(field),
        typeCode: typeCode(String(type)),
        siteName: this.columns.name(known(site)),
        templateName: this.columns.name(known(templateId)),
        fieldName: this.columns.name(known(field)),
        verdicts: new Map(),
      };
      this.shapes.set(shapeKey, shape);
    }
    this.recent.unshift(shape);
    if (this.recent.length > RECENT_SHAPES) this.recent.pop();
    return shape;
  }
}

/**
 * The largest count the vocabulary allows (lib/metrics/event-schema.ts): every number in an event's
 * data is a count (an integer 0..1,000,000) or milliseconds (0..86,400,000), so every integer in
 * 0..COUNT_MAX gets the same verdict wherever it stands, and such numbers share one cache key (real
 * latencies all differ). Other numbers are keyed by value. A unit test checks the vocabulary agrees.
 */
export const COUNT_MAX = 1_000_000;

/** A flat data object's keys and values in one string (cheaper than JSON.stringify); nested: JSON. */
function dataKey(data: unknown): string {
  if (data === undefined) return '';
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return `!${JSON.stringify(data)}`;
  let key = '';
  for (const k in data) {
    const v = (data as Record<string, unknown>)[k];
    if (typeof v === 'number') {
      key += isCount(v) ? `${k}\u0001#\u0002` : `${k}\u0001n${v}\u0002`;
      continue;
    }
    if (typeof v === 'object' && v !== null) return `!${JSON.stringify(data)}`;
    key += `${k}\u0001${typeof v}\u0001${String(v)}\u0002`;
  }
  return key;
}

/** What kind of record a JSON object is, by its fields. */
function jsonKind(o: Record<string, unknown>): TeamKind | undefined {
  if ('aiValue' in o && 'keptValue' in o && 'field' in o) return 'corrections';
  if ('action' in o && 'rulesFired' in o) return 'decisions';
  if (typeof o.type === 'string' && 'time' in o && 'site' in o) return 'events';
  return undefined;
}

/** A CSV cell back to a field value: the writer wrote text as is, lists and null as JSON. */
function cellValue(cell: string): unknown {
  if (cell === 'null') return null;
  if (cell.startsWith('[') || cell === 'true' || cell === 'false' || /^-?\d+(\.\d+)?$/.test(cell)) {
    try {
      return JSON.parse(cell);
    } catch {
      return cell;
    }
  }
  return cell;
}

/**
 * A time cell as the export writes it (`toISOString()`), read without Date.parse on the fast path:
 * a million rows are read per team report. Anything else goes through Date.parse.
 */
function isoTime(cell: string | undefined): number | undefined {
  if (!cell) return undefined;
  // `YYYY-MM-DDTHH:MM:SS.sssZ` read digit by digit: no match array, no substrings per row.
  if (cell.length === 24 && cell.charCodeAt(23) === 90 /* Z */ && cell.charCodeAt(10) === 84 /* T */) {
    const t = Date.UTC(
      digits(cell, 0, 4),
      digits(cell, 5, 2) - 1,
      digits(cell, 8, 2),
      digits(cell, 11, 2),
      digits(cell, 14, 2),
      digits(cell, 17, 2),
      digits(cell, 20, 3),
    );
    if (!Number.isNaN(t)) return t;
  }
  const t = /^\d+$/.test(cell) ? Number(cell) : Date.parse(cell);
  return Number.isFinite(t) ? t : undefined;
}

/** The number written in `n` decimal digits at `at`; NaN if any is not a digit. */
function digits(cell: string, at: number, n: number): number {
  let v = 0;
  for (let k = at; k < at + n; k++) {
    const c = cell.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return v;
}

function jsonCell(cell: string | undefined, fallback: unknown): unknown {
  if (!cell) return fallback;
  try {
    return JSON.parse(cell);
  } catch {
    return Symbol.for('invalid');
  }
}

/**
 * A correction or decision CSV record as the JSON object the JSONL export would have written (events
 * are read straight from their cells: FileState.readCsv).
 */
function csvObject(
  kind: 'corrections' | 'decisions',
  columns: Map<string, number>,
  cells: string[],
): Record<string, unknown> {
  const get = (name: string) => {
    const i = columns.get(name);
    return i === undefined ? undefined : unneutralise(cells[i] ?? '');
  };
  const optional = (name: string) => get(name) || undefined;
  const common = { time: isoTime(get('time')), eventId: optional('eventId'), agentId: optional('agentId') };
  if (kind === 'corrections') {
    const evidence = get('evidence');
    const from = optional('importedFrom');
    const version = get('templateVersion');
    const confidence = get('aiConfidence');
    return {
      ...common,
      templateId: get('templateId'),
      templateVersion: version ? Number(version) : undefined,
      field: get('field'),
      aiValue: cellValue(get('aiValue') ?? ''),
      keptValue: cellValue(get('keptValue') ?? ''),
      agreed: get('agreed') === 'true' ? true : get('agreed') === 'false' ? false : get('agreed'),
      aiConfidence: confidence ? Number(confidence) : undefined,
      aiSource: optional('aiSource'),
      evidence: evidence ? evidence.split(' | ') : [],
      contextSnippet: get('contextSnippet') ?? '',
      site: get('site'),
      ticketHash: get('ticketHash'),
      reason: optional('reason'),
      ...(from ? { imported: { from, at: 0 } } : {}),
    };
  }
  return {
    ...common,
    site: get('site'),
    ticketHash: get('ticketHash'),
    templateId: optional('templateId'),
    action: get('action'),
    reason: optional('reason'),
    rulesFired: jsonCell(get('rulesFired'), []),
    signals: jsonCell(get('signals'), []),
  };
}

/** Has a record ticket text in it (what `team.ticketText: false` drops)? */
function hasText(kind: TeamKind, r: Correction | Decision): boolean {
  if (kind === 'corrections') {
    const c = r as Correction;
    return c.contextSnippet !== '' || c.evidence.length > 0 || Boolean(c.reason);
  }
  const d = r as Decision;
  return (
    Boolean(d.reason) ||
    d.rulesFired.some((x) => x.evidence.length > 0) ||
    d.signals.some((s) => s.evidence.length > 0)
  );
}

function withoutText(kind: TeamKind, r: Correction | Decision): Correction | Decision {
  if (kind === 'corrections') {
    // Without its text a correction cannot teach the learner: a team pack marks it so.
    const { reason: _r, ...c } = r as Correction;
    return { ...c, evidence: [], contextSnippet: '', learnable: false };
  }
  const { reason: _r, ...d } = r as Decision;
  return {
    ...d,
    rulesFired: d.rulesFired.map((x) => ({ ...x, evidence: [] })),
    signals: d.signals.map((s) => ({ ...s, evidence: [] })),
  };
}

/**
 * Where each column of the events export (but its database id) is in a CSV file; older exports lack
 * the id columns.
 */
type EventCellAt = Partial<Record<Exclude<(typeof EVENT_COLUMNS)[number], 'id'>, number>>;

function eventCellAt(columns: Map<string, number>): EventCellAt {
  const at: EventCellAt = {};
  for (const name of EVENT_COLUMNS) if (name !== 'id') at[name] = columns.get(name);
  return at;
}

/** A cell of a column (undefined without the column), neutralising undone. */
function cellAt(cells: string[], i: number | undefined): string | undefined {
  return i === undefined ? undefined : unneutralise(cells[i] ?? '');
}

/** Does the text end in a line break and blanks (`/\n\s*$/`), read from the end, not scanned? */
function endsInLineBreak(text: string): boolean {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text[i] as string;
    if (c === '\n') return true;
    if (!/\s/.test(c)) return false;
  }
  return false;
}

/** Lowercase hex digits only from `from` to the end (loops: a regex cost 1 µs a ticket). */
function hexFrom(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** 64 lowercase hex digits, as ticketHash() writes. */
const isTicketHash = (hash: string) => hash.length === 64 && hexFrom(hash, 0);

/** The kind's prefix and 16 lowercase hex digits, as lib/export/ids.ts writes. */
const isEventId = (id: string, prefix: string) => id.length === 18 && id.startsWith(prefix) && hexFrom(id, 2);

/** Read one export file. Never throws: whatever cannot be read is a problem, the rest loads. */
export function parseExport(name: string, text: string, options: ParseOptions): ParsedFile {
  const out: ParsedFile = {
    name,
    format: 'jsonl',
    kinds: [],
    // Room for the events of a text whose rows are 100 characters or more (an exported event's are):
    // no growing while it is read.
    events: new EventColumns(Math.max(64, Math.ceil(text.length / 100))),
    eventIds: [],
    corrections: [],
    decisions: [],
    lines: 0,
    rejected: 0,
    problems: [],
    older: false,
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // The first character that is not blank says the format (no trimmed copy of a 4 MB text).
  let at = 0;
  while (at < body.length && /\s/.test(body[at] as string)) at++;
  if (at === body.length) {
    out.problems.push({ file: name, level: 'error', message: `${name} is empty: nothing to load.` });
    return out;
  }
  out.format = body.charCodeAt(at) === 123 /* { */ ? 'jsonl' : 'csv';
  const state = new FileState(name, out, options, text);
  if (out.format === 'jsonl') state.readJsonl(body);
  else state.readCsv(body);
  state.finish();
  return out;
}

class FileState {
  private lineProblems = 0;
  private kinds = new Set<TeamKind>();
  private events: EventChecker;
  private textDropped = 0;
  private maskedAgents = new Map<string, string>();
  private olderId?: string;
  /** Agent id as written -> as shown: each checked once per file. */
  private agents = new Map<string, string>();
  private dataCells = new Map<string, unknown>();
  private lastHash = '';
  private lastTicket = 0;
  /** The last agent id as written and its name index in the event columns. */
  private lastAgent: unknown;
  private lastAgentName = 0;

  constructor(
    private name: string,
    private out: ParsedFile,
    private options: ParseOptions,
    private text: string,
  ) {
    this.events = new EventChecker(out.events);
  }

  /**
   * Rows of an export without agent ids count under one id per file, from its content: the same old
   * file dropped twice is still one agent, and de-duplicates. Hashed only when such a row appears.
   */
  private get olderAgent(): string {
    this.olderId ??= `older-${hash64(this.text).slice(0, 6)}`;
    return this.olderId;
  }

  reject(line: number, message: string): void {
    this.out.rejected++;
    if (this.lineProblems++ < MAX_LINE_PROBLEMS)
      this.out.problems.push({
        file: this.name,
        line,
        level: 'error',
        message: `${this.name} line ${line}: ${message}`,
      });
  }

  readJsonl(body: string): void {
    const lines = body.split('\n');
    const endsCleanly = endsInLineBreak(body);
    let lastContent = -1;
    for (let i = lines.length - 1; i >= 0; i--)
      if (lines[i]?.trim()) {
        lastContent = i;
        break;
      }
    let anyDeskmate = false;
    let firstForeign: string | undefined;
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i] as string;
      const line = raw.charCodeAt(raw.length - 1) === 13 /* \r */ ? raw.slice(0, -1) : raw;
      // A record starts with `{`: no trim needed to tell it from a blank line.
      if (line.charCodeAt(0) !== 123 /* { */ && !line.trim()) continue;
      this.out.lines++;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        if (i === lastContent && !endsCleanly)
          this.reject(
            i + 1,
            'cut off: the file ends in the middle of this record (was the download complete?).',
          );
        else this.reject(i + 1, 'not valid JSON (a broken or truncated line).');
        continue;
      }
      if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        this.reject(i + 1, 'not a record (expected one JSON object per line).');
        continue;
      }
      const o = json as Record<string, unknown>;
      const kind = jsonKind(o);
      if (!kind) {
        firstForeign ??= shorten(line);
        this.reject(i + 1, 'not a Deskmate correction, decision or metrics event.');
        continue;
      }
      anyDeskmate = true;
      if (kind === 'events')
        this.addEvent(
          i + 1,
          o.time,
          o.type,
          o.site,
          o.ticketHash,
          o.templateId,
          o.field,
          o.data,
          o.eventId,
          o.agentId,
        );
      else this.add(kind, o, i + 1);
    }
    if (!anyDeskmate)
      this.notDeskmate(
        `no line is a Deskmate correction, decision or metrics event (line 1: ${firstForeign ?? '…'})`,
      );
  }

  readCsv(body: string): void {
    this.out.format = 'csv';
    let header: string[] | undefined;
    let columns = new Map<string, number>();
    let kind: TeamKind | undefined;
    let at: EventCellAt = {};
    const last = body.charCodeAt(body.length - 1);
    const endsCleanly = last === 10 || last === 13;
    // Records are visited one at a time: the first is the header, which says the kind.
    eachCsvRecord(body, (cells, line, end) => {
      if (!header) {
        header = cells.map((c) => c.trim());
        columns = new Map(header.map((c, i) => [c, i]));
        kind = this.csvKind(header, columns);
        if (kind === 'events') at = eventCellAt(columns);
        return;
      }
      if (!kind) return;
      this.out.lines++;
      if (end === 'truncated' || (end === 'last' && !endsCleanly && cells.length < columns.size)) {
        this.reject(
          line,
          'cut off: the file ends in the middle of this record (was the download complete?).',
        );
        return;
      }
      if (cells.length !== columns.size) {
        this.reject(line, `${cells.length} cells where the header has ${columns.size}.`);
        return;
      }
      if (kind === 'events') {
        // Metrics events, nearly all of a team's rows: read straight from their cells.
        const data = cellAt(cells, at.data);
        this.addEvent(
          line,
          isoTime(cellAt(cells, at.time)),
          cellAt(cells, at.type),
          cellAt(cells, at.site),
          cellAt(cells, at.ticketHash) ?? '',
          cellAt(cells, at.templateId) || undefined,
          cellAt(cells, at.field) || undefined,
          this.dataCell(data),
          cellAt(cells, at.eventId) || undefined,
          cellAt(cells, at.agentId) || undefined,
        );
      } else this.add(kind, csvObject(kind, columns, cells), line);
    });
    if (!header) this.notDeskmate('it has no header');
  }

  /**
   * A CSV events row's data cell as JSON, the same text parsed once: most rows' data repeat (a
   * request's mode, an apply's mode and count); the objects are only read, never changed.
   */
  private dataCell(cell: string | undefined): unknown {
    if (!cell) return undefined;
    let data = this.dataCells.get(cell);
    if (data === undefined) {
      data = jsonCell(cell, undefined);
      if (this.dataCells.size >= MAX_DATA_CELLS) this.dataCells.clear();
      this.dataCells.set(cell, data);
    }
    return data;
  }

  /** The kind a CSV header is the export of; undefined (and the file's problem said) when none. */
  private csvKind(names: string[], columns: Map<string, number>): TeamKind | undefined {
    const kind = (Object.keys(REQUIRED) as TeamKind[]).find((k) => REQUIRED[k].every((c) => columns.has(c)));
    if (kind) return kind;
    // Close to one of ours: an export from a Deskmate whose columns we cannot convert.
    for (const k of Object.keys(REQUIRED) as TeamKind[]) {
      const known = EXPORT_COLUMNS[k].filter((c) => columns.has(c)).length;
      if (known >= Math.ceil(REQUIRED[k].length / 2) && known >= 3) {
        const missing = REQUIRED[k].filter((c) => !columns.has(c));
        this.fail(
          `${this.name} looks like a ${KIND_WORDS[k]} export from another version of Deskmate, but it lacks the columns ${missing.join(', ')}: it cannot be converted. Export it again from an up-to-date Deskmate.`,
        );
        return undefined;
      }
    }
    this.notDeskmate(
      `its columns (${shorten(names.slice(0, 6).join(', '))}) are not those of a corrections, decisions or metrics events export`,
    );
    return undefined;
  }

  private notDeskmate(why: string): void {
    this.fail(`${this.name} is not a Deskmate export: ${why}.`);
  }

  private fail(message: string): void {
    this.out.problems.unshift({ file: this.name, level: 'error', message });
  }

  /**
   * Validate one metrics event and keep it, with its event id and (checked) agent id. Its parts are
   * passed one by one, as read from a JSON line or from CSV cells, so no row object is made twice.
   */
  private addEvent(
    line: number,
    time: unknown,
    type: unknown,
    site: unknown,
    ticketHash: unknown,
    templateId: unknown,
    field: unknown,
    data: unknown,
    eventId: unknown,
    agentId: unknown,
  ): void {
    if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) {
      this.reject(line, 'time: not a date.');
      return;
    }
    const id = this.eventId('events', eventId);
    // Rows come agent by agent (a file is one agent's): the id is checked when it changes.
    if (agentId !== this.lastAgent || this.lastAgentName === 0) {
      this.lastAgent = agentId;
      this.lastAgentName = this.out.events.name(this.agentOf(agentId));
    }
    // No hash: an event of no ticket; anything but a string (a number, null) is not a hash.
    const ticket =
      typeof ticketHash === 'string' ? this.ticket(ticketHash) : ticketHash === undefined ? 0 : undefined;
    if (ticket === undefined) {
      this.reject(line, 'not a valid metrics event (ticketHash: Expected a ticket hash (64 hex chars).).');
      return;
    }
    const shape = this.events.check(type, site, ticketHash, templateId, field, data);
    if (!shape) {
      this.reject(line, `not a valid metrics event (${this.events.problem}).`);
      return;
    }
    const columns = this.out.events;
    const when = Math.round(time);
    const values = data as Record<string, unknown> | undefined;
    columns.push(
      when,
      shape.typeCode,
      shape.siteName,
      ticket,
      shape.templateName,
      shape.fieldName,
      this.lastAgentName,
      values,
    );
    // An export without ids (older): the id is derived from the content, as the extension does.
    this.out.eventIds.push(
      id ??
        deskEventId({
          type: shape.type,
          time: when,
          site: shape.site,
          ticketHash: columns.names[ticket] as string,
          templateId: shape.templateId,
          field: shape.field,
          data: values as DeskEvent['data'],
        }),
    );
    this.kinds.add('events');
  }

  /**
   * A ticket hash checked, as its name index in the file's event columns; undefined when it is not
   * one. Empty: an event of no ticket (0).
   */
  private ticket(hash: string): number | undefined {
    if (hash === '') return 0;
    // A ticket's events mostly come one after another: the last one is compared first.
    if (hash === this.lastHash) return this.lastTicket;
    if (!isTicketHash(hash)) return undefined;
    this.lastHash = hash;
    this.lastTicket = this.out.events.name(hash);
    return this.lastTicket;
  }

  /** Validate one correction or decision and keep it, with its event id and (checked) agent id. */
  private add(kind: 'corrections' | 'decisions', o: Record<string, unknown>, line: number): void {
    if (typeof o.time !== 'number' || !Number.isFinite(o.time) || o.time < 0) {
      this.reject(line, 'time: not a date.');
      return;
    }
    const eventId = this.eventId(kind, o.eventId);
    const agentId = this.agentOf(o.agentId);
    const schema = kind === 'corrections' ? CorrectionRecord : DecisionRecord;
    const parsed = schema.safeParse(o);
    if (!parsed.success) {
      this.reject(
        line,
        `not a valid ${kind === 'corrections' ? 'correction' : 'decision'} (${describe(parsed.error)}).`,
      );
      return;
    }
    const { id: _id, ...record } = parsed.data as (Correction | Decision) & { id?: number };
    let kept = record as Correction | Decision;
    if (!this.options.ticketText && hasText(kind, kept)) {
      kept = withoutText(kind, kept);
      this.textDropped++;
    }
    this.kinds.add(kind);
    if (kind === 'corrections') {
      const c = kept as TeamCorrection;
      c.eventId = eventId ?? correctionEventId(c);
      c.agentId = agentId;
      this.out.corrections.push(c);
    } else {
      const d = kept as TeamDecision;
      d.eventId = eventId ?? decisionEventId(d);
      d.agentId = agentId;
      this.out.decisions.push(d);
    }
  }

  /** A row's own event id when it is one of its kind's; otherwise it is derived from the content. */
  private eventId(kind: TeamKind, id: unknown): string | undefined {
    return typeof id === 'string' && isEventId(id, PREFIX[kind]) ? id : undefined;
  }

  /** The agent a row counts under: its own id (checked), or the file's when it has none (older). */
  private agentOf(id: unknown): string {
    if (typeof id !== 'string' || !id) {
      this.out.older = true;
      return this.olderAgent;
    }
    let shown = this.agents.get(id);
    if (shown === undefined) {
      shown = this.agent(id);
      this.agents.set(id, shown);
    }
    return shown;
  }

  /** An agent id as the report may show it: a name where names are not allowed is masked. */
  private agent(id: string): string {
    if (PSEUDONYM.test(id) || PLAIN_ID.test(id)) return id;
    if (this.options.realNames && NAME_ID.test(id)) return id;
    let masked = this.maskedAgents.get(id);
    if (!masked) {
      masked = `agent-${hash64(id).slice(0, 6)}`;
      this.maskedAgents.set(id, masked);
    }
    return masked;
  }

  finish(): void {
    this.out.kinds = [...this.kinds].sort();
    const hidden = this.out.rejected - Math.min(this.lineProblems, MAX_LINE_PROBLEMS);
    if (hidden > 0)
      this.out.problems.push({
        file: this.name,
        level: 'error',
        message: `${this.name}: ${hidden} more lines could not be loaded (the first ${MAX_LINE_PROBLEMS} are listed).`,
      });
    if (this.out.older && this.kinds.size > 0)
      this.out.problems.push({
        file: this.name,
        level: 'warning',
        message: `${this.name} is an export from an older Deskmate (no agent or event ids): loaded, its rows count under agent ${this.olderAgent} and are de-duplicated by their content.`,
      });
    if (this.textDropped > 0)
      this.out.problems.push({
        file: this.name,
        level: 'warning',
        message: `${this.name} holds ticket text (snippets, evidence, reasons) in ${this.textDropped} rows, which your organization does not allow in the team report: the text was dropped, the rest loaded.`,
      });
    for (const masked of this.maskedAgents.values())
      this.out.problems.push({
        file: this.name,
        level: 'warning',
        message: `${this.name}: an agent id looks like a person's name, which your organization does not allow: it is shown as ${masked}.`,
      });
  }
}
