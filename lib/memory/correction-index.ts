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
const ADD_CHUNK = 2000;
/**
 * Weights are kept as 16-bit fractions of 1 (a document vector's components are at most 1), in memory
 * and saved alike, so a loaded index scores exactly as the one it was saved from at half the bytes.
 */
const WEIGHT_SCALE = 65535;

interface Posting {
  docs: Uint32Array;
  weights: Uint16Array;
  length: number;
}

/** One document the index ranks: its correction's id and site (the rest is read from Dexie). */
export interface IndexHit {
  id: number;
  site: string;
  score: number;
}

/**
 * Postings as a snapshot stores them: words ascending; word t's weights are `weights[offsets[t]..
 * offsets[t+1])` and its documents, ascending, are varint-coded gaps in `docs[byteOffsets[t]..]` (most
 * gaps take one byte instead of four: the read at a browser start is what costs).
 */
interface StoredPostings {
  terms: Uint32Array;
  offsets: Uint32Array;
  byteOffsets: Uint32Array;
  docs: Uint8Array;
  weights: Uint16Array;
}

/**
 * The index of one template's corrections. Loaded from a snapshot, the stored columns are used as they
 * are (no object per word or per document, so a load costs the read and nothing more); what is added
 * afterwards goes to per-word postings in memory, and a query reads both.
 */
