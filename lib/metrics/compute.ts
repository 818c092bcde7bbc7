import type { Correction, DeskEvent } from '../db/db';

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
  if (values.length === 0) return undefined;
  // A typed array sorts numbers without a comparator call per pair: a team has 200,000 cycles.
  return ofSorted(Float64Array.from(values).sort(), p);
}

/** Nearest-rank percentile of values already sorted ascending. */
function ofSorted(sorted: Float64Array, p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

const inPeriod = (time: number, f: MetricsFilter) =>
  (f.from === undefined || time >= f.from) && (f.to === undefined || time < f.to);
const ofSite = (site: string, f: MetricsFilter) => f.site === undefined || site === f.site;
const ofTemplate = (templateId: string | undefined, f: MetricsFilter) =>
  f.templateId === undefined || templateId === f.templateId;
/** The ticket hash already covers the site (ticketHash(site, key)): it alone names a ticket. */
const ticketKey = (e: { ticketHash: string }) => e.ticketHash;
const num = (e: DeskEvent, key: string) => {
  const v = e.data?.[key];
  return typeof v === 'number' ? v : 0;
};

/** Does an event pass the period, site and template filters? */
const selected = (e: DeskEvent, f: MetricsFilter) =>
  inPeriod(e.time, f) && ofSite(e.site, f) && ofTemplate(e.templateId, f);

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
export function cycles(events: readonly DeskEvent[], f: MetricsFilter = {}): readonly Cycle[] {
  const g = gather(events, f);
  g.cycleList ??= Array.from(g.cycles.apply, (a, i) => {
    const e = events[a] as DeskEvent;
    return {
      site: e.site,
      ticketHash: e.ticketHash,
      templateId: e.templateId ?? '',
      mode: g.cycles.shadow[i] ? 'shadow' : 'assist',
      start: e.time - (g.cycles.ms[i] as number),
      end: e.time,
      ms: g.cycles.ms[i] as number,
      edits: g.cycles.edits[i] as number,
    };
  });
  return g.cycleList;
}

/** The cycles of a filter as columns, in the order of their apply (time, then place in the log). */
interface CycleColumns {
  /** The index in the log of the apply that ended each cycle. */
  apply: Int32Array;
  ms: Float64Array;
  edits: Uint32Array;
  shadow: Uint8Array;
}

/** Everything the event-side metrics use, from one pass over the log. */
interface Gathered {
  /** Ticket hash -> its index: which tickets have events. */
  tickets: Map<string, number>;
  cycles: CycleColumns;
  /** Made only when a caller wants Cycle objects (the dashboard's charts). */
  cycleList?: Cycle[];
  status: { filled: number; unsupported: number; missing: number; fields: number };
  seen: number;
  escalated: number;
  flagsEscalated: number;
  flagsDismissed: number;
  /** Sorted ascending. */
  latencies: Float64Array;
  failed: number;
  byCode: Record<string, number>;
}

/**
 * One pass over the events for every event-side metric of a filter, cached per log and filter (a log
 * is never mutated once loaded): the dashboard asks for cycles three times, and the team report
 * computes the metrics of every agent, desk and template over a million events.
 */
function gather(events: readonly DeskEvent[], f: MetricsFilter): Gathered {
  const key = JSON.stringify([f.from, f.to, f.site, f.templateId, f.field]);
  const byFilter = gatherCache.get(events) ?? new Map<string, Gathered>();
  gatherCache.set(events, byFilter);
  const cached = byFilter.get(key);
  if (cached) return cached;
  const result = gatherOnce(events, f);
  byFilter.set(key, result);
  return result;
}
const gatherCache = new WeakMap<readonly DeskEvent[], Map<string, Gathered>>();

function gatherOnce(events: readonly DeskEvent[], f: MetricsFilter): Gathered {
  // Per ticket state in typed arrays indexed by ticket, and each ticket's edits and applies as lists
  // linked through the events' indices: no object per ticket or per edit. A team's million events
  // otherwise make hundreds of thousands of small objects per pass, and the garbage collector's
  // copying of them cost more than the pass itself.
  const n = events.length;
  const tickets = new Map<string, number>();
  const firstAny = new Float64Array(n);
  const firstOpened = new Float64Array(n).fill(Number.NaN);
  const seenFlag = new Uint8Array(n);
  const escalatedFlag = new Uint8Array(n);
  const editHead = new Int32Array(n).fill(-1);
  const applyHead = new Int32Array(n).fill(-1);
  const next = new Int32Array(n).fill(-1); // the ticket's previous edit or apply
  const acted: number[] = [];
  const actedTicket: number[] = [];
  const status = { filled: 0, unsupported: 0, missing: 0, fields: 0 };
  const latencies: number[] = [];
  let failed = 0;
  const byCode: Record<string, number> = {};
  let seen = 0;
  let count = 0;
  // A ticket's events mostly come one after another: the last ticket is looked up once.
  let lastKey: string | undefined;
  let t = -1;
  for (let i = 0; i < n; i++) {
    const e = events[i] as DeskEvent;
    if (ticketKey(e) !== lastKey) {
      lastKey = ticketKey(e);
      let known = tickets.get(lastKey);
      if (known === undefined) {
        known = count++;
        tickets.set(lastKey, known);
        firstAny[known] = e.time;
      }
      t = known;
    }
    if (e.time < (firstAny[t] as number)) firstAny[t] = e.time;
    // Cycles see every event of a ticket (its first view may precede the period); the apply is
    // what the filter selects, below.
    if (e.type === 'panel.opened') {
      if (!(e.time >= (firstOpened[t] as number))) firstOpened[t] = e.time; // NaN: none yet
    } else if (e.type === 'applied') {
      next[i] = applyHead[t] as number;
      applyHead[t] = i;
    } else if (e.type === 'field.edited' && (f.field === undefined || e.field === f.field)) {
      next[i] = editHead[t] as number;
      editHead[t] = i;
    }
    if (!inPeriod(e.time, f) || !ofSite(e.site, f)) continue;
    if (!seenFlag[t] && ofTemplate(e.templateId, f)) {
      seenFlag[t] = 1;
      seen++;
    }
    if (e.type === 'escalated' || e.type === 'dismissed') {
      acted.push(i);
      actedTicket.push(t);
    }
    if (!ofTemplate(e.templateId, f)) continue;
    if (e.type === 'suggestion.ready') {
      const filled = num(e, 'filled');
      const unsupported = num(e, 'unsupported');
      const missing = num(e, 'missing');
      status.filled += filled;
      status.unsupported += unsupported;
      status.missing += missing;
      status.fields += filled + missing + num(e, 'conflict') + num(e, 'stale') + unsupported;
      latencies.push(num(e, 'latencyMs'));
    } else if (e.type === 'suggestion.failed') {
      failed++;
      const code = String(e.data?.code ?? 'internal');
      byCode[code] = (byCode[code] ?? 0) + 1;
    }
  }
  // Escalations and dismissals count on tickets seen under the filter, known only after the pass.
  let escalated = 0;
  let flagsEscalated = 0;
  let flagsDismissed = 0;
  for (let j = 0; j < acted.length; j++) {
    const e = events[acted[j] as number] as DeskEvent;
    const ticket = actedTicket[j] as number;
    if (!seenFlag[ticket]) continue;
    if (e.type === 'escalated') {
      if (!escalatedFlag[ticket]) escalated++;
      escalatedFlag[ticket] = 1;
      flagsEscalated += num(e, 'flags');
    } else flagsDismissed += num(e, 'flags');
  }

  // A cycle per ticket and template, ended by the template's first apply (on equal times, the one
  // logged first).
  const ends: number[] = [];
  const starts: number[] = [];
  const editCounts: number[] = [];
  const end = (a: number, ticket: number) => {
    const e = events[a] as DeskEvent;
    if (!selected(e, f)) return;
    const opened = firstOpened[ticket] as number;
    const start = Math.min(Number.isNaN(opened) ? (firstAny[ticket] as number) : opened, e.time);
    let edits = 0;
    for (let x = editHead[ticket] as number; x >= 0; x = next[x] as number) {
      const edit = events[x] as DeskEvent;
      if (edit.templateId === e.templateId && edit.time >= start && edit.time <= e.time) edits++;
    }
    ends.push(a);
    starts.push(start);
    editCounts.push(edits);
  };
  for (let k = 0; k < count; k++) {
    const head = applyHead[k] as number;
    if (head < 0) continue;
    if ((next[head] as number) < 0) {
      end(head, k); // one apply: nearly every ticket
      continue;
    }
    const firsts: number[] = [];
    for (let a = head; a >= 0; a = next[a] as number) {
      const e = events[a] as DeskEvent;
      const j = firsts.findIndex((x) => (events[x] as DeskEvent).templateId === e.templateId);
      if (j < 0) firsts.push(a);
      else {
        const b = events[firsts[j] as number] as DeskEvent;
        // The list runs newest first: a later-logged apply only wins when strictly earlier in time.
        if (e.time <= b.time) firsts[j] = a;
      }
    }
    for (const a of firsts.reverse()) end(a, k);
  }
  const order = Uint32Array.from(ends.keys()).sort((x, y) => {
    const ax = ends[x] as number;
    const ay = ends[y] as number;
    return (events[ax] as DeskEvent).time - (events[ay] as DeskEvent).time || ax - ay;
  });
  const cycles: CycleColumns = {
    apply: new Int32Array(order.length),
    ms: new Float64Array(order.length),
    edits: new Uint32Array(order.length),
    shadow: new Uint8Array(order.length),
  };
  order.forEach((o, i) => {
    const e = events[ends[o] as number] as DeskEvent;
    cycles.apply[i] = ends[o] as number;
    cycles.ms[i] = e.time - (starts[o] as number);
    cycles.edits[i] = editCounts[o] as number;
    cycles.shadow[i] = e.data?.mode === 'shadow' ? 1 : 0;
  });
  return {
    tickets,
    cycles,
    status,
    seen,
    escalated,
    flagsEscalated,
    flagsDismissed,
    // A typed array sorts numbers without a comparator call per pair.
    latencies: Float64Array.from(latencies).sort(),
    failed,
    byCode,
  };
}

/**
 * Distinct tickets with any event or correction (the team report's "tickets"). An event of no ticket
 * (empty hash: a template promoted, an error) is not one.
 */
export function distinctTickets(events: readonly DeskEvent[], corrections: readonly Correction[]): number {
  const { tickets } = gather(events, {});
  const ofEvents = (hash: string) => hash !== '' && tickets.has(hash);
  const extra = new Set<string>();
  for (const c of corrections) if (!ofEvents(c.ticketHash)) extra.add(c.ticketHash);
  return tickets.size - (tickets.has('') ? 1 : 0) + extra.size;
}

/** Cycle time summary (ms): median (p50), p95 and mean, per mode and overall. */
export function cycleTime(events: readonly DeskEvent[], f: MetricsFilter = {}) {
  const { ms, shadow } = gather(events, f).cycles;
  const summary = (mode: 'all' | 'shadow' | 'assist') => {
    const list = mode === 'all' ? ms.slice() : ms.filter((_, i) => (shadow[i] === 1) === (mode === 'shadow'));
    let sum = 0;
    for (const v of list) sum += v;
    list.sort();
    return {
      count: list.length,
      p50: ofSorted(list, 50),
      p95: ofSorted(list, 95),
      mean: list.length ? sum / list.length : undefined,
    };
  };
  return { all: summary('all'), shadow: summary('shadow'), assist: summary('assist') };
}

/** Touchpoints: field edits per applied template (with `field`, edits of that field only). */
export function touchpoints(events: readonly DeskEvent[], f: MetricsFilter = {}) {
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
export function groundingAndMissing(events: readonly DeskEvent[], f: MetricsFilter = {}) {
  const { filled, unsupported, missing, fields } = gather(events, f).status;
  return { grounding: rate(filled, filled + unsupported), missingInput: rate(missing, fields) };
}

/**
 * Escalation rate: tickets the agent escalated / tickets seen (with a template filter: tickets where
 * that template was used). Override rate: flags dismissed / flags acted on (escalated + dismissed).
 */
export function escalation(events: readonly DeskEvent[], f: MetricsFilter = {}) {
  const g = gather(events, f);
  return {
    escalation: rate(g.escalated, g.seen),
    override: rate(g.flagsDismissed, g.flagsEscalated + g.flagsDismissed),
  };
}

/** Provider latency (p50/p95 of ready suggestions, ms) and error rate (failed / requests that ended). */
export function providerHealth(events: readonly DeskEvent[], f: MetricsFilter = {}) {
  const { latencies, failed, byCode } = gather(events, f);
  return {
    latency: { count: latencies.length, p50: ofSorted(latencies, 50), p95: ofSorted(latencies, 95) },
    errors: rate(failed, latencies.length + failed),
    byCode: { ...byCode },
  };
}

/**
 * Time saved against the agent's own manual baseline: the median shadow cycle (filled by hand) minus
 * the median assist cycle, times the assist cycles. Undefined until both modes have cycles.
 */
export function timeSaved(events: readonly DeskEvent[], f: MetricsFilter = {}) {
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
export function computeMetrics(
  events: readonly DeskEvent[],
  corrections: readonly Correction[],
  f: MetricsFilter = {},
) {
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
