import { fitTemperature, type ScoredOutcome } from './calibration';
import { type FeatureBag, featureKind, featurize } from './features';

/**
 * An online multinomial logistic regression over hashed TF-IDF features, for one enum field.
 *
 * Why this shape: it must learn from a handful of corrections, keep learning from every agreement,
 * run in well under a millisecond, and say how sure it is. So:
 * - AdaGrad steps (per-weight learning rates suit sparse text: rare words move fast);
 * - rehearsal: each update also replays a few past examples from a small buffer, which gives the
 *   accuracy of several training epochs without re-reading the database;
 * - an L2 penalty spread by document frequency (see `l2`), which batch logistic regression has and an
 *   unpenalised online one lacks: without it the weights of distinctive words grow and it over-fits;
 * - consolidation at 50, 100, 200... updates (see `consolidate`): a few passes over the stored examples,
 *   which brings the online weights close to a batch fit;
 * - temperature scaling fitted on the learner's own out-of-sample (predict-then-learn) scores, so the
 *   confidence it reports is a probability, and abstention below a threshold means what it says.
 * Weights live in one flat Float32Array indexed by a feature slot and a class: compact, and it is
 * stored as is (IndexedDB keeps typed arrays).
 */

export interface ClassifierOptions {
  /** AdaGrad base step. */
  learningRate: number;
  /** Past examples replayed per update. */
  replay: number;
  /** Examples kept for replay (reservoir: old classes are not forgotten). */
  bufferSize: number;
  /** Out-of-sample scores kept for the temperature fit. */
  calibrationWindow: number;
  /** Refit the temperature every this many updates. */
  refitEvery: number;
  /** Weight of words, word pairs and character n-grams before normalising. */
  kindWeights: readonly [number, number, number];
  /**
   * Naive Bayes prior: its scores are added with weight `priorWeight / (priorWeight + updates)`, so it
   * leads while corrections are few and fades out; 0 turns it off.
   */
  priorWeight: number;
  /** Additive smoothing of the prior's per-class feature mass. */
  priorSmoothing: number;
  /** After this many updates the prior no longer matters: it is dropped (state stays compact). */
  priorUntil: number;
  /**
   * L2 penalty. A sparse step only touches the weights of the example's features, so the penalty is
   * applied there, divided by the feature's document frequency: a feature then gets about the same
   * shrinkage in total whether it is in 5 tickets or 500, as with batch L2 (a plain per-touch penalty
   * held frequent features back most and gained half as much). Without it the weights of a few
   * distinctive words keep growing and the model over-fits overlapping classes (it_service at 1,000
   * corrections: 0.749 -> 0.775, mean of 5 seeds; see README).
   */
  l2: number;
  /**
   * Consolidation (see `consolidate`): the first after this many updates, then each time the count
   * doubles (50, 100, 200, 400...), so its cost per update stays bounded; 0 turns it off.
   */
  consolidateFrom: number;
  /** Shuffled passes over the replay buffer per consolidation. */
  consolidateEpochs: number;
  /**
   * AdaGrad's squared-gradient sums are scaled by this before a consolidation: they only grow, so by
   * then the steps are too small to move the weights much; a fraction of them restores larger steps.
   */
  consolidateReset: number;
}

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  learningRate: 0.2,
  replay: 4,
  bufferSize: 3000,
  calibrationWindow: 400,
  refitEvery: 20,
  kindWeights: [1, 0.5, 0.25],
  priorWeight: 500,
  priorSmoothing: 0.01,
  priorUntil: 400,
  l2: 0.03,
  consolidateFrom: 50,
  consolidateEpochs: 4,
  consolidateReset: 0.03,
};

/** A prediction over the classes allowed: best class, its calibrated probability, every probability. */
export interface ClassProbabilities {
  label: string;
  confidence: number;
  probabilities: Map<string, number>;
}

/**
 * What a state and a delta both carry whole: the small parts, the calibration, the random state, and
 * replay examples packed alike (a state's whole buffer, a delta's changed examples).
 */