export class CorrectionIndex {
  private docIds: Float64Array = new Float64Array(64);
  private docSites: Uint32Array = new Uint32Array(64);
  private count = 0;
  private readonly sites: string[] = [];
  private readonly siteCodes = new Map<string, number>();
  /** Loaded postings (documents below `stored` only); a word's document frequency is its postings' length. */
  private base: StoredPostings | undefined;
  /** Documents loaded from the snapshot, and whether their ids ascend (then `has` searches them). */
  private stored = 0;
  private storedAscending = true;
  private storedIds: Set<number> | undefined;
  /** Postings of the documents added in memory, per word. */
  private readonly postings = new Map<number, Posting>();
  /** Ids of the documents added in memory. */
  private readonly ids = new Set<number>();

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    if (this.ids.has(id)) return true;
    if (!this.stored) return false;
    if (this.storedAscending) return search(this.docIds, this.stored, id) >= 0;
    if (!this.storedIds) this.storedIds = new Set(this.docIds.subarray(0, this.stored));
    return this.storedIds.has(id);
  }

  /** Add corrections (agreements, learning-off rows and duplicates are ignored). IDF is taken from what is known so far. */
  addAll(corrections: readonly Correction[]): void {
    // In chunks: every chunk's IDF includes itself and everything before it, and memory stays flat.
    for (let i = 0; i < corrections.length; i += ADD_CHUNK)
      this.addChunk(corrections.slice(i, i + ADD_CHUNK));
  }

  private addChunk(corrections: readonly Correction[]): void {
    const bags = corrections
      .filter((c) => indexable(c) && !this.has(c.id as number))
      .map((c) => ({ c, terms: wordCounts(c.contextSnippet) }));
    if (!bags.length) return;
    // Document frequencies as they will be once this chunk is in (each posting gets one entry per bag).
    const pending = new Map<number, number>();
    for (const { terms } of bags) for (const t of terms.keys()) pending.set(t, (pending.get(t) ?? 0) + 1);
    const df = (term: number) => this.df(term) + (pending.get(term) ?? 0);
    const total = this.count + bags.length;
    const weighted = bags.map(({ c, terms }) => ({ c, weights: weigh(terms, df, total) }));
    for (const { c, weights } of weighted) {
      const index = this.pushDoc(c.id as number, c.site);
      for (const [term, weight] of weights) {
        let posting = this.postings.get(term);
        if (!posting) {
          posting = { docs: new Uint32Array(4), weights: new Uint16Array(4), length: 0 };
          this.postings.set(term, posting);
        }
        if (posting.length === posting.docs.length) {
          posting.docs = grow(posting.docs, posting.length * 2);
          posting.weights = grow(posting.weights, posting.length * 2);
        }
        posting.docs[posting.length] = index;
        posting.weights[posting.length] = Math.max(1, Math.round(weight * WEIGHT_SCALE));
        posting.length++;
      }
    }
  }

  /** Where a word's loaded postings are in `base`: [from, to) of its weights and where its documents start. */
  private slot(term: number): [number, number, number] {
    const base = this.base;
    if (!base) return [0, 0, 0];
    const at = search(base.terms, base.terms.length, term);
    return at < 0
      ? [0, 0, 0]
      : [base.offsets[at] as number, base.offsets[at + 1] as number, base.byteOffsets[at] as number];
  }

  private df(term: number): number {
    const [from, to] = this.slot(term);
    return to - from + (this.postings.get(term)?.length ?? 0);
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
    const df = (term: number) => this.df(term);
    // Only terms some document has can match; of those, the most distinctive ones.
    const query = [...weigh(wordCounts(text), df, n)]
      .filter(([term]) => df(term) > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_QUERY_TERMS);
    const scores = new Float64Array(n);
    const touched: number[] = [];
    const base = this.base;
    for (const [term, weight] of query) {
      const [from, to, bytes] = this.slot(term);
      const posting = this.postings.get(term);
      if (n > SKIP_COMMON_FROM && to - from + (posting?.length ?? 0) > n * MAX_POSTING_SHARE) continue;
      if (base && to > from) {
        const docs = decodeGaps(base.docs, bytes, to - from);
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i] as number;
          if (scores[d] === 0) touched.push(d);
          scores[d] = (scores[d] as number) + weight * (base.weights[from + i] as number);
        }
      }
      for (let i = 0; posting && i < posting.length; i++) {
        const d = posting.docs[i] as number;
        if (scores[d] === 0) touched.push(d);
        scores[d] = (scores[d] as number) + weight * (posting.weights[i] as number);
      }
    }
    const siteCode = this.siteCodes.get(site) ?? -1;
    // Keep the top k in a small sorted array: k is tiny, touched may be large.
    const top: { d: number; score: number }[] = [];
    for (const d of touched) {
      const raw = (scores[d] as number) / WEIGHT_SCALE;
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

  /** The index in columns, words ascending, for Dexie (structured clone copies typed arrays as blocks). */
  serialize(): SerializedIndex {
    const base = this.base;
    const extra = [...this.postings.keys()].filter((t) => this.slot(t)[1] === 0);
    const terms = new Uint32Array((base?.terms.length ?? 0) + extra.length);
    if (base) terms.set(base.terms);
    terms.set(extra, base?.terms.length ?? 0);
    terms.sort();
    let total = base?.weights.length ?? 0;
    for (const p of this.postings.values()) total += p.length;
    const offsets = new Uint32Array(terms.length + 1);
    const byteOffsets = new Uint32Array(terms.length + 1);
    const weights = new Uint16Array(total);
    // A gap takes at most 5 bytes; the buffer is cut to what was written.
    let docs = new Uint8Array(Math.max(16, total * 2));
    let at = 0;
    let byte = 0;
    terms.forEach((term, t) => {
      offsets[t] = at;
      byteOffsets[t] = byte;
      // Loaded documents first, then those added since: each word's documents stay ascending.
      const [from, to, bytes] = this.slot(term);
      const p = this.postings.get(term);
      const length = to - from + (p?.length ?? 0);
      if (docs.length < byte + length * 5) {
        const bigger = new Uint8Array(Math.max(docs.length * 2, byte + length * 5));
        bigger.set(docs);
        docs = bigger;
      }
      let previous = 0;
      const put = (d: number) => {
        byte = encodeGap(docs, byte, d - previous);
        previous = d;
      };
      if (base && to > from) {
        for (const d of decodeGaps(base.docs, bytes, to - from)) put(d);
        weights.set(base.weights.subarray(from, to), at);
        at += to - from;
      }
      if (p) {
        for (let i = 0; i < p.length; i++) put(p.docs[i] as number);
        weights.set(p.weights.subarray(0, p.length), at);
        at += p.length;
      }
    });
    offsets[terms.length] = at;
    byteOffsets[terms.length] = byte;
    return {
      docIds: this.docIds.slice(0, this.count),
      docSites: this.docSites.slice(0, this.count),
      sites: [...this.sites],
      terms,
      offsets,
      byteOffsets,
      postingDocs: docs.slice(0, byte),
      postingWeights: weights,
    };
  }

  /**
   * An index from its serialized form; it answers exactly as the one it was taken from. Undefined when
   * the columns do not fit together (a damaged row): the caller builds from the corrections instead.
   */
  static from(data: SerializedIndex): CorrectionIndex | undefined {
    const n = data.docIds?.length;
    const terms = data.terms?.length;
    const fits =
      data.docIds instanceof Float64Array &&
      data.docSites instanceof Uint32Array &&
      data.terms instanceof Uint32Array &&
      data.offsets instanceof Uint32Array &&
      data.byteOffsets instanceof Uint32Array &&
      data.postingDocs instanceof Uint8Array &&
      data.postingWeights instanceof Uint16Array &&
      Array.isArray(data.sites) &&
      data.docSites.length === n &&
      data.offsets.length === terms + 1 &&
      data.byteOffsets.length === terms + 1 &&
      data.offsets[terms] === data.postingWeights.length &&
      data.byteOffsets[terms] === data.postingDocs.length;
    if (!fits) return undefined;
    const index = new CorrectionIndex();
    index.count = n;
    index.stored = n;
    // The stored arrays as they are (no copy); the first add past the end copies into a larger one.
    index.docIds = data.docIds;
    index.docSites = data.docSites;
    for (let i = 1; i < n && index.storedAscending; i++)
      index.storedAscending = (data.docIds[i - 1] as number) < (data.docIds[i] as number);
    data.sites.forEach((site, code) => {
      index.sites.push(site);
      index.siteCodes.set(site, code);
    });
    index.base = {
      terms: data.terms,
      offsets: data.offsets,
      byteOffsets: data.byteOffsets,
      docs: data.postingDocs,
      weights: data.postingWeights,
    };
    return index;
  }

  /** Approximate bytes held (postings, documents, ids), for the benchmark. */
  approximateBytes(): number {
    let bytes = this.base
      ? this.base.terms.byteLength +
        this.base.offsets.byteLength +
        this.base.byteOffsets.byteLength +
        this.base.docs.byteLength +
        this.base.weights.byteLength
      : 0;
    for (const p of this.postings.values()) bytes += p.docs.byteLength + p.weights.byteLength + 64;
    return bytes + this.docIds.byteLength + this.docSites.byteLength + this.ids.size * 16;
  }
}

/** Write a gap as a varint (7 bits a byte, low first); returns where the next one goes. */
function encodeGap(out: Uint8Array, at: number, gap: number): number {
  let v = gap;
  while (v >= 0x80) {
    out[at++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[at++] = v;
  return at;
}

/** `count` ascending documents from varint gaps starting at `at`. */
function decodeGaps(bytes: Uint8Array, at: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let p = at;
  let d = 0;
  for (let i = 0; i < count; i++) {
    let gap = 0;
    let scale = 1;
    let b: number;
    do {
      b = bytes[p++] as number;
      gap += (b & 0x7f) * scale;
      scale *= 0x80;
    } while (b & 0x80);
    d += gap;
    out[i] = d;
  }
  return out;
}

/** Binary search of `value` among the first `length` entries of an ascending array: its index, or -1. */
function search(array: Uint32Array | Float64Array, length: number, value: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = array[mid] as number;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** What the index takes: a stored correction (not an agreement) with text, recorded with learning on. */
export function indexable(c: Correction): boolean {
  return !c.agreed && c.id !== undefined && !!c.contextSnippet && c.learnable !== false;
}

function grow<T extends Uint32Array | Uint16Array | Float64Array>(array: T, length: number): T {
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
