import { describe, expect, test } from 'vitest';
import { type Correction, DeskmateDb } from '@/lib/db/db';
import { type ClassifierOptions, type ClassifierState, OnlineClassifier } from '@/lib/learner/classifier';
import { LocalLearner, learnerKey } from '@/lib/learner/registry';

/**
 * Overlapping toy classes: each shares half its words with the next class, and one label in eight is
 * random, so a few online steps leave the weights visibly short of a fit (unlike a separable set).
 */
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
const LABELS = ['one', 'two', 'three', 'four'];

function sample(seed: number): { text: string; label: string } {
  let s = (seed + 1) * 2654435761;
  const r = (n: number) => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6b) >>> 0;
    return s % n;
  };
  const k = r(LABELS.length);
  const own = (i: number) => WORDS[(2 * k + i) % WORDS.length] as string;
  const text = [own(r(4)), own(r(4)), WORDS[r(WORDS.length)], own(r(4)), `w${r(40)}`].join(' ');
  const label = r(8) === 0 ? (LABELS[r(LABELS.length)] as string) : (LABELS[k] as string);
  return { text, label };
}

function trained(n: number, options: Partial<ClassifierOptions> = {}): OnlineClassifier {
  const c = new OnlineClassifier(options);
  for (let i = 0; i < n; i++) {
    const { text, label } = sample(i);
    c.update(text, label);
  }
  return c;
}

/** Mean log-loss on the examples it learned from (what a batch fit minimises, with its penalty). */
function trainingLoss(c: OnlineClassifier, n: number): number {
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const { text, label } = sample(i);
    loss -= Math.log(c.predict(text)?.probabilities.get(label) ?? 1e-9);
  }
  return loss / n;
}

describe('consolidation', () => {
  test('is due at `consolidateFrom`, then each time the count doubles', () => {
    const c = trained(49);
    expect(c.consolidationDue).toBe(false);
    c.update('alpha bravo', 'one');
    expect(c.consolidationDue).toBe(true);
    expect(c.consolidate()).toBe(true);
    expect(c.consolidationDue).toBe(false);
    for (let i = 50; i < 99; i++) c.update(sample(i).text, sample(i).label);
    expect(c.consolidationDue).toBe(false);
    c.update('charlie delta', 'two');
    expect(c.consolidationDue).toBe(true);
    c.consolidate();
    for (let i = 100; i < 199; i++) c.update(sample(i).text, sample(i).label);
    expect(c.consolidationDue).toBe(false);
    expect(new OnlineClassifier({ consolidateFrom: 0 }).consolidationDue).toBe(false);
    expect(trained(60, { consolidateFrom: 0 }).consolidationDue).toBe(false);
  });

  test('passes over the stored examples fit them better than the online steps alone', () => {
    const passes = trained(300);
    const none = trained(300, { consolidateEpochs: 0 });
    // Same stream, same calibration window: only the passes differ.
    const before = trainingLoss(passes, 300);
    expect(trainingLoss(none, 300)).toBeCloseTo(before, 6);
    passes.consolidate();
    none.consolidate();
    expect(trainingLoss(passes, 300)).toBeLessThan(before - 0.02);
    expect(trainingLoss(passes, 300)).toBeLessThan(trainingLoss(none, 300) - 0.02);
    // And it still predicts unseen examples (whether it generalises better is measured on real
    // tickets by bench:learn, not on this toy set).
    let correct = 0;
    for (let i = 5000; i < 5400; i++)
      if (passes.predict(sample(i).text)?.label === sample(i).label) correct++;
    expect(correct / 400).toBeGreaterThan(0.6);
  });

  test('in slices, with updates in between or not, it does the same as in one call', () => {
    const whole = trained(120);
    const sliced = trained(120);
    whole.consolidate();
    let calls = 0;
    while (!sliced.consolidate(37)) calls++;
    // 120 examples x 4 passes in slices of 37: 12 slices, the last one finishing.
    expect(calls).toBe(12);
    expect([...sliced.toState().weights]).toEqual([...whole.toState().weights]);
    expect(sliced.currentTemperature).toBe(whole.currentTemperature);
    expect(sliced.consolidationDue).toBe(false);

    // A correction recorded mid-way is learned at once; the consolidation then goes on.
    const busy = trained(120);
    expect(busy.consolidate(100)).toBe(false);
    busy.update('a brand new kind of ticket about invoices', 'billing');
    expect(busy.classes).toContain('billing');
    while (!busy.consolidate(100));
    expect(busy.consolidationDue).toBe(false);
    expect(busy.predict('charlie delta echo')?.label).toBeDefined();
  });

  test('state keeps when it last consolidated; a state saved before consolidation existed loads', () => {
    const c = trained(120);
    c.consolidate();
    const state = structuredClone(c.toState());
    expect(state.consolidatedAt).toBe(120);
    const restored = OnlineClassifier.fromState(state);
    expect(restored.consolidationDue).toBe(false);
    for (let i = 120; i < 240; i++) restored.update(sample(i).text, sample(i).label);
    expect(restored.consolidationDue).toBe(true);

    // An older state: no `consolidatedAt`. It predicts as it did, and consolidates once.
    const old = trained(120);
    const { consolidatedAt: _, ...legacy } = structuredClone(old.toState());
    const loaded = OnlineClassifier.fromState(legacy as ClassifierState);
    expect(loaded.predict('alpha bravo')?.confidence).toBeCloseTo(
      old.predict('alpha bravo')?.confidence ?? -1,
      5,
    );
    expect(loaded.consolidationDue).toBe(true);
    expect(loaded.consolidate()).toBe(true);
    expect(loaded.consolidationDue).toBe(false);
  });
});

