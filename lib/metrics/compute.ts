import type { Correction } from '../db/db';
import {
  APPLIED,
  DISMISSED,
  EDITED,
  ESCALATED,
  type EventColumns,
  type EventLog,
  type EventView,
  FAILED,
  OPENED,
  READY,
  viewOf,
} from './event-columns';

/**
 * Business metrics (issue #9) as pure functions over the event log and the corrections: no storage,
 * no clock, so each is tested on a seeded log with hand-computed answers (test/unit/metrics).
 *
 * Filters: `from` (inclusive) and `to` (exclusive) select by the time of the event that ends what is
 * measured (the apply for a cycle, the correction, the suggestion); `site` and `templateId` select
 * records of that site or template; `field` narrows field-level metrics (touchpoints, acceptance).
 * Ticket-level events without a template (`panel.opened`) still start a cycle under a template filter.
 */
export interface MetricsFilter {
  from?: number;
  to?: number;
  site?: string;
  templateId?: string;
  field?: string;
}

/** A rate with its parts, so a table can show "12 of 40" and a chart 30%. `rate` is 0 when total is 0. */
export interface Rate {
  count: number;
  total: number;
  rate: number;
}

export function rate(count: number, total: number): Rate {
  return { count, total, rate: total > 0 ? count / total : 0 };
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; undefined for none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  return nearestRank(Float64Array.from(values), p);
}

/**
 * Nearest-rank percentile of values in a typed array, which is reordered: found by selection, not by
 * sorting (a team's report takes the percentiles of 200,000 cycles and latencies per scope).
 */
function nearestRank(values: Float64Array, p: number): number | undefined {
  if (values.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * values.length));
  return kthSmallest(values, Math.min(rank, values.length) - 1);
}

/** The k-th smallest (from 0) of the values, which are reordered (Hoare's selection). */
function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    // The median of the first, middle and last values as pivot: runs already in order stay fast.
    const x = a[lo] as number;
    const y = a[(lo + hi) >>> 1] as number;
    const z = a[hi] as number;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const v = a[i] as number;
        a[i++] = a[j] as number;
        a[j--] = v;
      }
    }
    // Now a[lo..j] <= pivot <= a[i..hi], and what lies between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
}

const inPeriod = (time: number, f: MetricsFilter) =>
  (f.from === undefined || time >= f.from) && (f.to === undefined || time < f.to);
const ofSite = (site: string, f: MetricsFilter) => f.site === undefined || site === f.site;
const ofTemplate = (templateId: string | undefined, f: MetricsFilter) =>
  f.templateId === undefined || templateId === f.templateId;
/** One ticket handled with one template: from the first view of the ticket to the first apply. */
export interface Cycle {
  site: string;
  ticketHash: string;
  templateId: string;
  mode: 'shadow' | 'assist';
  start: number;
  end: number;
  ms: number;
  /** Field edits between the start and the apply (touchpoints). */
  edits: number;
}

/**
 * Cycles ended by an apply in the filter, oldest apply first. A ticket never seen opened starts at its
 * first event.
 */
export function cycles(events: EventLog, f: MetricsFilter = {}): readonly Cycle[] {
  const g = gather(events, f);
  const { names, site, ticket, template, time } = g.columns;
  g.cycleList ??= Array.from(g.cycles.apply, (a, i) => ({
    site: names[site[a] as number] as string,
    ticketHash: names[ticket[a] as number] as string,
    templateId: names[template[a] as number] as string,
    mode: g.cycles.shadow[a] ? 'shadow' : 'assist',
    start: (time[a] as number) - (g.cycles.ms[i] as number),
    end: time[a] as number,
    ms: g.cycles.ms[i] as number,
    edits: g.cycles.edits[i] as number,
  }));
  return g.cycleList;
}

