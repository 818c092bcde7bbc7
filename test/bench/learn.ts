/**
 * Learning benchmark: a simulated agent works through a labelled CSV, one ticket at a time. For each
 * ticket the learner predicts, then the agent's label is recorded (a correction or an agreement) and
 * the learner updates, exactly as in the extension.
 *
 *   npm run bench:learn     # the three runs of the README (../shared/datasets, or DESKMATE_DATASETS)
 *   npm run bench:learn -- --file ../shared/datasets/x.csv --text instruction --label category
 *     [--holdout 800] [--seed 1] [--threshold 0.85] [--checkpoints 50,200,1000,3000] [--baseline]
 *   npm run bench:learn -- ... --write-split /tmp/split.jsonl   # the shuffled rows and their part, then stop
 *
 * Rows are shuffled with a fixed seed (the files are sorted by label). The last `--holdout` rows are
 * never learned from: at each checkpoint, accuracy, coverage and precision are measured on that
 * held-out tail, the same protocol as a model trained offline on the first N rows and tested on the
 * rest. The prequential accuracy (predict-then-learn, on the stream itself) is printed beside it.
 * The holdout is at most half the rows (it_service has 3,805: `--holdout 1800` leaves 2,005 to learn from).
 *
 * `--baseline` adds scikit-learn's TF-IDF + logistic regression fitted offline on the same first N rows
 * (test/bench/offline-reference.py; needs Debian's python3-sklearn, or PYTHON=<a python with it>).
 *
 * `--write-split` writes the shuffled rows as JSON lines ({text, label, part: "stream" | "holdout"}, in
 * stream order) and stops: test/bench/offline-reference.py trains scikit-learn on exactly these rows.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { expectedCalibrationError } from '../../lib/learner/calibration';
import { type ClassifierOptions, OnlineClassifier } from '../../lib/learner/classifier';
import { featurize } from '../../lib/learner/features';
import { DEFAULT_ABSTAIN_THRESHOLD } from '../../lib/learner/registry';
import { machineLine } from './common';
import { type Reference, readLabelled, shuffle, sklearnReference, writeSplit } from './labelled-set';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string' },
    text: { type: 'string' },
    label: { type: 'string' },
    holdout: { type: 'string', default: '800' },
    seed: { type: 'string', default: '1' },
    threshold: { type: 'string', default: String(DEFAULT_ABSTAIN_THRESHOLD) },
    checkpoints: { type: 'string', default: '50,200,1000,3000' },
    replay: { type: 'string' },
    lr: { type: 'string' },
    kinds: { type: 'string' },
    /** Any other classifier option as JSON, e.g. '{"consolidateFrom":0}' (for experiments). */
    options: { type: 'string' },
    /** Also fit scikit-learn's TF-IDF + LR at each checkpoint (test/bench/offline-reference.py; slow). */
    baseline: { type: 'boolean', default: false },
    'write-split': { type: 'string' },
  },
});

/** Without --file: the three runs the README reports (the shared datasets, never copied into the repo). */
const DATASETS = process.env.DESKMATE_DATASETS ?? '../shared/datasets';
const PRESETS = [
  { file: `${DATASETS}/bitext_customer_support_train_v337b968.csv`, text: 'instruction', label: 'category' },
  { file: `${DATASETS}/bitext_customer_support_train_v337b968.csv`, text: 'instruction', label: 'intent' },
  {
    file: `${DATASETS}/it_service_all_tickets_processed_improved_v3.csv`,
    text: 'Document',
    label: 'Topic_group',
  },
];

interface Run {
  file: string;
  text: string;
  label: string;
}

async function main(): Promise<void> {
  console.log(machineLine());
  if (args.file && args.text && args.label) {
    await bench({ file: args.file, text: args.text, label: args.label });
    return;
  }
  if (args.file || args.text || args.label) {
    console.error('Usage: npm run bench:learn -- [--file <csv> --text <col[,col]> --label <col>]');
    process.exit(2);
  }
  for (const preset of PRESETS) {
    if (!existsSync(preset.file)) {
      console.log(`skipped: ${preset.file} not found (set DESKMATE_DATASETS)`);
      continue;
    }
    await bench(preset);
    console.log('');
  }
}

