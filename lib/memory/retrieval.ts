import type { Correction, DeskmateDb } from '../db/db';
import type { CorrectionExample, ExampleSource } from '../engine/ports';
import { featureKind, KIND_WORD, wordFeatures } from '../learner/features';

/**
 * Nearest past corrections by text similarity, for few-shot examples in prompts.
 *
 * One in-memory index per template: hashed word TF-IDF vectors of each correction's
 * redacted snippet, with an inverted index (feature -> postings of document and weight) so a query
 * touches only documents sharing a word with it. Built lazily from Dexie on the first query for a
 * template, kept up to date as corrections are recorded, dropped when records are deleted or imported.
 * Only real corrections are indexed: an agreement teaches the model nothing it did not already do, and a
 * row recorded with learning off (`learnable: false`, no text) is never offered as an example.
 */

/** Characters of a ticket snippet shown per example (the prompt builder trims further). */
export const EXAMPLE_SNIPPET_CHARS = 320;
/** Rough characters-per-token for budgeting (English text with a BPE tokenizer). */
const CHARS_PER_TOKEN = 4;
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

interface Posting {
  docs: Uint32Array;
  weights: Float32Array;
  length: number;
}

interface IndexedDoc {
  id: number;
  site: string;
  field: string;
  snippet: string;
  aiValue: Correction['aiValue'];
  keptValue: Correction['keptValue'];
  time: number;
}

/** The index of one template's corrections. Exported for the benchmark and tests. */
export class CorrectionIndex {
  private readonly docs: IndexedDoc[] = [];
  private readonly postings = new Map<number, Posting>();
  private readonly df = new Map<number, number>();
  private readonly ids = new Set<number>();

  get size(): number {
    return this.docs.length;
  }

  /** Add corrections (agreements and duplicates are ignored). IDF is taken from what is known so far. */
  addAll(corrections: readonly Correction[]): void {
    // In chunks: every chunk's IDF includes itself and everything before it, and memory stays flat.
    for (let i = 0; i < corrections.length; i += ADD_CHUNK)
      this.addChunk(corrections.slice(i, i + ADD_CHUNK));
  }