/** The cycles of a filter as columns, in the order of their apply (time, then place in the log). */
interface CycleColumns {
  /** The index in the table of the apply that ended each cycle. */
  apply: Int32Array;
  ms: Float64Array;
  edits: Uint32Array;
  /** The table's shadow column (indexed by the apply). */
  shadow: Uint8Array;
}

/** Everything the event-side metrics use, from one pass over the log. */
interface Gathered {
  columns: EventColumns;
  /** The tickets with events (name indices), one each. */
  tickets: Uint32Array;
  cycles: CycleColumns;
  /** Made only when a caller wants Cycle objects (the dashboard's charts). */
  cycleList?: Cycle[];
  status: { filled: number; unsupported: number; missing: number; fields: number };
  seen: number;
  escalated: number;
  flagsEscalated: number;
  flagsDismissed: number;
  /** In no order (percentiles reorder it). */
  latencies: Float64Array;
  failed: number;
  byCode: Record<string, number>;
}

/**
 * One pass over the events for every event-side metric of a filter, cached per log and filter (a log
 * is never mutated once loaded): the dashboard asks for cycles three times, and the team report
 * computes the metrics of every agent, desk and template over a million events.
 */
function gather(events: EventLog, f: MetricsFilter): Gathered {
  const view = viewOf(events);
  const key = JSON.stringify([f.from, f.to, f.site, f.templateId, f.field]);
  const byFilter = gatherCache.get(view) ?? new Map<string, Gathered>();
  gatherCache.set(view, byFilter);
  const cached = byFilter.get(key);
  if (cached) return cached;
  const result = gatherOnce(view, f);
  byFilter.set(key, result);
  return result;
}
const gatherCache = new WeakMap<EventView, Map<string, Gathered>>();

