import { z } from 'zod';

/** See ARCHITECTURE.md "Templates and field states". */
export const FieldStatus = z.enum(['filled', 'missing', 'conflict', 'stale', 'unsupported']);
export type FieldStatus = z.infer<typeof FieldStatus>;

/** Where a value came from. */
export const FieldSource = z.enum(['model', 'local', 'rule', 'memory', 'agent']);
export type FieldSource = z.infer<typeof FieldSource>;

/** A quote from the ticket that supports a value; `messageIndex` points into TicketContext.messages. */
export const Evidence = z.object({
  quote: z.string(),
  messageIndex: z.number().int().optional(),
});
export type Evidence = z.infer<typeof Evidence>;

/** A JSON value a field can hold (string, number, boolean, list of strings) or null when there is none. */
export const FieldValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export type FieldValue = z.infer<typeof FieldValue>;

export const Candidate = z.object({ value: FieldValue, evidence: z.array(Evidence) });
export type Candidate = z.infer<typeof Candidate>;

/** One field of a suggestion, as the panel shows it. */
export const FieldState = z.object({
  value: FieldValue,
  status: FieldStatus,
  evidence: z.array(Evidence).default([]),
  confidence: z.number().min(0).max(1),
  source: FieldSource,
  /** For `conflict`: every candidate the ticket supports. */
  candidates: z.array(Candidate).optional(),
  /** For `missing`: what to ask the customer. */
  question: z.string().optional(),
  /** Why confidence was lowered (e.g. the local learner disagrees), shown beside the field. */
  note: z.string().optional(),
});
export type FieldState = z.infer<typeof FieldState>;

/** Risk categories a template can ask the model for (lib/escalation decides flag vs. hint). */
export const RiskCategory = z.enum(['legal', 'safety', 'security', 'churn', 'compliance', 'abuse']);
export type RiskCategory = z.infer<typeof RiskCategory>;

export const RiskSignal = z.object({
  category: RiskCategory,
  confidence: z.number().min(0).max(1),
  evidence: z.array(Evidence).default([]),
  rationale: z.string().optional(),
});
export type RiskSignal = z.infer<typeof RiskSignal>;

/** A model's or the local engine's pre-fill of one template for one ticket. */
export const Suggestion = z.object({
  id: z.string(),
  templateId: z.string(),
  templateVersion: z.number().int(),
  site: z.string(),
  ticketKey: z.string(),
  /** Hash of the ticket text the suggestion was made from; a change marks fields `stale`. */
  contextHash: z.string(),
  provider: z.object({ kind: z.enum(['openai', 'local']), model: z.string() }),
  createdAt: z.number(),
  fields: z.record(z.string(), FieldState),
  /** Model risk signals, when the template asks for them. */
  risks: z.array(RiskSignal).default([]),
});
export type Suggestion = z.infer<typeof Suggestion>;
