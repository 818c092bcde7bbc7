/**
 * Text -> sparse hashed features for the local learner: words, word pairs and character 3- to 5-grams
 * of each word (they survive typos and inflections: "refund"/"refunded", "cancle"/"cancel").
 * Hashing keeps the vocabulary open without storing any word: the learner's state holds numbers only.
 */

/** A sparse bag of features: hashed ids and their counts in one text, ids ascending. */
export interface FeatureBag {
  ids: Uint32Array;
  counts: Float32Array;
}

/** Long tickets are cut: the first part carries the request, the rest is mostly quoted history. */
const MAX_CHARS = 3000;
const MAX_TOKENS = 400;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Namespaces keep a word, a pair and an n-gram with the same letters apart. */
const NS_WORD = 0x9e3779b1;
const NS_PAIR = 0x85ebca77;
const NS_GRAM = 0xc2b2ae3d;

/** The kind of a feature is in its two low bits, so the learner can weigh kinds differently. */
export const KIND_WORD = 0;
export const KIND_PAIR = 1;
export const KIND_GRAM = 2;
export const featureKind = (id: number): number => id & 3;

function hashString(seed: number, text: string, kind: number): number {
  let h = FNV_OFFSET ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return ((h & ~3) | kind) >>> 0;
}

/** Lower-cased letter/digit runs; digits-only runs longer than 3 become one shape token (order ids). */
export function tokenize(text: string): string[] {
  const words =
    text
      .slice(0, MAX_CHARS)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  for (const w of words) {
    out.push(/^\d{4,}$/.test(w) ? '#num' : w);
    if (out.length >= MAX_TOKENS) break;
  }
  return out;
}

/** Words and word pairs only, counted (retrieval: n-grams would only lengthen its postings). */
export function wordFeatures(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  let prev = '';
  for (const token of tokenize(text)) {
    const w = hashString(NS_WORD, token, KIND_WORD);
    counts.set(w, (counts.get(w) ?? 0) + 1);
    if (prev) {
      const p = hashString(NS_PAIR, `${prev} ${token}`, KIND_PAIR);
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    prev = token;
  }
  return counts;
}

/**
 * Words only, counted: the same ids as `wordFeatures` gives its words, without hashing the pairs
 * (retrieval indexes words alone, and hashing pairs only to drop them was half its build time).
 */
export function wordCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const token of tokenize(text)) {
    const w = hashString(NS_WORD, token, KIND_WORD);
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return counts;
}

/** Hash a text into its feature bag. */
export function featurize(text: string): FeatureBag {
  const counts = new Map<number, number>();
  const add = (id: number) => counts.set(id, (counts.get(id) ?? 0) + 1);
  const tokens = tokenize(text);
  let prev = '';
  for (const token of tokens) {
    add(hashString(NS_WORD, token, KIND_WORD));
    if (prev) add(hashString(NS_PAIR, `${prev} ${token}`, KIND_PAIR));
    prev = token;
    // Character n-grams of " token ": one rolling FNV per start position, emitted at lengths 3..5.
    const padded = ` ${token} `;
    if (padded.length > 24) continue; // long tokens are ids or noise, not morphology
    for (let start = 0; start + 3 <= padded.length; start++) {
      let h = FNV_OFFSET ^ NS_GRAM;
      for (let n = 0; n < 5 && start + n < padded.length; n++) {
        h = Math.imul(h ^ padded.charCodeAt(start + n), FNV_PRIME);
        if (n >= 2) add((((h ^ n) & ~3) | KIND_GRAM) >>> 0);
      }
    }
  }
  const ids = Uint32Array.from(counts.keys()).sort();
  const bag = new Float32Array(ids.length);
  for (let i = 0; i < ids.length; i++) bag[i] = counts.get(ids[i] as number) ?? 0;
  return { ids, counts: bag };
}
