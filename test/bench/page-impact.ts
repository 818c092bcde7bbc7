/**
 * Page impact in real Chromium (`npm run bench:page`): what Deskmate costs the desk page it runs in.
 * - time from DOMContentLoaded to "context extracted and panel toggle ready" (target < 50 ms), read from
 *   the `deskmate:start` / `deskmate:ready` marks the content script leaves on the page's timeline
 *   (lib/content/run.ts);
 * - long tasks (>= 50 ms) per page load with and without the extension, and those caused by the
 *   extension (target none): a long task is ours when it would be shorter than 50 ms without the work
 *   Deskmate's marks show inside it (the DOMContentLoaded work, and the panel iframe's insertion in a
 *   task of its own);
 * - JS heap used in the page (CDP Performance.getMetrics after a forced GC), with and without.
 * Pages: the demo desk with a 1,000-message thread, and Request Tracker 5 (live on 127.0.0.1:8080 when
 * it runs, else its saved ticket page served locally).
 *   RUNS=5 npm run bench:page
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BrowserContext, chromium } from 'playwright-core';
import { startDemoDesk } from '../demo-desk/server.mjs';
import { chromiumArgs, chromiumPath, launch } from '../e2e/harness';
import { ensureBuild, machineLine, median, summary } from './common';

const RUNS = Number(process.env.RUNS ?? 5);
/** After "ready", how long to keep watching for long tasks (the panel iframe loads meanwhile). */
const SETTLE_MS = 1000;
const RT_BASE = process.env.RT_BASE ?? 'http://127.0.0.1:8080';
const RT_PASS = process.env.RT_PASS ?? 'password';

interface Scenario {
  name: string;
  url: string;
  source: string;
  /** Log in or otherwise prepare a browser context before loading `url`. */
  prepare?: (context: BrowserContext) => Promise<void>;
  close?: () => Promise<void>;
}

interface Load {
  /** DOMContentLoaded (event start) to the ready mark; undefined when no adapter recognised the page. */
  dclToReady?: number;
  /** The content script's own synchronous work: start mark to ready mark. */
  scriptWork?: number;
  /** Of which: detection, message listener and the panel dock (start to docked mark). */
  dockWork?: number;
  /** Of which: reading the ticket context (docked mark to ready mark). */
  readWork?: number;
  /** The site script that recognised the page, and every Deskmate site script injected into it. */
  site?: string;
  scripts: string[];
  /** First Deskmate script start to ready: includes the other site scripts that matched the page. */
  allScriptsWork?: number;
  extracted?: boolean;
  /** Inserting the panel iframe, deferred to a task of its own (the `deskmate:frame` measure). */
  frameWork?: number;
  longTasks: { start: number; duration: number }[];
  longTasksDuringScript: number;
  /** Long tasks that would be under 50 ms without Deskmate's work inside them. */
  longTasksCaused: number;
  heapUsed: number;
}

