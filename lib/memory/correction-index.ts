import type { Correction, SerializedIndex } from '../db/db';
import { wordCounts } from '../learner/features';

/**
 * One template's corrections as a TF-IDF index over hashed words (lib/memory/retrieval.ts keeps one
 * per template, in memory and saved in Dexie). An inverted index (word -> postings of document and
 * weight) lets a query touch only documents sharing a word with it. Numbers only: per document its
 * correction's id and site, never its text.
 */

/** Below this cosine a past ticket is not "similar": better no example than a misleading one. */
const MIN_SIMILARITY = 0.08;
/** Matches on the same desk rank ahead of equally similar ones from another desk. */
const SAME_SITE_BOOST = 1.25;
/**
 * Words in more than this share of documents are skipped at query time once the index is large: their
 * IDF is low, so they barely move the ranking, but their postings are most of the work.
 */
const MAX_POSTING_SHARE = 0.04;
const SKIP_COMMON_FROM = 2000;
/** A query is a whole ticket: its most distinctive terms decide the neighbours, the rest only cost time. */
const MAX_QUERY_TERMS = 24;
export const ADD_CHUNK = 2000;
interface Posting {
  docs: Uint32Array;
  weights: Float32Array;
  length: number;
}

/** One document the index ranks: its correction's id and site (the rest is read from Dexie). */
export interface IndexHit {
  id: number;
  site: string;
  score: number;
}

