import type { TicketContext } from '../context/ticket-context';
import type { CorrectionExample } from '../engine/ports';
import type { Template } from '../templates/define';
import type { FieldSource, FieldValue, RiskCategory } from '../templates/suggestion';

/** One field as a provider answers it, before grounding decides its status. */
export interface RawField {
  value: FieldValue;
  /** Quotes from the ticket the provider says support the value. */
  evidence: string[];
  confidence: number;
  /** Overrides the provider's own source (the local learner's guesses are `memory`). */
  source?: FieldSource;
  note?: string;
}

export interface RawRisk {
  category: RiskCategory;
  confidence: number;
  evidence: string[];
  rationale?: string;
}

/** What a provider returns: every requested field (value null when it has none) and risk signals. */
export interface RawAnswer {
  fields: Record<string, RawField>;
  risks: RawRisk[];
}

/** Fields seen so far while a provider streams (values may still be incomplete). */
export type PartialFields = Record<string, Partial<RawField>>;

export interface FillRequest {
  template: Template;
  /** Already redacted when it goes to a remote provider. */
  context: TicketContext;
  /** The fields to fill (all of the template's by default). */
  fields: string[];
  /** The agent's guidance ("the customer means the second order"). */
  instruction?: string;
  /** Values the agent sees now, for a partial regeneration. */
  previous?: Record<string, FieldValue>;
  examples: CorrectionExample[];
  signal?: AbortSignal;
  onPartial?: (fields: PartialFields) => void;
}

/** A way to fill a template: the OpenAI-compatible endpoint or the local engine. */
export interface Provider {
  kind: 'openai' | 'local';
  model: string;
  fill(request: FillRequest): Promise<RawAnswer>;
}