function gatherOnce({ columns, rows }: EventView, f: MetricsFilter): Gathered {
  // Per ticket state in typed arrays indexed by the ticket's order of appearance, and each ticket's
  // edits and applies as lists linked through the events' places in the view: no object per ticket,
  // edit or event.
  const { time, type, site, ticket, template, field } = columns;
  const n = rows ? rows.length : columns.length;
  const at = (j: number) => (rows ? (rows[j] as number) : j);
  // Filters as name indices: -1 (a name no event has) selects nothing.
  const siteIs = f.site === undefined ? -2 : columns.lookup(f.site);
  const templateIs = f.templateId === undefined ? -2 : columns.lookup(f.templateId);
  const fieldIs = f.field === undefined ? -2 : columns.lookup(f.field);
  const from = f.from ?? Number.NEGATIVE_INFINITY;
  const to = f.to ?? Number.POSITIVE_INFINITY;
  const localOf = new Int32Array(columns.names.length).fill(-1);
  const tickets = new Uint32Array(Math.min(n, columns.names.length));
  const firstAny = new Float64Array(tickets.length);
  const firstOpened = new Float64Array(tickets.length).fill(Number.NaN);
  const seenFlag = new Uint8Array(tickets.length);
  const escalatedFlag = new Uint8Array(tickets.length);
  const editHead = new Int32Array(tickets.length).fill(-1);
  const applyHead = new Int32Array(tickets.length).fill(-1);
  const next = new Int32Array(n).fill(-1); // the ticket's previous edit or apply
  const acted: number[] = [];
  const actedTicket: number[] = [];
  const status = { filled: 0, unsupported: 0, missing: 0, fields: 0 };
  const latencies = new Float64Array(n);
  let ready = 0;
  let applies = 0;
  let failed = 0;
  const byCode: Record<string, number> = {};
  let seen = 0;
  let count = 0;
  for (let j = 0; j < n; j++) {
    const e = at(j);
    const name = ticket[e] as number;
    let t = localOf[name] as number;
    const when = time[e] as number;
    if (t < 0) {
      t = count++;
      localOf[name] = t;
      tickets[t] = name;
      firstAny[t] = when;
    } else if (when < (firstAny[t] as number)) firstAny[t] = when;
    const kind = type[e] as number;
    // Cycles see every event of a ticket (its first view may precede the period); the apply is
    // what the filter selects, below.
    if (kind === OPENED) {
      if (!(when >= (firstOpened[t] as number))) firstOpened[t] = when; // NaN: none yet
    } else if (kind === APPLIED) {
      applies++;
      next[j] = applyHead[t] as number;
      applyHead[t] = j;
    } else if (kind === EDITED && (fieldIs === -2 || field[e] === fieldIs)) {
      next[j] = editHead[t] as number;
      editHead[t] = j;
    }
    if (when < from || when >= to || (siteIs !== -2 && site[e] !== siteIs)) continue;
    const ofTemplate = templateIs === -2 || template[e] === templateIs;
    if (!seenFlag[t] && ofTemplate) {
      seenFlag[t] = 1;
      seen++;
    }
    if (kind === ESCALATED || kind === DISMISSED) {
      acted.push(e);
      actedTicket.push(t);
    }
    if (!ofTemplate) continue;
    if (kind === READY) {
      const filled = columns.filled[e] as number;
      const unsupported = columns.unsupported[e] as number;
      const missing = columns.missing[e] as number;
      status.filled += filled;
      status.unsupported += unsupported;
      status.missing += missing;
      status.fields += filled + missing + unsupported + (columns.other[e] as number);
      latencies[ready++] = columns.latency[e] as number;
    } else if (kind === FAILED) {
      failed++;
      const code = columns.names[columns.code[e] as number] || 'internal';
      byCode[code] = (byCode[code] ?? 0) + 1;
    }
  }
  // Escalations and dismissals count on tickets seen under the filter, known only after the pass.
  let escalated = 0;
  let flagsEscalated = 0;
  let flagsDismissed = 0;
  for (let k = 0; k < acted.length; k++) {
    const e = acted[k] as number;
    const t = actedTicket[k] as number;
    if (!seenFlag[t]) continue;
    if (type[e] === ESCALATED) {
      if (!escalatedFlag[t]) escalated++;
      escalatedFlag[t] = 1;
      flagsEscalated += columns.flags[e] as number;
    } else flagsDismissed += columns.flags[e] as number;
  }

  // A cycle per ticket and template, ended by the template's first apply (on equal times, the one
  // logged first). Places in the view (j) are ascending with places in the table (e).
  const ends = new Int32Array(applies);
  const starts = new Float64Array(applies);
  const editCounts = new Uint32Array(applies);
  let cycleCount = 0;
  const end = (j: number, t: number) => {
    const e = at(j);
    const when = time[e] as number;
    if (when < from || when >= to || (siteIs !== -2 && site[e] !== siteIs)) return;
    if (templateIs !== -2 && template[e] !== templateIs) return;
    const opened = firstOpened[t] as number;
    const start = Math.min(Number.isNaN(opened) ? (firstAny[t] as number) : opened, when);
    let edits = 0;
    for (let x = editHead[t] as number; x >= 0; x = next[x] as number) {
      const edit = at(x);
      const editTime = time[edit] as number;
      if (template[edit] === template[e] && editTime >= start && editTime <= when) edits++;
    }
    ends[cycleCount] = e;
    starts[cycleCount] = start;
    editCounts[cycleCount++] = edits;
  };
  for (let t = 0; t < count; t++) {
    const head = applyHead[t] as number;
    if (head < 0) continue;
    if ((next[head] as number) < 0) {
      end(head, t); // one apply: nearly every ticket
      continue;
    }
    const firsts: number[] = [];
    for (let a = head; a >= 0; a = next[a] as number) {
      const k = firsts.findIndex((x) => template[at(x)] === template[at(a)]);
      if (k < 0) firsts.push(a);
      // The list runs newest first: a later-logged apply only wins when strictly earlier in time.
      else if ((time[at(a)] as number) <= (time[at(firsts[k] as number)] as number)) firsts[k] = a;
    }
    for (const a of firsts.reverse()) end(a, t);
  }
  const order = new Uint32Array(cycleCount);
  for (let k = 0; k < cycleCount; k++) order[k] = k;
  const before = (x: number, y: number) => {
    const ax = ends[x] as number;
    const ay = ends[y] as number;
    return (time[ax] as number) - (time[ay] as number) || ax - ay;
  };
  // Tickets are mostly worked one after another, so the applies are often in order already.
  let ordered = true;
  for (let k = 1; k < order.length && ordered; k++) ordered = before(k - 1, k) < 0;
  if (!ordered) order.sort(before);
  const cycles: CycleColumns = {
    apply: new Int32Array(order.length),
    ms: new Float64Array(order.length),
    edits: new Uint32Array(order.length),
    shadow: columns.shadow,
  };
  order.forEach((o, i) => {
    const e = ends[o] as number;
    cycles.apply[i] = e;
    cycles.ms[i] = (time[e] as number) - (starts[o] as number);
    cycles.edits[i] = editCounts[o] as number;
  });
  return {
    columns,
    tickets: tickets.subarray(0, count),
    cycles,
    status,
    seen,
    escalated,
    flagsEscalated,
    flagsDismissed,
    latencies: latencies.slice(0, ready),
    failed,
    byCode,
  };
}

