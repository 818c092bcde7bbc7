/**
 * Field accuracy through the product's own path (issue #19): a labelled ticket set replayed as an
 * agent's day (test/bench/accuracy-replay.ts): per ticket the adapter's context, the triage template
 * bound to a desk choice field whose options are the set's label names, the suggestion pipeline with
 * the local engine, learner and retrieval over Dexie (fake-indexeddb), then the true label applied as
 * the agent's correction through the code behind the panel's Apply.
 *
 *   npm run bench:accuracy        # the shared sets (../shared/datasets or DESKMATE_DATASETS), read in place
 *   npm run bench:accuracy -- --file F.csv --text colA,colB --label col [--language col] [--limit N]
 *     [--seed 1 | --in-order] [--baseline] [--no-learning]
 *     [--base-url URL --model M --api-key-env VAR]   # an OpenAI-compatible provider instead of the local engine
 *
 * Rows are shuffled with a fixed seed (the shared files are sorted by label; `--in-order` keeps the
 * file's order). Printed per window of tickets (1-50: no corrections yet; 51-200; 201-1000; after):
 * accuracy (a field left empty is not right), the share with a value shown, coverage at 95 % and 90 %
 * precision (the largest share a threshold on the shown confidence keeps at that precision), ECE of the
 * shown confidence; suggestion time per ticket p50/p95. `--baseline`: scikit-learn TF-IDF + logistic
 * regression (test/bench/offline-reference.py) fitted offline on the tickets before each window and
 * scored on the window, when PYTHON (default /usr/bin/python3) has scikit-learn. `--no-learning`: the
 * product's "learning off" setting, so every ticket is answered as the first one is (option names only):
 * the cold start measured on the whole set instead of its first 50 tickets.
 */
import 'fake-indexeddb/auto';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DeskmateDb } from '../../lib/db/db';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';
import {
  byLanguage,
  type LabelledTicket,
  quantile,
  replay,
  type TicketOutcome,
  WINDOWS,
  windows,
} from './accuracy-replay';
import { machineLine } from './common';
import { hasSklearn, PYTHON, readLabelled, shuffle, sklearnReference } from './labelled-set';

const USAGE =
  'Usage: npm run bench:accuracy -- [--file <csv> --text <col[,col]> --label <col> [--language <col>] [--limit N]] [--seed N | --in-order] [--baseline] [--no-learning] [--base-url URL --model M --api-key-env VAR]';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string' },
    text: { type: 'string' },
    label: { type: 'string' },
    language: { type: 'string' },
    limit: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'in-order': { type: 'boolean', default: false },
    baseline: { type: 'boolean', default: false },
    'no-learning': { type: 'boolean', default: false },
    'base-url': { type: 'string' },
    model: { type: 'string' },
    'api-key-env': { type: 'string' },
    /** The learner's abstention threshold (experiments; default the product's, lib/learner/registry.ts). */
    threshold: { type: 'string' },
  },
});

const DATASETS = process.env.DESKMATE_DATASETS ?? '../shared/datasets';
/** The runs without --file: 5,000 tickets at most each (the issue's budget: 60 s per 5,000 on 2 cores). */
const PRESETS: Run[] = [
  {
    file: `${DATASETS}/it_service_all_tickets_processed_improved_v3.csv`,
    text: 'Document',
    label: 'Topic_group',
    limit: 5000,
  },
  {
    file: `${DATASETS}/bitext_customer_support_train_v337b968.csv`,
    text: 'instruction',
    label: 'category',
    limit: 5000,
  },
];

