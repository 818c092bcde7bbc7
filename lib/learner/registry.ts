import type { DeskmateDb } from '../db/db';
import type { EnumLearner, EnumPrediction } from '../engine/ports';
import { type ClassifierState, OnlineClassifier } from './classifier';

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

export interface LocalLearnerOptions {
  threshold?: number;
  minExamples?: number;
  /** Delay before writing state after updates (several fields are learned at once on one apply). */
  saveDelayMs?: number;
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
  private readonly classifiers = new Map<string, Promise<OnlineClassifier>>();
  private readonly dirty = new Set<string>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly threshold: number;
  private readonly minExamples: number;
  private readonly saveDelayMs: number;

  constructor(
    private readonly database: () => DeskmateDb,
    options: LocalLearnerOptions = {},
  ) {
    this.threshold = options.threshold ?? DEFAULT_ABSTAIN_THRESHOLD;
    this.minExamples = options.minExamples ?? MIN_EXAMPLES;
    this.saveDelayMs = options.saveDelayMs ?? 500;
  }

  /** The calibrated best guess among `options`, or undefined (abstain) when unsure or untrained. */
  async predict(
    templateId: string,
    field: string,
    text: string,
    options: readonly string[],
  ): Promise<EnumPrediction | undefined> {
    const guess = await this.explain(templateId, field, text, options);
    if (!guess || guess.confidence < this.threshold) return undefined;
    return guess;
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
    const classifier = await this.classifier(learnerKey(templateId, field));
    if (classifier.size < this.minExamples) return undefined;
    const allowed = options.length ? options : undefined;
    const result = classifier.predict(text, allowed);
    if (!result || result.probabilities.size < 2) return undefined;
    return { value: result.label, confidence: result.confidence };
  }

  /** Learn the value the agent kept for this text (a correction or an agreement). */
  async learn(templateId: string, field: string, text: string, kept: string): Promise<void> {
    const key = learnerKey(templateId, field);
    (await this.classifier(key)).update(text, kept);
    this.dirty.add(key);
    this.scheduleSave();
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
        state: (await this.classifier(key)).toState(),
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
    this.classifiers.clear();
    this.dirty.clear();
    const fresh = new Map<string, OnlineClassifier>();
    const perKey = new Map<string, number>();
    let learned = 0;
    const rows = await database.corrections.orderBy('time').reverse().toArray();
    const selected = rows.filter((c) => {
      if (typeof c.keptValue !== 'string' || !c.contextSnippet || !isLearnable(c)) return false;
      const key = learnerKey(c.templateId, c.field);
      const n = perKey.get(key) ?? 0;
      perKey.set(key, n + 1);
      return n < REBUILD_LIMIT;
    });
    for (const c of selected.reverse()) {
      const key = learnerKey(c.templateId, c.field);
      let classifier = fresh.get(key);
      if (!classifier) {
        classifier = new OnlineClassifier();
        fresh.set(key, classifier);
      }
      classifier.update(c.contextSnippet, c.keptValue as string);
      learned++;
    }
    await database.transaction('rw', database.learnerState, async () => {
      await database.learnerState.clear();
      await database.learnerState.bulkPut(
        [...fresh].map(([key, c]) => ({ key, state: c.toState(), updatedAt: Date.now() })),
      );
    });
    for (const [key, c] of fresh) this.classifiers.set(key, Promise.resolve(c));
    return learned;
  }

  /** How many examples a field's learner has seen (0 when none). */
  async size(templateId: string, field: string): Promise<number> {
    return (await this.classifier(learnerKey(templateId, field))).size;
  }

  private classifier(key: string): Promise<OnlineClassifier> {
    let pending = this.classifiers.get(key);
    if (!pending) {
      pending = this.load(key);
      this.classifiers.set(key, pending);
    }
    return pending;
  }

  private async load(key: string): Promise<OnlineClassifier> {
    const row = await this.database().learnerState.get(key);
    if (!row) return new OnlineClassifier();
    try {
      return OnlineClassifier.fromState(row.state as ClassifierState);
    } catch {
      // A state from another format: start afresh rather than fail every suggestion.
      return new OnlineClassifier();
    }
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.flush().catch(() => {});
    }, this.saveDelayMs);
  }
}