/**
 * Distinct tickets with any event or correction (the team report's "tickets"). An event of no ticket
 * (empty hash: a template promoted, an error) is not one.
 */
export function distinctTickets(events: EventLog, corrections: readonly Correction[]): number {
  const { tickets, columns } = gather(events, {});
  const ofEvents = new Uint8Array(columns.names.length);
  let count = 0;
  for (const name of tickets)
    if (name !== 0) {
      ofEvents[name] = 1;
      count++;
    }
  const extra = new Set<string>();
  for (const c of corrections) {
    const name = columns.lookup(c.ticketHash);
    if (name <= 0 || !ofEvents[name]) extra.add(c.ticketHash);
  }
  return count + extra.size;
}

/** Cycle time summary (ms): median (p50), p95 and mean, per mode and overall. */
export function cycleTime(events: EventLog, f: MetricsFilter = {}) {
  const { ms, shadow, apply } = gather(events, f).cycles;
  // The cycles of each mode, split in one loop.
  let shadows = 0;
  for (const a of apply) shadows += shadow[a] as number;
  const ofShadow = new Float64Array(shadows);
  const ofAssist = new Float64Array(ms.length - shadows);
  for (let i = 0, s = 0, a = 0; i < ms.length; i++)
    if (shadow[apply[i] as number]) ofShadow[s++] = ms[i] as number;
    else ofAssist[a++] = ms[i] as number;
  const summary = (list: Float64Array) => {
    let sum = 0;
    for (const v of list) sum += v;
    return {
      count: list.length,
      p50: nearestRank(list, 50),
      p95: nearestRank(list, 95),
      mean: list.length ? sum / list.length : undefined,
    };
  };
  return { all: summary(ms.slice()), shadow: summary(ofShadow), assist: summary(ofAssist) };
}

/** Touchpoints: field edits per applied template (with `field`, edits of that field only). */
export function touchpoints(events: EventLog, f: MetricsFilter = {}) {
  const list = gather(events, f).cycles.edits;
  let edits = 0;
  for (const v of list) edits += v;
  return { applied: list.length, edits, perApplied: list.length ? edits / list.length : 0 };
}

/** Corrections measured here (imported team packs are colleagues' measurements) passing the filter. */
export function selectCorrections(corrections: readonly Correction[], f: MetricsFilter = {}): Correction[] {
  return corrections.filter(
    (c) =>
      !c.imported &&
      inPeriod(c.time, f) &&
      ofSite(c.site, f) &&
      ofTemplate(c.templateId, f) &&
      (f.field === undefined || c.field === f.field),
  );
}

