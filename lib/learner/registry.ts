import type { DeskmateDb } from '../db/db';
import type { EnumLearner, EnumPrediction } from '../engine/ports';
import { type ClassifierDelta, type ClassifierState, OnlineClassifier } from './classifier';
import { ExemplarMemory, type ExemplarState } from './exemplars';

/**
 * Below this calibrated confidence the learner abstains and the field stays `missing`: a wrong
 * category costs the agent more than an empty one. Chosen from the learning benchmark (README) so
 * that what it does fill is right about 19 times in 20.
 */
export const DEFAULT_ABSTAIN_THRESHOLD = 0.85;
/** With fewer examples than this a field's learner abstains whatever it thinks. */
export const MIN_EXAMPLES = 10;
/** Corrections replayed when the learner is rebuilt (after "forget", import or a lost state). */
const REBUILD_LIMIT = 5000;
/**
 * Examples per slice of a background consolidation (about 10-40 ms each): between slices the service
 * worker answers other messages, so a consolidation of a few hundred ms never holds up a suggestion.
 */
const CONSOLIDATION_SLICE = 200;

export interface LocalLearnerOptions {
  threshold?: number;
  minExamples?: number;
  /** Delay before writing state after updates (several fields are learned at once on one apply). */
  saveDelayMs?: number;
  /** Delay between slices of a background consolidation. */
  consolidationDelayMs?: number;
}

/** One field's learning: the classifier, and the corrections kept for near-identical tickets. */
interface FieldLearner {
  classifier: OnlineClassifier;
  exemplars: ExemplarMemory;
  announcedGone: Set<string>;
}

const freshLearner = (): FieldLearner => ({
  classifier: new OnlineClassifier(),
  exemplars: new ExemplarMemory(),
  announcedGone: new Set(),
});

/** What `learnerState.state` holds for a field (row `key`: the whole state saved last). */
interface FieldLearnerState {
  classifier: ClassifierState;
  exemplars: ExemplarState;
  /** Learned values the panel already said the desk no longer offers (said once). */
  announcedGone?: string[];
}

/**
 * A save since the whole one, row `key#000001`, `key#000002`... (see `flush`): the classifier's
 * changes, the exemplars when they changed (a correction, not an agreement), the gone options.
 */
interface FieldLearnerDelta {
  delta: ClassifierDelta;
  exemplars?: ExemplarState;
  announcedGone?: string[];
}

/** The rows of a field's deltas sort in the order they were written. */
const deltaKey = (key: string, seq: number) => `${key}#${String(seq).padStart(6, '0')}`;
const deltaRange = (key: string) => [`${key}#`, `${key}#\uffff`] as const;

/** What is stored for a field since its last whole save: how many deltas, their size and the whole's. */
interface Saved {
  deltas: number;
  deltaBytes: number;
  wholeBytes: number;
}

/**
 * `templateId.field@site`: one classifier per enum field of a template on each desk, so two desks with
 * different queues never mix. Builds before that keyed by `templateId.field` alone (see `load`).
 */
export function learnerKey(templateId: string, field: string, site: string): string {
  return `${templateId}.${field}@${site}`;
}

/** One field's learner: which template field, on which desk. */
interface LearnerId {
  templateId: string;
  field: string;
  site: string;
}

/**
 * The local learner of every enum field, persisted in Dexie `learnerState`. Implements the pipeline's
 * `EnumLearner` port (lib/engine/ports.ts); lib/memory feeds it every correction and agreement.
 */
export class LocalLearner implements EnumLearner {
  private readonly learners = new Map<string, Promise<FieldLearner>>();
  private readonly dirty = new Set<string>();
  /** Classifiers a rebuild replaced: a background consolidation of one of them stops. */
  private readonly stale = new WeakSet<OnlineClassifier>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly threshold: number;
  private readonly minExamples: number;
  private readonly saveDelayMs: number;
  private readonly consolidationDelayMs: number;
  /** Fields whose consolidation is running, and its completion (tests and `flush` wait on it). */
  private readonly consolidating = new Map<string, Promise<void>>();
  /** Per field loaded or saved: what its rows hold (absent: write it whole next time). */
  private readonly saved = new Map<string, Saved>();

  constructor(
    private readonly database: () => DeskmateDb,
    options: LocalLearnerOptions = {},
  ) {
    this.threshold = options.threshold ?? DEFAULT_ABSTAIN_THRESHOLD;
    this.minExamples = options.minExamples ?? MIN_EXAMPLES;
    this.saveDelayMs = options.saveDelayMs ?? 500;
    this.consolidationDelayMs = options.consolidationDelayMs ?? 0;
  }

