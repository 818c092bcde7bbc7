import { describe, expect, test } from 'vitest';
import { DeskmateDb } from '@/lib/db/db';
import { expectedCalibrationError, fitTemperature } from '@/lib/learner/calibration';
import { DEFAULT_CLASSIFIER_OPTIONS, OnlineClassifier } from '@/lib/learner/classifier';
import { crossCheck } from '@/lib/learner/cross-check';
import { featurize } from '@/lib/learner/features';
import { LocalLearner } from '@/lib/learner/registry';
import type { FieldState } from '@/lib/templates/suggestion';

/** A separable toy set: each class has its own vocabulary, sentences mix 3 of its words and filler. */
const VOCAB: Record<string, string[]> = {
  shipping: ['parcel', 'tracking', 'courier', 'delivery', 'arrived', 'shipment', 'package', 'transit'],
  refund: ['refund', 'money', 'reimburse', 'charged', 'back', 'return', 'credit', 'repay'],
  bug: ['crash', 'error', 'freezes', 'exception', 'broken', 'screen', 'update', 'version'],
};
const FILLER = ['hello', 'please', 'thanks', 'my', 'the', 'is', 'a', 'it', 'today', 'help'];

function sample(seed: number): { text: string; label: string } {
  let s = seed * 2654435761;
  const r = (n: number) => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6b) >>> 0;
    return s % n;
  };
  const labels = Object.keys(VOCAB);
  const label = labels[r(labels.length)]!;
  const words = VOCAB[label]!;
  const text = [FILLER[r(10)], words[r(8)], FILLER[r(10)], words[r(8)], words[r(8)], FILLER[r(10)]].join(' ');
  return { text, label };
}

describe('features', () => {
  test('same text, same features; words and their inflections share n-grams', () => {
    const a = featurize('Refund please');
    expect([...featurize('refund   PLEASE').ids]).toEqual([...a.ids]);
    const shared = [...featurize('refunded').ids].filter((id) => featurize('refund').ids.includes(id));
    expect(shared.length).toBeGreaterThan(3);
  });
});

describe('OnlineClassifier', () => {
  test('learns a separable toy set from a few dozen examples', () => {
    const c = new OnlineClassifier();
    for (let i = 0; i < 60; i++) {
      const { text, label } = sample(i);
      c.update(text, label);
    }
    let correct = 0;
    for (let i = 1000; i < 1200; i++) {
      const { text, label } = sample(i);
      if (c.predict(text)?.label === label) correct++;
    }
    expect(correct / 200).toBeGreaterThan(0.95);
  });

  test('is unsure on text unlike anything it learned, sure on text like it', () => {
    const c = new OnlineClassifier();
    for (let i = 0; i < 120; i++) {
      const { text, label } = sample(i);
      c.update(text, label);
    }
    const sure = c.predict('my parcel tracking says delivery in transit')!;
    const unsure = c.predict('quarterly invoice for the conference venue')!;
    expect(sure.label).toBe('shipping');
    expect(sure.confidence).toBeGreaterThan(0.8);
    expect(unsure.confidence).toBeLessThan(0.6);
    // Restricted to the template's options; unknown options are left out.
    const restricted = c.predict('my parcel tracking', ['refund', 'bug', 'never-seen'])!;
    expect([...restricted.probabilities.keys()].sort()).toEqual(['bug', 'refund']);
  });

  test('state survives a round trip and keeps predicting the same', () => {
    const c = new OnlineClassifier();
    for (let i = 0; i < 80; i++) {
      const { text, label } = sample(i);
      c.update(text, label);
    }
    const restored = OnlineClassifier.fromState(structuredClone(c.toState()));
    for (let i = 500; i < 520; i++) {
      const { text } = sample(i);
      expect(restored.predict(text)?.confidence).toBeCloseTo(c.predict(text)?.confidence ?? -1, 5);
    }
    // And keeps learning from there.
    restored.update('a brand new kind of ticket about invoices', 'billing');
    expect(restored.classes).toContain('billing');
  });

  test('calibration: on noisy labels confidence tracks accuracy', () => {
    const c = new OnlineClassifier();
    const outcomes: { confidence: number; correct: boolean }[] = [];
    for (let i = 0; i < 1500; i++) {
      const { text, label } = sample(i);
      // 25 % of labels are random: no model can be sure, a calibrated one says so.
      const noisy = i % 4 === 0 ? Object.keys(VOCAB)[(i * 7) % 3]! : label;
      if (i >= 500) {
        const p = c.predict(text)!;
        outcomes.push({ confidence: p.confidence, correct: p.label === noisy });
      }
      c.update(text, noisy);
    }
    const accuracy = outcomes.filter((o) => o.correct).length / outcomes.length;
    const meanConfidence = outcomes.reduce((s, o) => s + o.confidence, 0) / outcomes.length;
    expect(accuracy).toBeLessThan(0.9);
    // Never over-confident (abstention relies on that); a little under-confident while it still improves,
    // because the temperature is fitted on a window that includes its earlier, weaker predictions.
    expect(meanConfidence).toBeLessThan(accuracy + 0.03);
    expect(accuracy - meanConfidence).toBeLessThan(0.1);
    expect(expectedCalibrationError(outcomes)).toBeLessThan(0.12);
  });

  test('L2 keeps the weights small on separable data, rare features included', () => {
    const train = (l2: number) => {
      const c = new OnlineClassifier({ l2 });
      for (let i = 0; i < 600; i++) {
        const { text, label } = sample(i);
        c.update(i % 50 === 0 ? `${text} rareword${i}` : text, label);
      }
      return c;
    };
    const norm = (c: OnlineClassifier) => Math.hypot(...c.toState().weights);
    const free = train(0);
    const penalised = train(DEFAULT_CLASSIFIER_OPTIONS.l2);
    // Without a penalty the weights of separable data keep growing; with it they stay well below.
    expect(norm(penalised)).toBeLessThan(0.7 * norm(free));
    // And it still learns the toy set.
    let correct = 0;
    for (let i = 1000; i < 1200; i++) {
      const { text, label } = sample(i);
      if (penalised.predict(text)?.label === label) correct++;
    }
    expect(correct / 200).toBeGreaterThan(0.95);
  });

  test('temperature fit recovers an over-confident scale', () => {
    // Scores 5x too large for the observed 70 % accuracy: the fit must cool them down (T > 1).
    const outcomes = Array.from({ length: 200 }, (_, i) => ({
      scores: Float32Array.from([5, 0]),
      label: i % 10 < 7 ? 0 : 1,
    }));
    const t = fitTemperature(outcomes);
    const p = 1 / (1 + Math.exp(-5 / t));
    expect(p).toBeCloseTo(0.7, 2);
  });
});