/** Collects long tasks in the page's main world from the very start of the load. */
const LONG_TASK_PROBE = `(() => {
  window.__deskmateLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__deskmateLongTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

async function measureLoad(context: BrowserContext, url: string, withExtension: boolean): Promise<Load> {
  const page = await context.newPage();
  try {
    await page.addInitScript(LONG_TASK_PROBE);
    await page.goto(url, { waitUntil: 'load' });
    if (withExtension) {
      await page
        .waitForFunction(() => performance.getEntriesByName('deskmate:ready').length > 0, null, {
          timeout: 10_000,
        })
        .catch(() => undefined);
    }
    await page.waitForTimeout(SETTLE_MS);
    const marks = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      // Several site scripts can match one page (self-hosted desks share loopback): follow the one that
      // recognised the page, and note how many were injected.
      const ready = performance.getEntriesByName('deskmate:ready')[0] as PerformanceMark | undefined;
      const site = (ready?.detail as { site?: string } | undefined)?.site;
      const starts = performance.getEntriesByName('deskmate:start') as PerformanceMark[];
      // (No named helper functions in here: tsx would wrap them in a __name() the page does not have.)
      const start = starts.find((e) => e.detail?.site === site);
      const docked = (performance.getEntriesByName('deskmate:docked') as PerformanceMark[]).find(
        (e) => e.detail?.site === site,
      );
      const frame = (performance.getEntriesByName('deskmate:frame') as PerformanceMeasure[]).find(
        (e) => e.detail?.site === site,
      );
      return {
        // From the DOMContentLoaded event itself: the scripts now run inside its dispatch, so its end
        // would include (and hide) their work.
        dcl: nav?.domContentLoadedEventStart ?? 0,
        site,
        scripts: starts.map((e) => String(e.detail?.site ?? '?')).sort(),
        firstStart: starts[0]?.startTime,
        start: start?.startTime,
        docked: docked?.startTime,
        ready: ready?.startTime,
        extracted: (ready?.detail as { extracted?: boolean } | undefined)?.extracted,
        frame: frame ? { start: frame.startTime, duration: frame.duration } : undefined,
        longTasks: (window as unknown as { __deskmateLongTasks: { start: number; duration: number }[] })
          .__deskmateLongTasks,
      };
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    await cdp.detach();
    const heapUsed = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
    const during =
      marks.firstStart !== undefined && marks.ready !== undefined
        ? marks.longTasks.filter((t) => t.start < marks.ready! && t.start + t.duration > marks.firstStart!)
            .length
        : 0;
    // Deskmate's own work on the page's timeline: every site script's start to the ready mark (they
    // all run in the DOMContentLoaded dispatch), and the panel iframe's insertion.
    const own = [
      ...(marks.firstStart !== undefined && marks.ready !== undefined
        ? [{ start: marks.firstStart, end: marks.ready }]
        : []),
      ...(marks.frame ? [{ start: marks.frame.start, end: marks.frame.start + marks.frame.duration }] : []),
    ];
    const ownInside = (t: { start: number; duration: number }) =>
      own.reduce(
        (sum, w) => sum + Math.max(0, Math.min(w.end, t.start + t.duration) - Math.max(w.start, t.start)),
        0,
      );
    const caused = marks.longTasks.filter((t) => t.duration - ownInside(t) < 50).length;
    return {
      dclToReady: marks.ready !== undefined ? marks.ready - marks.dcl : undefined,
      scriptWork:
        marks.start !== undefined && marks.ready !== undefined ? marks.ready - marks.start : undefined,
      dockWork:
        marks.start !== undefined && marks.docked !== undefined ? marks.docked - marks.start : undefined,
      readWork:
        marks.docked !== undefined && marks.ready !== undefined ? marks.ready - marks.docked : undefined,
      extracted: marks.extracted,
      site: marks.site,
      scripts: marks.scripts,
      allScriptsWork:
        marks.firstStart !== undefined && marks.ready !== undefined
          ? marks.ready - marks.firstStart
          : undefined,
      frameWork: marks.frame?.duration,
      longTasks: marks.longTasks,
      longTasksDuringScript: during,
      longTasksCaused: caused,
      heapUsed,
    };
  } finally {
    await page.close();
  }
}

async function rtScenario(): Promise<Scenario> {
  const live = await fetch(`${RT_BASE}/NoAuth/Login.html`, { signal: AbortSignal.timeout(2000) })
    .then((r) => r.ok)
    .catch(() => false);
  if (live) {
    const auth = `Basic ${Buffer.from(`root:${RT_PASS}`).toString('base64')}`;
    const query = new URLSearchParams({ query: 'id > 0', orderby: 'id', order: 'DESC', per_page: '1' });
    const list = (await fetch(`${RT_BASE}/REST/2.0/tickets?${query}`, { headers: { authorization: auth } })
      .then((r) => r.json())
      .catch(() => undefined)) as { items?: { id: string }[] } | undefined;
    const id = process.env.RT_TICKET ?? list?.items?.[0]?.id ?? '1';
    return {
      name: 'Request Tracker 5 ticket page',
      url: `${RT_BASE}/Ticket/Display.html?id=${id}`,
      source: `live RT at ${RT_BASE} (ticket ${id}, logged in as root)`,
      prepare: async (context) => {
        const res = await context.request.post(`${RT_BASE}/NoAuth/Login.html`, {
          form: { user: 'root', pass: RT_PASS },
        });
        if (!res.ok()) throw new Error(`RT login failed: HTTP ${res.status()}`);
      },
    };
  }
  // RT is not running: serve its saved ticket page and history fragment (no RT scripts or styles).
  const dir = '/work/shared/reference/desks';
  const display = readFileSync(`${dir}/rt5-ticket-display.html`, 'utf8');
  const history = readFileSync(`${dir}/rt5-ticket-history-fragment.html`, 'utf8');
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body =
      path === '/Ticket/Display.html' ? display : path === '/Helpers/TicketHistory' ? history : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const id = /Display\.html\?id=(\d+)/.exec(display)?.[1] ?? '1';
  return {
    name: 'Request Tracker 5 ticket page',
    url: `http://127.0.0.1:${port}/Ticket/Display.html?id=${id}`,
    source:
      'saved page (RT not running on 127.0.0.1:8080): reference/desks/rt5-ticket-display.html served locally',
    close: () => new Promise((r) => server.close(() => r())),
  };
}

