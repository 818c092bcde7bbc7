import { describe, expect, test } from 'vitest';
import { DeskmateDb } from '@/lib/db/db';
import { type ClassifierDelta, type ClassifierState, OnlineClassifier } from '@/lib/learner/classifier';
import { LocalLearner, learnerKey } from '@/lib/learner/registry';

/** Tickets of a few classes over a vocabulary large enough that one update touches few of its slots. */
function sample(seed: number, labels: readonly string[]): { text: string; label: string } {
  let s = (seed + 1) * 2654435761;
  const r = (n: number) => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6b) >>> 0;
    return s % n;
  };
  const k = r(labels.length);
  const words = Array.from({ length: 6 }, () => `k${k}w${r(60)}`);
  words.push(`any${r(3000)}`, `any${r(3000)}`);
  return { text: words.join(' '), label: labels[k] as string };
}

/** Fields of two states that differ (typed arrays compared as bytes: toEqual is slow on them). */
function differences(a: ClassifierState, b: ClassifierState): string[] {
  const bytes = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  const same = (x: unknown, y: unknown): boolean => {
    if (ArrayBuffer.isView(x) && ArrayBuffer.isView(y))
      return x.constructor === y.constructor && bytes(x).equals(bytes(y));
    if (Array.isArray(x) && Array.isArray(y))
      return x.length === y.length && x.every((v, i) => same(v, y[i]));
    return Object.is(x, y);
  };
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ClassifierState>;
  return [...keys].filter((k) => !same(a[k], b[k]));
}

const FOUR = ['one', 'two', 'three', 'four'];
const TEN = [...FOUR, 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

describe('saving the classifier in part', () => {
  test('the whole state saved last and the deltas since restore exactly what it holds', () => {
    // A small buffer and an early end of the prior, so replaced examples and the dropped prior are in.
    const options = { bufferSize: 40, priorUntil: 90, consolidateFrom: 50 };
    const live = new OnlineClassifier(options);
    let whole: ClassifierState | undefined;
    let deltas: ClassifierDelta[] = [];
    let deltaSaves = 0;
    let wholeSaves = 0;
    for (let i = 0; i < 260; i++) {
      // More than eight classes after 200 updates: the weights' layout grows.
      const { text, label } = sample(i, i < 200 ? FOUR : TEN);
      live.update(text, label);
      if (live.consolidationDue) live.consolidate();
      if (i % 3 !== 0) continue;
      if (!whole || live.saveWhole) {
        whole = structuredClone(live.toState());
        deltas = [];
        wholeSaves++;
      } else {
        deltas.push(structuredClone(live.toDelta()));
        deltaSaves++;
      }
      live.markSaved();
      const restored = OnlineClassifier.fromState(whole, options);
      for (const d of deltas) restored.applyDelta(d);
      expect(differences(restored.toState(), live.toState())).toEqual([]);
    }
    expect(deltaSaves).toBeGreaterThan(wholeSaves);
  });

  test('a delta that does not follow on is refused', () => {
    const c = new OnlineClassifier();
    for (let i = 0; i < 20; i++) c.update(sample(i, FOUR).text, sample(i, FOUR).label);
    c.markSaved();
    c.update(sample(99, FOUR).text, sample(99, FOUR).label);
    const delta = c.toDelta();
    expect(() => new OnlineClassifier().applyDelta(delta)).toThrow();
  });
});

describe('LocalLearner saves a delta per apply and loads it back', () => {
  test('a new learner over the same database predicts as the one that learned', async () => {
    const database = new DeskmateDb(`partial-save-${Date.now()}`);
    const learner = new LocalLearner(() => database);
    const key = learnerKey('triage', 'category', 'demo');
    let sawDeltas = false;
    for (let i = 0; i < 160; i++) {
      const { text, label } = sample(i, FOUR);
      await learner.learn('triage', 'category', 'demo', text, label, i % 2 === 0);
      await learner.settled();
      await learner.flush();
      const keys = (await database.learnerState.toCollection().primaryKeys()) as string[];
      if (keys.some((k) => k.startsWith(`${key}#`))) sawDeltas = true;
    }
    expect(sawDeltas).toBe(true);
    const again = new LocalLearner(() => database);
    expect(await again.size('triage', 'category', 'demo')).toBe(160);
    for (let i = 1000; i < 1020; i++) {
      const { text } = sample(i, FOUR);
      expect(await again.explain('triage', 'category', 'demo', text, FOUR)).toEqual(
        await learner.explain('triage', 'category', 'demo', text, FOUR),
      );
      expect(await again.predict('triage', 'category', 'demo', text, FOUR)).toEqual(
        await learner.predict('triage', 'category', 'demo', text, FOUR),
      );
    }
    // It goes on learning and saving from there.
    await again.learn('triage', 'category', 'demo', 'k1w3 k1w4 new words', 'two', true);
    await again.flush();
    expect(await new LocalLearner(() => database).size('triage', 'category', 'demo')).toBe(161);
    database.close();
  });
});