interface CommonParts {
  format: 1;
  labels: string[];
  classCap: number;
  updates: number;
  temperature: number;
  bias: Float32Array;
  biasGradSq: Float32Array;
  docs: number;
  bufferOffsets: Uint32Array;
  /** Replay examples as feature slots (not hashes: slots are stable once given). */
  bufferSlots: Uint32Array;
  bufferCounts: Float32Array;
  bufferLabels: Uint16Array;
  bufferSeen: number;
  calibrationScores: Float32Array[];
  calibrationLabels: Uint16Array;
  rng: number;
}

/** The persisted form: plain data and typed arrays only (structured-clone friendly, no content). */
export interface ClassifierState extends CommonParts {
  slotIds: Uint32Array;
  weights: Float32Array;
  gradSq: Float32Array;
  /** Document frequency per feature slot (for IDF). */
  dfBySlot: Uint32Array;
  /** Naive Bayes prior (absent once it was dropped, or in states saved before it existed). */
  priorMass?: Float32Array;
  priorClassMass?: Float32Array;
  /** Update count at the last consolidation (absent in states saved before it existed: 0). */
  consolidatedAt?: number;
}

/**
 * What changed since the last save (`markSaved`), for a partial write (lib/learner/registry.ts): the
 * small parts whole, and of the per-slot arrays and the replay buffer only the slots and examples
 * touched. Why: the whole state grows with every correction (about 15 MB after 3,000 on it_service),
 * and writing it at each Apply made recording a correction O(corrections); an update touches the
 * slots of five examples, a few hundred kilobytes. `fromState(base)` then `applyDelta` of every delta
 * since, in order, restores exactly what `toState()` would have given.
 */
export interface ClassifierDelta extends CommonParts {
  /** Ids of the slots added since the last save (they follow the slots saved before). */
  newSlotIds: Uint32Array;
  /** Slots whose document frequency, weights, gradient sums or prior mass changed, with their rows. */
  slots: Uint32Array;
  dfBySlot: Uint32Array;
  weights: Float32Array;
  gradSq: Float32Array;
  priorMass?: Float32Array;
  priorClassMass?: Float32Array;
  /** Replay examples added or replaced (their buffer positions, ascending), packed as in the state. */
  bufferIndices: Uint32Array;
  consolidatedAt: number;
}

interface Example {
  slots: Int32Array;
  counts: Float32Array;
  label: number;
}

interface Vector {
  slots: Int32Array;
  values: Float32Array;
}

const EPS = 1e-6;

export class OnlineClassifier {
  readonly options: ClassifierOptions;
  private labels: string[] = [];
  private labelIndex = new Map<string, number>();
  private classCap = 8;
  private updates = 0;
  private temperature = 1;
  private bias = new Float32Array(8);
  private biasGradSq = new Float32Array(8);
  private slotOf = new Map<number, number>();
  private slotIds: number[] = [];
  private weights = new Float32Array(1024 * 8);
  private gradSq = new Float32Array(1024 * 8);
  private docs = 0;
  private df = new Uint32Array(1024);
  /** Per slot: log(1 + df) and the weight of the feature's kind, cached (vectorising is the hot path). */
  private logDf = new Float32Array(1024);
  private slotWeight = new Float32Array(1024);
  private buffer: Example[] = [];
  private bufferSeen = 0;
  private calibration: ScoredOutcome[] = [];
  private rng = 0x2545f491;
  /** Naive Bayes prior: TF-IDF mass per slot and class, and per class (dropped after `priorUntil`). */
  private priorMass: Float32Array | undefined = new Float32Array(1024 * 8);
  private priorClassMass = new Float32Array(8);
  /** Update count at the last consolidation, and the one in progress (not persisted: it restarts). */
  private consolidatedAt = 0;
  private consolidation: { order: Uint32Array; epoch: number; next: number; at: number } | undefined;
  /**
   * Changes since the last save (`markSaved`), for `toDelta`: slots and buffer positions touched, the
   * slot count then, and whether everything may have changed (never saved, consolidation, more classes).
   */
  private touched = new Uint8Array(1024);
  private touchedSlots: number[] = [];
  private touchedBuffer = new Set<number>();
  private savedSlots = 0;
  private changedWhole = true;

  constructor(options: Partial<ClassifierOptions> = {}) {
    this.options = { ...DEFAULT_CLASSIFIER_OPTIONS, ...options };
  }

