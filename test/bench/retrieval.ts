/**
 * Retrieval and export benchmark (Node, fake-indexeddb):
 * 1. 5 nearest corrections among 100,000 stored: index build time, query time (mean, p95), memory;
 * 2. export of 100,000 corrections to CSV through the streamed exporter: time and peak memory.
 *
 *   npm run bench:retrieval -- [--n 100000] [--queries 300] [--datasets ../shared/datasets]
 *
 * Snippets are real support texts (the datasets' ticket texts, when the folder is there) with a
 * random order number and a few random words appended, so no two are the same.
 */
import 'fake-indexeddb/auto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { type Correction, DeskmateDb } from '../../lib/db/db';
import { exportStream } from '../../lib/export/stream';
import { CorrectionIndex, CorrectionRetrieval } from '../../lib/memory/retrieval';
import { machineLine } from './common';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '300' },
    datasets: { type: 'string', default: '../shared/datasets' },
  },
});
const N = Number(args.n);

let seed = 7;
function rand(n: number): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
}

/** Ticket-like texts: one per line of the datasets' text columns, or generated words when absent. */
function baseTexts(): string[] {
  const files = [
    ['it_service_all_tickets_processed_improved_v3.csv', 0],
    ['bitext_customer_support_train_v337b968.csv', 2],
  ] as const;
  const texts: string[] = [];
  for (const [file, column] of files) {
    const path = join(args.datasets!, file);
    if (!existsSync(path)) continue;
    // Good enough for a benchmark corpus: first-line fields, quotes dropped.
    for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
      const cell = line.split(',')[column]?.replace(/"/g, '');
      if (cell && cell.length > 20) texts.push(cell);
    }
  }
  if (texts.length) return texts;
  const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
  return Array.from({ length: 5000 }, () =>
    Array.from({ length: 30 }, () => words[rand(words.length)]).join(' '),
  );
}

const FIELDS = ['category', 'priority', 'queue'];
const VALUES = ['shipping', 'refund', 'bug', 'account', 'billing', 'other'];

function makeCorrections(texts: string[]): Correction[] {
  const extra = [
    'urgent',
    'again',
    'still',
    'today',
    'please',
    'invoice',
    'laptop',
    'vpn',
    'password',
    'parcel',
  ];
  return Array.from({ length: N }, (_, i) => {
    const snippet = `${texts[rand(texts.length)]} order A-${10000 + rand(90000)} ${extra[rand(10)]} ${extra[rand(10)]}`;
    return {
      templateId: 'triage',
      templateVersion: 1,
      field: FIELDS[i % 3] as string,
      aiValue: VALUES[rand(6)] as string,
      keptValue: VALUES[rand(6)] as string,
      agreed: false,
      aiConfidence: 0.5,
      aiSource: 'model',
      evidence: [],
      contextSnippet: snippet.slice(0, 1200),
      site: i % 4 ? 'demo' : 'rt',
      ticketHash: `t${i}`,
      time: 1_750_000_000_000 + i * 1000,
    };
  });
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main(): Promise<void> {
  console.log(machineLine());
  const texts = baseTexts();
  const corrections = makeCorrections(texts).map((c, i) => ({ ...c, id: i + 1 }));
  console.log(`${N} corrections from ${texts.length} base texts`);

  // 1. In-memory index, as the background holds it.
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const buildCpu = process.cpuUsage();
  const index = new CorrectionIndex();
  index.addAll(corrections);
  const buildMs = performance.now() - t;
  const buildUsed = process.cpuUsage(buildCpu);
  gc();
  const heapIndex = process.memoryUsage().heapUsed - heapBefore;
  const times: number[] = [];
  let found = 0;
  let cpuQuery = 0;
  for (let q = 0; q < Number(args.queries); q++) {
    const text = `${texts[rand(texts.length)]} ${texts[rand(texts.length)]?.slice(0, 40)}`;
    t = performance.now();
    const cpu = process.cpuUsage();
    found += index.search(text, 'demo', 5).length;
    const used = process.cpuUsage(cpu);
    cpuQuery += (used.user + used.system) / 1000;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((s, x) => s + x, 0) / times.length;
  console.log(
    `index build ${buildMs.toFixed(0)} ms wall, ${((buildUsed.user + buildUsed.system) / 1000).toFixed(0)} ms CPU · heap +${mb(heapIndex)} (snippets included; estimate ${mb(index.approximateBytes())})`,
  );
  console.log(
    `5 nearest of ${N}: mean ${mean.toFixed(2)} ms wall, ${(cpuQuery / times.length).toFixed(2)} ms CPU · p95 ${times[Math.floor(times.length * 0.95)]?.toFixed(2)} ms · max ${times[times.length - 1]?.toFixed(2)} ms · ${(found / times.length).toFixed(1)} found per query`,
  );

  // 2. Through Dexie (fake-indexeddb): first query builds the index from the database.
  const database = new DeskmateDb('bench-retrieval');
  t = performance.now();
  for (let i = 0; i < corrections.length; i += 5000) {
    await database.corrections.bulkAdd(corrections.slice(i, i + 5000).map(({ id: _id, ...c }) => c));
  }
  console.log(`stored ${N} in fake-indexeddb in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const retrieval = new CorrectionRetrieval(() => database);
  t = performance.now();
  await retrieval.nearest('triage', 'demo', texts[0] as string, 5);
  console.log(`first query (loads and indexes from the database): ${(performance.now() - t).toFixed(0)} ms`);
  t = performance.now();
  for (let q = 0; q < 100; q++)
    await retrieval.nearest('triage', 'demo', texts[rand(texts.length)] as string, 5);
  console.log(
    `next queries through ExampleSource.nearest: mean ${((performance.now() - t) / 100).toFixed(2)} ms`,
  );

  // 3. Streamed CSV export of everything, to a sink that only counts bytes (as a file would take them).
  gc();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 20);
  t = performance.now();
  let bytes = 0;
  let longestGap = 0;
  let last = performance.now();
  // Node has no background to ask: the policy guard allows, as the background's would by default.
  const reader = exportStream(
    database,
    'corrections',
    'csv',
    {},
    async () => {},
    async () => 'agent-bench',
  ).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    if (done) break;
    bytes += value.byteLength;
  }
  clearInterval(sampler);
  const exportMs = performance.now() - t;
  console.log(
    `CSV export of ${N}: ${(exportMs / 1000).toFixed(1)} s · ${mb(bytes)} written · peak heap +${mb(peakHeap - base.heapUsed)} · peak RSS +${mb(peakRss - base.rss)} · longest step ${longestGap.toFixed(0)} ms`,
  );
  database.close();
}

await main();
