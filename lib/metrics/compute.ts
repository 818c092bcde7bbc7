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
  const sorted = [...values].sort((a, b) => a - b);
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

/** Events of one type passing the period, site and template filters. */
function select(events: readonly DeskEvent[], type: string, f: MetricsFilter): DeskEvent[] {
  return events.filter(
    (e) => e.type === type && inPeriod(e.time, f) && ofSite(e.site, f) && ofTemplate(e.templateId, f),
  );
}

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

function computeCycles(events: readonly DeskEvent[], f: MetricsFilter): Cycle[] {
  const firstOpened = new Map<string, number>();
  const firstAny = new Map<string, number>();
  for (const e of events) {
    const key = ticketKey(e);
    firstAny.set(key, Math.min(e.time, firstAny.get(key) ?? e.time));
    if (e.type === 'panel.opened') firstOpened.set(key, Math.min(e.time, firstOpened.get(key) ?? e.time));
  }
  // Edit times per ticket and template, indexed once: the dashboard runs this over months of events.
  const editTimes = new Map<string, number[]>();
  for (const e of events) {
    if (e.type !== 'field.edited' || (f.field !== undefined && e.field !== f.field)) continue;
    const key = `${ticketKey(e)}\u0000${e.templateId}`;
    const list = editTimes.get(key) ?? [];
    list.push(e.time);
    editTimes.set(key, list);
  }
  const done = new Set<string>();
  const out: Cycle[] = [];
  const applies = events.filter((e) => e.type === 'applied').sort((a, b) => a.time - b.time);
  for (const a of applies) {
    const key = `${ticketKey(a)}\u0000${a.templateId}`;
    if (done.has(key)) continue; // only the first apply ends a cycle
    done.add(key);
    if (!inPeriod(a.time, f) || !ofSite(a.site, f) || !ofTemplate(a.templateId, f)) continue;
    const start = Math.min(firstOpened.get(ticketKey(a)) ?? firstAny.get(ticketKey(a)) ?? a.time, a.time);
    const edits = (editTimes.get(key) ?? []).filter((t) => t >= start && t <= a.time).length;
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
  const summary = (list: readonly Cycle[]) => ({
    count: list.length,
    p50: percentile(
      list.map((c) => c.ms),
      50,
    ),
    p95: percentile(
      list.map((c) => c.ms),
      95,
    ),
    mean: list.length ? list.reduce((s, c) => s + c.ms, 0) / list.length : undefined,
  });
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
  for (const e of select(events, 'suggestion.ready', f)) {
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
  const scoped = events.filter((e) => inPeriod(e.time, f) && ofSite(e.site, f));
  const seen = new Set(
    scoped.filter((e) => (f.templateId === undefined ? true : e.templateId === f.templateId)).map(ticketKey),
  );
  const inScope = (e: DeskEvent) => seen.has(ticketKey(e));
  const escalated = scoped.filter((e) => e.type === 'escalated' && inScope(e));
  const dismissed = scoped.filter((e) => e.type === 'dismissed' && inScope(e));
  const flagsEscalated = escalated.reduce((s, e) => s + num(e, 'flags'), 0);
  const flagsDismissed = dismissed.reduce((s, e) => s + num(e, 'flags'), 0);
  return {
    escalation: rate(new Set(escalated.map(ticketKey)).size, seen.size),
    override: rate(flagsDismissed, flagsEscalated + flagsDismissed),
  };
}

/** Provider latency (p50/p95 of ready suggestions, ms) and error rate (failed / requests that ended). */
export function providerHealth(events: readonly DeskEvent[], f: MetricsFilter = {}) {
  const ready = select(events, 'suggestion.ready', f);
  const failed = select(events, 'suggestion.failed', f);
  const latencies = ready.map((e) => num(e, 'latencyMs'));
  const byCode: Record<string, number> = {};
  for (const e of failed) {
    const code = String(e.data?.code ?? 'internal');
    byCode[code] = (byCode[code] ?? 0) + 1;
  }
  return {
    latency: { count: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
    errors: rate(failed.length, ready.length + failed.length),
    byCode,
  };
}

/**
 * Time saved against the agent's own manual baseline: the median shadow cycle (filled by hand) minus
 * the median assist cycle, times the assist cycles. Undefined until both modes have cycles.
 */
export function timeSaved(events: readonly DeskEvent[], f: MetricsFilter = {}) {
  const t = cycleTime(events, f);
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
  return {
    cycleTime: cycleTime(events, f),
    touchpoints: touchpoints(events, f),
    acceptance: rate(agreed, accepted.length),
    correction: rate(accepted.length - agreed, accepted.length),
    fields: fieldAccuracy(corrections, f),
    ...groundingAndMissing(events, f),
    ...escalation(events, f),
    provider: providerHealth(events, f),
    timeSaved: timeSaved(events, f),
  };
}
export type Metrics = ReturnType<typeof computeMetrics>;