  /** How many corrections and agreements it learned from. */
  get size(): number {
    return this.updates;
  }

  /** Classes seen so far, in first-seen order. */
  get classes(): readonly string[] {
    return this.labels;
  }

  /** Current calibration temperature (1 = raw softmax). */
  get currentTemperature(): number {
    return this.temperature;
  }

  /** Smoothed inverse document frequency of a feature over every text learned from. */
  idf(id: number): number {
    const slot = this.slotOf.get(id);
    const df = slot === undefined ? 0 : (this.df[slot] as number);
    return Math.log((1 + this.docs) / (1 + df)) + 1;
  }

  /**
   * Probabilities over `allowed` (the template's options; default every class seen). Classes never
   * seen are left out: the learner has no evidence for them. Undefined when fewer than one is known.
   */
  predict(text: string, allowed?: readonly string[]): ClassProbabilities | undefined {
    return this.predictBag(featurize(text), allowed);
  }

  predictBag(bag: FeatureBag, allowed?: readonly string[]): ClassProbabilities | undefined {
    const classes = (allowed ?? this.labels)
      .map((label) => this.labelIndex.get(label))
      .filter((k): k is number => k !== undefined);
    if (classes.length === 0) return undefined;
    const x = this.vectorize(this.slotsOf(bag, false), bag.counts, bag.ids);
    const scores = this.withPrior(x, this.scores(x));
    let max = -Infinity;
    for (const k of classes) max = Math.max(max, (scores[k] as number) / this.temperature);
    let sum = 0;
    const exp = classes.map((k) => {
      const e = Math.exp((scores[k] as number) / this.temperature - max);
      sum += e;
      return e;
    });
    const probabilities = new Map<string, number>();
    let best = 0;
    classes.forEach((k, i) => {
      const p = (exp[i] as number) / sum;
      probabilities.set(this.labels[k] as string, p);
      if (p > (exp[best] as number) / sum) best = i;
    });
    const label = this.labels[classes[best] as number] as string;
    return { label, confidence: probabilities.get(label) ?? 0, probabilities };
  }

  /** Learn that the agent kept `label` for this text (a correction or an agreement). */
  update(text: string, label: string): void {
    this.updateBag(featurize(text), label);
  }

  updateBag(bag: FeatureBag, label: string): void {
    const y = this.classIdOf(label);
    const slots = this.slotsOf(bag, true);
    for (const slot of slots) {
      const df = (this.df[slot] as number) + 1;
      this.df[slot] = df;
      this.logDf[slot] = Math.log(1 + df);
      this.touch(slot);
    }
    this.docs++;
    const x = this.vectorize(slots, bag.counts, bag.ids);
    // The scores before learning are an honest out-of-sample prediction: keep them for calibration.
    const before = this.scores(x);
    const blended = this.withPrior(x, before.slice());
    this.calibration.push({ scores: blended.slice(0, this.labels.length), label: y });
    if (this.calibration.length > this.options.calibrationWindow) this.calibration.shift();
    this.step(x, y, before);
    for (let r = 0; r < this.options.replay && this.buffer.length > 0; r++) {
      const past = this.buffer[this.random() % this.buffer.length] as Example;
      this.step(this.vectorize(past.slots, past.counts), past.label);
    }
    this.remember({ slots, counts: bag.counts, label: y });
    this.learnPrior(x, y);
    this.updates++;
    if (this.updates >= this.options.priorUntil) this.priorMass = undefined;
    if (this.updates % this.options.refitEvery === 0) this.temperature = fitTemperature(this.calibration);
  }

  /**
   * Whether a consolidation is due: the count reached `consolidateFrom`, then twice the count at the
   * last one. The caller runs `consolidate` then (the extension does it in slices in the background,
   * so recording a correction never waits for it).
   */
  get consolidationDue(): boolean {
    const from = this.options.consolidateFrom;
    if (from <= 0 || this.updates < from) return false;
    return this.updates >= Math.max(from, 2 * this.consolidatedAt);
  }

