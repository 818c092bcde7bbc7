/**
 * Helpers shared by the benchmarks (test/bench/*.ts): the machine line every benchmark prints, medians,
 * and a build of the extension to measure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

/** Chromium's version string, or why it could not be read. */
export function chromiumVersion(): string {
  const bin = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  try {
    return execFileSync(bin, ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
      // Debian's wrapper script prints a harmless shell warning on stderr.
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return `Chromium not found at ${bin}`;
  }
}

/** One line describing the machine, printed by every benchmark so figures can be compared. */
export function machineLine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  const gib = (totalmem() / 1024 ** 3).toFixed(1);
  // The load average says how busy the machine was: figures taken on a shared, loaded machine run slow.
  const load = loadavg()[0]?.toFixed(1) ?? '?';
  return `Machine: ${cpu.length} cores, ${model}, ${gib} GiB RAM, Node ${process.version}, ${chromiumVersion()}, load average ${load} at start`;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** "12.3 ms (min 10.1, max 15.0, n=5)". */
export function summary(values: number[], unit = 'ms', digits = 1): string {
  if (values.length === 0) return 'not measured';
  const f = (v: number) => v.toFixed(digits);
  return `${f(median(values))} ${unit} median (min ${f(Math.min(...values))}, max ${f(Math.max(...values))}, n=${values.length})`;
}

/**
 * The built extension to measure (DESKMATE_OUT_DIR or .output). Builds it when there is none, so a
 * benchmark can run on its own; `npm run bench` builds once for all of them.
 */
export function ensureBuild(): string {
  const out = process.env.DESKMATE_OUT_DIR ?? '.output';
  const dir = resolve(out, 'chrome-mv3');
  if (!existsSync(join(dir, 'manifest.json'))) {
    console.log(`No build in ${dir}: building (wxt build)...`);
    execFileSync('npx', ['wxt', 'build'], {
      stdio: 'inherit',
      env: { ...process.env, DESKMATE_OUT_DIR: out },
    });
  }
  return dir;
}
