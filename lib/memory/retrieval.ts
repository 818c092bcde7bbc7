import type { Correction, DeskmateDb, RetrievalSnapshot } from '../db/db';
import type { CorrectionExample, ExampleSource } from '../engine/ports';
import { CorrectionIndex, indexable } from './correction-index';

export { CorrectionIndex } from './correction-index';

/**
 * Nearest past corrections by text similarity, for few-shot examples in prompts.
 *
 * One index per template: hashed word TF-IDF vectors of each correction's redacted snippet, held as an
 * inverted index (word -> postings of document and weight) so a query touches only documents sharing a
 * word with it. The index holds numbers only; the few corrections a query returns are read from Dexie by
 * id, so a row deleted since the index was built is never offered, even before the index is rebuilt.
 *
 * Persisted (issue #19): building the index of 100,000 corrections takes seconds, too long for the first
 * suggestion after a browser start, so each template's index is saved in Dexie (`retrievalIndex`, v3)
 * and loaded in one read. Corrections recorded since the snapshot are caught up from `corrections` by
 * id (ids only grow); a table with fewer rows than the snapshot counted means rows were deleted, and the
 * index is rebuilt in the background while queries go on with the old one.
 *
 * Only real corrections are indexed: an agreement teaches the model nothing it did not already do, and a
 * row recorded with learning off (`learnable: false`, no text) is never offered as an example.
 */

/** Characters of a ticket snippet shown per example (the prompt builder trims further). */
export const EXAMPLE_SNIPPET_CHARS = 320;
/** The layout of a persisted index (`RetrievalSnapshot.format`): bump it when the layout or weights change. */
export const INDEX_FORMAT = 1;
/** Rough characters-per-token for budgeting (English text with a BPE tokenizer). */
const CHARS_PER_TOKEN = 4;
/** Rows read per page while building (by primary key, getAll(): fast on large tables). */
const READ_PAGE = 1000;
/**
 * Documents indexed between two returns to the event loop while building: a query or message waiting
 * meanwhile waits for one slice (a few ms), not for the build.
 */
const BUILD_SLICE = 250;
/** Candidates beyond k a query reads, standing in for rows deleted since the index was built. */
const SPARE_CANDIDATES = 4;
/**
 * Corrections added since the last snapshot before it is written again: a load catches up with fewer
 * than this from `corrections` (a few ms), and a large index is not rewritten on every apply.
 */
const SAVE_EVERY = 500;

