import type { Correction, Decision, DeskEvent } from '../db/db';
import { correctionKey, hash64 } from '../db/records';

/**
 * Stable event ids for exports (issue #17): the same record gets the same id in every export, from
 * every browser, so a team report merging many agents' files counts it once. Local ids (Dexie's
 * auto-increment) repeat across browsers, so the id is a hash of what the record is, prefixed by its
 * kind: a correction's own de-duplication key, a decision's or event's content. Hashes, never content.
 */

export function correctionEventId(c: Correction): string {
  return `c-${c.dedupKey ?? correctionKey(c)}`;
}

export function decisionEventId(d: Decision): string {
  return `d-${hash64(
    JSON.stringify([
      d.site,
      d.ticketHash,
      d.time,
      d.action,
      d.templateId ?? null,
      d.rulesFired.map((r) => r.id),
      d.signals.map((s) => s.category),
    ]),
  )}`;
}

/** Data keys sorted, so the id does not depend on the order a writer put them in. */
function sortedData(data: DeskEvent['data']): [string, unknown][] {
  return Object.entries(data ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function deskEventId(e: DeskEvent): string {
  return `e-${hash64(
    JSON.stringify([
      e.type,
      e.time,
      e.site,
      e.ticketHash,
      e.templateId ?? null,
      e.field ?? null,
      sortedData(e.data),
    ]),
  )}`;
}
