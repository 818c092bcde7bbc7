import type { backgroundMessages } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import { saveSettings } from '../policy/service';
import { currentPolicyLayer, getEffectiveSettings } from '../settings/effective';
import { recordEvent } from './events';
import { loadTemplateStats, resolveTemplateMode } from './modes';
import { maybePromote, type PromotionDeps, setModeByLead } from './promotion';

/** The background's wiring of promotion: effective settings, policy locks, settings.save, Dexie. */
export const backgroundPromotionDeps: PromotionDeps = {
  settings: () => getEffectiveSettings(),
  locked: () => currentPolicyLayer().locked,
  stats: (templateId) => loadTemplateStats(templateId),
  async saveMode(templateId, mode) {
    await saveSettings({ templates: { modes: { [templateId]: mode } } });
  },
  record: (event) => recordEvent(event),
};

/** events.record, metrics.mode, metrics.setMode (lib/messaging/protocol.ts). */
export const metricsHandlers: Partial<Handlers<typeof backgroundMessages>> = {
  async 'events.record'(event) {
    const row = await recordEvent(event);
    // A shadow comparison is the only new evidence for promotion; the panel records it after
    // corrections.record so the comparison is already in the corrections table.
    if (event.type === 'shadow.recorded') {
      const outcome = await maybePromote(event.templateId, event, backgroundPromotionDeps);
      return { id: row.id ?? 0, promoted: outcome.promoted };
    }
    return { id: row.id ?? 0, promoted: false };
  },
  async 'metrics.mode'({ templateId }) {
    return resolveTemplateMode(templateId, await getEffectiveSettings(), await loadTemplateStats(templateId));
  },
  async 'metrics.setMode'({ templateId, mode }) {
    return { mode: await setModeByLead(templateId, mode, backgroundPromotionDeps) };
  },
};
