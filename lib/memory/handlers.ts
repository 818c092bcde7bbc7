import { db } from '../db/db';
import { ticketHash } from '../db/ticket-hash';
import { DeskmateError } from '../messaging/envelope';
import type { backgroundMessages } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import { getSettingsView } from '../policy/service';
import { getEffectiveSettings } from '../settings/effective';
import { getTemplate } from '../templates/registry';
import { recordCorrections } from './record';
import { redactForMemory } from './redaction';
import { type DeletedCounts, forgetTicket, pruneOlderThan, total } from './retention';
import { afterRecordsChanged, learnFromRecorded } from './service';

/** Retention runs at most this often as a side effect of recording. */
const PRUNE_EVERY_MS = 6 * 3_600_000;
let lastPrune = 0;

/**
 * Delete what is older than the effective `retentionDays`. Not while the managed policy is still being
 * read: the user's own (shorter) value could delete what a locked, longer policy period keeps.
 * Answers undefined when it did not run.
 */
export async function applyRetention(): Promise<DeletedCounts | undefined> {
  const view = await getSettingsView();
  if (view.policy.pending) return undefined;
  lastPrune = Date.now();
  const deleted = await pruneOlderThan(db(), view.settings.retentionDays);
  if (total(deleted) > 0) await afterRecordsChanged();
  return deleted;
}

async function pruneIfDue(): Promise<void> {
  if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
  await applyRetention();
}

/**
 * Background start (once the managed policy is read): retention now, then every few hours while the
 * worker lives (a service worker restarts often, and every start prunes again).
 */
export function startRetention(): void {
  void applyRetention().catch(() => undefined);
  setInterval(() => void applyRetention().catch(() => undefined), PRUNE_EVERY_MS);
}

/** The learning loop's messages: record, forget, retention, re-index after an import. */
export const memoryHandlers: Partial<Handlers<typeof backgroundMessages>> = {
  'corrections.record': async (request) => {
    const settings = await getEffectiveSettings();
    const template = getTemplate(settings, request.suggestion.templateId);
    const enumFields = request.enumFields.length
      ? request.enumFields
      : Object.entries(template?.fields ?? {})
          .filter(([, meta]) => meta.kind === 'enum')
          .map(([name]) => name);
    // Learning off (user or policy) stops learning, not measuring: the rows are kept for the metrics
    // (acceptance, shadow -> assist promotion) without ticket text, and nothing learns from them.
    const learning = settings.learning.enabled;
    const { rows, response } = await recordCorrections(
      { ...request, enumFields },
      { database: db(), redact: (text) => redactForMemory(text, settings), learnable: learning },
    );
    if (!learning) {
      await pruneIfDue();
      return response;
    }
    await learnFromRecorded(rows);
    await pruneIfDue();
    return response;
  },
  'memory.forgetTicket': async (request) => {
    const hash = request.ticketHash ?? (await ticketHash(request.site ?? '', request.ticketKey ?? ''));
    const deleted = await forgetTicket(db(), hash);
    await afterRecordsChanged();
    return deleted;
  },
  'memory.prune': async () => {
    const deleted = await applyRetention();
    if (!deleted) {
      throw new DeskmateError(
        'policy',
        'The managed policy is still being read; retention runs once it is known. Try again in a few seconds.',
      );
    }
    return deleted;
  },
  'memory.reindex': async () => ({ learned: await afterRecordsChanged() }),
};
