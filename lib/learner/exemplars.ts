import { wordFeatures } from './features';

/**
 * The agent's recent corrections of one field, kept as hashed word vectors (no text), so that the same
 * mistake is not made twice on a near-identical ticket even before the classifier has enough examples
 * to be confident. Only a close match counts (cosine >= MIN_SIMILARITY): a one-off correction is
 * weak evidence, so its confidence stays below the classifier's abstention threshold.
 */

/** Corrections kept per field. */
const CAPACITY = 300;
/**
 * Below this cosine the tickets are not "the same situation". Between unrelated demo-desk tickets the
 * highest cosine measured was 0.21 with a learner that knows a single ticket (flat IDF, the worst case).
 */
export const MIN_SIMILARITY = 0.4;
/**
 * A match's confidence: a heuristic, not calibrated (one example cannot be), 0.7 at the minimum
 * similarity and capped at 0.8 so a remembered correction never reaches auto-accept thresholds.
 */
const confidenceOf = (similarity: number) => Math.min(0.8, 0.3 + similarity);

export interface ExemplarState {
  offsets: Uint32Array;
  ids: Uint32Array;
  counts: Float32Array;
  labels: string[];
}

interface Exemplar {
  terms: Map<number, number>;
  label: string;
}

export class ExemplarMemory {
  private items: Exemplar[] = [];
  /** Whether it changed since the last save (`markSaved`): an agreement leaves it as it was. */
  private changed = true;

  get size(): number {
    return this.items.length;
  }

  get unsaved(): boolean {
    return this.changed;
  }

  markSaved(): void {
    this.changed = false;
  }

  add(text: string, label: string): void {
    this.items.push({ terms: wordFeatures(text), label });
    if (this.items.length > CAPACITY) this.items.shift();
    this.changed = true;
  }

  /** The most similar past correction among `allowed`, if close enough; `idf` weighs rare words up. */
  match(
    text: string,
    allowed: readonly string[] | undefined,
    idf: (id: number) => number,
    minSimilarity = MIN_SIMILARITY,
  ): { value: string; confidence: number; similarity: number } | undefined {
    if (!this.items.length) return undefined;
    const query = weigh(wordFeatures(text), idf);
    let best: { value: string; similarity: number } | undefined;
    for (const item of this.items) {
      if (allowed && !allowed.includes(item.label)) continue;
      // The cosine with the item's weighted vector in one pass over its terms (no vector built: this
      // runs over every kept correction on every suggestion).
      let dot = 0;
      let norm = 0;
      for (const [id, count] of item.terms) {
        const w = (1 + Math.log(count)) * idf(id);
        norm += w * w;
        const q = query.get(id);
        if (q !== undefined) dot += q * w;
      }
      const similarity = norm > 0 ? dot / Math.sqrt(norm) : 0;
      if (!best || similarity > best.similarity) best = { value: item.label, similarity };
    }
    if (!best || best.similarity < minSimilarity) return undefined;
    return { ...best, confidence: confidenceOf(best.similarity) };
  }

  toState(): ExemplarState {
    const offsets = new Uint32Array(this.items.length + 1);
    let total = 0;
    this.items.forEach((item, i) => {
      total += item.terms.size;
      offsets[i + 1] = total;
    });
    const ids = new Uint32Array(total);
    const counts = new Float32Array(total);
    this.items.forEach((item, i) => {
      let at = offsets[i] as number;
      for (const [id, c] of item.terms) {
        ids[at] = id;
        counts[at] = c;
        at++;
      }
    });
    return { offsets, ids, counts, labels: this.items.map((i) => i.label) };
  }

  static fromState(state: ExemplarState | undefined): ExemplarMemory {
    const memory = new ExemplarMemory();
    if (!state) return memory;
    state.labels.forEach((label, i) => {
      const terms = new Map<number, number>();
      for (let j = state.offsets[i] as number; j < (state.offsets[i + 1] as number); j++) {
        terms.set(state.ids[j] as number, state.counts[j] as number);
      }
      memory.items.push({ terms, label });
    });
    return memory;
  }
}

function weigh(terms: Map<number, number>, idf: (id: number) => number): Map<number, number> {
  const out = new Map<number, number>();
  let norm = 0;
  for (const [id, count] of terms) {
    const w = (1 + Math.log(count)) * idf(id);
    out.set(id, w);
    norm += w * w;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const [id, w] of out) out.set(id, w * scale);
  return out;
}
