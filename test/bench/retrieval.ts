/**
 * Retrieval and export benchmark (Node, fake-indexeddb):
 * 1. 5 nearest corrections among 100,000 stored: index build time, query time (mean, p95), memory;
 * 2. through Dexie: the first query after a browser start (a new connection and retrieval) without a
 *    saved index (reads and indexes every row) and with the saved index (issue #19: <= 300 ms), with
 *    newer corrections to catch up, and the query right after a deletion (rebuild in the background);
 * 3. export of 100,000 corrections to CSV through the streamed exporter: time and peak memory.
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
  // JS heap plus array buffers: the index's columns are typed arrays, which live outside the heap.
  const held = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const heapBefore = held();
  let t = performance.now();
  const buildCpu = process.cpuUsage();
  const index = new CorrectionIndex();
  index.addAll(corrections);
  const buildMs = performance.now() - t;
  const buildUsed = process.cpuUsage(buildCpu);
  gc();
  const heapIndex = held() - heapBefore;
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
    `index build ${buildMs.toFixed(0)} ms wall, ${((buildUsed.user + buildUsed.system) / 1000).toFixed(0)} ms CPU · memory +${mb(heapIndex)} (estimate ${mb(index.approximateBytes())}; snippets stay in Dexie)`,
  );
  console.log(
    `5 nearest of ${N}: mean ${mean.toFixed(2)} ms wall, ${(cpuQuery / times.length).toFixed(2)} ms CPU · p95 ${times[Math.floor(times.length * 0.95)]?.toFixed(2)} ms · max ${times[times.length - 1]?.toFixed(2)} ms · ${(found / times.length).toFixed(1)} found per query`,
  );

  // 2. Through Dexie (fake-indexeddb). Each "browser start" is a new Dexie connection and a new
  // CorrectionRetrieval (the background's module state is only these two).
  const name = 'bench-retrieval';
  let database = new DeskmateDb(name);
  t = performance.now();
  for (let i = 0; i < corrections.length; i += 5000) {
    await database.corrections.bulkAdd(corrections.slice(i, i + 5000).map(({ id: _id, ...c }) => c));
  }
  console.log(`stored ${N} in fake-indexeddb in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const query = () => texts[rand(texts.length)] as string;
  const start = async (options: { persist?: boolean } = {}) => {
    database.close();
    database = new DeskmateDb(name);
    await database.open();
    const db = database;
    return new CorrectionRetrieval(() => db, options);
  };

  // 2a. Cold: no saved index (before #19, every browser start): the first query reads and indexes every row.
  let retrieval = await start({ persist: false });
  t = performance.now();
  await retrieval.nearest('triage', 'demo', query(), 5);
  console.log(
    `browser start, no saved index: first query (reads and indexes ${N} rows) ${(performance.now() - t).toFixed(0)} ms`,
  );

  // 2b. The index built once and saved (what the background does after an upgrade, or the first query).
  retrieval = await start();
  t = performance.now();
  await retrieval.warm();
  const snapshot = await database.retrievalIndex.get('triage');
  const snapshotBytes = snapshot
    ? Object.values(snapshot.index).reduce(
        (sum: number, v) => sum + (ArrayBuffer.isView(v) ? v.byteLength : JSON.stringify(v).length),
        0,
      )
    : 0;
  console.log(
    `index built and saved in the background: ${((performance.now() - t) / 1000).toFixed(1)} s · saved index ${mb(snapshotBytes)} for ${snapshot?.index.docIds.length ?? 0} corrections`,
  );

  // 2c. Browser start with the saved index: one read, then the query.
  const firsts: number[] = [];
  const cpus: number[] = [];
  for (let run = 0; run < 5; run++) {
    retrieval = await start();
    t = performance.now();
    const cpu = process.cpuUsage();
    await retrieval.nearest('triage', 'demo', query(), 5);
    const used = process.cpuUsage(cpu);
    firsts.push(performance.now() - t);
    cpus.push((used.user + used.system) / 1000);
  }
  // What a loaded index holds: its stored columns, used as they are (process figures here are blurred
  // by the connections and indexes of the five starts, collected meanwhile).
  const loadedIndex = snapshot ? CorrectionIndex.from(snapshot.index) : undefined;
  console.log(
    `browser start, saved index: first query ${firsts.map((ms) => ms.toFixed(0)).join(', ')} ms wall, ${cpus.map((ms) => ms.toFixed(0)).join(', ')} ms CPU (5 starts; target <= 300 ms) · a loaded index holds about ${mb(loadedIndex?.approximateBytes() ?? 0)}`,
  );
  t = performance.now();
  for (let q = 0; q < 100; q++) await retrieval.nearest('triage', 'demo', query(), 5);
  console.log(
    `next queries through ExampleSource.nearest: mean ${((performance.now() - t) / 100).toFixed(2)} ms`,
  );

  // 2d. 400 corrections recorded since the index was saved (fewer than a save's 500): caught up on load.
  const later = makeCorrections(texts)
    .slice(0, 400)
    .map((c, i) => ({ ...c, ticketHash: `later${i}` }));
  await database.corrections.bulkAdd(later);
  retrieval = await start();
  t = performance.now();
  await retrieval.nearest('triage', 'demo', query(), 5);
  console.log(
    `browser start, saved index + 400 newer corrections: first query ${(performance.now() - t).toFixed(0)} ms`,
  );

  // 2e. "Forget ticket" on a loaded index: the next query does not wait for the rebuild.
  await database.corrections.where('ticketHash').equals('t1').delete();
  retrieval.invalidate();
  t = performance.now();
  await retrieval.nearest('triage', 'demo', query(), 5);
  const afterDelete = performance.now() - t;
  t = performance.now();
  await retrieval.settled();
  console.log(
    `after deleting a ticket: next query ${afterDelete.toFixed(0)} ms (old index, deleted rows skipped) · rebuilt and saved in the background in ${((performance.now() - t) / 1000).toFixed(1)} s`,
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