/** Cut a snippet to a budget at a word boundary. */
function clip(text: string, chars: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= chars) return flat;
  const cut = flat.slice(0, chars);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > chars * 0.6 ? space : chars)}…`;
}

function isQuotaError(error: unknown): boolean {
  const e = error as { name?: string; inner?: { name?: string } } | undefined;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}

export interface RetrievalOptions {
  /** Token budget for all examples together (snippets and values). */
  tokenBudget?: number;
  /** Save each template's index in Dexie and load it from there (default true). */
  persist?: boolean;
  /** Corrections added since the last snapshot before it is written again (default 500). */
  saveEvery?: number;
  /** Where a snapshot that could not be written is reported (default console.warn). */
  warn?: (message: string) => void;
}

/** One template's index in memory, and how it relates to the table it was built from. */
interface Loaded {
  index: CorrectionIndex;
  /** Every correction with this id or a smaller one has been considered (live adds do not move it). */
  scannedThrough: number;
  /** Rows in `corrections` when `scannedThrough` was read. */
  tableCount: number;
  /** Rows were deleted since it was built: it still answers (deleted rows are never returned), and is rebuilt. */
  stale: boolean;
  /** Corrections added since the snapshot was written. */
  unsaved: number;
  /** A rebuilt index took its place (it is never saved then). */
  replaced?: boolean;
}

/**
 * The `ExampleSource` of the suggestion pipeline (lib/engine/ports.ts), backed by Dexie.
 * Call `add` after recording corrections and `invalidate` after deleting or importing records.
 */
export class CorrectionRetrieval implements ExampleSource {
  private readonly loaded = new Map<string, Promise<Loaded>>();
  /** Background rebuilds by template, and whether another one is due when it ends (rows deleted meanwhile). */
  private readonly rebuilds = new Map<string, { again: boolean }>();
  /** Snapshot writes, rebuilds and catch-ups in flight (`settled` waits for them). */
  private readonly background = new Set<Promise<unknown>>();
  /** One catch-up or snapshot at a time per template, so `scannedThrough` only moves forward with its count. */
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly tokenBudget: number;
  private readonly persist: boolean;
  private readonly saveEvery: number;
  private readonly warn: (message: string) => void;

  constructor(
    private readonly database: () => DeskmateDb,
    options: RetrievalOptions = {},
  ) {
    this.tokenBudget = options.tokenBudget ?? 600;
    this.persist = options.persist ?? true;
    this.saveEvery = options.saveEvery ?? SAVE_EVERY;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  async nearest(templateId: string, site: string, text: string, k: number): Promise<CorrectionExample[]> {
    if (k <= 0) return [];
    const { index } = await this.entry(templateId);
    const hits = index.search(text, site, k + SPARE_CANDIDATES);
    if (!hits.length) return [];
    // Read back what the index found: a row deleted since it was built is gone, and is skipped.
    const rows = await this.database().corrections.bulkGet(hits.map((h) => h.id));
    const examples: CorrectionExample[] = [];
    let budget = this.tokenBudget * CHARS_PER_TOKEN;
    for (const row of rows) {
      if (examples.length === k) break;
      if (!row || row.templateId !== templateId || !indexable(row)) continue;
      const snippet = clip(row.contextSnippet, Math.min(EXAMPLE_SNIPPET_CHARS, budget));
      const cost = snippet.length + JSON.stringify([row.field, row.aiValue, row.keptValue]).length + 40;
      if (cost > budget || snippet.length < 20) break;
      budget -= cost;
      examples.push({
        templateId,
        field: row.field,
        ticketSnippet: snippet,
        aiValue: row.aiValue,
        keptValue: row.keptValue,
      });
    }
    return examples;
  }

  /** Add freshly recorded corrections to indexes already loaded (others catch up when they load). */
  async add(corrections: readonly Correction[]): Promise<void> {
    for (const c of corrections) {
      const pending = this.loaded.get(c.templateId);
      if (!pending) continue;
      const loaded = await pending;
      const before = loaded.index.size;
      // One at a time, as a load catches up: a reloaded index answers as this one does.
      loaded.index.addAll([c]);
      loaded.unsaved += loaded.index.size - before;
      if (this.persist && !loaded.stale && loaded.unsaved >= this.saveEvery) {
        loaded.unsaved = 0;
        this.track(this.serial(c.templateId, () => this.save(c.templateId, loaded)));
      }
    }
  }

  /**
   * Records were deleted or imported. Each loaded index catches up with the rows added since it was
   * built (the next query waits for that one small read, so an imported pack is offered at once); when
   * rows were deleted it keeps answering (a deleted row is never returned: results are read back by id)
   * and is rebuilt from what is left in the background, so deleted tickets stop weighing on the ranking
   * and their numbers leave the saved snapshot too. Saved indexes not loaded are loaded and checked alike.
   */
  invalidate(): void {
    for (const [templateId, pending] of this.loaded) {
      const checked = this.serial(templateId, async () => {
        const loaded = await pending;
        await this.check(templateId, loaded);
        return loaded;
      });
      this.loaded.set(templateId, checked);
      // A failed check leaves the index as it was (its queries read back rows by id all the same).
      checked.catch(() => {
        if (this.loaded.get(templateId) === checked) this.loaded.set(templateId, pending);
      });
    }
    if (!this.persist) return;
    const kick = async () => {
      const stored = (await this.database().retrievalIndex.toCollection().primaryKeys()) as string[];
      for (const t of stored) if (!this.loaded.has(t)) await this.entry(t);
    };
    this.track(kick());
  }

  /** Catch up with the table; rows were deleted: rebuild in the background. */
  private async check(templateId: string, loaded: Loaded): Promise<void> {
    const database = this.database();
    const newer = await database.transaction('r', database.corrections, () =>
      this.readNewer(loaded.scannedThrough, loaded.tableCount),
    );
    this.catchUp(templateId, loaded, newer);
    if (loaded.stale) this.rebuild(templateId);
  }

  /**
   * Background start: build and save the index of every template that has corrections and no
   * snapshot yet (a database upgraded from version 2, a format change), so the first suggestion loads it.
   */
  async warm(): Promise<void> {
    if (!this.persist) return;
    const database = this.database();
    const keys = (await database.corrections.orderBy('[templateId+field]').uniqueKeys()) as unknown as [
      string,
      string,
    ][];
    const current = new Set(
      (await database.retrievalIndex.where('format').equals(INDEX_FORMAT).primaryKeys()) as string[],
    );
    for (const [t] of keys) {
      if (current.has(t) || this.loaded.has(t)) continue;
      await this.entry(t);
    }
    await this.settled();
  }

  /** Resolves once snapshot writes and background rebuilds started so far are over (tests, the bench). */
  async settled(): Promise<void> {
    while (this.background.size) await Promise.allSettled([...this.background]);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const tracked = work.finally(() => this.background.delete(tracked));
    tracked.catch(() => {});
    this.background.add(tracked);
    return tracked;
  }

  private serial<T>(templateId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(templateId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => {});
    this.chains.set(templateId, tail);
    void tail.then(() => {
      if (this.chains.get(templateId) === tail) this.chains.delete(templateId);
    });
    return next;
  }

  private entry(templateId: string): Promise<Loaded> {
    let pending = this.loaded.get(templateId);
    if (!pending) {
      pending = this.load(templateId);
      this.loaded.set(templateId, pending);
      pending.catch(() => {
        if (this.loaded.get(templateId) === pending) this.loaded.delete(templateId);
      });
    }
    return pending;
  }

  /** The saved index with what was recorded since, or (none saved) an index built from every row. */
  private async load(templateId: string): Promise<Loaded> {
    if (this.persist) {
      const database = this.database();
      const read = await database.transaction(
        'r',
        [database.retrievalIndex, database.corrections],
        async () => {
          const snapshot = await database.retrievalIndex.get(templateId);
          if (!snapshot || snapshot.format !== INDEX_FORMAT) return undefined;
          return { snapshot, newer: await this.readNewer(snapshot.scannedThrough, snapshot.tableCount) };
        },
      );
      const index = read && CorrectionIndex.from(read.snapshot.index);
      if (read && index) {
        const loaded: Loaded = {
          index,
          scannedThrough: read.snapshot.scannedThrough,
          tableCount: read.snapshot.tableCount,
          stale: false,
          unsaved: 0,
        };
        this.catchUp(templateId, loaded, read.newer);
        if (loaded.stale) this.rebuild(templateId);
        else if (loaded.unsaved >= this.saveEvery)
          this.track(this.serial(templateId, () => this.save(templateId, loaded)));
        return loaded;
      }
    }
    const loaded = await this.build(templateId);
    if (this.persist) this.track(this.serial(templateId, () => this.save(templateId, loaded)));
    return loaded;
  }

  /**
   * The rows above `after`, and whether rows were deleted: the table holds fewer than the `count` seen
   * at `after` plus these. Called inside a transaction, so the count and the rows agree.
   */
  private async readNewer(
    after: number,
    count: number,
  ): Promise<{ rows: Correction[]; deleted: boolean; count: number }> {
    const table = this.database().corrections;
    const rows: Correction[] = [];
    let last = after;
    for (;;) {
      const page = await table.where(':id').above(last).limit(READ_PAGE).toArray();
      rows.push(...page);
      if (page.length < READ_PAGE) break;
      last = page[page.length - 1]?.id as number;
    }
    const now = await table.count();
    return { rows, count: now, deleted: now !== count + rows.length };
  }

  /** Add what was read above `scannedThrough` (one at a time, as live adds do) and move it forward. */
  private catchUp(
    templateId: string,
    loaded: Loaded,
    newer: { rows: Correction[]; deleted: boolean; count: number },
  ): void {
    const before = loaded.index.size;
    for (const row of newer.rows) if (row.templateId === templateId) loaded.index.addAll([row]);
    loaded.unsaved += loaded.index.size - before;
    const last = newer.rows.at(-1)?.id;
    if (last !== undefined) loaded.scannedThrough = Math.max(loaded.scannedThrough, last);
    loaded.tableCount = newer.count;
    if (newer.deleted) loaded.stale = true;
  }

  /**
   * Every row of the template, by primary key in pages, leaving the event loop to queries and messages
   * between chunks. The table's count and last id are read with the first page: rows added later have
   * higher ids (a later catch-up skips those already in), a row deleted meanwhile shows in the count.
   */
  private async build(templateId: string): Promise<Loaded> {
    const index = new CorrectionIndex();
    const database = this.database();
    const table = database.corrections;
    const start = await database.transaction('r', table, async () => ({
      count: await table.count(),
      lastId: ((await table.orderBy(':id').lastKey()) as number | undefined) ?? 0,
      page: await table.where(':id').above(0).limit(READ_PAGE).toArray(),
    }));
    let rows = start.page;
    while (rows.length) {
      const mine = rows.filter((c) => c.templateId === templateId);
      for (let i = 0; i < mine.length; i += BUILD_SLICE) {
        index.addAll(mine.slice(i, i + BUILD_SLICE));
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (rows.length < READ_PAGE) break;
      rows = await table
        .where(':id')
        .above(rows[rows.length - 1]?.id as number)
        .limit(READ_PAGE)
        .toArray();
    }
    return { index, scannedThrough: start.lastId, tableCount: start.count, stale: false, unsaved: 0 };
  }

  /** Build again in the background; queries use the current index until the new one is in. */
  private rebuild(templateId: string): void {
    const running = this.rebuilds.get(templateId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    this.rebuilds.set(templateId, state);
    const run = async () => {
      try {
        do {
          state.again = false;
          const fresh = await this.build(templateId);
          // What was recorded or imported while it was being built; a row deleted meanwhile: again.
          await this.check(templateId, fresh);
          if (fresh.stale) state.again = true;
          if (state.again) continue;
          const previous = this.loaded.get(templateId);
          this.loaded.set(templateId, Promise.resolve(fresh));
          void previous?.then((old) => (old.replaced = true)).catch(() => {});
          if (this.persist) await this.serial(templateId, () => this.save(templateId, fresh));
        } while (state.again);
      } finally {
        this.rebuilds.delete(templateId);
      }
    };
    this.track(run());
  }

  /**
   * Write the snapshot: first catch up with the table (so `scannedThrough` and the count agree with
   * what the index holds), then one `put`. A failed write loses nothing (corrections are already stored
   * in their own transaction): the index stays in memory and the reason goes to the log.
   */
  private async save(templateId: string, loaded: Loaded): Promise<void> {
    if (loaded.stale || loaded.replaced) return;
    await this.check(templateId, loaded);
    if (loaded.stale) return;
    const snapshot: RetrievalSnapshot = {
      templateId,
      format: INDEX_FORMAT,
      scannedThrough: loaded.scannedThrough,
      tableCount: loaded.tableCount,
      savedAt: Date.now(),
      index: loaded.index.serialize(),
    };
    try {
      await this.database().retrievalIndex.put(snapshot);
      loaded.unsaved = 0;
    } catch (error) {
      // Closed: the extension context is going away, and the next start catches up from what is saved.
      if ((error as Error)?.name === 'DatabaseClosedError') return;
      this.warn(
        isQuotaError(error)
          ? `Deskmate: the retrieval index of template ${templateId} could not be saved: the browser's storage is full. Corrections are kept; the index stays in memory, and the next start loads the last one saved and catches up (or rebuilds it).`
          : `Deskmate: the retrieval index of template ${templateId} could not be saved (${(error as Error)?.name ?? 'error'}). Corrections are kept; the index stays in memory.`,
      );
    }
  }
}
