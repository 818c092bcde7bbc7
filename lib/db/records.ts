import { z } from 'zod';
import { FieldValue } from '../templates/suggestion';

/**
 * Zod shapes of the stored records, used where data crosses a trust or version boundary: Dexie
 * upgrades re-validate with them, team-pack import validates every line with them.
 */

/** A correction as stored (see `Correction` in db.ts); defaults repair rows written by older builds. */
export const CorrectionRecord = z.object({
  id: z.number().int().optional(),
  templateId: z.string().min(1),
  templateVersion: z.number().int().min(0).default(1),
  field: z.string().min(1),
  aiValue: FieldValue,
  keptValue: FieldValue,
  agreed: z.boolean(),
  aiConfidence: z.number().min(0).max(1).default(0),
  aiSource: z.string().default('model'),
  evidence: z.array(z.string()).default([]),
  contextSnippet: z.string().default(''),
  site: z.string().min(1),
  ticketHash: z.string().min(1),
  time: z.number().int().nonnegative(),
  reason: z.string().optional(),
  imported: z.object({ from: z.string(), at: z.number() }).optional(),
  fieldKind: z.string().optional(),
  learnable: z.boolean().optional(),
});
export type CorrectionRecord = z.infer<typeof CorrectionRecord>;

/**
 * A synchronous 64-bit content hash (two 32-bit FNV-1a style lanes). Synchronous because Dexie upgrade
 * transactions close if they await anything that is not IndexedDB (crypto.subtle would end them).
 */
export function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h2 >>> 7;
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * What makes two corrections "the same" when colleagues share packs: the same field of the same ticket,
 * the same values at the same moment. The id and the import marker are not part of it.
 */
export function correctionKey(c: {
  templateId: string;
  field: string;
  ticketHash: string;
  site: string;
  time: number;
  aiValue: unknown;
  keptValue: unknown;
}): string {
  return hash64(
    JSON.stringify([
      c.templateId,
      c.field,
      c.site,
      c.ticketHash,
      c.time,
      c.aiValue ?? null,
      c.keptValue ?? null,
    ]),
  );
}

/** A decision as stored (see `Decision` in db.ts), as the team report reads it from exports. */
export const DecisionRecord = z.object({
  id: z.number().int().optional(),
  site: z.string().min(1),
  ticketHash: z.string().min(1),
  time: z.number().int().nonnegative(),
  rulesFired: z
    .array(
      z.object({
        id: z.string(),
        severity: z.string(),
        reason: z.string().default(''),
        evidence: z.array(z.string()).default([]),
      }),
    )
    .default([]),
  signals: z
    .array(
      z.object({
        category: z.string(),
        confidence: z.number(),
        evidence: z.array(z.string()).default([]),
        shownAs: z.enum(['flag', 'hint']),
      }),
    )
    .default([]),
  action: z.enum(['escalated', 'dismissed']),
  reason: z.string().optional(),
  templateId: z.string().optional(),
});
export type DecisionRecord = z.infer<typeof DecisionRecord>;
