import { db } from '../db/db';
import { ticketHash } from '../db/ticket-hash';
import type { backgroundMessages } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import { getEffectiveSettings } from '../settings/effective';
import { getTemplate } from '../templates/registry';
import { recordCorrections } from './record';
import { redactForMemory } from './redaction';
import { forgetTicket, pruneOlderThan, total } from './retention';
import { afterRecordsChanged, correctionRetrieval, localLearner } from './service';

/** Retention runs at most this often as a side effect of recording. */
const PRUNE_EVERY_MS = 6 * 3_600_000;
let lastPrune = 0;

async function pruneIfDue(retentionDays: number): Promise<void> {
  if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
  lastPrune = Date.now();
  const deleted = await pruneOlderThan(db(), retentionDays);
  if (total(deleted) > 0) await afterRecordsChanged();
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
    const { rows, response } = await recordCorrections(
      { ...request, enumFields },
      { database: db(), redact: (text) => redactForMemory(text, settings) },
    );
    if (settings.learning.enabled) {
      const learner = localLearner();
      for (const row of rows) {
        if (row.fieldKind === 'enum' && typeof row.keptValue === 'string' && row.keptValue) {
          await learner.learn(row.templateId, row.field, row.contextSnippet, row.keptValue, !row.agreed);
        }
      }
      await learner.flush();
    }
    await correctionRetrieval().add(rows);
    await pruneIfDue(settings.retentionDays);
    return response;
  },
  'memory.forgetTicket': async (request) => {
    const hash = request.ticketHash ?? (await ticketHash(request.site ?? '', request.ticketKey ?? ''));
    const deleted = await forgetTicket(db(), hash);
    await afterRecordsChanged();
    return deleted;
  },
  'memory.prune': async () => {
    const settings = await getEffectiveSettings();
    lastPrune = Date.now();
    const deleted = await pruneOlderThan(db(), settings.retentionDays);
    await afterRecordsChanged();
    return deleted;
  },
  'memory.reindex': async () => ({ learned: await afterRecordsChanged() }),
};
