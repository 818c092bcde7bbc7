/**
 * Bundle weight report (`npm run bench:size`): what each site's content script injects into every
 * matching page, and what the panel and the background load, raw and gzip. It reads an existing
 * build (DESKMATE_OUT_DIR or .output, then chrome-mv3); it builds nothing itself.
 *
 * The same measurements back the budget check in the test suite (test/e2e/budget.test.ts), so the
 * figures printed here are exactly the ones the tests hold to the budget.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Issue 10: a content script is injected into every matching page, so it must stay small. */
export const CONTENT_SCRIPT_GZIP_BUDGET = 15_000;

/**
 * Code that belongs to the panel or the background and must never be bundled into a content script.
 * Matched on string literals that survive minification (quotes may be ', " or `).
 */
export const FORBIDDEN_IN_CONTENT: { name: string; why: string; pattern: RegExp }[] = [
  {
    name: 'react',
    why: "the panel's UI library: the panel's code must load only when the panel opens",
    pattern: /Symbol\.for\(["'`]react\./,
  },
  {
    name: 'zod',
    why: 'content scripts check requests with lib/messaging/check.ts: zod, even zod/mini, was 45 % of a site script',
    pattern: /["'`](ZodObject|ZodMiniType|\$ZodType)["'`]/,
  },
  {
    name: 'openai',
    why: 'provider calls live in the background only (secrets never reach the page)',
    pattern: /dangerouslyAllowBrowser/,
  },
  {
    name: 'dexie',
    why: 'storage lives in extension pages and the background, not beside the host page',
    pattern: /["'`]DexieError["'`]/,
  },
];

/** One file's weight. gzip is level 9 (the figure an optimised server or store would serve). */
export interface Weight {
  raw: number;
  gzip: number;
}

export interface BundleReport {
  dir: string;
  /** content-scripts/<site>.js, one per site. */
  contentScripts: { site: string; file: string; weight: Weight; forbidden: string[] }[];
  /** sidepanel.html with every script, preload and stylesheet it pulls in. */
  panel: { files: string[]; weight: Weight };
  /** background.js with its static imports. */
  background: { files: string[]; weight: Weight };
}

export function weigh(bytes: Buffer): Weight {
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

function sum(dir: string, files: string[]): Weight {
  return files
    .map((f) => weigh(readFileSync(join(dir, f))))
    .reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });
}

/** The built extension folder for Chrome (DESKMATE_OUT_DIR or .output). */
export function builtExtensionDir(): string {
  return resolve(process.env.DESKMATE_OUT_DIR ?? '.output', 'chrome-mv3');
}

/** Every JS module `entry` loads statically (ES imports between chunks), entry included. */
export function moduleClosure(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(join(dir, file))) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'`]([^"'`]+\.js)["'`]/g)) {
      const spec = m[1] ?? '';
      const target = spec.startsWith('/') ? spec.slice(1) : join(dirname(file), spec);
      visit(relative('.', target));
    }
  };
  visit(entry);
  return [...seen];
}

/** What an extension HTML page loads: its scripts, module preloads and stylesheets, with their imports. */
export function pageFiles(dir: string, html: string): string[] {
  const text = readFileSync(join(dir, html), 'utf8');
  const refs = [...text.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '');
  const files = new Set<string>();
  for (const ref of refs) {
    for (const f of ref.endsWith('.js') ? moduleClosure(dir, ref) : [ref]) files.add(f);
  }
  return [...files];
}

/** Measure a build. Throws a clear error if there is no build in `dir`. */
export function measureBundle(dir = builtExtensionDir()): BundleReport {
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(
      `No extension build in ${dir}. Build first: npm run build (or DESKMATE_OUT_DIR=<dir> npx wxt build).`,
    );
  }
  const csDir = join(dir, 'content-scripts');
  const contentScripts = (existsSync(csDir) ? readdirSync(csDir) : [])
    .filter((f) => f.endsWith('.js'))
    .sort()
    .map((f) => {
      const file = `content-scripts/${f}`;
      const bytes = readFileSync(join(dir, file));
      const code = bytes.toString('utf8');
      return {
        site: f.replace(/\.js$/, ''),
        file,
        weight: weigh(bytes),
        forbidden: FORBIDDEN_IN_CONTENT.filter((x) => x.pattern.test(code)).map((x) => x.name),
      };
    });
  const panelFiles = existsSync(join(dir, 'sidepanel.html')) ? pageFiles(dir, 'sidepanel.html') : [];
  const backgroundFiles = moduleClosure(dir, 'background.js');
  return {
    dir,
    contentScripts,
    panel: { files: panelFiles, weight: sum(dir, panelFiles) },
    background: { files: backgroundFiles, weight: sum(dir, backgroundFiles) },
  };
}

/** Budget violations, in words; empty when the build is within budget. */
export function budgetViolations(report: BundleReport): string[] {
  const problems: string[] = [];
  if (report.contentScripts.length === 0)
    problems.push(`No content script in ${report.dir}/content-scripts.`);
  for (const cs of report.contentScripts) {
    if (cs.weight.gzip > CONTENT_SCRIPT_GZIP_BUDGET) {
      problems.push(
        `${cs.file} is ${kb(cs.weight.gzip)} gzip (${cs.weight.gzip} bytes), over the ${kb(CONTENT_SCRIPT_GZIP_BUDGET)} budget (${CONTENT_SCRIPT_GZIP_BUDGET} bytes).`,
      );
    }
    for (const name of cs.forbidden) {
      const why = FORBIDDEN_IN_CONTENT.find((x) => x.name === name)?.why ?? '';
      problems.push(`${cs.file} bundles ${name}: ${why}.`);
    }
  }
  return problems;
}

export function kb(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/** The report as printed by `npm run bench:size` (also copied into artifacts/bench.txt). */
export function formatReport(report: BundleReport): string {
  const rows: string[][] = [['what', 'raw', 'gzip', 'budget (gzip)']];
  for (const cs of report.contentScripts) {
    const over = cs.weight.gzip > CONTENT_SCRIPT_GZIP_BUDGET || cs.forbidden.length > 0;
    rows.push([
      `content script: ${cs.site}`,
      kb(cs.weight.raw),
      kb(cs.weight.gzip),
      `< ${kb(CONTENT_SCRIPT_GZIP_BUDGET)} ${over ? 'OVER' : 'ok'}${cs.forbidden.length ? ` (bundles ${cs.forbidden.join(', ')})` : ''}`,
    ]);
  }
  rows.push([
    `panel (${report.panel.files.length} files, loads when opened)`,
    kb(report.panel.weight.raw),
    kb(report.panel.weight.gzip),
    '-',
  ]);
  rows.push([
    `background (${report.background.files.length} files)`,
    kb(report.background.weight.raw),
    kb(report.background.weight.gzip),
    '-',
  ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
  );
  return [`Bundle sizes (${report.dir}; gzip level 9, 1 kB = 1000 bytes)`, ...lines].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const report = measureBundle();
    console.log(formatReport(report));
    const problems = budgetViolations(report);
    for (const p of problems) console.log(`OVER BUDGET: ${p}`);
    process.exitCode = problems.length > 0 ? 1 : 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
