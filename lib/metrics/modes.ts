import type { Correction, DeskmateDb } from '../db/db';
import { db } from '../db/db';
import type { Settings } from '../settings/schema';

/**
 * Modes per template (issue #9): shadow (computed and logged, not shown), assist (shown for review)
 * and, per field, auto (pre-accepted, still applied only by the agent). Promotion is by measured
 * accuracy: corrections rows (agreed true/false) are the measurement.
 */
export type TemplateMode = 'shadow' | 'assist';

/** Measured agreement of one field over distinct tickets. */
export interface FieldStats {
  field: string;
  /** Distinct tickets where this field was compared (the latest comparison per ticket counts). */
  tickets: number;
  /** Of those, tickets where the agent kept the AI's value. */
  agreed: number;
  /** agreed / tickets (0 when there are no tickets). */
  accuracy: number;
}

/** Measured agreement of a template, per field. */
export interface TemplateStats {
  templateId: string;
  /** Distinct tickets with at least one comparison. */
  tickets: number;
  fields: Record<string, FieldStats>;
}

export interface ResolvedMode {
  mode: TemplateMode;
  /** Fields shown pre-accepted. Always empty in shadow: nothing is shown there. */
  autoFields: string[];
}

/** Why a template or field cannot be promoted yet. */
export type Blocker =
  | { kind: 'tickets'; have: number; need: number }
  | { kind: 'accuracy'; field: string; accuracy: number; threshold: number; tickets: number }
  | { kind: 'no-data' };

export interface FieldReadiness extends FieldStats {
  /** Passes threshold over minTickets: eligible for auto. */
  auto: boolean;
}

export interface TemplateReadiness {
  templateId: string;
  mode: TemplateMode;
  tickets: number;
  threshold: number;
  minTickets: number;
  fields: FieldReadiness[];
  /** Ready for shadow → assist: enough tickets and every measured field at or above the threshold. */
  ready: boolean;
  blockers: Blocker[];
}

/** Templates run in assist unless the admin or lead put them in shadow. */
export function templateMode(templateId: string, settings: Pick<Settings, 'templates'>): TemplateMode {
  return settings.templates.modes[templateId] ?? 'assist';
}

/**
 * Aggregate corrections into per-field stats for one template. Only this browser's own comparisons
 * count: an imported team pack teaches the learner, but promotion needs evidence measured here.
 * When a ticket was compared twice (applied again), its latest comparison wins.
 */
export function templateStats(corrections: readonly Correction[], templateId: string): TemplateStats {
  const latest = new Map<string, Correction>();
  for (const c of corrections) {
    if (c.templateId !== templateId || c.imported) continue;
    const key = `${c.field}\u0000${c.ticketHash}`;
    const previous = latest.get(key);
    if (!previous || c.time >= previous.time) latest.set(key, c);
  }
  const fields: Record<string, FieldStats> = {};
  const tickets = new Set<string>();
  for (const c of latest.values()) {
    tickets.add(c.ticketHash);
    const f = fields[c.field] ?? { field: c.field, tickets: 0, agreed: 0, accuracy: 0 };
    fields[c.field] = f;
    f.tickets += 1;
    if (c.agreed) f.agreed += 1;
  }
  for (const f of Object.values(fields)) f.accuracy = f.tickets ? f.agreed / f.tickets : 0;
  return { templateId, tickets: tickets.size, fields };
}

/** Read a template's corrections from Dexie (indexed by [templateId+field]) and aggregate them. */
export async function loadTemplateStats(
  templateId: string,
  database: DeskmateDb = db(),
): Promise<TemplateStats> {
  const rows = await database.corrections
    .where('[templateId+field]')
    .between([templateId, ''], [templateId, '\uffff'])
    .toArray();
  return templateStats(rows, templateId);
}

function fieldIsAuto(f: FieldStats, auto: Settings['templates']['auto']): boolean {
  return f.tickets >= auto.minTickets && f.accuracy >= auto.threshold;
}

/**
 * The mode the panel uses for a template, and which fields are pre-accepted. A field is auto once its
 * measured accuracy >= settings.templates.auto.threshold over >= minTickets tickets; the agent still
 * applies it.
 */
export function resolveTemplateMode(
  templateId: string,
  settings: Pick<Settings, 'templates'>,
  stats: TemplateStats | undefined,
): ResolvedMode {
  const mode = templateMode(templateId, settings);
  if (mode === 'shadow' || !stats) return { mode, autoFields: [] };
  const autoFields = Object.values(stats.fields)
    .filter((f) => fieldIsAuto(f, settings.templates.auto))
    .map((f) => f.field)
    .sort();
  return { mode, autoFields };
}

/** What a template's measurements say about promotion, and what blocks it. */
export function templateReadiness(
  templateId: string,
  settings: Pick<Settings, 'templates'>,
  stats: TemplateStats,
): TemplateReadiness {
  const { threshold, minTickets } = settings.templates.auto;
  const fields = Object.values(stats.fields)
    .map((f) => ({ ...f, auto: fieldIsAuto(f, settings.templates.auto) }))
    .sort((a, b) => a.field.localeCompare(b.field));
  const blockers: Blocker[] = [];
  if (fields.length === 0) blockers.push({ kind: 'no-data' });
  if (stats.tickets < minTickets) blockers.push({ kind: 'tickets', have: stats.tickets, need: minTickets });
  for (const f of fields) {
    if (f.accuracy < threshold) {
      blockers.push({
        kind: 'accuracy',
        field: f.field,
        accuracy: f.accuracy,
        threshold,
        tickets: f.tickets,
      });
    }
  }
  return {
    templateId,
    mode: templateMode(templateId, settings),
    tickets: stats.tickets,
    threshold,
    minTickets,
    fields,
    ready: blockers.length === 0,
    blockers,
  };
}

/** A blocker in words, for the readiness view and exports. */
export function describeBlocker(b: Blocker): string {
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  switch (b.kind) {
    case 'no-data':
      return 'No measured tickets yet: run the template in shadow mode and apply it by hand.';
    case 'tickets':
      return `Too few tickets: ${b.have} of ${b.need}.`;
    case 'accuracy':
      return `Field "${b.field}": accuracy ${pct(b.accuracy)} over ${b.tickets} tickets, below ${pct(b.threshold)}.`;
  }
}
