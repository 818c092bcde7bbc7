/**
 * Metrics benchmark (Node): how long the options page's dashboard takes to compute from a large local
 * log (every metric, the daily trend, the histogram and readiness), so a team lead opening it after a
 * year of work does not wait. Synthetic log, seeded: the same figures on every run on the same machine.
 *
 *   npm run bench:metrics -- [--tickets 20000]
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Correction, DeskEvent } from '../../lib/db/db';
import { buildDashboard } from '../../lib/metrics/dashboard-data';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { machineLine, median } from './common';

const { values: args } = parseArgs({ options: { tickets: { type: 'string', default: '20000' } } });
const tickets = Number(args.tickets);

/** Mulberry32: a small seeded generator, so the log is the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(42);
const TEMPLATES = ['triage', 'refund-request', 'reply-draft', 'bug-report', 'escalation-handoff'];
const FIELDS = ['category', 'priority', 'product', 'sentiment', 'language', 'summary'];
const SITES = ['demo', 'zendesk', 'freshdesk', 'rt'];
const START = Date.UTC(2025, 10, 24);
const events: DeskEvent[] = [];
const corrections: Correction[] = [];
for (let i = 0; i < tickets; i++) {
  const ticketHash = i.toString(16).padStart(64, '0');
  const site = SITES[i % SITES.length]!;
  const templateId = TEMPLATES[Math.floor(random() * TEMPLATES.length)]!;
  const mode = random() < 0.3 ? 'shadow' : 'assist';
  const t0 = START + Math.floor((i / tickets) * 365 * 86_400_000);
  const base = { site, ticketHash };
  events.push({ ...base, type: 'panel.opened', time: t0 });
  events.push({ ...base, type: 'suggestion.requested', time: t0 + 100, templateId, data: { mode } });
  events.push({
    ...base,
    type: 'suggestion.ready',
    time: t0 + 1500,
    templateId,
    data: {
      mode,
      latencyMs: 800 + Math.floor(random() * 3000),
      provider: 'openai',
      model: 'm',
      filled: 4,
      missing: 1,
      conflict: 0,
      stale: 0,
      unsupported: 1,
      flags: 0,
    },
  });
  const edits = Math.floor(random() * 4);
  for (let e = 0; e < edits; e++) {
    events.push({ ...base, type: 'field.edited', time: t0 + 5000 + e * 1000, templateId, field: FIELDS[e]! });
  }
  const end = t0 + (mode === 'shadow' ? 240_000 : 90_000) + Math.floor(random() * 60_000);
  events.push({ ...base, type: 'applied', time: end, templateId, data: { mode, fields: 6 } });
  if (random() < 0.05) events.push({ ...base, type: 'escalated', time: end + 10, data: { flags: 1 } });
  for (const field of FIELDS) {
    const agreed = random() < 0.85;
    corrections.push({
      templateId,
      templateVersion: 1,
      field,
      aiValue: 'a',
      keptValue: agreed ? 'a' : 'b',
      agreed,
      aiConfidence: 0.8,
      aiSource: 'model',
      evidence: [],
      contextSnippet: '',
      site,
      ticketHash,
      time: end,
    });
  }
}

const now = START + 366 * 86_400_000;
const runs: Record<string, number[]> = { 'all time': [], 'last 30 days': [], 'one template, one site': [] };
const filters = {
  'all time': { days: 0 },
  'last 30 days': { days: 30 },
  'one template, one site': { days: 0, templateId: 'triage', site: 'zendesk' },
};
for (let r = 0; r < 5; r++) {
  for (const [name, filter] of Object.entries(filters)) {
    // A fresh array per run, as each dashboard load reads one: no result is reused across runs.
    const log = events.slice();
    const started = performance.now();
    buildDashboard(log, corrections, DEFAULT_SETTINGS.templates, [], filter, now);
    runs[name]!.push(performance.now() - started);
  }
}

console.log(machineLine());
console.log(
  `Dashboard over ${tickets} tickets: ${events.length} events, ${corrections.length} corrections (one year)`,
);
for (const [name, times] of Object.entries(runs)) {
  console.log(`  ${name.padEnd(24)} median ${median(times).toFixed(0)} ms over ${times.length} runs`);
}