  /**
   * The calibrated best guess among `options`, or undefined (abstain) when unsure or untrained. When the
   * classifier abstains, a correction the agent made on a near-identical ticket still answers
   * (ExemplarMemory: close matches only, confidence at most 0.8), so a mistake is not made twice.
   */
  async predict(
    templateId: string,
    field: string,
    site: string,
    text: string,
    options: readonly string[],
  ): Promise<EnumPrediction | undefined> {
    const guess = await this.explain(templateId, field, site, text, options);
    if (guess && guess.confidence >= this.threshold) return guess;
    const { classifier, exemplars } = await this.learner({ templateId, field, site });
    const match = exemplars.match(text, options.length ? options : undefined, (id) => classifier.idf(id));
    return match ? { value: match.value, confidence: match.confidence } : undefined;
  }

  /**
   * The learner's best guess whatever its confidence (for cross-checking a model's value), or
   * undefined when it has too few examples to have an opinion.
   */
  async explain(
    templateId: string,
    field: string,
    site: string,
    text: string,
    options: readonly string[],
  ): Promise<EnumPrediction | undefined> {
    const { classifier } = await this.learner({ templateId, field, site });
    if (classifier.size < this.minExamples) return undefined;
    const allowed = options.length ? options : undefined;
    const result = classifier.predict(text, allowed);
    if (!result || result.probabilities.size < 2) return undefined;
    return { value: result.label, confidence: result.confidence };
  }

  /**
   * Values this field learned from the team's corrections that the desk no longer offers (an option
   * renamed or removed), not said before. They are never suggested (predictions keep to `options`);
   * this is for telling the agent once, so marking them said is part of asking.
   */
  async goneOptions(
    templateId: string,
    field: string,
    site: string,
    options: readonly string[],
  ): Promise<string[]> {
    if (!options.length) return [];
    const id = { templateId, field, site };
    const learner = await this.learner(id);
    const gone = learner.classifier.classes.filter(
      (c) => !options.includes(c) && !learner.announcedGone.has(c),
    );
    if (!gone.length) return [];
    for (const c of gone) learner.announcedGone.add(c);
    this.dirty.add(learnerKey(templateId, field, site));
    this.scheduleSave();
    return gone;
  }

  /**
   * Learn the value the agent kept for this text: every agreement and correction trains the classifier;
   * a correction (`corrected`) is also remembered for near-identical tickets.
   */
  async learn(
    templateId: string,
    field: string,
    site: string,
    text: string,
    kept: string,
    corrected = false,
  ): Promise<void> {
    const key = learnerKey(templateId, field, site);
    const learner = await this.learner({ templateId, field, site });
    learner.classifier.update(text, kept);
    if (corrected) learner.exemplars.add(text, kept);
    this.dirty.add(key);
    this.scheduleSave();
    if (learner.classifier.consolidationDue) this.consolidateLater(key, learner.classifier);
  }

  /** Resolves when every consolidation under way has finished (tests; the state is then saved). */
  async settled(): Promise<void> {
    while (this.consolidating.size) await Promise.all([...this.consolidating.values()]);
  }

  /**
   * Runs a due consolidation after the correction is recorded, in slices (`CONSOLIDATION_SLICE`
   * examples per macrotask), then saves. One per field at a time; a rebuild meanwhile makes it stop.
   */
  private consolidateLater(key: string, classifier: OnlineClassifier): void {
    if (this.consolidating.has(key)) return;
    const run = new Promise<void>((resolve) => {
      const slice = () => {
        // A rebuild replaced this field's learner: this one is no longer used.
        if (this.learners.get(key) === undefined || this.stale.has(classifier)) return resolve();
        let done = true;
        try {
          done = classifier.consolidate(CONSOLIDATION_SLICE);
        } catch {
          // Never leaves a consolidation hanging; the learner keeps its online weights.
        }
        if (!done) {
          setTimeout(slice, this.consolidationDelayMs);
          return;
        }
        this.dirty.add(key);
        this.scheduleSave();
        resolve();
      };
      setTimeout(slice, this.consolidationDelayMs);
    }).finally(() => this.consolidating.delete(key));
    this.consolidating.set(key, run);
  }