/** Per template and field: acceptance (the agent kept the AI's value) and correction rates. */
export interface FieldAccuracy {
  templateId: string;
  field: string;
  acceptance: Rate;
  correction: Rate;
}

export function fieldAccuracy(corrections: readonly Correction[], f: MetricsFilter = {}): FieldAccuracy[] {
  const groups = new Map<string, { templateId: string; field: string; agreed: number; total: number }>();
  for (const c of selectCorrections(corrections, f)) {
    const key = `${c.templateId}\u0000${c.field}`;
    const g = groups.get(key) ?? { templateId: c.templateId, field: c.field, agreed: 0, total: 0 };
    g.total += 1;
    if (c.agreed) g.agreed += 1;
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => a.templateId.localeCompare(b.templateId) || a.field.localeCompare(b.field))
    .map((g) => ({
      templateId: g.templateId,
      field: g.field,
      acceptance: rate(g.agreed, g.total),
      correction: rate(g.total - g.agreed, g.total),
    }));
}

/**
 * From `suggestion.ready` status counts: grounding = filled / (filled + unsupported) (values with
 * evidence in the ticket vs. values without); missing input = missing / all fields suggested.
 */
export function groundingAndMissing(events: EventLog, f: MetricsFilter = {}) {
  const { filled, unsupported, missing, fields } = gather(events, f).status;
  return { grounding: rate(filled, filled + unsupported), missingInput: rate(missing, fields) };
}

/**
 * Escalation rate: tickets the agent escalated / tickets seen (with a template filter: tickets where
 * that template was used). Override rate: flags dismissed / flags acted on (escalated + dismissed).
 */
export function escalation(events: EventLog, f: MetricsFilter = {}) {
  const g = gather(events, f);
  return {
    escalation: rate(g.escalated, g.seen),
    override: rate(g.flagsDismissed, g.flagsEscalated + g.flagsDismissed),
  };
}

/** Provider latency (p50/p95 of ready suggestions, ms) and error rate (failed / requests that ended). */
export function providerHealth(events: EventLog, f: MetricsFilter = {}) {
  const { latencies, failed, byCode } = gather(events, f);
  return {
    latency: {
      count: latencies.length,
      p50: nearestRank(latencies, 50),
      p95: nearestRank(latencies, 95),
    },
    errors: rate(failed, latencies.length + failed),
    byCode: { ...byCode },
  };
}

/**
 * Time saved against the agent's own manual baseline: the median shadow cycle (filled by hand) minus
 * the median assist cycle, times the assist cycles. Undefined until both modes have cycles.
 */
export function timeSaved(events: EventLog, f: MetricsFilter = {}) {
  return timeSavedOf(cycleTime(events, f));
}

function timeSavedOf(t: ReturnType<typeof cycleTime>) {
  const baseline = t.shadow.p50;
  const assisted = t.assist.p50;
  if (baseline === undefined || assisted === undefined) {
    return { baselineMs: baseline, assistMs: assisted, perTicketMs: undefined, totalMs: undefined };
  }
  const perTicketMs = baseline - assisted;
  return { baselineMs: baseline, assistMs: assisted, perTicketMs, totalMs: perTicketMs * t.assist.count };
}

/** Every headline metric for one filter (the dashboard's summary table). */
export function computeMetrics(events: EventLog, corrections: readonly Correction[], f: MetricsFilter = {}) {
  const accepted = selectCorrections(corrections, f);
  const agreed = accepted.filter((c) => c.agreed).length;
  const times = cycleTime(events, f);
  return {
    cycleTime: times,
    touchpoints: touchpoints(events, f),
    acceptance: rate(agreed, accepted.length),
    correction: rate(accepted.length - agreed, accepted.length),
    fields: fieldAccuracy(corrections, f),
    ...groundingAndMissing(events, f),
    ...escalation(events, f),
    provider: providerHealth(events, f),
    timeSaved: timeSavedOf(times),
  };
}
export type Metrics = ReturnType<typeof computeMetrics>;