interface Run {
  file: string;
  text: string;
  label: string;
  language?: string;
  limit?: number;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** The settings of the run: the defaults, or an OpenAI-compatible provider named on the command line. */
function runSettings(): Settings {
  const base: Settings = args['no-learning']
    ? { ...DEFAULT_SETTINGS, learning: { ...DEFAULT_SETTINGS.learning, enabled: false } }
    : DEFAULT_SETTINGS;
  const baseUrl = args['base-url'];
  if (!baseUrl) {
    if (args.model || args['api-key-env']) fail(`--model and --api-key-env need --base-url.\n${USAGE}`);
    return base;
  }
  const keyVar = args['api-key-env'];
  const apiKey = keyVar ? process.env[keyVar] : undefined;
  if (keyVar && !apiKey) fail(`The environment variable ${keyVar} (--api-key-env) is not set.`);
  return {
    ...base,
    provider: {
      ...DEFAULT_SETTINGS.provider,
      kind: 'openai',
      baseUrl,
      ...(args.model ? { model: args.model } : {}),
      ...(apiKey ? { apiKey } : {}),
    },
  };
}

async function main(): Promise<void> {
  console.log(machineLine());
  const settings = runSettings();
  const limit = args.limit !== undefined ? Number(args.limit) : undefined;
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
    fail(`--limit must be a whole number above 0.\n${USAGE}`);
  if (args.file || args.text || args.label || args.language) {
    if (!(args.file && args.text && args.label)) fail(USAGE);
    if (!existsSync(args.file)) fail(`No file ${args.file}.`);
    await bench(
      {
        file: args.file,
        text: args.text,
        label: args.label,
        ...(args.language ? { language: args.language } : {}),
        ...(limit ? { limit } : {}),
      },
      settings,
    );
    return;
  }
  for (const preset of PRESETS) {
    if (!existsSync(preset.file)) {
      console.log(`skipped: ${preset.file} not found (set DESKMATE_DATASETS)`);
      continue;
    }
    await bench({ ...preset, ...(limit ? { limit } : {}) }, settings);
    console.log('');
  }
}

const f3 = (x: number) => x.toFixed(3);

async function bench(run: Run, settings: Settings): Promise<void> {
  let rows: LabelledTicket[] = await readLabelled(run.file, run.text, run.label, run.language);
  if (!args['in-order']) shuffle(rows, Number(args.seed));
  if (run.limit) rows = rows.slice(0, run.limit);
  const options = [...new Set(rows.map((r) => r.label))].sort();
  if (options.length < 2) fail(`${run.file}: the label column ${run.label} has fewer than two values.`);
  const engine =
    settings.provider.kind === 'openai'
      ? `provider ${settings.provider.baseUrl} model ${settings.provider.model}`
      : 'local engine';
  console.log(
    `${run.file} · text ${run.text} · label ${run.label} (${options.length} options: ${options.join(', ')}) · ${rows.length} tickets · ${args['in-order'] ? 'file order' : `shuffled, seed ${args.seed}`} · ${engine}${args['no-learning'] ? ' · learning off' : ''}${args.threshold ? ` · learner threshold ${args.threshold}` : ''}`,
  );

  const database = new DeskmateDb(`deskmate-accuracy-${Date.now()}-${Math.random()}`);
  const started = performance.now();
  let outcomes: TicketOutcome[];
  try {
    outcomes = await replay(rows, {
      database,
      options,
      settings,
      ...(args.threshold ? { learner: { threshold: Number(args.threshold) } } : {}),
      onTicket: (i) => {
        if (process.stderr.isTTY && (i + 1) % 250 === 0) process.stderr.write(`\r${i + 1}/${rows.length}`);
      },
    });
  } finally {
    database.close();
    await database.delete().catch(() => {});
  }
  if (process.stderr.isTTY) process.stderr.write('\r');
  const wallS = (performance.now() - started) / 1000;

  const reference = args.baseline ? baseline(rows) : undefined;
  console.log(
    'field category | tickets | accuracy | shown | cov@prec.95 | cov@prec.90 | ECE   | source of shown values          | TF-IDF+LR offline default / best (fitted on the tickets before)',
  );
  for (const w of windows(outcomes)) {
    const slice = outcomes.slice(w.from, w.from + w.count);
    const sources = new Map<string, number>();
    for (const o of slice) if (o.value !== null) sources.set(o.source, (sources.get(o.source) ?? 0) + 1);
    const sourceCell = [...sources].map(([s, n]) => `${s} ${((100 * n) / w.count).toFixed(0)} %`).join(', ');
    console.log(
      [
        w.name.padEnd(26),
        String(w.count).padStart(7),
        f3(w.accuracy).padStart(8),
        f3(w.filled).padStart(5),
        f3(w.coverage95).padStart(11),
        f3(w.coverage90).padStart(11),
        f3(w.ece).padStart(5),
        sourceCell.padEnd(31),
        reference?.get(w.from) ?? '-',
      ].join(' | '),
    );
  }
  const langs = byLanguage(outcomes);
  const perLanguage = (list: ReturnType<typeof byLanguage>) =>
    list.map((l) => `${l.language} ${f3(l.accuracy)} (n=${l.count})`).join(' · ');
  if (langs.length) {
    console.log(`accuracy per language: ${perLanguage(langs)}`);
    // The cold start per language: what a desk whose tickets come in several languages sees first.
    const cold = WINDOWS[0];
    if (cold)
      console.log(
        `accuracy per language, ${cold.name}: ${perLanguage(byLanguage(outcomes.slice(cold.from, cold.to)))}`,
      );
  } else if (run.language === undefined) {
    console.log('accuracy per language: the set has no language column (--language col names one)');
  }
  const ms = outcomes.map((o) => o.ms);
  const learnMs = outcomes.map((o) => o.learnMs);
  console.log(
    `time per ticket: suggestion p50 ${quantile(ms, 0.5).toFixed(2)} ms, p95 ${quantile(ms, 0.95).toFixed(2)} ms · recording and learning the correction p50 ${quantile(learnMs, 0.5).toFixed(2)} ms, p95 ${quantile(learnMs, 0.95).toFixed(2)} ms · whole replay ${wallS.toFixed(1)} s`,
  );
}

/**
 * Per window start: scikit-learn fitted on the tickets before the window, scored on the window's
 * tickets ("default / best (its coverage at 95 % precision)"). None for the cold start (nothing to fit).
 */
function baseline(rows: readonly LabelledTicket[]): Map<number, string> | undefined {
  if (!hasSklearn()) {
    console.log(
      `baseline: skipped, ${PYTHON} has no scikit-learn (Debian: apt install python3-sklearn, or set PYTHON)`,
    );
    return undefined;
  }
  const cells = new Map<number, string>();
  for (const w of WINDOWS) {
    if (w.from === 0 || w.from >= rows.length) continue;
    const window = rows.slice(w.from, Math.min(w.to, rows.length));
    // Fewer than two labels among the training tickets: logistic regression cannot be fitted.
    if (new Set(rows.slice(0, w.from).map((r) => r.label)).size < 2) continue;
    const ref = sklearnReference([...rows.slice(0, w.from), ...window], w.from, [w.from]);
    const runs = Object.values(ref)
      .map((byN) => byN[String(w.from)])
      .filter((r): r is [number, number] => r !== undefined);
    const [defaults] = runs; // the script lists scikit-learn's defaults first
    if (!defaults) continue;
    const best = runs.reduce((a, b) => (b[0] > a[0] ? b : a));
    cells.set(w.from, `${f3(defaults[0])} / ${f3(best[0])} (cov@prec.95 ${best[1].toFixed(2)})`);
  }
  return cells;
}

await main();
