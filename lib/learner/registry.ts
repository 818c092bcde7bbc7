import type { DeskmateDb } from '../db/db';
import type { EnumLearner, EnumPrediction } from '../engine/ports';
import { type ClassifierState, OnlineClassifier } from './classifier';
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
}

/** What `learnerState.state` holds for a field. */
interface FieldLearnerState {
  classifier: ClassifierState;
  exemplars: ExemplarState;
}

/** `templateId.field`: one classifier per enum field of a template. */
export function learnerKey(templateId: string, field: string): string {
  return `${templateId}.${field}`;
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
    text: string,
    options: readonly string[],
  ): Promise<EnumPrediction | undefined> {
    const guess = await this.explain(templateId, field, text, options);
    if (guess && guess.confidence >= this.threshold) return guess;
    const { classifier, exemplars } = await this.learner(learnerKey(templateId, field));
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
    text: string,
    options: readonly string[],
  ): Promise<EnumPrediction | undefined> {
    const { classifier } = await this.learner(learnerKey(templateId, field));
    if (classifier.size < this.minExamples) return undefined;
    const allowed = options.length ? options : undefined;
    const result = classifier.predict(text, allowed);
    if (!result || result.probabilities.size < 2) return undefined;
    return { value: result.label, confidence: result.confidence };
  }

  /**
   * Learn the value the agent kept for this text: every agreement and correction trains the classifier;
   * a correction (`corrected`) is also remembered for near-identical tickets.
   */
  async learn(
    templateId: string,
    field: string,
    text: string,
    kept: string,
    corrected = false,
  ): Promise<void> {
    const key = learnerKey(templateId, field);
    const learner = await this.learner(key);
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

  /** Write pending state now (tests, and before the service worker may be stopped). */
  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const keys = [...this.dirty];
    this.dirty.clear();
    const rows = await Promise.all(
      keys.map(async (key) => ({
        key,
        state: toState(await this.learner(key)),
        updatedAt: Date.now(),
      })),
    );
    if (rows.length) await this.database().learnerState.bulkPut(rows);
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
    const fresh = new Map<string, FieldLearner>();
    const perKey = new Map<string, number>();
    let learned = 0;
    const rows = await database.corrections.orderBy('time').reverse().toArray();
    const selected = rows.filter((c) => {
      // Rows recorded with learning off are kept for the metrics only, never learned from.
      if (typeof c.keptValue !== 'string' || !c.contextSnippet || c.learnable === false || !isLearnable(c))
        return false;
      const key = learnerKey(c.templateId, c.field);
      const n = perKey.get(key) ?? 0;
      perKey.set(key, n + 1);
      return n < REBUILD_LIMIT;
    });
    for (const c of selected.reverse()) {
      const key = learnerKey(c.templateId, c.field);
      let learner = fresh.get(key);
      if (!learner) {
        learner = { classifier: new OnlineClassifier(), exemplars: new ExemplarMemory() };
        fresh.set(key, learner);
      }
      learner.classifier.update(c.contextSnippet, c.keptValue as string);
      if (!c.agreed) learner.exemplars.add(c.contextSnippet, c.keptValue as string);
      learned++;
    }
    // One consolidation at the end rather than at each doubling on the way: same passes, less work.
    for (const l of fresh.values()) if (l.classifier.consolidationDue) l.classifier.consolidate();
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
  async size(templateId: string, field: string): Promise<number> {
    return (await this.learner(learnerKey(templateId, field))).classifier.size;
  }

  private learner(key: string): Promise<FieldLearner> {
    let pending = this.learners.get(key);
    if (!pending) {
      pending = this.load(key);
      this.learners.set(key, pending);
    }
    return pending;
  }

  private async load(key: string): Promise<FieldLearner> {
    const row = await this.database().learnerState.get(key);
    const state = row?.state as Partial<FieldLearnerState> | undefined;
    try {
      if (state?.classifier) {
        return {
          classifier: OnlineClassifier.fromState(state.classifier),
          exemplars: ExemplarMemory.fromState(state.exemplars),
        };
      }
    } catch {
      // A state from another format: start afresh rather than fail every suggestion.
    }
    return { classifier: new OnlineClassifier(), exemplars: new ExemplarMemory() };
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.flush().catch(() => {});
    }, this.saveDelayMs);
  }
}

function toState(learner: FieldLearner): FieldLearnerState {
  return { classifier: learner.classifier.toState(), exemplars: learner.exemplars.toState() };
}
