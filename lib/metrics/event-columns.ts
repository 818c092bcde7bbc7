import type { DeskEvent } from '../db/db';
import { EVENT_TYPES } from './event-schema';

/**
 * A metrics event log as columns: one typed array per part an event-side metric reads
 * (lib/metrics/compute.ts), strings kept once in a table of names. A team report holds a million
 * events (issue #17); as objects they were hundreds of megabytes that the garbage collector walked
 * on every collection, and reading them was slower than the arithmetic. The dashboard's own log (an
 * array of rows from the database) is turned into columns once per array: one form of the metrics.
 *
 * What is kept of an event's `data` is what the metrics read: a suggestion's latency and status
 * counts, the flags of an escalation or dismissal, the mode of an apply, the code of a failure.
 */

/** An event's type is its index in the vocabulary's list of types. */
const TYPE_CODE = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));
/** The code of a type outside the vocabulary (a row the database kept from another version). */
export const UNKNOWN_TYPE = 255;

export function typeCode(type: string): number {
  return TYPE_CODE.get(type) ?? UNKNOWN_TYPE;
}

export const READY = typeCode('suggestion.ready');
export const FAILED = typeCode('suggestion.failed');
export const OPENED = typeCode('panel.opened');
export const APPLIED = typeCode('applied');
export const EDITED = typeCode('field.edited');
export const ESCALATED = typeCode('escalated');
export const DISMISSED = typeCode('dismissed');

const count = (data: Record<string, unknown> | undefined, key: string) => {
  const v = data?.[key];
  return typeof v === 'number' ? v : 0;
};

/** Every column and its array type: made and grown together (push and append name each one). */
const COLUMN_TYPES = {
  time: Float64Array,
  type: Uint8Array,
  site: Uint32Array,
  ticket: Uint32Array,
  template: Uint32Array,
  field: Uint32Array,
  agent: Uint32Array,
  latency: Float64Array,
  filled: Uint32Array,
  unsupported: Uint32Array,
  missing: Uint32Array,
  other: Uint32Array,
  flags: Uint32Array,
  shadow: Uint8Array,
  code: Uint32Array,
} as const;
type ColumnName = keyof typeof COLUMN_TYPES;
type TypedArray = Float64Array | Uint32Array | Uint8Array;
const COLUMN_NAMES = Object.keys(COLUMN_TYPES) as ColumnName[];

export class EventColumns {
  length = 0;
  time!: Float64Array;
  type!: Uint8Array;
  /** Indices into `names`; 0 is the empty name (no template, no field, no ticket). */
  site!: Uint32Array;
  ticket!: Uint32Array;
  template!: Uint32Array;
  field!: Uint32Array;
  /** The agent whose export the event came from (team logs); 0 in a browser's own log. */
  agent!: Uint32Array;
  /** suggestion.ready: its latency and field status counts (conflict and stale summed as `other`). */
  latency!: Float64Array;
  filled!: Uint32Array;
  unsupported!: Uint32Array;
  missing!: Uint32Array;
  other!: Uint32Array;
  /** escalated and dismissed: flags acted on. */
  flags!: Uint32Array;
  /** 1 when the event's mode is shadow (an apply's mode says which cycle it ends). */
  shadow!: Uint8Array;
  /** suggestion.failed: its error code, as a name index. */
  code!: Uint32Array;
  /** Strings kept once (appended only, so a snapshot's indices stay valid). */
  names: string[];
  private index: Map<string, number>;

  constructor(capacity = 1024) {
    const columns = this as unknown as Record<ColumnName, TypedArray>;
    for (const name of COLUMN_NAMES) columns[name] = new COLUMN_TYPES[name](capacity);
    this.names = [''];
    this.index = new Map([['', 0]]);
  }

