/**
 * Temperature scaling (Guo et al. 2017): one number T divides the scores before the softmax so that
 * confidences match observed accuracy. It is fitted on out-of-sample predictions only: the learner
 * records its scores for each item *before* learning from it (prequential), so no extra hold-out set
 * is needed and the fit follows the learner as it improves.
 */

/** One out-of-sample prediction: the scores of every class known then, and the class the agent kept. */
export interface ScoredOutcome {
  scores: Float32Array;
  label: number;
}

/** Negative log-likelihood of the outcomes at temperature t. */
export function nllAt(outcomes: readonly ScoredOutcome[], t: number): number {
  let total = 0;
  for (const { scores, label } of outcomes) {
    let max = -Infinity;
    for (const s of scores) max = Math.max(max, s / t);
    let sum = 0;
    for (const s of scores) sum += Math.exp(s / t - max);
    const own = label < scores.length ? (scores[label] as number) / t : 0;
    total += Math.log(sum) + max - own;
  }
  return total / Math.max(1, outcomes.length);
}

/** The temperature in [0.01, 20] minimising NLL (golden-section search on log T; NLL is unimodal in it). */
export function fitTemperature(outcomes: readonly ScoredOutcome[]): number {
  if (outcomes.length < 20) return 1;
  let lo = Math.log(0.01);
  let hi = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nllAt(outcomes, Math.exp(a));
  let fb = nllAt(outcomes, Math.exp(b));
  for (let i = 0; i < 30; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = nllAt(outcomes, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = nllAt(outcomes, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * Expected calibration error over equal-width confidence bins: the mean gap between confidence and
 * accuracy, weighted by how many predictions fall in each bin. 0 is perfectly calibrated.
 */
export function expectedCalibrationError(
  predictions: readonly { confidence: number; correct: boolean }[],
  bins = 10,
): number {
  const sumConf = new Float64Array(bins);
  const sumCorrect = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (const p of predictions) {
    const bin = Math.min(bins - 1, Math.floor(p.confidence * bins));
    sumConf[bin] = (sumConf[bin] as number) + p.confidence;
    sumCorrect[bin] = (sumCorrect[bin] as number) + (p.correct ? 1 : 0);
    count[bin] = (count[bin] as number) + 1;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const n = count[b] as number;
    if (n > 0) ece += Math.abs((sumConf[b] as number) - (sumCorrect[b] as number)) / predictions.length;
  }
  return ece;
}