  /**
   * Write pending state now (each Apply, tests, and before the service worker may be stopped). A field
   * whose classifier changed in a few slots only is written as a delta row next to its whole state;
   * it is written whole again (its deltas deleted) once its deltas together would outweigh the whole,
   * so an Apply writes about what it changed, and loading reads at most twice the whole state.
   */
  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const keys = [...this.dirty];
    this.dirty.clear();
    if (!keys.length) return;
    const learners = await Promise.all(
      keys.map((key) => this.learners.get(key) ?? Promise.resolve(freshLearner())),
    );
    // From here to the transaction without awaiting: the deltas' order is the order they are written.
    const rows: { key: string; state: unknown; updatedAt: number }[] = [];
    const wholes: string[] = [];
    keys.forEach((key, i) => {
      const learner = learners[i] as FieldLearner;
      const saved = this.saved.get(key);
      if (saved && !learner.classifier.saveWhole) {
        const state: FieldLearnerDelta = {
          delta: learner.classifier.toDelta(),
          ...(learner.exemplars.unsaved ? { exemplars: learner.exemplars.toState() } : {}),
          announcedGone: [...learner.announcedGone],
        };
        const bytes = stateBytes(state);
        if (saved.deltaBytes + bytes <= saved.wholeBytes) {
          saved.deltas++;
          saved.deltaBytes += bytes;
          rows.push({ key: deltaKey(key, saved.deltas), state, updatedAt: Date.now() });
          learner.classifier.markSaved();
          learner.exemplars.markSaved();
          return;
        }
      }
      const state = toState(learner);
      this.saved.set(key, { deltas: 0, deltaBytes: 0, wholeBytes: stateBytes(state) });
      rows.push({ key, state, updatedAt: Date.now() });
      wholes.push(key);
      learner.classifier.markSaved();
      learner.exemplars.markSaved();
    });
    const database = this.database();
    await database.transaction('rw', database.learnerState, async () => {
      for (const key of wholes)
        await database.learnerState
          .where('key')
          .between(...deltaRange(key))
          .delete();
      await database.learnerState.bulkPut(rows);
    });
  }

  /**
   * Forget everything learned and learn again from the stored corrections (newest REBUILD_LIMIT per
   * field, oldest first). Used after "forget this ticket" and retention, so deleted tickets stop
   * influencing suggestions, and after a team-pack import.
   */
  async rebuild(isLearnable: (c: { field: string; keptValue: unknown }) => boolean): Promise<number> {
    const database = this.database();
    for (const pending of this.learners.values())
      void pending.then(
        (l) => this.stale.add(l.classifier),
        () => {},
      );
    this.learners.clear();
    this.dirty.clear();
    this.saved.clear();
    const perKey = new Map<string, number>();
    const rows = await database.corrections.orderBy('time').reverse().toArray();
    const selected = rows.filter((c) => {
      // Rows recorded with learning off are kept for the metrics only, never learned from.
      if (typeof c.keptValue !== 'string' || !c.contextSnippet || c.learnable === false || !isLearnable(c))
        return false;
      const key = learnerKey(c.templateId, c.field, c.site);
      const n = perKey.get(key) ?? 0;
      perKey.set(key, n + 1);
      return n < REBUILD_LIMIT;
    });
    const fresh = learnFrom(selected.reverse());
    const learned = selected.length;
    await database.transaction('rw', database.learnerState, async () => {
      await database.learnerState.clear();
      await database.learnerState.bulkPut(
        [...fresh].map(([key, l]) => ({ key, state: toState(l), updatedAt: Date.now() })),
      );
    });
    for (const [key, l] of fresh) this.learners.set(key, Promise.resolve(l));
    return learned;
  }

  /** How many examples a field's learner has seen (0 when none). */
  async size(templateId: string, field: string, site: string): Promise<number> {
    return (await this.learner({ templateId, field, site })).classifier.size;
  }

  private learner(id: LearnerId): Promise<FieldLearner> {
    const key = learnerKey(id.templateId, id.field, id.site);
    let pending = this.learners.get(key);
    if (!pending) {
      pending = this.load(id);
      this.learners.set(key, pending);
    }
    return pending;
  }

  private async load(id: LearnerId): Promise<FieldLearner> {
    const database = this.database();
    const key = learnerKey(id.templateId, id.field, id.site);
    const [row, deltas] = await database.transaction('r', database.learnerState, () =>
      Promise.all([
        database.learnerState.get(key),
        database.learnerState
          .where('key')
          .between(...deltaRange(key))
          .toArray(),
      ]),
    );
    if (row) return this.restore(key, row.state as Partial<FieldLearnerState>, deltas);
    // A learner saved before states were kept per desk (key without the site): relearn this template
    // field per desk from its stored corrections once, then drop the old state.
    const legacyKey = `${id.templateId}.${id.field}`;
    if (!(await database.learnerState.get(legacyKey))) return freshLearner();
    const rows = await database.corrections
      .where('[templateId+field]')
      .equals([id.templateId, id.field])
      .toArray();
    const usable = rows
      .filter((c) => typeof c.keptValue === 'string' && c.contextSnippet && c.learnable !== false)
      .sort((a, b) => a.time - b.time)
      .slice(-REBUILD_LIMIT);
    const relearned = learnFrom(usable);
    await database.transaction('rw', database.learnerState, async () => {
      await database.learnerState.bulkPut(
        [...relearned].map(([key, l]) => ({ key, state: toState(l), updatedAt: Date.now() })),
      );
      await database.learnerState.delete(legacyKey);
    });
    for (const [key, l] of relearned) if (!this.learners.has(key)) this.learners.set(key, Promise.resolve(l));
    return relearned.get(learnerKey(id.templateId, id.field, id.site)) ?? freshLearner();
  }

  /**
   * The whole state and the deltas after it, in order. A delta that does not apply (a state from
   * another format) leaves the whole state alone, and the next save writes it whole.
   */
  private restore(
    key: string,
    whole: Partial<FieldLearnerState>,
    deltas: readonly { state: unknown }[],
  ): FieldLearner {
    let learner = fromState(whole);
    // No whole state, or one of another format (fromState started afresh): the deltas do not apply.
    if (!whole?.classifier || learner.classifier.size !== whole.classifier.updates) return learner;
    let deltaBytes = 0;
    try {
      for (const row of deltas) {
        const d = row.state as FieldLearnerDelta;
        learner.classifier.applyDelta(d.delta);
        if (d.exemplars) learner.exemplars = ExemplarMemory.fromState(d.exemplars);
        learner.announcedGone = new Set(d.announcedGone ?? []);
        deltaBytes += stateBytes(d);
      }
    } catch {
      learner = fromState(whole);
      return learner;
    }
    learner.classifier.markSaved();
    learner.exemplars.markSaved();
    this.saved.set(key, { deltas: deltas.length, deltaBytes, wholeBytes: stateBytes(whole) });
    return learner;
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.flush().catch(() => {});
    }, this.saveDelayMs);
  }
}

