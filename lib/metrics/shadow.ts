import { ticketHash } from '../db/ticket-hash';
import type { FieldValue, Suggestion } from '../templates/suggestion';
import type { EventMode, MetricEvent } from './event-schema';

/**
 * What the panel records when the agent applies a template (issue #9), in both modes.
 *
 * Shadow: the suggestion is computed and kept in the panel's session but never shown; the agent fills
 * the template by hand. On apply the panel (1) sends `corrections.record` with the hidden suggestion and
 * the agent's values (one agreed/corrected row per field: the measurement promotion reads), then
 * (2) sends every event of `applyEvents(...)` through `events.record`, in order. The last one,
 * `shadow.recorded`, is what lets the background promote the template once readiness passes, so it
 * must come after the corrections are stored.
 */

/** The ticket as metrics name it: the site and a hash of its key, never the key itself. */
export interface TicketRef {
  site: string;
  ticketHash: string;
}

export async function ticketRef(context: { site: string; ticketKey: string }): Promise<TicketRef> {
  return { site: context.site, ticketHash: await ticketHash(context.site, context.ticketKey) };
}

function normalise(value: FieldValue): string | null {
  if (value === null) return null;
  if (Array.isArray(value)) {
    return JSON.stringify(value.map((v) => v.trim().replace(/\s+/g, ' ').toLowerCase()).sort());
  }
  const text = String(value).trim().replace(/\s+/g, ' ').toLowerCase();
  return text === '' ? null : text;
}

/**
 * Does the agent's value agree with the AI's? Case, surrounding and repeated spaces and list order do
 * not count as disagreement (an agent typing "Billing" by hand agrees with "billing"); an empty string
 * equals no value. Used when the corrections rows are not at hand.
 */
export function sameFieldValue(ai: FieldValue, kept: FieldValue): boolean {
  return normalise(ai) === normalise(kept);
}

/** Per-field agreement of a suggestion with the values the agent kept (fields the agent left empty and the AI had nothing for are not compared). */
export function compareFields(
  suggestion: Pick<Suggestion, 'fields'> | undefined,
  values: Record<string, FieldValue>,
): { field: string; agreed: boolean }[] {
  if (!suggestion) return [];
  const names = new Set([...Object.keys(suggestion.fields), ...Object.keys(values)]);
  const rows: { field: string; agreed: boolean }[] = [];
  for (const field of [...names].sort()) {
    const ai = suggestion.fields[field]?.value ?? null;
    const kept = values[field] ?? null;
    if (normalise(ai) === null && normalise(kept) === null) continue;
    rows.push({ field, agreed: sameFieldValue(ai, kept) });
  }
  return rows;
}

export interface ApplyFacts {
  ref: TicketRef;
  templateId: string;
  mode: EventMode;
  /** The suggestion (hidden in shadow), when there was one. */
  suggestion?: Pick<Suggestion, 'fields'>;
  /** What the agent applied. */
  values: Record<string, FieldValue>;
  /** Fields pre-accepted as auto (assist only). */
  autoFields?: readonly string[];
  /** Agreement rows as corrections.record stored them; computed with sameFieldValue when absent. */
  agreement?: readonly { field: string; agreed: boolean }[];
}

/**
 * The events of one apply, in the order to record them: in assist, `field.accepted` for every field
 * kept unchanged, then `applied`; in shadow, `applied` then `shadow.recorded` (nothing was shown, so
 * nothing was "accepted").
 */
export function applyEvents(facts: ApplyFacts): MetricEvent[] {
  const { ref, templateId, mode, values } = facts;
  const agreement = facts.agreement ?? compareFields(facts.suggestion, values);
  const events: MetricEvent[] = [];
  if (mode === 'assist') {
    for (const row of agreement) {
      if (!row.agreed) continue;
      events.push({
        type: 'field.accepted',
        ...ref,
        templateId,
        field: row.field,
        data: { auto: facts.autoFields?.includes(row.field) ?? false },
      });
    }
  }
  const filled = Object.values(values).filter((v) => normalise(v) !== null).length;
  events.push({ type: 'applied', ...ref, templateId, data: { mode, fields: filled } });
  if (mode === 'shadow' && agreement.length > 0) {
    const agreed = agreement.filter((r) => r.agreed).length;
    events.push({
      type: 'shadow.recorded',
      ...ref,
      templateId,
      data: { fields: agreement.length, agreed, corrected: agreement.length - agreed },
    });
  }
  return events;
}
