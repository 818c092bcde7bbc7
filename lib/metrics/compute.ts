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

/** Cycles ended by an apply in the filter. A ticket never seen opened starts at its first event. */
export function cycles(events: readonly DeskEvent[], f: MetricsFilter = {}): readonly Cycle[] {
  // Cycle time, touchpoints, time saved, the trend and the histogram all start from the same cycles:
  // compute them once per log and filter (the log is never mutated once loaded).
  const key = JSON.stringify([f.from, f.to, f.site, f.templateId, f.field]);
  const byFilter = cycleCache.get(events) ?? new Map<string, readonly Cycle[]>();
  cycleCache.set(events, byFilter);
  const cached = byFilter.get(key);
  if (cached) return cached;
  const result = computeCycles(events, f);
  byFilter.set(key, result);
  return result;
}
const cycleCache = new WeakMap<readonly DeskEvent[], Map<string, readonly Cycle[]>>();

/** What a cycle needs to know of one ticket, gathered in one pass over the events. */
interface TicketTimes {
  firstAny: number;
  firstOpened: number | undefined;
  /** Its field edits (touchpoints), of any template: a ticket has few. */
  edits: DeskEvent[] | undefined;
  /** Templates whose first apply was seen: only the first apply ends a cycle. */
  done: (string | undefined)[] | undefined;
}

function computeCycles(events: readonly DeskEvent[], f: MetricsFilter): Cycle[] {
  // One pass, one entry per ticket: the dashboard runs this over months of events, the team report
  // over a million.
  const tickets = new Map<string, TicketTimes>();
  const applies: DeskEvent[] = [];
  // A ticket's events mostly come one after another: the last ticket is looked up once.
  let lastKey: string | undefined;
  let t: TicketTimes | undefined;
  for (const e of events) {
    if (ticketKey(e) !== lastKey) {
      lastKey = ticketKey(e);
      t = tickets.get(lastKey);
    }
    if (!t) {
      t = { firstAny: e.time, firstOpened: undefined, edits: undefined, done: undefined };
      tickets.set(ticketKey(e), t);
    } else if (e.time < t.firstAny) t.firstAny = e.time;
    if (e.type === 'panel.opened') {
      if (t.firstOpened === undefined || e.time < t.firstOpened) t.firstOpened = e.time;
    } else if (e.type === 'applied') applies.push(e);
    else if (e.type === 'field.edited' && (f.field === undefined || e.field === f.field)) {
      if (t.edits) t.edits.push(e);
      else t.edits = [e];
    }
  }
  const out: Cycle[] = [];
  applies.sort((a, b) => a.time - b.time);
  for (const a of applies) {
    const t = tickets.get(ticketKey(a)) as TicketTimes;
    if (t.done?.includes(a.templateId)) continue; // only the first apply ends a cycle
    if (t.done) t.done.push(a.templateId);
    else t.done = [a.templateId];
    if (!inPeriod(a.time, f) || !ofSite(a.site, f) || !ofTemplate(a.templateId, f)) continue;
    const start = Math.min(t.firstOpened ?? t.firstAny, a.time);
    let edits = 0;
    if (t.edits)
      for (const x of t.edits)
        if (x.templateId === a.templateId && x.time >= start && x.time <= a.time) edits++;
    const mode = a.data?.mode === 'shadow' ? 'shadow' : 'assist';
    out.push({
      site: a.site,
      ticketHash: a.ticketHash,
      templateId: a.templateId ?? '',
      mode,
      start,
      end: a.time,
      ms: a.time - start,
      edits,
    });
  }
  return out;
}

/** Cycle time summary (ms): median (p50), p95 and mean, per mode and overall. */
export function cycleTime(events: readonly DeskEvent[], f: MetricsFilter = {}) {
  const all = cycles(events, f);
  const summary = (list: readonly Cycle[]) => {
    const sorted = new Float64Array(list.length);
    for (let i = 0; i < list.length; i++) sorted[i] = (list[i] as Cycle).ms;
    sorted.sort();
    return {
      count: list.length,
      p50: ofSorted(sorted, 50),
      p95: ofSorted(sorted, 95),
      mean: list.length ? list.reduce((s, c) => s + c.ms, 0) / list.length : undefined,
    };
  };
  return {
    all: summary(all),
    shadow: summary(all.filter((c) => c.mode === 'shadow')),
    assist: summary(all.filter((c) => c.mode === 'assist')),
  };
}

/** Touchpoints: field edits per applied template (with `field`, edits of that field only). */
export function touchpoints(events: readonly DeskEvent[], f: MetricsFilter = {}) {
  const list = cycles(events, f);
  const edits = list.reduce((s, c) => s + c.edits, 0);
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
  let filled = 0;
  let unsupported = 0;
  let missing = 0;
  let fields = 0;
  for (const e of events) {
    if (e.type !== 'suggestion.ready' || !selected(e, f)) continue;
    filled += num(e, 'filled');
    unsupported += num(e, 'unsupported');
    missing += num(e, 'missing');
    fields +=
      num(e, 'filled') + num(e, 'missing') + num(e, 'conflict') + num(e, 'stale') + num(e, 'unsupported');
  }
  return { grounding: rate(filled, filled + unsupported), missingInput: rate(missing, fields) };
}

/**
 * Escalation rate: tickets the agent escalated / tickets seen (with a template filter: tickets where
 * that template was used). Override rate: flags dismissed / flags acted on (escalated + dismissed).
 */
export function escalation(events: readonly DeskEvent[], f: MetricsFilter = {}) {
  // One pass: tickets seen, and the escalations and dismissals to count once the tickets are known.
  const seen = new Set<string>();
  const acted: DeskEvent[] = [];
  for (const e of events) {
    if (!inPeriod(e.time, f) || !ofSite(e.site, f)) continue;
    if (f.templateId === undefined || e.templateId === f.templateId) seen.add(ticketKey(e));
    if (e.type === 'escalated' || e.type === 'dismissed') acted.push(e);
  }
  const escalated = new Set<string>();
  let flagsEscalated = 0;
  let flagsDismissed = 0;
  for (const e of acted) {
    if (!seen.has(ticketKey(e))) continue;
    if (e.type === 'escalated') {
      escalated.add(ticketKey(e));
      flagsEscalated += num(e, 'flags');
    } else flagsDismissed += num(e, 'flags');
  }
  return {
    escalation: rate(escalated.size, seen.size),
    override: rate(flagsDismissed, flagsEscalated + flagsDismissed),
  };
}

/** Provider latency (p50/p95 of ready suggestions, ms) and error rate (failed / requests that ended). */
export function providerHealth(events: readonly DeskEvent[], f: MetricsFilter = {}) {
  const latencies: number[] = [];
  let failed = 0;
  const byCode: Record<string, number> = {};
  for (const e of events) {
    if (e.type === 'suggestion.ready') {
      if (selected(e, f)) latencies.push(num(e, 'latencyMs'));
    } else if (e.type === 'suggestion.failed' && selected(e, f)) {
      failed++;
      const code = String(e.data?.code ?? 'internal');
      byCode[code] = (byCode[code] ?? 0) + 1;
    }
  }
  const sorted = Float64Array.from(latencies).sort();
  return {
    latency: { count: latencies.length, p50: ofSorted(sorted, 50), p95: ofSorted(sorted, 95) },
    errors: rate(failed, latencies.length + failed),
    byCode,
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