/** The index of one template's corrections. */
export class CorrectionIndex {
  private docIds: Float64Array = new Float64Array(64);
  private docSites: Uint32Array = new Uint32Array(64);
  private count = 0;
  private readonly sites: string[] = [];
  private readonly siteCodes = new Map<string, number>();
  /** Per word its postings; a word's document frequency is its postings' length. */
  private readonly postings = new Map<number, Posting>();
  private readonly ids = new Set<number>();

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    return this.ids.has(id);
  }

  /** Add corrections (agreements, learning-off rows and duplicates are ignored). IDF is taken from what is known so far. */
  addAll(corrections: readonly Correction[]): void {
    // In chunks: every chunk's IDF includes itself and everything before it, and memory stays flat.
    for (let i = 0; i < corrections.length; i += ADD_CHUNK)
      this.addChunk(corrections.slice(i, i + ADD_CHUNK));
  }

  private addChunk(corrections: readonly Correction[]): void {
    const bags = corrections
      .filter((c) => indexable(c) && !this.ids.has(c.id as number))
      .map((c) => ({ c, terms: wordCounts(c.contextSnippet) }));
    if (!bags.length) return;
    for (const { terms } of bags) {
      for (const t of terms.keys()) {
        if (!this.postings.has(t))
          this.postings.set(t, { docs: new Uint32Array(4), weights: new Float32Array(4), length: 0 });
      }
    }
    // Document frequencies as they will be once this chunk is in (each posting gets one entry per bag).
    const pending = new Map<number, number>();
    for (const { terms } of bags) for (const t of terms.keys()) pending.set(t, (pending.get(t) ?? 0) + 1);
    const df = (term: number) => (this.postings.get(term)?.length ?? 0) + (pending.get(term) ?? 0);
    const total = this.count + bags.length;
    const weighted = bags.map(({ c, terms }) => ({ c, weights: weigh(terms, df, total) }));
    for (const { c, weights } of weighted) {
      const index = this.pushDoc(c.id as number, c.site);
      for (const [term, weight] of weights) {
        const posting = this.postings.get(term) as Posting;
        if (posting.length === posting.docs.length) {
          posting.docs = grow(posting.docs, posting.length * 2);
          posting.weights = grow(posting.weights, posting.length * 2);
        }
        posting.docs[posting.length] = index;
        posting.weights[posting.length] = weight;
        posting.length++;
      }
    }
  }

  private pushDoc(id: number, site: string): number {
    if (this.count === this.docIds.length) {
      this.docIds = grow(this.docIds, this.count * 2);
      this.docSites = grow(this.docSites, this.count * 2);
    }
    let code = this.siteCodes.get(site);
    if (code === undefined) {
      code = this.sites.length;
      this.sites.push(site);
      this.siteCodes.set(site, code);
    }
    this.docIds[this.count] = id;
    this.docSites[this.count] = code;
    this.ids.add(id);
    return this.count++;
  }

  /** The k most similar corrections, same site first at equal similarity, each with its score. */
  search(text: string, site: string, k: number): IndexHit[] {
    const n = this.count;
    if (n === 0 || k <= 0) return [];
    const df = (term: number) => this.postings.get(term)?.length ?? 0;
    // Only terms some document has can match; of those, the most distinctive ones.
    const query = [...weigh(wordCounts(text), df, n)]
      .filter(([term]) => this.postings.has(term))
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_QUERY_TERMS);
    const scores = new Float32Array(n);
    const touched: number[] = [];
    for (const [term, weight] of query) {
      const posting = this.postings.get(term);
      if (!posting || (n > SKIP_COMMON_FROM && posting.length > n * MAX_POSTING_SHARE)) continue;
      for (let i = 0; i < posting.length; i++) {
        const d = posting.docs[i] as number;
        if (scores[d] === 0) touched.push(d);
        scores[d] = (scores[d] as number) + weight * (posting.weights[i] as number);
      }
    }
    const siteCode = this.siteCodes.get(site) ?? -1;
    // Keep the top k in a small sorted array: k is tiny, touched may be large.
    const top: { d: number; score: number }[] = [];
    for (const d of touched) {
      const raw = scores[d] as number;
      if (raw < MIN_SIMILARITY) continue;
      const score = this.docSites[d] === siteCode ? raw * SAME_SITE_BOOST : raw;
      if (top.length === k && score <= (top[k - 1] as { score: number }).score) continue;
      let at = top.findIndex((t) => score > t.score);
      if (at < 0) at = top.length;
      top.splice(at, 0, { d, score });
      if (top.length > k) top.pop();
    }
    return top.map(({ d, score }) => ({
      id: this.docIds[d] as number,
      site: this.sites[this.docSites[d] as number] as string,
      score,
    }));
  }

  /** The index in columns, for Dexie (structured clone copies typed arrays as blocks). */
  serialize(): SerializedIndex {
    let total = 0;
    for (const p of this.postings.values()) total += p.length;
    const terms = new Uint32Array(this.postings.size);
    const offsets = new Uint32Array(this.postings.size + 1);
    const postingDocs = new Uint32Array(total);
    const postingWeights = new Float32Array(total);
    let t = 0;
    let at = 0;
    for (const [term, p] of this.postings) {
      terms[t] = term;
      offsets[t] = at;
      postingDocs.set(p.docs.subarray(0, p.length), at);
      postingWeights.set(p.weights.subarray(0, p.length), at);
      at += p.length;
      t++;
    }
    offsets[t] = at;
    return {
      docIds: this.docIds.slice(0, this.count),
      docSites: this.docSites.slice(0, this.count),
      sites: [...this.sites],
      terms,
      offsets,
      postingDocs,
      postingWeights,
    };
  }

  /** An index from its serialized form; it answers exactly as the one it was taken from. */
  static from(data: SerializedIndex): CorrectionIndex {
    const index = new CorrectionIndex();
    index.count = data.docIds.length;
    // Views on the stored arrays (no copy); the first add past the end copies into a larger one.
    index.docIds = data.docIds;
    index.docSites = data.docSites;
    for (const id of data.docIds) index.ids.add(id);
    data.sites.forEach((site, code) => {
      index.sites.push(site);
      index.siteCodes.set(site, code);
    });
    for (let t = 0; t < data.terms.length; t++) {
      const from = data.offsets[t] as number;
      const to = data.offsets[t + 1] as number;
      index.postings.set(data.terms[t] as number, {
        docs: data.postingDocs.subarray(from, to),
        weights: data.postingWeights.subarray(from, to),
        length: to - from,
      });
    }
    return index;
  }

  /** Approximate bytes held (postings, documents, id set), for the benchmark. */
  approximateBytes(): number {
    let bytes = 0;
    for (const p of this.postings.values()) bytes += p.docs.byteLength + p.weights.byteLength + 64;
    return bytes + this.docIds.byteLength + this.docSites.byteLength + this.ids.size * 16;
  }
}

/** What the index takes: a stored correction (not an agreement) with text, recorded with learning on. */
export function indexable(c: Correction): boolean {
  return !c.agreed && c.id !== undefined && !!c.contextSnippet && c.learnable !== false;
}

function grow<T extends Uint32Array | Float32Array | Float64Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(Math.max(4, length));
  next.set(array);
  return next;
}

function weigh(terms: Map<number, number>, df: (term: number) => number, docs: number): Map<number, number> {
  const out = new Map<number, number>();
  let norm = 0;
  for (const [term, count] of terms) {
    const w = (1 + Math.log(count)) * (Math.log((1 + docs) / (1 + df(term))) + 1);
    out.set(term, w);
    norm += w * w;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const [term, w] of out) out.set(term, w * scale);
  return out;
}
