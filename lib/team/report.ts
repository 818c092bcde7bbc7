import type { Correction } from '../db/db';
import { correctionJson } from '../export/stream';
import { computeMetrics, distinctTickets, type Metrics, type MetricsFilter } from '../metrics/compute';
import { type CsvCell, toCsv } from '../metrics/csv';
import { buildDashboard, type DashboardData } from '../metrics/dashboard-data';
import {
  distinctNames,
  type EventColumns,
  type EventLog,
  type EventView,
  groupRows,
  rowsByName,
} from '../metrics/event-columns';
import { describeBlocker, templateReadiness, templateStats } from '../metrics/modes';
import type { Settings } from '../settings/schema';
import type { TeamLog } from './merge';
import type { TeamCorrection, TeamDecision } from './parse';

/**
 * The team report (issue #17) from a merged team log: the dashboard's metrics (lib/metrics/compute.ts)
 * for the team and per agent, template and desk; which fields agents correct most and to what; the
 * readiness of each template field for "auto" over the whole team (lib/metrics/modes.ts). Pure.
 */

/** The metrics of one slice of the team: an agent, a template, a desk, or everyone. */
export interface ScopeRow {
  scope: 'team' | 'agent' | 'template' | 'desk';
  id: string;
  /** Distinct tickets with any record. */
  tickets: number;
  metrics: Metrics;
  /** From the decision log: escalations the agent followed and flags they overrode (dismissed). */
  decisions: { escalated: number; dismissed: number };
}

/** One suggested value and what agents applied instead. */
export interface ConfusionPair {
  suggested: string;
  applied: string;
  count: number;
}

/** A template field: how often agents changed the suggestion, and to what. */
export interface ConfusionRow {
  templateId: string;
  field: string;
  compared: number;
  corrected: number;
  /** corrected / compared. */
  rate: number;
  /** Most frequent first. */
  pairs: ConfusionPair[];
}

/** A template field's readiness for auto, measured over the whole team. */
export interface TeamFieldReadiness {
  templateId: string;
  field: string;
  tickets: number;
  agreed: number;
  accuracy: number;
  auto: boolean;
  /** Why not yet (too few tickets, accuracy below the threshold). */
  why: string;
}

export interface TeamReport {
  generatedAt: number;
  files: number;
  agents: string[];
  counts: { events: number; corrections: number; decisions: number };
  /** The dashboard's data for the whole team (summary and charts reuse components/dashboard). */
  dashboard: DashboardData;
  team: ScopeRow;
  perAgent: ScopeRow[];
  perTemplate: ScopeRow[];
  perDesk: ScopeRow[];
  confusion: ConfusionRow[];
  readiness: TeamFieldReadiness[];
  threshold: number;
  minTickets: number;
}

/** Pairs kept per field: the long tail of one-off corrections says little. */
const MAX_PAIRS = 8;

const show = (v: unknown) =>
  v === null || v === undefined ? '(empty)' : typeof v === 'string' ? v : JSON.stringify(v);

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

function decisionCounts(decisions: readonly TeamDecision[]) {
  let escalated = 0;
  let dismissed = 0;
  for (const d of decisions) {
    if (d.action === 'escalated') escalated++;
    else dismissed++;
  }
  return { escalated, dismissed };
}

