/**
 * Extraction time of the site adapters in real Chromium, and the content scripts' sizes:
 *   npm run bench:extract
 * - the RT 5 ticket page saved from a real RT (test/fixtures/rt/ticket-display.html): target < 5 ms;
 * - the demo desk's 1,000-message thread (/tickets/1001?thread=1000): target < 50 ms;
 * - a 5 MB RT thread (2,050 messages, one of 2 MB): reported, no target.
 * The adapters are bundled as they ship (esbuild, zod/mini included) and run inside the page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { startDemoDesk } from '../demo-desk/server.mjs';

const RUNS = 60;

async function bundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { rtAdapter } from './lib/sites/rt'; import { demoAdapter } from './lib/sites/demo';
        globalThis.__deskmateBench = { rt: rtAdapter, demo: demoAdapter };`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
    alias: { '@': process.cwd(), 'wxt/browser': './test/bench/no-browser.ts' },
  });
  return result.outputFiles[0]!.text;
}

async function time(
  page: Page,
  site: 'rt' | 'demo',
  href: string,
): Promise<{ median: number; p95: number; messages: number }> {
  return page.evaluate(
    ({ site, href, runs }) => {
      const adapter = (
        globalThis as unknown as Record<
          string,
          Record<string, { read(d: Document, u: URL): { ok: boolean; context?: { messages: unknown[] } } }>
        >
      ).__deskmateBench![site]!;
      const times: number[] = [];
      let messages = 0;
      // Warm up first: the first calls measure the JIT compiling the adapter, not the adapter.
      for (let i = 0; i < 5; i++) adapter.read(document, new URL(href));
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const r = adapter.read(document, new URL(href));
        times.push(performance.now() - t0);
        messages = r.ok ? (r.context?.messages.length ?? 0) : -1;
      }
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(runs / 2)]!, p95: times[Math.floor(runs * 0.95)]!, messages };
    },
    { site, href, runs: RUNS },
  );
}

const fmt = (n: number) => `${n.toFixed(2)} ms`;
const code = await bundle();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage();

// 1. The saved RT 5 page, history loaded.
const rtUrl = 'http://127.0.0.1:8080/Ticket/Display.html?id=1';
await page.route('http://127.0.0.1:8080/**', (route) =>
  route.request().url() === rtUrl
    ? route.fulfill({
        contentType: 'text/html',
        body: readFileSync('test/fixtures/rt/ticket-display.html', 'utf8'),
      })
    : route.abort(),
);
await page.goto(rtUrl);
await page.addScriptTag({ content: code });
const rt = await time(page, 'rt', rtUrl);
console.log(
  `RT 5 saved ticket page: median ${fmt(rt.median)}, p95 ${fmt(rt.p95)} (${rt.messages} messages; target < 5 ms)`,
);

// 2. A 5 MB RT thread.
await page.evaluate(() => {
  const container = document.querySelector('.history-container')!;
  const line = 'Still waiting for my refund, order 48213. '.repeat(36);
  const rows: string[] = [];
  for (let i = 0; i < 2050; i++) {
    const body = i === 2049 ? 'x'.repeat(2_000_000) : `${i}: ${line}`;
    rows.push(
      `<div class="transaction message" data-transaction-id="${1000 + i}"><div class="metadata"><span class="description"><span class="user" data-user-id="27">Alice</span> - Correspondence added</span></div><div class="messagebody"><div class="message-stanza">${body}</div></div></div>`,
    );
  }
  container.innerHTML = rows.join('');
});
const huge = await time(page, 'rt', rtUrl);
console.log(
  `RT 5 MB thread (2,050 messages): median ${fmt(huge.median)}, p95 ${fmt(huge.p95)} (${huge.messages} messages kept)`,
);

// 3. The demo desk's 1,000-message thread.
const desk = await startDemoDesk();
const demoUrl = `${desk.baseUrl}/tickets/1001?thread=1000`;
await page.unrouteAll();
await page.goto(demoUrl);
await page.addScriptTag({ content: code });
const demo = await time(page, 'demo', demoUrl);
console.log(
  `Demo 1,000-message thread: median ${fmt(demo.median)}, p95 ${fmt(demo.p95)} (${demo.messages} messages; target < 50 ms)`,
);
await desk.close();
await browser.close();

// 4. Content script sizes, from a build in .output-bench (built if missing).
const out = process.env.DESKMATE_OUT_DIR ?? '.output-bench';
if (!existsSync(`${out}/chrome-mv3/content-scripts`)) {
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit', env: { ...process.env, DESKMATE_OUT_DIR: out } });
}
console.log('Content scripts (gzip; budget 15 kB):');
for (const file of readdirSync(`${out}/chrome-mv3/content-scripts`)
  .filter((f) => f.endsWith('.js'))
  .sort()) {
  const size = gzipSync(readFileSync(`${out}/chrome-mv3/content-scripts/${file}`)).length;
  console.log(`  ${file.padEnd(16)} ${(size / 1024).toFixed(1)} kB`);
}
