import { DeskmateError } from '../messaging/envelope';
import { isLocked } from '../policy/view';
import type { Settings } from '../settings/schema';
import type { MetricEvent } from './event-schema';
import { type TemplateMode, type TemplateReadiness, type TemplateStats, templateReadiness } from './modes';

/**
 * Moving a template from shadow to assist (issue #9): automatically once its readiness passes, or by
 * the team lead. Managed policy may lock `templates.modes` (or one template's mode): a locked mode is
 * never changed, whatever the measurements say.
 */
export interface PromotionDeps {
  /** Effective settings (policy applied). */
  settings(): Promise<Pick<Settings, 'templates'>>;
  /** Dotted paths the policy locks. */
  locked(): readonly string[];
  stats(templateId: string): Promise<TemplateStats>;
  /** Persist the user's mode for a template (settings.save semantics: refuses locked paths). */
  saveMode(templateId: string, mode: TemplateMode): Promise<void>;
  record(event: MetricEvent): Promise<unknown>;
}

export type PromotionOutcome =
  | { promoted: true; readiness: TemplateReadiness }
  | { promoted: false; reason: 'not-shadow' | 'off' | 'locked' | 'not-ready'; readiness?: TemplateReadiness };

/** The settings path of a template's mode, as policy locks name it. */
export function modePath(templateId: string): string {
  return `templates.modes.${templateId}`;
}

/**
 * Called after a shadow comparison was stored (events.record of `shadow.recorded`): promote the
 * template to assist when it is in shadow, automatic promotion is on (`templates.auto.promote`), its
 * mode is not locked and its readiness passes.
 */
export async function maybePromote(
  templateId: string,
  trigger: { site: string; ticketHash: string },
  deps: PromotionDeps,
): Promise<PromotionOutcome> {
  const settings = await deps.settings();
  if ((settings.templates.modes[templateId] ?? 'assist') !== 'shadow')
    return { promoted: false, reason: 'not-shadow' };
  // Off (settings or policy): readiness is still measured and shown; the team lead decides.
  if (settings.templates.auto.promote === false) return { promoted: false, reason: 'off' };
  if (isLocked(deps.locked(), modePath(templateId))) return { promoted: false, reason: 'locked' };
  const readiness = templateReadiness(templateId, settings, await deps.stats(templateId));
  if (!readiness.ready) return { promoted: false, reason: 'not-ready', readiness };
  await deps.saveMode(templateId, 'assist');
  await deps.record({
    type: 'template.promoted',
    site: trigger.site,
    ticketHash: trigger.ticketHash,
    templateId,
    data: { from: 'shadow', to: 'assist', by: 'auto', tickets: readiness.tickets },
  });
  return { promoted: true, readiness };
}

/**
 * The team lead's decision from the readiness view: set a template's mode, whatever readiness says
 * (the view shows what blocks it). Refused with a `policy` error when the mode is locked.
 */
export async function setModeByLead(
  templateId: string,
  to: TemplateMode,
  deps: PromotionDeps,
): Promise<TemplateMode> {
  if (isLocked(deps.locked(), modePath(templateId))) {
    throw new DeskmateError('policy', `The mode of "${templateId}" is managed by your organization.`);
  }
  const settings = await deps.settings();
  const from = settings.templates.modes[templateId] ?? 'assist';
  if (from === to) return to;
  const stats = await deps.stats(templateId);
  await deps.saveMode(templateId, to);
  await deps.record({
    type: 'template.promoted',
    templateId,
    data: { from, to, by: 'lead', tickets: stats.tickets },
  });
  return to;
}