  private addChunk(corrections: readonly Correction[]): void {
    const bags = corrections
      .filter(
        (c) =>
          !c.agreed && c.id !== undefined && !this.ids.has(c.id) && c.contextSnippet && c.learnable !== false,
      )
      .map((c) => ({ c, terms: termsOf(c.contextSnippet) }));
    for (const { terms } of bags) for (const t of terms.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    const total = this.docs.length + bags.length;
    for (const { c, terms } of bags) {
      const index = this.docs.length;
      this.ids.add(c.id as number);
      this.docs.push({
        id: c.id as number,
        site: c.site,
        field: c.field,
        snippet: c.contextSnippet,
        aiValue: c.aiValue,
        keptValue: c.keptValue,
        time: c.time,
      });
      const weighted = weigh(terms, this.df, total);
      for (const [term, weight] of weighted) {
        let posting = this.postings.get(term);
        if (!posting) {
          posting = { docs: new Uint32Array(4), weights: new Float32Array(4), length: 0 };
          this.postings.set(term, posting);
        }
        if (posting.length === posting.docs.length) {
          const docs = new Uint32Array(posting.length * 2);
          docs.set(posting.docs);
          const weights = new Float32Array(posting.length * 2);
          weights.set(posting.weights);
          posting.docs = docs;
          posting.weights = weights;
        }
        posting.docs[posting.length] = index;
        posting.weights[posting.length] = weight;
        posting.length++;
      }
    }
  }

  /** The k most similar corrections, same site first at equal similarity, each with its score. */
  search(text: string, site: string, k: number): { doc: IndexedDoc; score: number }[] {
    const n = this.docs.length;
    if (n === 0 || k <= 0) return [];
    // Only terms some document has can match; of those, the most distinctive ones.
    const query = [...weigh(termsOf(text), this.df, n)]
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
    // Keep the top k in a small sorted array: k is tiny, touched may be large.
    const top: { doc: IndexedDoc; score: number }[] = [];
    for (const d of touched) {
      const raw = scores[d] as number;
      if (raw < MIN_SIMILARITY) continue;
      const doc = this.docs[d] as IndexedDoc;
      const score = doc.site === site ? raw * SAME_SITE_BOOST : raw;
      if (top.length === k && score <= (top[k - 1] as { score: number }).score) continue;
      let at = top.findIndex((t) => score > t.score);
      if (at < 0) at = top.length;
      top.splice(at, 0, { doc, score });
      if (top.length > k) top.pop();
    }
    return top;
  }

  /** Approximate bytes held (postings and snippets), for the benchmark. */
  approximateBytes(): number {
    let bytes = 0;
    for (const p of this.postings.values()) bytes += p.docs.byteLength + p.weights.byteLength + 64;
    for (const d of this.docs) bytes += d.snippet.length * 2 + 96;
    return bytes + this.df.size * 40;
  }
}

/**
 * Words only: character n-grams would make postings long, and word pairs (mostly seen once) made a
 * 100,000-correction index three times bigger and slower to build for little better ranking.
 */
function termsOf(text: string): Map<number, number> {
  const terms = wordFeatures(text);
  for (const id of terms.keys()) if (featureKind(id) !== KIND_WORD) terms.delete(id);
  return terms;
}

function weigh(terms: Map<number, number>, df: Map<number, number>, docs: number): Map<number, number> {
  const out = new Map<number, number>();
  let norm = 0;
  for (const [term, count] of terms) {
    const w = (1 + Math.log(count)) * (Math.log((1 + docs) / (1 + (df.get(term) ?? 0))) + 1);
    out.set(term, w);
    norm += w * w;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const [term, w] of out) out.set(term, w * scale);
  return out;
}

/** Cut a snippet to a budget at a word boundary. */
function clip(text: string, chars: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= chars) return flat;
  const cut = flat.slice(0, chars);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > chars * 0.6 ? space : chars)}…`;
}

export interface RetrievalOptions {
  /** Token budget for all examples together (snippets and values). */
  tokenBudget?: number;
}

/**
 * The `ExampleSource` of the suggestion pipeline (lib/engine/ports.ts), backed by Dexie.
 * Call `add` after recording corrections and `invalidate` after deleting or importing records.
 */
export class CorrectionRetrieval implements ExampleSource {
  private readonly indexes = new Map<string, Promise<CorrectionIndex>>();
  private readonly tokenBudget: number;

  constructor(
    private readonly database: () => DeskmateDb,
    options: RetrievalOptions = {},
  ) {
    this.tokenBudget = options.tokenBudget ?? 600;
  }

  async nearest(templateId: string, site: string, text: string, k: number): Promise<CorrectionExample[]> {
    const index = await this.index(templateId);
    const found = index.search(text, site, k);
    const examples: CorrectionExample[] = [];
    let budget = this.tokenBudget * CHARS_PER_TOKEN;
    for (const { doc } of found) {
      const snippet = clip(doc.snippet, Math.min(EXAMPLE_SNIPPET_CHARS, budget));
      const cost = snippet.length + JSON.stringify([doc.field, doc.aiValue, doc.keptValue]).length + 40;
      if (cost > budget || snippet.length < 20) break;
      budget -= cost;
      examples.push({
        templateId,
        field: doc.field,
        ticketSnippet: snippet,
        aiValue: doc.aiValue,
        keptValue: doc.keptValue,
      });
    }
    return examples;
  }

  /** Add freshly recorded corrections to indexes already built (others build from Dexie later). */
  async add(corrections: readonly Correction[]): Promise<void> {
    for (const c of corrections) {
      const pending = this.indexes.get(c.templateId);
      if (pending) (await pending).addAll([c]);
    }
  }

  /** Drop every index: records were deleted or imported. */
  invalidate(): void {
    this.indexes.clear();
  }

  private index(templateId: string): Promise<CorrectionIndex> {
    let pending = this.indexes.get(templateId);
    if (!pending) {
      pending = this.build(templateId);
      this.indexes.set(templateId, pending);
      pending.catch(() => this.indexes.delete(templateId));
    }
    return pending;
  }

  private async build(templateId: string): Promise<CorrectionIndex> {
    const index = new CorrectionIndex();
    // Pages by primary key, read with getAll() (no cursor, no offset): fast on large tables.
    const table = this.database().corrections;
    let lastId = 0;
    for (;;) {
      const rows = await table.where(':id').above(lastId).limit(5000).toArray();
      if (rows.length === 0) break;
      lastId = rows[rows.length - 1]?.id as number;
      index.addAll(rows.filter((c) => c.templateId === templateId));
    }
    return index;
  }
}