/** Which fields are corrected most, and from which suggested value to which applied one. */
export function confusion(corrections: readonly Correction[]): ConfusionRow[] {
  const groups = new Map<string, { row: ConfusionRow; pairs: Map<string, ConfusionPair> }>();
  for (const c of corrections) {
    if (c.imported) continue; // a colleague's measurement, already in their own export
    const key = `${c.templateId}\u0000${c.field}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        row: { templateId: c.templateId, field: c.field, compared: 0, corrected: 0, rate: 0, pairs: [] },
        pairs: new Map(),
      };
      groups.set(key, g);
    }
    g.row.compared++;
    if (c.agreed) continue;
    g.row.corrected++;
    const suggested = show(c.aiValue);
    const applied = show(c.keptValue);
    const pk = `${suggested}\u0000${applied}`;
    const pair = g.pairs.get(pk) ?? { suggested, applied, count: 0 };
    pair.count++;
    g.pairs.set(pk, pair);
  }
  return [...groups.values()]
    .map(({ row, pairs }) => ({
      ...row,
      rate: row.compared ? row.corrected / row.compared : 0,
      pairs: [...pairs.values()]
        .sort((a, b) => b.count - a.count || a.suggested.localeCompare(b.suggested))
        .slice(0, MAX_PAIRS),
    }))
    .sort(
      (a, b) =>
        b.corrected - a.corrected ||
        a.templateId.localeCompare(b.templateId) ||
        a.field.localeCompare(b.field),
    );
}

/** Each template field's readiness for auto over every agent's comparisons. */
export function teamReadiness(
  corrections: readonly Correction[],
  templates: Pick<Settings['templates'], 'modes' | 'auto'>,
): TeamFieldReadiness[] {
  const settings = {
    templates: { ...templates, owners: {}, disabledBuiltins: [], custom: [], bindings: [] },
  };
  const ids = [...new Set(corrections.map((c) => c.templateId))].sort();
  return ids.flatMap((templateId) => {
    const readiness = templateReadiness(templateId, settings, templateStats(corrections, templateId));
    return readiness.fields.map((f) => {
      const blockers = readiness.blockers.filter((b) => b.kind === 'accuracy' && b.field === f.field);
      const why = f.auto
        ? ''
        : f.tickets < readiness.minTickets
          ? `Too few tickets: ${f.tickets} of ${readiness.minTickets}.`
          : blockers.map(describeBlocker).join(' ');
      return {
        templateId,
        field: f.field,
        tickets: f.tickets,
        agreed: f.agreed,
        accuracy: f.accuracy,
        auto: f.auto,
        why,
      };
    });
  });
}

function scopeRow(
  scope: ScopeRow['scope'],
  id: string,
  events: EventLog,
  corrections: readonly Correction[],
  decisions: readonly TeamDecision[],
  filter: MetricsFilter = {},
): ScopeRow {
  return {
    scope,
    id,
    tickets: distinctTickets(events, corrections),
    metrics: computeMetrics(events, corrections, filter),
    decisions: decisionCounts(decisions),
  };
}

const NO_ROWS = new Int32Array(0);

/**
 * Each template's events and ticket count for its rows: every event of the tickets it was used on
 * (in an event or a correction), so a ticket's first view, which has no template, still starts the
 * cycle. The same figures as the dashboard's template filter over everything, without a pass over
 * the whole team's log per template. A ticket nearly always has one template (kept in a typed
 * array); several are kept as a list.
 */
function templateTickets(columns: EventColumns, corrections: readonly Correction[]) {
  // Names the events do not have (a correction's ticket or template alone) get indices past the table's.
  const extra = new Map<string, number>();
  const nameOf = (s: string) => {
    const known = columns.lookup(s);
    if (known >= 0) return known;
    let i = extra.get(s);
    if (i === undefined) {
      i = columns.names.length + extra.size;
      extra.set(s, i);
    }
    return i;
  };
  const fromCorrections = corrections.map((c) => [nameOf(c.templateId), nameOf(c.ticketHash)] as const);
  const size = columns.names.length + extra.size;
  const only = new Int32Array(size); // ticket -> its template; 0: none yet; -1: several
  const several = new Map<number, number[]>();
  const tickets = new Uint32Array(size); // template -> tickets
  const note = (template: number, ticket: number) => {
    if (template === 0) return;
    const known = only[ticket] as number;
    if (known === template) return;
    if (known === 0) only[ticket] = template;
    else if (known > 0) {
      several.set(ticket, [known, template]);
      only[ticket] = -1;
    } else {
      const list = several.get(ticket) as number[];
      if (list.includes(template)) return;
      list.push(template);
    }
    tickets[template] = (tickets[template] as number) + 1;
  };
  const { ticket, template } = columns;
  for (let i = 0; i < columns.length; i++) note(template[i] as number, ticket[i] as number);
  for (const [t, k] of fromCorrections) note(t, k);
  // Each event to its ticket's templates.
  const nameAt = [...columns.names, ...extra.keys()];
  const eventsOf = rowsByName(columns.length, nameAt, (i, add) => {
    const known = only[ticket[i] as number] as number;
    if (known > 0) add(known);
    else if (known < 0) for (const t of several.get(ticket[i] as number) as number[]) add(t);
  });
  const ticketsOf = new Map<string, number>();
  tickets.forEach((n, t) => {
    if (n) ticketsOf.set(nameAt[t] as string, n);
  });
  return { eventsOf, ticketsOf };
}

/**
 * The whole report. Team, agent and desk rows partition the records; template rows use the
 * dashboard's template filter over the team's records, so a ticket's first view (which carries no
 * template) still starts its cycle.
 */
export function buildTeamReport(
  team: TeamLog,
  templates: Pick<Settings['templates'], 'modes' | 'owners' | 'auto'>,
  now = Date.now(),
): TeamReport {
  // Snapshots: the log's arrays and columns grow as files are added, and metrics cache per log.
  const columns = team.events.snapshot();
  const events: EventView = { columns };
  const corrections = team.corrections.slice();
  const decisions = team.decisions.slice();
  const byAgentEvents = groupRows(columns, 'agent');
  const byAgentCorrections = groupBy(corrections, (c) => c.agentId);
  const byAgentDecisions = groupBy(decisions, (d) => d.agentId);
  const agents = [
    ...new Set([...byAgentEvents.keys(), ...byAgentCorrections.keys(), ...byAgentDecisions.keys()]),
  ].sort();
  const some = (rows: Int32Array | undefined): EventView => ({ columns, rows: rows ?? NO_ROWS });
  const perAgent = agents.map((a) =>
    scopeRow(
      'agent',
      a,
      some(byAgentEvents.get(a)),
      byAgentCorrections.get(a) ?? [],
      byAgentDecisions.get(a) ?? [],
    ),
  );
  const bySiteEvents = groupRows(columns, 'site');
  const bySiteCorrections = groupBy(corrections, (c) => c.site);
  const bySiteDecisions = groupBy(decisions, (d) => d.site);
  const sites = [...new Set([...bySiteEvents.keys(), ...bySiteCorrections.keys()])].sort();
  const perDesk = sites.map((s) =>
    scopeRow(
      'desk',
      s,
      some(bySiteEvents.get(s)),
      bySiteCorrections.get(s) ?? [],
      bySiteDecisions.get(s) ?? [],
    ),
  );
  const templateIds = [
    ...new Set([...corrections.map((c) => c.templateId), ...distinctNames(events, 'template')]),
  ].sort();
  const decisionsByTemplate = groupBy(decisions, (d) => d.templateId ?? '');
  const correctionsOf = groupBy(corrections, (c) => c.templateId);
  const { eventsOf, ticketsOf } = templateTickets(columns, corrections);
  const perTemplate = templateIds.map((t) => {
    const row = scopeRow(
      'template',
      t,
      some(eventsOf.get(t)),
      correctionsOf.get(t) ?? [],
      decisionsByTemplate.get(t) ?? [],
      { templateId: t },
    );
    row.tickets = ticketsOf.get(t) ?? 0;
    return row;
  });
  const dashboard = buildDashboard(events, corrections, templates, [], { days: 0 }, now);
  return {
    generatedAt: now,
    files: team.files.length,
    agents,
    counts: { events: columns.length, corrections: corrections.length, decisions: decisions.length },
    dashboard,
    team: {
      scope: 'team',
      id: 'team',
      tickets: distinctTickets(events, corrections),
      metrics: dashboard.metrics,
      decisions: decisionCounts(decisions),
    },
    perAgent,
    perTemplate,
    perDesk,
    confusion: confusion(corrections),
    readiness: teamReadiness(corrections, templates),
    threshold: templates.auto.threshold,
    minTickets: templates.auto.minTickets,
  };
}

export const REPORT_COLUMNS = [
  'scope',
  'id',
  'tickets',
  'applied templates',
  'cycle time p50 (ms)',
  'cycle time p95 (ms)',
  'touchpoints per applied',
  'acceptance rate',
  'fields kept',
  'fields compared',
  'correction rate',
  'grounding rate',
  'missing-input rate',
  'escalation rate',
  'tickets escalated',
  'override rate',
  'flags dismissed',
  'flags acted on',
  'decisions escalated',
  'decisions dismissed',
  'provider latency p50 (ms)',
  'provider error rate',
] as const;

/** A scope's row of the merged report CSV. */
export function reportRow(r: ScopeRow): CsvCell[] {
  const m = r.metrics;
  return [
    r.scope,
    r.id,
    r.tickets,
    m.cycleTime.all.count,
    m.cycleTime.all.p50,
    m.cycleTime.all.p95,
    Math.round(m.touchpoints.perApplied * 100) / 100,
    m.acceptance.rate,
    m.acceptance.count,
    m.acceptance.total,
    m.correction.rate,
    m.grounding.rate,
    m.missingInput.rate,
    m.escalation.rate,
    m.escalation.count,
    m.override.rate,
    m.override.count,
    m.override.total,
    r.decisions.escalated,
    r.decisions.dismissed,
    m.provider.latency.p50,
    m.provider.errors.rate,
  ];
}

/** The merged report as one CSV: the team, then each agent, template and desk. */
export function reportCsv(report: TeamReport): string {
  const rows = [report.team, ...report.perAgent, ...report.perTemplate, ...report.perDesk].map(reportRow);
  return toCsv(REPORT_COLUMNS, rows);
}

export const CONFUSION_COLUMNS = [
  'template',
  'field',
  'compared',
  'corrected',
  'correction rate',
  'suggested',
  'applied',
  'times',
] as const;

/** The confusion table's CSV rows: one per (field, suggested, applied); a field never corrected once. */
export function confusionRows(rows: readonly ConfusionRow[]): CsvCell[][] {
  return rows.flatMap((r) =>
    r.pairs.length
      ? r.pairs.map((p) => [
          r.templateId,
          r.field,
          r.compared,
          r.corrected,
          r.rate,
          p.suggested,
          p.applied,
          p.count,
        ])
      : [[r.templateId, r.field, r.compared, r.corrected, r.rate, '', '', 0]],
  );
}

export const READINESS_COLUMNS = [
  'template',
  'field',
  'tickets',
  'kept',
  'accuracy',
  'ready for auto',
  'why not',
] as const;

export function readinessRow(r: TeamFieldReadiness): CsvCell[] {
  return [r.templateId, r.field, r.tickets, r.agreed, r.accuracy, r.auto, r.why];
}

/**
 * A team pack of the team's corrections (JSONL, lib/export/team-pack.ts imports it): every agent's
 * own corrections, oldest first; rows imported from someone else's pack are left out (their author's
 * export has them). Rows whose ticket text was dropped are marked not learnable.
 */
export function teamPackJsonl(corrections: readonly TeamCorrection[]): string {
  return corrections
    .filter((c) => !c.imported)
    .slice()
    .sort((a, b) => a.time - b.time)
    .map(({ eventId: _e, agentId, ...c }) => `${correctionJson(c, agentId)}\n`)
    .join('');
}
