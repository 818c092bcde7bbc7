import type { EnumPrediction } from '../engine/ports';
import type { FieldState } from '../templates/suggestion';

/** The learner must be at least this sure of another value before it questions the model. */
const DISAGREE_AT = 0.5;

const same = (a: unknown, b: string) => typeof a === 'string' && a.trim().toLowerCase() === b.toLowerCase();

/**
 * Cross-check a model's enum value with the local learner's guess (`LocalLearner.explain`, not
 * `predict`: a learner below its abstention threshold still has a useful opinion here).
 *
 * On disagreement the two opinions are combined as a product of experts over the two candidate
 * values: p = m(1-l) / (m(1-l) + (1-m)l), where m is the model's confidence and l the learner's.
 * It only ever lowers the confidence, and the note tells the agent which value the learner expects.
 */
export function crossCheck(field: FieldState, prediction: EnumPrediction | undefined): FieldState {
  if (!prediction || field.value === null || typeof field.value !== 'string') return field;
  if (same(field.value, prediction.value) || prediction.confidence <= DISAGREE_AT) return field;
  const m = field.confidence;
  const l = prediction.confidence;
  const agreeing = m * (1 - l);
  const confidence = agreeing + (1 - m) * l > 0 ? agreeing / (agreeing + (1 - m) * l) : 0;
  const percent = Math.round(l * 100);
  return {
    ...field,
    confidence: Math.min(field.confidence, confidence),
    note: `Past corrections suggest "${prediction.value}" here (${percent} % sure).`,
  };
}