  /** A name's index, added when new. Undefined and empty are the same: 0. */
  name(value: string | undefined): number {
    if (!value) return 0;
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(value);
      this.index.set(value, i);
    }
    return i;
  }

  /** A name's index, or -1 when no event has it (a filter then selects nothing). */
  lookup(value: string | undefined): number {
    if (!value) return 0;
    return this.index.get(value) ?? -1;
  }

  /** Add an event; its strings are name indices of this table (see `name`). */
  push(
    time: number,
    type: number,
    site: number,
    ticket: number,
    template: number,
    field: number,
    agent: number,
    data: Record<string, unknown> | undefined,
  ): void {
    if (this.length === this.time.length) this.grow(Math.max(16, this.length * 2));
    const i = this.length++;
    this.time[i] = time;
    this.type[i] = type;
    this.site[i] = site;
    this.ticket[i] = ticket;
    this.template[i] = template;
    this.field[i] = field;
    this.agent[i] = agent;
    if (data === undefined) return;
    this.shadow[i] = data.mode === 'shadow' ? 1 : 0;
    if (type === READY) {
      this.latency[i] = count(data, 'latencyMs');
      this.filled[i] = count(data, 'filled');
      this.unsupported[i] = count(data, 'unsupported');
      this.missing[i] = count(data, 'missing');
      this.other[i] = count(data, 'conflict') + count(data, 'stale');
    } else if (type === ESCALATED || type === DISMISSED) this.flags[i] = count(data, 'flags');
    else if (type === FAILED) this.code[i] = this.name(String(data.code ?? 'internal'));
  }

  /**
   * Append event `i` of another table (a parsed file) whose names map to this table's through
   * `names` (from `namesFrom`).
   */
  append(from: EventColumns, i: number, names: Uint32Array): void {
    if (this.length === this.time.length) this.grow(Math.max(16, this.length * 2));
    const j = this.length++;
    this.time[j] = from.time[i] as number;
    this.type[j] = from.type[i] as number;
    this.site[j] = names[from.site[i] as number] as number;
    this.ticket[j] = names[from.ticket[i] as number] as number;
    this.template[j] = names[from.template[i] as number] as number;
    this.field[j] = names[from.field[i] as number] as number;
    this.agent[j] = names[from.agent[i] as number] as number;
    this.latency[j] = from.latency[i] as number;
    this.filled[j] = from.filled[i] as number;
    this.unsupported[j] = from.unsupported[i] as number;
    this.missing[j] = from.missing[i] as number;
    this.other[j] = from.other[i] as number;
    this.flags[j] = from.flags[i] as number;
    this.shadow[j] = from.shadow[i] as number;
    this.code[j] = names[from.code[i] as number] as number;
  }

  /** Another table's name indices as this table's (names added as needed). */
  namesFrom(other: EventColumns): Uint32Array {
    return Uint32Array.from(other.names, (n) => this.name(n));
  }

  /**
   * The events so far, as a table that later pushes do not change: the metrics cache their results
   * per table. It shares the arrays (pushes only write beyond its length or into new arrays).
   */
  snapshot(): EventColumns {
    return Object.assign(Object.create(EventColumns.prototype), this) as EventColumns;
  }

  /** Event `i` as a row (tests, and anything that wants to see one). */
  row(i: number): DeskEvent & { agentId: string } {
    const at = (column: Uint32Array) => this.names[column[i] as number] as string;
    const row: DeskEvent & { agentId: string } = {
      type: EVENT_TYPES[this.type[i] as number] ?? 'unknown',
      time: this.time[i] as number,
      site: at(this.site),
      ticketHash: at(this.ticket),
      agentId: at(this.agent),
    };
    if (this.template[i]) row.templateId = at(this.template);
    if (this.field[i]) row.field = at(this.field);
    return row;
  }

  /** Room for `n` events in all (a file's events before they are appended). */
  reserve(n: number): void {
    if (n > this.time.length) this.grow(Math.max(n, this.time.length * 2));
  }

  private grow(capacity: number): void {
    const columns = this as unknown as Record<ColumnName, TypedArray>;
    for (const name of COLUMN_NAMES) {
      const bigger = new COLUMN_TYPES[name](capacity);
      bigger.set(columns[name]);
      columns[name] = bigger;
    }
  }
}

