import type { z } from 'zod';
import { type DeskEvent, type DeskmateDb, db } from '../db/db';
import type { Suggestion } from '../templates/suggestion';
import { type EventMode, MetricEvent, type StatusCounts } from './event-schema';

export * from './event-schema';

/**
 * Recording metrics events (issue #9). Vocabulary: ./event-schema.ts.
 *
 * Recording path: the panel sends `events.record` to the background, which calls `recordEvent`.
 * The docked panel is an iframe inside a third-party desk page, where browsers may partition storage;
 * writing from the background keeps every event in the one unpartitioned extension-origin database
 * that the options page (dashboard) reads. Background code calls `recordEvent` directly.
 */

/**
 * Validate an event and store it as a DeskEvent row. Throws ZodError (→ `invalid_request` through
 * messaging) when it does not fit the vocabulary; nothing is stored then.
 */
export async function recordEvent(
  event: MetricEvent,
  options: { now?: number; database?: DeskmateDb } = {},
): Promise<DeskEvent> {
  const row = toDeskEvent(MetricEvent.parse(event), options.now ?? Date.now());
  const id = await (options.database ?? db()).events.add(row);
  return { ...row, id };
}

/** The stored shape of a validated event (exported for seeding tests and imports). */
export function toDeskEvent(event: z.output<typeof MetricEvent>, time: number): DeskEvent {
  const row: DeskEvent = { type: event.type, time, site: event.site, ticketHash: event.ticketHash ?? '' };
  if ('templateId' in event && event.templateId !== undefined) row.templateId = event.templateId;
  if ('field' in event) row.field = event.field;
  if ('data' in event && event.data) row.data = { ...event.data };
  return row;
}

/** Count a suggestion's fields by status: what `suggestion.ready` records for the grounding rate. */
export function statusCounts(suggestion: Pick<Suggestion, 'fields'>): StatusCounts {
  const counts: StatusCounts = { filled: 0, missing: 0, conflict: 0, stale: 0, unsupported: 0 };
  for (const field of Object.values(suggestion.fields)) counts[field.status] += 1;
  return counts;
}

/**
 * The `suggestion.ready` event for a suggestion, built from ids and counts only.
 * `ticketHash` comes from ticketHash(site, ticketKey): the suggestion's own ticketKey is never stored.
 */
export function suggestionReadyEvent(
  suggestion: Pick<Suggestion, 'fields' | 'templateId' | 'site' | 'provider'>,
  ticketHash: string,
  latencyMs: number,
  mode: EventMode,
  flags = 0,
): MetricEvent {
  return {
    type: 'suggestion.ready',
    site: suggestion.site,
    ticketHash,
    templateId: suggestion.templateId,
    data: {
      mode,
      latencyMs: Math.round(latencyMs),
      provider: suggestion.provider.kind,
      // A model name with unusual characters is normalised rather than losing the whole event.
      model: suggestion.provider.model.replace(/[^A-Za-z0-9_.:/@+-]/g, '_').slice(0, 100) || 'unknown',
      flags,
      ...statusCounts(suggestion),
    },
  };
}