async function runScenario(scenario: Scenario): Promise<string[]> {
  const withExt = await launch();
  const plainProfile = `${withExt.profileDir}-plain`;
  // Same browser and flags, minus the extension.
  const plain = await chromium.launchPersistentContext(plainProfile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: chromiumArgs().filter((a) => !a.includes('extension')),
  });
  const loads: { on: Load[]; off: Load[] } = { on: [], off: [] };
  try {
    await scenario.prepare?.(withExt.context);
    await scenario.prepare?.(plain);
    // One warm-up load each (HTTP cache, code cache), then alternate to spread background noise evenly.
    await measureLoad(withExt.context, scenario.url, true);
    await measureLoad(plain, scenario.url, false);
    for (let i = 0; i < RUNS; i++) {
      loads.on.push(await measureLoad(withExt.context, scenario.url, true));
      loads.off.push(await measureLoad(plain, scenario.url, false));
    }
  } finally {
    await withExt.close();
    await plain.close();
  }
  const ready = loads.on.flatMap((l) => (l.dclToReady === undefined ? [] : [l.dclToReady]));
  const pick = (f: (l: Load) => number | undefined) =>
    loads.on.flatMap((l) => {
      const v = f(l);
      return v === undefined ? [] : [v];
    });
  const work = pick((l) => l.scriptWork);
  const mb = (b: number) => `${(b / 1024 ** 2).toFixed(2)} MB`;
  const heapOn = median(loads.on.map((l) => l.heapUsed));
  const heapOff = median(loads.off.map((l) => l.heapUsed));
  const longOn = loads.on.map((l) => l.longTasks.length);
  const longOff = loads.off.map((l) => l.longTasks.length);
  const maxLong = (ls: Load[]) => Math.max(0, ...ls.flatMap((l) => l.longTasks.map((t) => t.duration)));
  const lines = [`${scenario.name}: ${scenario.url}`, `  source: ${scenario.source}`];
  if (ready.length === 0) {
    lines.push('  no Deskmate site script recognised this page (no deskmate:ready mark): not measured');
  } else {
    const extracted = loads.on.filter((l) => l.extracted).length;
    lines.push(
      `  DOMContentLoaded -> context extracted + panel toggle ready: ${summary(ready)}  (target < 50 ms)`,
      `    of which the content script's own work (start -> ready): ${summary(work)}`,
      `      detect + message listener + panel dock (start -> docked): ${summary(pick((l) => l.dockWork))}`,
      `      reading the ticket context (docked -> ready): ${summary(pick((l) => l.readWork))}`,
      `    inserting the panel iframe (next task, deskmate:frame): ${summary(pick((l) => l.frameWork))}`,
      `    DOMContentLoaded -> script start (injected at document_start, starts at DOMContentLoaded): ${summary(pick((l) => (l.dclToReady !== undefined && l.scriptWork !== undefined ? l.dclToReady - l.scriptWork : undefined)))}`,
      `    context extracted in ${extracted}/${loads.on.length} loads by the ${loads.on[0]?.site} script; site scripts injected: ${loads.on[0]?.scripts.join(', ')}`,
      `    all injected Deskmate scripts (first start -> ready): ${summary(pick((l) => l.allScriptsWork))}`,
    );
  }
  lines.push(
    `  long tasks >= 50 ms caused by Deskmate (under 50 ms without its work inside them): ${loads.on.reduce((n, l) => n + l.longTasksCaused, 0)} in ${loads.on.length} loads  (target none)`,
    `    long tasks >= 50 ms that Deskmate's DOMContentLoaded work ran inside (the page's own, made longer by it): ${loads.on.reduce((n, l) => n + l.longTasksDuringScript, 0)} in ${loads.on.length} loads`,
    `    Deskmate's longest own work in one task: ${Math.max(0, ...pick((l) => l.allScriptsWork), ...pick((l) => l.frameWork)).toFixed(1)} ms`,
    `  long tasks >= 50 ms per load (whole load + ${SETTLE_MS} ms): with extension ${median(longOn)} median (max ${Math.max(...longOn)}, longest ${maxLong(loads.on).toFixed(0)} ms), without ${median(longOff)} median (max ${Math.max(...longOff)}, longest ${maxLong(loads.off).toFixed(0)} ms)`,
    `  JS heap used in the page (after GC): with extension ${mb(heapOn)}, without ${mb(heapOff)}, delta ${heapOn >= heapOff ? '+' : ''}${mb(heapOn - heapOff)}`,
  );
  return lines;
}

async function main(): Promise<void> {
  ensureBuild();
  console.log(
    `Page impact (headless Chromium, ${RUNS} loads per page with and without the extension, medians)`,
  );
  console.log(machineLine());
  const desk = await startDemoDesk();
  const scenarios: Scenario[] = [
    {
      name: 'Demo desk, 1,000-message thread',
      url: `${desk.baseUrl}/tickets/1001?thread=1000`,
      source: 'test/demo-desk/server.mjs',
    },
    await rtScenario(),
  ];
  try {
    for (const s of scenarios) {
      const lines = await runScenario(s);
      console.log(lines.join('\n'));
      await s.close?.();
    }
  } finally {
    await desk.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
