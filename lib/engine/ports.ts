import type { FieldValue } from '../templates/suggestion';

/**
 * Seams between the suggestion pipeline (lib/suggest, lib/engine, lib/llm) and the learning loop
 * (lib/memory, lib/learner). The pipeline depends on these interfaces only; the background wires the
 * real implementations in.
 */

/** A learner's guess for an enum field. `undefined` from `predict` means it abstains. */
export interface EnumPrediction {
  value: string;
  /** Calibrated probability that `value` is what the agent keeps. */
  confidence: number;
}

/** The learner's answer for one choice field of a template on a desk, among the desk's options. */
export type EnumQuery = (
  templateId: string,
  field: string,
  site: string,
  text: string,
  options: readonly string[],
) => Promise<EnumPrediction | undefined>;

/** Learners are per template field and desk (`site`): two desks with different queues never mix. */
export interface EnumLearner {
  predict: EnumQuery;
  /**
   * The best guess whatever its confidence (undefined when it has too few examples for an opinion):
   * cross-checks a model's value, and fills a field the learner is not sure enough to `predict`.
   */
  explain?: EnumQuery;
  /** Learned values the desk no longer offers (renamed or removed), each reported once. */
  goneOptions?(
    templateId: string,
    field: string,
    site: string,
    options: readonly string[],
  ): Promise<string[]>;
}

/** A past correction shown to the model as an example ("when the ticket said ..., F went from A to B"). */
export interface CorrectionExample {
  templateId: string;
  field: string;
  /** Redacted excerpt of the ticket the correction was made on. */
  ticketSnippet: string;
  aiValue: FieldValue;
  keptValue: FieldValue;
}

export interface ExampleSource {
  /** The k nearest past corrections for this template (same site first), by text similarity. */
  nearest(templateId: string, site: string, text: string, k: number): Promise<CorrectionExample[]>;
}
