/**
 * Every benchmark in one go (`npm run bench`): builds the extension once, prints the bundle sizes, runs
 * each test/bench/*.ts in turn (through its `bench:*` npm script when it has one; files without one
 * that export something are helpers, as are files starting with `_`), and writes everything to
 * artifacts/bench.txt. The README's Performance table is copied from that file.
 *   npm run bench                  # everything
 *   npm run bench -- page retrieval  # only benches whose file name contains one of the words
 * DESKMATE_OUT_DIR picks the build folder (default .output-bench); DESKMATE_SKIP_BUILD=1 reuses it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { machineLine } from '../test/bench/common';

const OUT_DIR = process.env.DESKMATE_OUT_DIR ?? '.output-bench';
/** Arguments for benches that need some (the learner needs a labelled data set). */
const DEFAULT_ARGS: Record<string, string[]> = {
  'learn.ts': [
    '--file',
    '../shared/datasets/bitext_customer_support_train_v337b968.csv',
    '--text',
    'instruction',
    '--label',
    'category',
  ],
};

/** A bench that hangs must not hold the others hostage. */
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 10 * 60_000);

interface Outcome {
  name: string;
  code: number | null;
  seconds: number;
  output: string;
}

function stopGroup(pid: number | undefined): void {
  try {
    if (pid) process.kill(-pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

/** The running bench's process group, stopped with us on Ctrl-C (detached children would outlive us). */
let current: number | undefined;
process.on('SIGINT', () => {
  stopGroup(current);
  process.exit(130);
});

/** Run one command, echoing its output live and keeping a copy. */
function run(name: string, command: string, args: string[]): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, DESKMATE_OUT_DIR: OUT_DIR },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout stops the bench itself and not only npm in front of it.
      detached: true,
    });
    current = child.pid;
    let output = '';
    const keep = (chunk: Buffer) => {
      const text = chunk.toString();
      // npm's config warnings are noise in a report.
      const clean = text
        .split('\n')
        .filter((l) => !l.startsWith('npm warn'))
        .join('\n');
      output += clean;
      process.stdout.write(clean);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      output += `\n(stopped after ${TIMEOUT_MS / 1000} s)\n`;
      stopGroup(child.pid);
    }, TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ name, code, seconds: (Date.now() - started) / 1000, output: output.trimEnd() });
    });
  });
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const scripts: Record<string, string> = JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {};
  const header = [
    `Deskmate benchmarks, ${new Date().toISOString()}`,
    `Commit: ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()}${
      // Benches measure the working tree: say when it differs from the commit.
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim()
        ? ' (with uncommitted changes in the working tree)'
        : ''
    }`,
    machineLine(),
  ];
  console.log(header.join('\n'));
  if (process.env.DESKMATE_SKIP_BUILD !== '1') {
    console.log(`\nBuilding into ${OUT_DIR}...`);
    execFileSync('npx', ['wxt', 'build'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DESKMATE_OUT_DIR: OUT_DIR },
    });
  }
  const scriptOf = (f: string) =>
    Object.entries(scripts).find(
      ([name, command]) => name.startsWith('bench:') && command.includes(`test/bench/${f}`),
    )?.[0];
  // A bench is a script with a bench:* npm script, or a file that exports nothing; helpers export.
  const isHelper = (f: string) => !scriptOf(f) && /^export /m.test(readFileSync(`test/bench/${f}`, 'utf8'));
  const benches = readdirSync('test/bench')
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_') && !isHelper(f))
    .filter((f) => only.length === 0 || only.some((w) => f.includes(w)))
    .sort();
  const outcomes: Outcome[] = [];
  const steps: [string, string[]][] = [
    ...(only.length === 0 || only.some((w) => 'size'.includes(w))
      ? [
          ['bundle sizes (scripts/bundle-sizes.ts)', ['npx', 'tsx', 'scripts/bundle-sizes.ts']] as [
            string,
            string[],
          ],
        ]
      : []),
    ...benches.map((f): [string, string[]] => {
      // A bench's own npm script may carry the arguments it needs (a data set, a size): prefer it.
      const script = scriptOf(f);
      const extra = DEFAULT_ARGS[f] ?? [];
      return script
        ? [
            `test/bench/${f} (npm run ${script}${extra.length ? ` -- ${extra.join(' ')}` : ''})`,
            ['npm', 'run', '--silent', script, ...(extra.length ? ['--', ...extra] : [])],
          ]
        : [`test/bench/${f}`, ['npx', 'tsx', `test/bench/${f}`, ...extra]];
    }),
  ];
  for (const [name, args] of steps) {
    console.log(`\n== ${name}`);
    outcomes.push(await run(name, args[0]!, args.slice(1)));
  }
  const report = [
    ...header,
    '',
    ...outcomes.flatMap((o) => [
      `== ${o.name} (${o.seconds.toFixed(0)} s${o.code === 0 ? '' : `, FAILED with exit code ${o.code}`})`,
      o.output,
      '',
    ]),
  ].join('\n');
  mkdirSync('artifacts', { recursive: true });
  writeFileSync('artifacts/bench.txt', report);
  const failed = outcomes.filter((o) => o.code !== 0);
  console.log(
    `\nWrote artifacts/bench.txt: ${outcomes.length} benchmarks, ${failed.length} failed${failed.length ? ` (${failed.map((f) => f.name).join(', ')})` : ''}.`,
  );
  process.exitCode = failed.length > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