describe('LocalLearner', () => {
  test('abstains until it has enough examples and when unsure; persists through Dexie', async () => {
    const database = new DeskmateDb(`learner-${Date.now()}`);
    const learner = new LocalLearner(() => database, { minExamples: 10, threshold: 0.8 });
    const options = Object.keys(VOCAB);
    await learner.learn('triage', 'category', 'demo', 'parcel tracking courier', 'shipping');
    expect(
      await learner.predict('triage', 'category', 'demo', 'parcel tracking courier', options),
    ).toBeUndefined();
    for (let i = 0; i < 150; i++) {
      const { text, label } = sample(i);
      await learner.learn('triage', 'category', 'demo', text, label);
    }
    expect(
      await learner.predict('triage', 'category', 'demo', 'courier parcel delivery', options),
    ).toMatchObject({
      value: 'shipping',
    });
    expect(
      await learner.predict('triage', 'category', 'demo', 'conference venue invoice', options),
    ).toBeUndefined();
    // Other fields and templates have their own learner.
    expect(
      await learner.predict('triage', 'priority', 'demo', 'courier parcel delivery', options),
    ).toBeUndefined();
    await learner.flush();
    const again = new LocalLearner(() => database, { minExamples: 10, threshold: 0.8 });
    expect(await again.size('triage', 'category', 'demo')).toBe(151);
    database.close();
  });
});

describe('corrections on near-identical tickets', () => {
  test('one correction answers for a near-identical ticket before the classifier is trained, not for others', async () => {
    const database = new DeskmateDb(`exemplar-${Date.now()}`);
    const learner = new LocalLearner(() => database);
    const options = ['refund', 'return', 'shipping'];
    const ticket =
      'The ProBlend blender arrived with a cracked jug. Order A-10517. I would like my money back.';
    await learner.learn('triage', 'category', 'demo', ticket, 'return', true);
    const same = await learner.predict(
      'triage',
      'category',
      'demo',
      'My ProBlend blender arrived with a cracked jug, order A-10622. I would like my money back please.',
      options,
    );
    expect(same).toMatchObject({ value: 'return' });
    expect(same!.confidence).toBeLessThanOrEqual(0.8);
    expect(
      await learner.predict('triage', 'category', 'demo', 'Where is my parcel? Tracking is stuck.', options),
    ).toBeUndefined();
    // Not among the template's options: no answer.
    expect(
      await learner.predict('triage', 'category', 'demo', ticket, ['refund', 'shipping']),
    ).toBeUndefined();
    // An agreement is not remembered as an exemplar.
    const other = new LocalLearner(() => database);
    await other.learn('triage', 'priority', 'demo', ticket, 'normal', false);
    expect(await other.predict('triage', 'priority', 'demo', ticket, ['normal', 'high'])).toBeUndefined();
    await learner.flush();
    const reloaded = new LocalLearner(() => database);
    expect(await reloaded.predict('triage', 'category', 'demo', ticket, options)).toMatchObject({
      value: 'return',
    });
    database.close();
  });
});

describe('crossCheck', () => {
  const field: FieldState = {
    value: 'shipping',
    status: 'filled',
    evidence: [],
    confidence: 0.9,
    source: 'model',
  };

  test('agreement or a weak learner leaves the field as it is', () => {
    expect(crossCheck(field, { value: 'Shipping', confidence: 0.95 })).toBe(field);
    expect(crossCheck(field, { value: 'refund', confidence: 0.4 })).toBe(field);
    expect(crossCheck(field, undefined)).toBe(field);
  });

  test('disagreement lowers confidence, the more the surer the learner, and says why', () => {
    const mild = crossCheck(field, { value: 'refund', confidence: 0.6 });
    const strong = crossCheck(field, { value: 'refund', confidence: 0.95 });
    expect(mild.confidence).toBeLessThan(0.9);
    expect(strong.confidence).toBeLessThan(mild.confidence);
    expect(strong.confidence).toBeCloseTo((0.9 * 0.05) / (0.9 * 0.05 + 0.1 * 0.95), 5);
    expect(strong.note).toContain('refund');
    expect(strong.value).toBe('shipping');
  });
});