/** Learners for the given corrections (oldest first), one per template field and desk. */
function learnFrom(
  rows: readonly {
    templateId: string;
    field: string;
    site: string;
    contextSnippet: string;
    keptValue: unknown;
    agreed?: boolean;
  }[],
): Map<string, FieldLearner> {
  const fresh = new Map<string, FieldLearner>();
  for (const c of rows) {
    const key = learnerKey(c.templateId, c.field, c.site);
    let learner = fresh.get(key);
    if (!learner) {
      learner = freshLearner();
      fresh.set(key, learner);
    }
    learner.classifier.update(c.contextSnippet, c.keptValue as string);
    if (!c.agreed) learner.exemplars.add(c.contextSnippet, c.keptValue as string);
  }
  // One consolidation at the end rather than at each doubling on the way: same passes, less work.
  for (const l of fresh.values()) if (l.classifier.consolidationDue) l.classifier.consolidate();
  return fresh;
}

function fromState(state: Partial<FieldLearnerState> | undefined): FieldLearner {
  try {
    if (state?.classifier) {
      return {
        classifier: OnlineClassifier.fromState(state.classifier),
        exemplars: ExemplarMemory.fromState(state.exemplars),
        announcedGone: new Set(state.announcedGone ?? []),
      };
    }
  } catch {
    // A state from another format: start afresh rather than fail every suggestion.
  }
  return freshLearner();
}

/** Bytes of the typed arrays of a state (its size in IndexedDB, near enough). */
function stateBytes(value: unknown, depth = 0): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (depth > 3 || value === null || typeof value !== 'object') return 0;
  let bytes = 0;
  for (const v of Object.values(value)) bytes += stateBytes(v, depth + 1);
  return bytes;
}

function toState(learner: FieldLearner): FieldLearnerState {
  return {
    classifier: learner.classifier.toState(),
    exemplars: learner.exemplars.toState(),
    announcedGone: [...learner.announcedGone],
  };
}