async function bench(run: Run): Promise<void> {
  const rows = await readLabelled(run.file, run.text, run.label);
  shuffle(rows, Number(args.seed));
  const holdoutSize = Math.min(Number(args.holdout), Math.floor(rows.length / 2));
  const stream = rows.slice(0, rows.length - holdoutSize);
  if (args['write-split']) {
    writeSplit(args['write-split'], rows, stream.length);
    console.log(
      `wrote ${rows.length} rows (stream ${stream.length}, holdout ${holdoutSize}) to ${args['write-split']}`,
    );
    return;
  }
  const holdout = rows.slice(rows.length - holdoutSize).map((r) => ({ ...r, bag: featurize(r.text) }));
  const threshold = Number(args.threshold);
  const checkpoints = args
    .checkpoints!.split(',')
    .map(Number)
    .filter((n) => n <= stream.length);
  const classes = new Set(rows.map((r) => r.label)).size;
  const reference = args.baseline ? sklearnReference(rows, stream.length, checkpoints) : undefined;
  console.log(
    `${run.file} · label ${run.label} (${classes} classes) · ${rows.length} rows · stream ${stream.length}, held-out tail ${holdoutSize} · threshold ${threshold}`,
  );
  console.log(
    'corrections | held-out acc | sklearn TF-IDF+LR default / best (cov@prec.95) | coverage@thr | precision@thr | cov@prec.95 | ECE   | prequential acc (last 100) | ms/update wall / CPU | ms/predict wall / CPU',
  );

  const learner = new OnlineClassifier({
    ...(args.replay ? { replay: Number(args.replay) } : {}),
    ...(args.lr ? { learningRate: Number(args.lr) } : {}),
    ...(args.kinds ? { kindWeights: args.kinds.split(',').map(Number) as [number, number, number] } : {}),
    ...(args.options ? (JSON.parse(args.options) as Partial<ClassifierOptions>) : {}),
  });
  let updateMs = 0;
  let predictMs = 0;
  // CPU time of this process too: on a shared, loaded machine wall time mostly measures waiting.
  let updateCpuMs = 0;
  let predictCpuMs = 0;
  let refits = 0;
  let refitMs = 0;
  let refitMaxMs = 0;
  const recent: boolean[] = [];
  for (let n = 0; n < stream.length && n < Math.max(...checkpoints); n++) {
    const row = stream[n] as { text: string; label: string };
    // Timed as in the extension: from the ticket's text, featurizing included.
    let t = performance.now();
    let cpu = process.cpuUsage();
    const guess = learner.predict(row.text);
    predictMs += performance.now() - t;
    predictCpuMs += cpuMs(cpu);
    recent.push(guess?.label === row.label);
    if (recent.length > 100) recent.shift();
    t = performance.now();
    cpu = process.cpuUsage();
    learner.update(row.text, row.label);
    // The extension runs a due consolidation in the background; here it runs at once, and its cost
    // counts in the mean per update (and on its own: the longest one is what blocks, in slices).
    if (learner.consolidationDue) {
      const r = performance.now();
      learner.consolidate();
      const ms = performance.now() - r;
      refits++;
      refitMs += ms;
      refitMaxMs = Math.max(refitMaxMs, ms);
    }
    updateMs += performance.now() - t;
    updateCpuMs += cpuMs(cpu);
    if (!checkpoints.includes(n + 1)) continue;

    const outcomes = holdout.map((h) => {
      const p = learner.predictBag(h.bag);
      return { confidence: p?.confidence ?? 0, correct: p?.label === h.label };
    });
    const correct = outcomes.filter((o) => o.correct).length;
    const kept = outcomes.filter((o) => o.confidence >= threshold);
    const keptCorrect = kept.filter((o) => o.correct).length;
    // The largest coverage whose precision is still >= 0.95 (what a threshold could buy).
    const sorted = [...outcomes].sort((a, b) => b.confidence - a.confidence);
    let hits = 0;
    let best = 0;
    sorted.forEach((o, i) => {
      hits += o.correct ? 1 : 0;
      if (hits / (i + 1) >= 0.95) best = i + 1;
    });
    const f = (x: number, d = 3) => x.toFixed(d);
    console.log(
      [
        String(n + 1).padStart(11),
        f(correct / outcomes.length).padStart(12),
        referenceCell(reference, n + 1).padStart(47),
        f(kept.length / outcomes.length).padStart(12),
        (kept.length ? f(keptCorrect / kept.length) : '  -  ').padStart(13),
        f(best / outcomes.length).padStart(11),
        f(expectedCalibrationError(outcomes)).padStart(5),
        f(recent.filter(Boolean).length / recent.length).padStart(26),
        `${f(updateMs / (n + 1), 2)} / ${f(updateCpuMs / (n + 1), 2)}`.padStart(15),
        `${f(predictMs / (n + 1), 2)} / ${f(predictCpuMs / (n + 1), 2)}`.padStart(15),
      ].join(' | '),
    );
  }
  const mem = process.memoryUsage();
  console.log(
    `consolidations ${refits} (in the mean per update above): ${refitMs.toFixed(0)} ms in all, longest ${refitMaxMs.toFixed(0)} ms`,
  );
  console.log(
    `temperature ${learner.currentTemperature.toFixed(2)} · heap ${(mem.heapUsed / 1e6).toFixed(1)} MB · state ${(stateBytes(learner) / 1e6).toFixed(2)} MB`,
  );
}

/** "default / best (the best one's coverage at 95 % precision)" at n corrections. */
function referenceCell(reference: Reference | undefined, n: number): string {
  const runs = Object.values(reference ?? {})
    .map((byN) => byN[String(n)])
    .filter((run): run is [number, number] => run !== undefined);
  const [defaults] = runs; // the script lists scikit-learn's defaults first
  if (!defaults) return '  -  ';
  const best = runs.reduce((a, b) => (b[0] > a[0] ? b : a));
  return `${defaults[0].toFixed(3)} / ${best[0].toFixed(3)} (${best[1].toFixed(2)})`;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function stateBytes(learner: OnlineClassifier): number {
  let bytes = 0;
  for (const value of Object.values(learner.toState())) {
    if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    else if (Array.isArray(value)) {
      for (const v of value) bytes += ArrayBuffer.isView(v) ? v.byteLength : String(v).length * 2;
    }
  }
  return bytes;
}

await main();