  /**
   * Consolidation: a few shuffled passes (`consolidateEpochs`) over the replay buffer, which holds
   * every correction until `bufferSize` (then a uniform sample), then the temperature is refitted.
   * Why: online steps see each example a few times at a learning rate that only shrinks, so the
   * weights stay short of what a batch fit on the same corrections reaches (it_service at 1,000
   * corrections: 0.775 -> 0.785, mean of 5 seeds; see README). Doubling the interval bounds the cost
   * to about 2 * epochs extra steps per update.
   *
   * `maxSteps` bounds the work of this call (one step = one example): it returns false while passes
   * remain, and the next call goes on where it stopped, with the same result as one call.
   */
  consolidate(maxSteps = Number.POSITIVE_INFINITY): boolean {
    // Passes over every example touch most weights: the next save is a whole one.
    this.changedWhole = true;
    if (!this.consolidation) {
      const reset = this.options.consolidateReset;
      for (let j = 0; j < this.gradSq.length; j++) this.gradSq[j] = (this.gradSq[j] as number) * reset;
      for (let k = 0; k < this.biasGradSq.length; k++)
        this.biasGradSq[k] = (this.biasGradSq[k] as number) * reset;
      this.consolidation = {
        order: new Uint32Array(this.buffer.length),
        epoch: 0,
        next: this.buffer.length,
        at: this.updates,
      };
    }
    const plan = this.consolidation;
    let steps = 0;
    while (plan.epoch < this.options.consolidateEpochs) {
      if (plan.next >= plan.order.length) {
        // A new pass: a fresh shuffle (Fisher-Yates) of the examples kept when it started.
        for (let i = 0; i < plan.order.length; i++) plan.order[i] = i;
        for (let i = plan.order.length - 1; i > 0; i--) {
          const j = this.random() % (i + 1);
          const t = plan.order[i] as number;
          plan.order[i] = plan.order[j] as number;
          plan.order[j] = t;
        }
        plan.next = 0;
      }
      while (plan.next < plan.order.length) {
        if (steps >= maxSteps) return false;
        // Updates between slices may replace buffered examples; an index stays valid (it never shrinks).
        const past = this.buffer[plan.order[plan.next] as number] as Example;
        this.step(this.vectorize(past.slots, past.counts), past.label);
        plan.next++;
        steps++;
      }
      plan.epoch++;
    }
    this.consolidation = undefined;
    this.consolidatedAt = plan.at;
    this.temperature = fitTemperature(this.calibration);
    return true;
  }

  private classIdOf(label: string): number {
    const known = this.labelIndex.get(label);
    if (known !== undefined) return known;
    const k = this.labels.length;
    if (k >= 65535) throw new Error('Too many classes for one field.');
    this.labels.push(label);
    this.labelIndex.set(label, k);
    if (k >= this.classCap) this.growClasses(this.classCap * 2);
    return k;
  }

  private growClasses(cap: number): void {
    const slots = this.weights.length / this.classCap;
    const weights = new Float32Array(slots * cap);
    const gradSq = new Float32Array(slots * cap);
    for (let s = 0; s < slots; s++) {
      weights.set(this.weights.subarray(s * this.classCap, (s + 1) * this.classCap), s * cap);
      gradSq.set(this.gradSq.subarray(s * this.classCap, (s + 1) * this.classCap), s * cap);
    }
    let priorMass: Float32Array | undefined;
    if (this.priorMass) {
      const mass = this.priorMass;
      priorMass = new Float32Array(slots * cap);
      for (let s = 0; s < slots; s++)
        priorMass.set(mass.subarray(s * this.classCap, (s + 1) * this.classCap), s * cap);
    }
    const priorClassMass = new Float32Array(cap);
    priorClassMass.set(this.priorClassMass);
    const bias = new Float32Array(cap);
    bias.set(this.bias);
    const biasGradSq = new Float32Array(cap);
    biasGradSq.set(this.biasGradSq);
    // The weights' layout changed: the next save is a whole one.
    this.changedWhole = true;
    Object.assign(this, {
      weights,
      gradSq,
      bias,
      biasGradSq,
      priorMass,
      priorClassMass,
      classCap: cap,
    });
  }

  private slotFor(id: number): number {
    let slot = this.slotOf.get(id);
    if (slot !== undefined) return slot;
    slot = this.slotIds.length;
    this.slotIds.push(id);
    this.slotOf.set(id, slot);
    this.ensureSlots(slot + 1);
    this.slotWeight[slot] = this.options.kindWeights[featureKind(id)] ?? 1;
    return slot;
  }

