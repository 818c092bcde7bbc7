import { z } from 'zod';
import type { Correction, DeskmateDb } from '../db/db';
import { correctionKey } from '../db/records';
import { ticketHash } from '../db/ticket-hash';
import { FieldValue, Suggestion } from '../templates/suggestion';

/** Characters of (redacted) ticket text kept with each correction: enough to retrieve and learn from. */
export const SNIPPET_CHARS = 1200;

/** What the panel sends when the agent applies or accepts a template (message `corrections.record`). */
export const RecordRequest = z.object({
  suggestion: Suggestion,
  /** The value the agent kept, per field; fields not listed were not part of this apply. */
  kept: z.record(z.string(), FieldValue),
  /** The ticket's text (`ticketText(context)`); redacted before anything is stored. */
  text: z.string().max(500_000),
  /** Fields that are enums in the template: the local learner learns these. */
  enumFields: z.array(z.string()).default([]),
  /** Why the agent changed a field, when they said. */
  reasons: z.record(z.string(), z.string().max(2000)).default({}),
});
export type RecordRequest = z.input<typeof RecordRequest>;

export const RecordResponse = z.object({
  corrections: z.number().int(),
  agreements: z.number().int(),
  ticketHash: z.string(),
});
export type RecordResponse = z.infer<typeof RecordResponse>;

/** Values compare as data: list order counts, surrounding spaces of strings do not. */
export function sameValue(a: FieldValue, b: FieldValue): boolean {
  const norm = (v: FieldValue) => (typeof v === 'string' ? v.trim() : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

export interface RecordDeps {
  database: DeskmateDb;
  /** Redaction with the settings in force (lib/redact): nothing stored unredacted. */
  redact: (text: string) => string;
  now?: () => number;
  /**
   * `false` with learning off: the rows keep what the metrics need (values, agreement, confidence,
   * source, site, ticket hash, time) but no ticket text (no snippet, evidence or reason), and are
   * marked `learnable: false` so no learner or retrieval index ever reads them.
   */
  learnable?: boolean;
}

/**
 * Turn one apply/accept into records: one Correction per kept field, `agreed` when the agent kept the
 * AI's value (agreements are what acceptance rates and the learner's confirmations are made of).
 * Returns the stored rows (with ids) so the caller can feed the learner and the retrieval index.
 */
export async function recordCorrections(
  input: z.output<typeof RecordRequest>,
  deps: RecordDeps,
): Promise<{ rows: Correction[]; response: RecordResponse }> {
  const { suggestion } = input;
  const time = (deps.now ?? Date.now)();
  const hash = await ticketHash(suggestion.site, suggestion.ticketKey);
  const learnable = deps.learnable ?? true;
  const snippet = learnable
    ? deps.redact(input.text.slice(0, SNIPPET_CHARS * 3)).slice(0, SNIPPET_CHARS)
    : '';
  const enumFields = new Set(input.enumFields);
  const rows: Correction[] = [];
  for (const [field, keptValue] of Object.entries(input.kept)) {
    const state = suggestion.fields[field];
    if (!state) continue;
    const aiValue = state.value;
    const base = {
      templateId: suggestion.templateId,
      templateVersion: suggestion.templateVersion,
      field,
      aiValue,
      keptValue,
      agreed: sameValue(aiValue, keptValue),
      aiConfidence: state.confidence,
      aiSource: state.source,
      evidence: learnable ? state.evidence.map((e) => deps.redact(e.quote)) : [],
      contextSnippet: snippet,
      site: suggestion.site,
      ticketHash: hash,
      time,
      ...(learnable && input.reasons[field] ? { reason: deps.redact(input.reasons[field]) } : {}),
      ...(enumFields.has(field) ? { fieldKind: 'enum' } : {}),
      ...(learnable ? {} : { learnable: false }),
    };
    rows.push({ ...base, dedupKey: correctionKey(base) });
  }
  if (rows.length) {
    const ids = await deps.database.corrections.bulkAdd(rows, { allKeys: true });
    rows.forEach((row, i) => {
      row.id = ids[i] as number;
    });
  }
  const agreements = rows.filter((r) => r.agreed).length;
  return { rows, response: { corrections: rows.length - agreements, agreements, ticketHash: hash } };
}
