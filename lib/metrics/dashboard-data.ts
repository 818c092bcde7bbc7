import type { Correction, DeskmateDb } from '../db/db';
import { db } from '../db/db';
import { isLocked } from '../policy/view';
import type { Settings } from '../settings/schema';
import { computeMetrics, cycles, type FieldAccuracy, type Metrics, type MetricsFilter } from './compute';
import { distinctNames, type EventLog, eventCount } from './event-columns';
import { type TemplateReadiness, templateReadiness, templateStats } from './modes';
import { modePath } from './promotion';
import type { TemplateOwner } from './report-problem';
import { dailyTrend, type HistogramBin, histogram, type TrendPoint } from './series';

/** The dashboard's choices: a period in days back from now (0: everything), a template, a site. */
export interface DashboardFilter {
  days: number;
  templateId?: string;
  site?: string;
}

export interface ReadinessRow extends TemplateReadiness {
  owner?: TemplateOwner;
  /** The policy locks this template's mode: no promote button. */
  locked: boolean;
}

/** Everything the dashboard shows, computed once per load (components only render it). */
export interface DashboardData {
  filter: DashboardFilter;
  generatedAt: number;
  /** Template and site ids seen in the records or settings, for the filters. */
  templates: string[];
  sites: string[];
  events: number;
  metrics: Metrics;
  trend: TrendPoint[];
  histogram: HistogramBin[];
  fields: FieldAccuracy[];
  readiness: ReadinessRow[];
  /** templates.auto.promote: a ready shadow template moves to assist by itself. */
  autoPromote: boolean;
}

const DAY = 86_400_000;

export function toMetricsFilter(filter: DashboardFilter, now: number): MetricsFilter {
  return {
    ...(filter.days > 0 ? { from: now - filter.days * DAY } : {}),
    ...(filter.templateId ? { templateId: filter.templateId } : {}),
    ...(filter.site ? { site: filter.site } : {}),
  };
}

/**
 * Pure: the dashboard from records and settings. Readiness is over every comparison ever measured
 * (as promotion sees it), not only the period shown.
 */
export function buildDashboard(
  events: EventLog,
  corrections: readonly Correction[],
  templates: Pick<Settings['templates'], 'modes' | 'owners' | 'auto'>,
  locked: readonly string[],
  filter: DashboardFilter,
  now: number,
): DashboardData {
  const f = toMetricsFilter(filter, now);
  const ids = new Set<string>([...Object.keys(templates.modes), ...Object.keys(templates.owners)]);
  for (const id of distinctNames(events, 'template')) ids.add(id);
  for (const c of corrections) ids.add(c.templateId);
  const sites = new Set<string>(distinctNames(events, 'site'));
  for (const c of corrections) sites.add(c.site);
  const settings = { templates: { ...templates, disabledBuiltins: [], custom: [], bindings: [] } };
  const readiness = [...ids]
    .sort()
    .filter((id) => !filter.templateId || id === filter.templateId)
    .map((id) => ({
      ...templateReadiness(id, settings, templateStats(corrections, id)),
      owner: templates.owners[id],
      locked: isLocked(locked, modePath(id)),
    }));
  const metrics = computeMetrics(events, corrections, f);
  return {
    filter,
    generatedAt: now,
    templates: [...ids].sort(),
    sites: [...sites].filter(Boolean).sort(),
    events: eventCount(events),
    metrics,
    trend: dailyTrend(events, corrections, f),
    histogram: histogram(cycles(events, f).map((c) => c.ms)),
    fields: metrics.fields,
    readiness,
    autoPromote: templates.auto.promote !== false,
  };
}

/** Read the records from Dexie (the options page is the extension origin) and build the dashboard. */
export async function loadDashboard(
  filter: DashboardFilter,
  templates: Pick<Settings['templates'], 'modes' | 'owners' | 'auto'>,
  locked: readonly string[],
  options: { database?: DeskmateDb; now?: number } = {},
): Promise<DashboardData> {
  const database = options.database ?? db();
  const [events, corrections] = await Promise.all([
    database.events.toArray(),
    database.corrections.toArray(),
  ]);
  return buildDashboard(events, corrections, templates, locked, filter, options.now ?? Date.now());
}