  /** Room for `n` slots in the per-slot arrays (doubling). */
  private ensureSlots(n: number): void {
    while (n * this.classCap > this.weights.length) {
      const weights = new Float32Array(this.weights.length * 2);
      weights.set(this.weights);
      const gradSq = new Float32Array(this.gradSq.length * 2);
      gradSq.set(this.gradSq);
      this.weights = weights;
      this.gradSq = gradSq;
      if (this.priorMass) {
        const priorMass = new Float32Array(weights.length);
        priorMass.set(this.priorMass);
        this.priorMass = priorMass;
      }
    }
    let size = this.df.length;
    while (n > size) size *= 2;
    if (size > this.df.length) this.growSlotArrays(size);
  }

  private touch(slot: number): void {
    if (this.touched[slot]) return;
    this.touched[slot] = 1;
    this.touchedSlots.push(slot);
  }

  private growSlotArrays(size: number): void {
    const df = new Uint32Array(size);
    df.set(this.df.subarray(0, Math.min(size, this.df.length)));
    const logDf = new Float32Array(size);
    logDf.set(this.logDf.subarray(0, Math.min(size, this.logDf.length)));
    const slotWeight = new Float32Array(size);
    slotWeight.set(this.slotWeight.subarray(0, Math.min(size, this.slotWeight.length)));
    const touched = new Uint8Array(size);
    touched.set(this.touched.subarray(0, Math.min(size, this.touched.length)));
    this.df = df;
    this.logDf = logDf;
    this.slotWeight = slotWeight;
    this.touched = touched;
  }

  /** Feature slots of a bag; with `create`, features never seen get one (else -1). */
  private slotsOf(bag: FeatureBag, create: boolean): Int32Array {
    const slots = new Int32Array(bag.ids.length);
    for (let i = 0; i < bag.ids.length; i++) {
      const id = bag.ids[i] as number;
      slots[i] = create ? this.slotFor(id) : (this.slotOf.get(id) ?? -1);
    }
    return slots;
  }

