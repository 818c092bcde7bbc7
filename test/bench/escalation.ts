/**
 * Escalation benchmark (Node): how fast the deterministic rules run, and how often the default rules
 * fire on ordinary support tickets (the public datasets in ../shared/datasets, when the folder is
 * there), with sample quotes so a person can judge whether a hit is a false alarm.
 *
 *   npm run bench:escalation -- [--datasets ../shared/datasets] [--samples 3]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { TicketContext } from '../../lib/context/ticket-context';
import { DEFAULT_RULES } from '../../lib/escalation/defaults';
import { evaluate } from '../../lib/escalation/evaluate';
import demoTickets from '../demo-desk/tickets.json' with { type: 'json' };
import { machineLine, median } from './common';

const { values: args } = parseArgs({
  options: {
    datasets: { type: 'string', default: '../shared/datasets' },
    samples: { type: 'string', default: '3' },
  },
});
const options = { rules: DEFAULT_RULES, signalThreshold: 0.6 };
const NOW = Date.parse('2026-11-24T12:00:00Z');

function ticket(
  key: string,
  subject: string | undefined,
  texts: string[],
  role: 'customer' | 'agent' = 'customer',
) {
  return TicketContext.parse({
    site: 'bench',
    ticketKey: key,
    url: 'http://bench',
    subject,
    readAt: NOW,
    messages: texts.map((text, i) => ({ author: 'c', role: i % 4 === 3 ? 'agent' : role, text })),
  });
}

function timeEach(contexts: TicketContext[], rounds: number): number[] {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const c of contexts) {
      const t0 = performance.now();
      evaluate(c, undefined, options);
      times.push(performance.now() - t0);
    }
  }
  return times;
}

console.log(machineLine());
console.log(`Rules: ${DEFAULT_RULES.length} default rules`);

// 1. Speed on the demo desk and the injection set.
const injection = readdirSync('test/fixtures/injection')
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join('test/fixtures/injection', f), 'utf8')));
const small = [
  ...demoTickets.map((t) =>
    ticket(
      String(t.id),
      t.subject,
      t.messages.map((m) => m.text),
    ),
  ),
  ...injection.map((f) =>
    TicketContext.parse({ site: 'bench', ticketKey: f.id, url: 'x', readAt: NOW, ...f.ticket }),
  ),
];
timeEach(small, 3); // warm-up (regex compilation is cached)
const smallTimes = timeEach(small, 20);
console.log(
  `Evaluate, ${small.length} demo and injection tickets: median ${(median(smallTimes) * 1000).toFixed(0)} µs, ` +
    `max ${Math.max(...smallTimes).toFixed(2)} ms per ticket`,
);

// 2. A long thread: 1,000 messages built from the demo tickets' texts.
const texts = demoTickets.flatMap((t) => t.messages.map((m) => m.text));
const long = ticket(
  'long',
  'Long thread',
  Array.from({ length: 1000 }, (_, i) => texts[i % texts.length] ?? ''),
);
const longTimes = timeEach([long], 10);
console.log(`Evaluate, one ticket with 1,000 messages: median ${median(longTimes).toFixed(1)} ms`);

// 3. Firing rates on ordinary support tickets.
function rows(file: string): Record<string, string>[] {
  // A small CSV reader (quoted cells, doubled quotes, line breaks in cells): no dependency for a bench.
  const text = readFileSync(file, 'utf8');
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell.replace(/\r$/, ''));
      out.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) out.push([...row, cell]);
  const [header, ...body] = out;
  return body.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h, r[i] ?? ''])));
}

const sets: { name: string; file: string; subject?: string; text: string }[] = [
  {
    name: 'bitext customer support (instructions)',
    file: 'bitext_customer_support_train_v337b968.csv',
    text: 'instruction',
  },
  {
    name: 'customer support tickets (suraj520)',
    file: 'suraj520_customer_support_tickets.csv',
    subject: 'Ticket Subject',
    text: 'Ticket Description',
  },
  { name: 'IT service tickets', file: 'it_service_all_tickets_processed_improved_v3.csv', text: 'Document' },
];
const samples = Number(args.samples);
for (const set of sets) {
  const file = join(args.datasets, set.file);
  if (!existsSync(file)) {
    console.log(`${set.name}: not measured (${file} not found)`);
    continue;
  }
  const data = rows(file).filter((r) => r[set.text]);
  const fired = new Map<string, string[]>();
  const t0 = performance.now();
  data.forEach((r, i) => {
    const context = ticket(String(i), set.subject ? r[set.subject] : undefined, [r[set.text] ?? '']);
    for (const flag of evaluate(context, undefined, options).flags) {
      const list = fired.get(flag.ruleId) ?? [];
      list.push(flag.evidence[0]?.quote ?? '');
      fired.set(flag.ruleId, list);
    }
  });
  const ms = performance.now() - t0;
  console.log(`\n${set.name}: ${data.length} tickets, ${ms.toFixed(0)} ms in all`);
  for (const rule of DEFAULT_RULES) {
    const hits = fired.get(rule.id) ?? [];
    const pct = ((hits.length / data.length) * 100).toFixed(2);
    console.log(`  ${rule.id.padEnd(20)} ${String(hits.length).padStart(5)} (${pct}%)`);
    for (const quote of hits.slice(0, samples))
      console.log(`      "${quote.slice(0, 110).replace(/\s+/g, ' ')}"`);
  }
}