/** A log the metrics read: a browser's rows, a team's columns, or some of a table's events. */
export type EventLog = readonly DeskEvent[] | EventView;

export interface EventView {
  columns: EventColumns;
  /** The events' indices in the table, ascending; all of them when absent. */
  rows?: Int32Array;
}

const viewCache = new WeakMap<readonly DeskEvent[], EventView>();

/** A log as columns: rows are turned into columns once per array (a loaded log is never changed). */
export function viewOf(events: EventLog): EventView {
  if ('columns' in events) return events;
  let view = viewCache.get(events);
  if (!view) {
    const columns = new EventColumns(Math.max(16, events.length));
    // A ticket's events come together, most on one site and template: the last name is kept.
    const lastOf = () => {
      let value: string | undefined;
      let name = 0;
      return (v: string | undefined) => {
        if (v !== value) {
          value = v;
          name = columns.name(v);
        }
        return name;
      };
    };
    const site = lastOf();
    const ticket = lastOf();
    const template = lastOf();
    for (const e of events)
      columns.push(
        e.time,
        typeCode(e.type),
        site(e.site),
        ticket(e.ticketHash),
        template(e.templateId),
        columns.name(e.field),
        0,
        e.data as Record<string, unknown> | undefined,
      );
    view = { columns };
    viewCache.set(events, view);
  }
  return view;
}

/** How many events a log has. */
export function eventCount(events: EventLog): number {
  if (!('columns' in events)) return events.length;
  return events.rows ? events.rows.length : events.columns.length;
}

/** The distinct non-empty names of a column over a log's events (its sites, its templates). */
export function distinctNames(events: EventLog, part: 'site' | 'template'): string[] {
  const { columns, rows } = viewOf(events);
  const column = columns[part];
  const seen = new Uint8Array(columns.names.length);
  const out: string[] = [];
  const n = rows ? rows.length : columns.length;
  for (let j = 0; j < n; j++) {
    const name = column[rows ? (rows[j] as number) : j] as number;
    if (name === 0 || seen[name]) continue;
    seen[name] = 1;
    out.push(columns.names[name] as string);
  }
  return out;
}

/**
 * A log's events grouped by a column's value (an agent, a desk): for each name, the indices of its
 * events, ascending.
 */
export function groupRows(columns: EventColumns, part: 'agent' | 'site'): Map<string, Int32Array> {
  const column = columns[part];
  return rowsByName(columns.length, columns.names, (i, add) => add(column[i] as number));
}

/**
 * Row indices grouped by name, in two passes over the rows (count, then place) and no array per row:
 * `each(i, add)` adds row `i` to each group it belongs to (none, one or several); a group is named by
 * its index in `names`.
 */
export function rowsByName(
  rows: number,
  names: readonly string[],
  each: (i: number, add: (name: number) => void) => void,
): Map<string, Int32Array> {
  const counts = new Uint32Array(names.length);
  let row = 0;
  const count = (name: number) => {
    counts[name] = (counts[name] as number) + 1;
  };
  for (row = 0; row < rows; row++) each(row, count);
  const lists: Int32Array[] = [];
  counts.forEach((n, name) => {
    if (n) lists[name] = new Int32Array(n);
  });
  const filled = new Uint32Array(names.length);
  const place = (name: number) => {
    const k = filled[name] as number;
    (lists[name] as Int32Array)[k] = row;
    filled[name] = k + 1;
  };
  for (row = 0; row < rows; row++) each(row, place);
  const groups = new Map<string, Int32Array>();
  lists.forEach((list, name) => {
    groups.set(names[name] as string, list);
  });
  return groups;
}