  /**
   * Sublinear TF times smoothed IDF, weighted by feature kind, L2-normalised. Unknown features (slot -1)
   * count in the norm, as in batch TF-IDF, but carry no weight.
   */
  private vectorize(slots: Int32Array, counts: Float32Array, ids?: Uint32Array): Vector {
    const n = slots.length;
    const values = new Float32Array(n);
    const kindWeights = this.options.kindWeights;
    const logDocs = Math.log(1 + this.docs);
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const slot = slots[i] as number;
      const c = counts[i] as number;
      const tf = c === 1 ? 1 : 1 + Math.log(c);
      const v =
        slot >= 0
          ? tf * (logDocs - (this.logDf[slot] as number) + 1) * (this.slotWeight[slot] as number)
          : tf * (logDocs + 1) * (kindWeights[featureKind((ids as Uint32Array)[i] as number)] ?? 1);
      values[i] = v;
      norm += v * v;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < n; i++) values[i] = (values[i] as number) * scale;
    return { slots, values };
  }

  private scores(x: Vector): Float32Array {
    const K = this.labels.length;
    const out = new Float32Array(Math.max(K, 1));
    for (let k = 0; k < K; k++) out[k] = this.bias[k] as number;
    const cap = this.classCap;
    for (let i = 0; i < x.slots.length; i++) {
      const slot = x.slots[i] as number;
      if (slot < 0) continue;
      const v = x.values[i] as number;
      const base = slot * cap;
      for (let k = 0; k < K; k++) out[k] = (out[k] as number) + v * (this.weights[base + k] as number);
    }
    return out;
  }

  /** Weight of the naive Bayes prior now: it leads while corrections are few, then fades out. */
  private priorBeta(): number {
    const w = this.options.priorWeight;
    if (!this.priorMass || w <= 0) return 0;
    // Tapered to 0 at `priorUntil`, so dropping it then does not change scores (nor the temperature fit).
    const taper = Math.max(0, 1 - this.updates / this.options.priorUntil);
    return (w / (w + this.updates)) * taper;
  }

  /**
   * Adds the multinomial naive Bayes log-likelihood (over the same TF-IDF vector) to `scores`, weighted
   * by `priorBeta()`. Why: with a few dozen corrections, counting beats gradient steps, which have not
   * converged yet; as corrections accumulate the regression is better and the prior fades out.
   */
  private withPrior(x: Vector, scores: Float32Array): Float32Array {
    const beta = this.priorBeta();
    const mass = this.priorMass;
    if (beta === 0 || !mass) return scores;
    const K = this.labels.length;
    const alpha = this.options.priorSmoothing;
    const cap = this.classCap;
    const denom = alpha * Math.max(this.slotIds.length, 1);
    // No class-frequency term: the regression's bias already carries it.
    const nb = new Float64Array(K);
    let total = 0;
    for (let i = 0; i < x.slots.length; i++) {
      const slot = x.slots[i] as number;
      if (slot < 0) continue;
      const v = x.values[i] as number;
      total += v;
      const base = slot * cap;
      for (let k = 0; k < K; k++)
        nb[k] = (nb[k] as number) + v * Math.log((mass[base + k] as number) + alpha);
    }
    for (let k = 0; k < K; k++) {
      const ll = (nb[k] as number) - total * Math.log((this.priorClassMass[k] as number) + denom);
      scores[k] = (scores[k] as number) + beta * ll;
    }
    return scores;
  }

  private learnPrior(x: Vector, y: number): void {
    const mass = this.priorMass;
    if (!mass) return;
    const cap = this.classCap;
    let total = 0;
    for (let i = 0; i < x.slots.length; i++) {
      const v = x.values[i] as number;
      const j = (x.slots[i] as number) * cap + y;
      mass[j] = (mass[j] as number) + v;
      total += v;
    }
    this.priorClassMass[y] = (this.priorClassMass[y] as number) + total;
  }

  /** One AdaGrad step on the softmax cross-entropy. */
  private step(x: Vector, y: number, precomputed?: Float32Array): void {
    const K = this.labels.length;
    const scores = precomputed && precomputed.length >= K ? precomputed : this.scores(x);
    let max = -Infinity;
    for (let k = 0; k < K; k++) max = Math.max(max, scores[k] as number);
    const grad = new Float32Array(K);
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp((scores[k] as number) - max);
      grad[k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) grad[k] = (grad[k] as number) / sum - (k === y ? 1 : 0);
    const lr = this.options.learningRate;
    const l2 = this.options.l2;
    const cap = this.classCap;
    for (let i = 0; i < x.slots.length; i++) {
      const slot = x.slots[i] as number;
      const v = x.values[i] as number;
      const base = slot * cap;
      const decay = l2 / Math.max(1, this.df[slot] as number);
      this.touch(slot);
      for (let k = 0; k < K; k++) {
        const j = base + k;
        const g = (grad[k] as number) * v + decay * (this.weights[j] as number);
        if (g === 0) continue;
        const gs = (this.gradSq[j] as number) + g * g;
        this.gradSq[j] = gs;
        this.weights[j] = (this.weights[j] as number) - (lr * g) / (Math.sqrt(gs) + EPS);
      }
    }
    for (let k = 0; k < K; k++) {
      const g = grad[k] as number;
      const gs = (this.biasGradSq[k] as number) + g * g;
      this.biasGradSq[k] = gs;
      this.bias[k] = (this.bias[k] as number) - (lr * g) / (Math.sqrt(gs) + EPS);
    }
  }

  /** Reservoir sampling: every example seen has the same chance to stay, so old classes are kept. */
  private remember(example: Example): void {
    this.bufferSeen++;
    if (this.buffer.length < this.options.bufferSize) {
      this.touchedBuffer.add(this.buffer.length);
      this.buffer.push(example);
      return;
    }
    const j = this.random() % this.bufferSeen;
    if (j < this.options.bufferSize) {
      this.buffer[j] = example;
      this.touchedBuffer.add(j);
    }
  }

  /** xorshift32: deterministic, so a benchmark or a test gives the same figures every run. */
  private random(): number {
    let x = this.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rng = x >>> 0;
    return this.rng;
  }

  /** A compact snapshot for IndexedDB (typed arrays, no text). */
  toState(): ClassifierState {
    const slots = this.slotIds.length;
    return {
      ...this.commonParts(this.buffer),
      slotIds: Uint32Array.from(this.slotIds),
      weights: this.weights.slice(0, slots * this.classCap),
      gradSq: this.gradSq.slice(0, slots * this.classCap),
      dfBySlot: this.df.slice(0, slots),
      consolidatedAt: this.consolidatedAt,
      ...(this.priorMass
        ? {
            priorMass: this.priorMass.slice(0, slots * this.classCap),
            priorClassMass: Float32Array.from(this.priorClassMass),
          }
        : {}),
    };
  }

  /**
   * Whether the changes since the last save are best written whole (`toState`): never saved, a
   * consolidation, more classes, or changed slots past half of them (a delta would be as large).
   */
  get saveWhole(): boolean {
    return this.changedWhole || 2 * this.touchedSlots.length > this.slotIds.length;
  }

  /** The changes since the last save (`markSaved`); meaningful only when `saveWhole` is false. */
  toDelta(): ClassifierDelta {
    const cap = this.classCap;
    const slots = Uint32Array.from(this.touchedSlots).sort();
    const rows = (from: Float32Array) => {
      const out = new Float32Array(slots.length * cap);
      slots.forEach((slot, i) => {
        out.set(from.subarray(slot * cap, (slot + 1) * cap), i * cap);
      });
      return out;
    };
    const bufferIndices = Uint32Array.from(this.touchedBuffer).sort();
    const changed = [...bufferIndices].map((i) => this.buffer[i] as Example);
    return {
      ...this.commonParts(changed),
      newSlotIds: Uint32Array.from(this.slotIds.slice(this.savedSlots)),
      slots,
      dfBySlot: Uint32Array.from(slots, (slot) => this.df[slot] as number),
      weights: rows(this.weights),
      gradSq: rows(this.gradSq),
      ...(this.priorMass
        ? { priorMass: rows(this.priorMass), priorClassMass: Float32Array.from(this.priorClassMass) }
        : {}),
      bufferIndices,
      consolidatedAt: this.consolidatedAt,
    };
  }

  /** The parts a state and a delta carry whole, with `examples` packed as the replay buffer. */
  private commonParts(examples: readonly Example[]): CommonParts {
    return {
      format: 1,
      labels: [...this.labels],
      classCap: this.classCap,
      updates: this.updates,
      temperature: this.temperature,
      bias: Float32Array.from(this.bias),
      biasGradSq: Float32Array.from(this.biasGradSq),
      docs: this.docs,
      ...packExamples(examples),
      bufferLabels: Uint16Array.from(examples.map((e) => e.label)),
      bufferSeen: this.bufferSeen,
      calibrationScores: this.calibration.map((c) => c.scores),
      calibrationLabels: Uint16Array.from(this.calibration.map((c) => c.label)),
      rng: this.rng,
    };
  }

  /** Take the parts a state or a delta carries whole (its replay examples are placed by the caller). */
  private restoreCommon(saved: CommonParts): void {
    this.labels = [...saved.labels];
    this.labelIndex = new Map(this.labels.map((label, k) => [label, k]));
    this.classCap = saved.classCap;
    this.updates = saved.updates;
    this.temperature = saved.temperature;
    this.bias = Float32Array.from(saved.bias);
    this.biasGradSq = Float32Array.from(saved.biasGradSq);
    this.docs = saved.docs;
    this.bufferSeen = saved.bufferSeen;
    this.calibration = saved.calibrationScores.map((scores, i) => ({
      scores,
      label: saved.calibrationLabels[i] as number,
    }));
    this.rng = saved.rng;
  }

  /** The state as it is now was saved (whole or as a delta): changes are counted from here. */
  markSaved(): void {
    for (const slot of this.touchedSlots) this.touched[slot] = 0;
    this.touchedSlots = [];
    this.touchedBuffer.clear();
    this.savedSlots = this.slotIds.length;
    this.changedWhole = false;
  }

  /**
   * Applies a delta saved after the state this one was restored from (and after the deltas applied
   * before it). Throws on a delta that does not follow on (the caller falls back).
   */
  applyDelta(delta: ClassifierDelta): void {
    if (delta?.format !== 1 || delta.classCap !== this.classCap) throw new Error('Delta does not apply.');
    const cap = this.classCap;
    this.restoreCommon(delta);
    for (const id of delta.newSlotIds) this.slotFor(id);
    if (!delta.priorMass) this.priorMass = undefined;
    delta.slots.forEach((slot, i) => {
      if (slot >= this.slotIds.length) throw new Error('Delta does not apply.');
      const df = delta.dfBySlot[i] as number;
      this.df[slot] = df;
      this.logDf[slot] = Math.log(1 + df);
      this.weights.set(delta.weights.subarray(i * cap, (i + 1) * cap), slot * cap);
      this.gradSq.set(delta.gradSq.subarray(i * cap, (i + 1) * cap), slot * cap);
      if (this.priorMass && delta.priorMass)
        this.priorMass.set(delta.priorMass.subarray(i * cap, (i + 1) * cap), slot * cap);
    });
    if (delta.priorClassMass && this.priorMass) this.priorClassMass = Float32Array.from(delta.priorClassMass);
    delta.bufferIndices.forEach((at, i) => {
      if (at > this.buffer.length) throw new Error('Delta does not apply.');
      this.buffer[at] = unpackExample(delta, i);
    });
    this.consolidatedAt = delta.consolidatedAt;
  }

  /** Restore from `toState()`. Throws on a state of another format (the caller starts afresh). */
  static fromState(state: ClassifierState, options: Partial<ClassifierOptions> = {}): OnlineClassifier {
    if (state?.format !== 1) throw new Error('Unknown learner state format.');
    const c = new OnlineClassifier(options);
    c.restoreCommon(state);
    c.slotIds = [...state.slotIds];
    c.slotOf = new Map(c.slotIds.map((id, slot) => [id, slot]));
    const cap = Math.max(1024, c.slotIds.length * 2) * c.classCap;
    c.weights = new Float32Array(cap);
    c.weights.set(state.weights);
    c.gradSq = new Float32Array(cap);
    c.gradSq.set(state.gradSq);
    c.growSlotArrays(Math.max(1024, c.slotIds.length * 2));
    c.df.set(state.dfBySlot);
    c.slotIds.forEach((id, slot) => {
      c.logDf[slot] = Math.log(1 + (c.df[slot] as number));
      c.slotWeight[slot] = c.options.kindWeights[featureKind(id)] ?? 1;
    });
    for (let i = 0; i + 1 < state.bufferOffsets.length; i++) c.buffer.push(unpackExample(state, i));
    // Saved before consolidation existed: 0, so it consolidates once at the next update.
    c.consolidatedAt = state.consolidatedAt ?? 0;
    // A state without the prior (dropped, or saved before it existed) goes on without it.
    if (state.priorMass && state.priorClassMass) {
      c.priorMass = new Float32Array(cap);
      c.priorMass.set(state.priorMass);
      c.priorClassMass = Float32Array.from(state.priorClassMass);
    } else c.priorMass = undefined;
    return c;
  }
}

/** Example `i` of a state's or a delta's packed examples. */
function unpackExample(packed: CommonParts, i: number): Example {
  const from = packed.bufferOffsets[i] as number;
  const to = packed.bufferOffsets[i + 1] as number;
  return {
    slots: Int32Array.from(packed.bufferSlots.subarray(from, to)),
    counts: packed.bufferCounts.slice(from, to),
    label: packed.bufferLabels[i] as number,
  };
}

/** Examples packed as the state keeps them: offsets into one array of slots and one of counts. */
function packExamples(examples: readonly Example[]): {
  bufferOffsets: Uint32Array;
  bufferSlots: Uint32Array;
  bufferCounts: Float32Array;
} {
  const bufferOffsets = new Uint32Array(examples.length + 1);
  let total = 0;
  examples.forEach((e, i) => {
    total += e.slots.length;
    bufferOffsets[i + 1] = total;
  });
  const bufferSlots = new Uint32Array(total);
  const bufferCounts = new Float32Array(total);
  examples.forEach((e, i) => {
    bufferSlots.set(e.slots, bufferOffsets[i]);
    bufferCounts.set(e.counts, bufferOffsets[i]);
  });
  return { bufferOffsets, bufferSlots, bufferCounts };
}