describe('LocalLearner consolidation', () => {
  test('runs in the background after the correction is recorded, then is saved', async () => {
    const database = new DeskmateDb(`consolidation-${Date.now()}`);
    const learner = new LocalLearner(() => database, { saveDelayMs: 1, consolidationDelayMs: 300 });
    for (let i = 0; i < 50; i++)
      await learner.learn('triage', 'category', 'demo', sample(i).text, sample(i).label);
    // The 50th correction is learned and can be saved before the consolidation it made due has run.
    await learner.flush();
    const stored = async () => {
      const row = await database.learnerState.get(learnerKey('triage', 'category', 'demo'));
      return (row?.state as { classifier: ClassifierState } | undefined)?.classifier;
    };
    expect((await stored())?.updates).toBe(50);
    expect((await stored())?.consolidatedAt ?? 0).toBe(0);
    await learner.settled();
    await learner.flush();
    expect((await stored())?.consolidatedAt).toBe(50);
    database.close();
  });

  test('a rebuild consolidates once at the end', async () => {
    const database = new DeskmateDb(`consolidation-rebuild-${Date.now()}`);
    await database.corrections.bulkAdd(Array.from({ length: 130 }, (_, i) => correctionRow(i)));
    const learner = new LocalLearner(() => database);
    expect(await learner.rebuild(() => true)).toBe(130);
    const row = await database.learnerState.get(learnerKey('triage', 'category', 'demo'));
    expect((row?.state as { classifier: ClassifierState } | undefined)?.classifier.consolidatedAt).toBe(130);
    database.close();
  });
});

function correctionRow(i: number): Correction {
  const { text, label } = sample(i);
  return {
    templateId: 'triage',
    templateVersion: 1,
    field: 'category',
    aiValue: 'one',
    keptValue: label,
    agreed: label === 'one',
    aiConfidence: 0.5,
    aiSource: 'model',
    evidence: [],
    contextSnippet: text,
    site: 'demo',
    ticketHash: `t${i}`,
    time: 1_700_000_000_000 + i,
  };
}
