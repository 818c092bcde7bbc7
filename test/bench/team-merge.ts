/**
 * Team report benchmark (issue #17): 50 agents' exports of 20,000 metrics events each, written by the
 * extension's own export writer (lib/export/stream.ts), half CSV and half JSONL, are read, validated,
 * merged by event id and turned into the team report (team, agent, template and desk metrics,
 * confusion, readiness), as the Team page does after the lead drops them in. Budget: 5 s.
 *
 *   npm run bench:team -- [--files 50] [--events 20000]
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { exportHeader, exportRow } from '../../lib/export/stream';
import { DEFAULT_SETTINGS } from '../../lib/settings/schema';
import { addFile, emptyTeamLog } from '../../lib/team/merge';
import { parseExport } from '../../lib/team/parse';
import { buildTeamReport, reportCsv, teamPackJsonl } from '../../lib/team/report';
import { agentLog } from '../unit/team/fixtures';
import { machineLine } from './common';

const { values: args } = parseArgs({
  options: { files: { type: 'string', default: '50' }, events: { type: 'string', default: '20000' } },
});
const FILES = Number(args.files);
const EVENTS = Number(args.events);
const BUDGET_MS = 5000;
const SITES = ['demo', 'rt', 'redmine', 'zendesk'];
const TEMPLATES = ['triage', 'refund-request', 'bug-report'];

console.log(machineLine());
let t = performance.now();
const texts: [string, string][] = [];
let bytes = 0;
for (let f = 0; f < FILES; f++) {
  const agentId = `agent-${f.toString(16).padStart(6, '0')}`;
  // 5 to 7 events per ticket: enough tickets for the events, on one desk and template per agent.
  const log = agentLog({
    tickets: Math.ceil(EVENTS / 5),
    agent: agentId,
    site: SITES[f % SITES.length],
    templateId: TEMPLATES[f % TEMPLATES.length],
    start: 1_780_000_000_000 + f * 3_600_000,
  });
  const format = f % 2 ? 'jsonl' : 'csv';
  let text = exportHeader('events', format);
  for (const e of log.events.slice(0, EVENTS)) text += exportRow('events', format, e, agentId);
  bytes += text.length;
  // As the Team page gets it: File.text() decodes the bytes into one flat string. The `+=` above builds
  // a rope of 20,000 pieces that the first read would flatten, a cost (and a million live rope nodes
  // for the garbage collector) the page does not have.
  texts.push([
    `deskmate-events-${agentId}.${format}`,
    new TextDecoder().decode(new TextEncoder().encode(text)),
  ]);
}
console.log(
  `Wrote ${FILES} exports of ${EVENTS} events (${(bytes / 1024 ** 2).toFixed(0)} MB) in ${Math.round(performance.now() - t)} ms (not timed).`,
);

const cpu = process.cpuUsage();
const start = performance.now();
t = start;
const team = emptyTeamLog();
for (const [name, text] of texts)
  addFile(team, parseExport(name, text, { ticketText: false, realNames: false }));
const mergeMs = performance.now() - t;
t = performance.now();
const report = buildTeamReport(team, DEFAULT_SETTINGS.templates, Date.now());
const reportMs = performance.now() - t;
const totalMs = performance.now() - start;
const used = process.cpuUsage(cpu);
const cpuMs = (used.user + used.system) / 1000;
t = performance.now();
const csv = reportCsv(report);
teamPackJsonl(team.corrections);
const outputsMs = performance.now() - t;

// The floor any reader pays on this machine: JSON.parse of every JSONL line, nothing else. Loaded,
// shared machines run everything slower; this line says how much.
const floorStart = performance.now();
for (const [name, text] of texts)
  if (name.endsWith('.jsonl')) for (const line of text.split('\n')) if (line) JSON.parse(line);
const floorMs = performance.now() - floorStart;

const problems = team.files.reduce((s, f) => s + f.problems.length, 0);
if (team.events.length !== FILES * EVENTS || problems > 0) {
  console.error(`Wrong merge: ${team.events.length} events of ${FILES * EVENTS}, ${problems} problems.`);
  process.exit(1);
}
console.log(`Read, validated and merged ${team.events.length} events: ${Math.round(mergeMs)} ms`);
console.log(
  `Team report (${report.perAgent.length} agents, ${report.perTemplate.length} templates, ${report.perDesk.length} desks): ${Math.round(reportMs)} ms`,
);
console.log(`Merged CSV (${csv.length} chars) and team pack: ${Math.round(outputsMs)} ms`);
const columns = team.events;
let columnBytes = 0;
for (const value of Object.values(columns)) if (ArrayBuffer.isView(value)) columnBytes += value.byteLength;
console.log(
  `Team log: ${columns.length} events in columns of ${(columnBytes / 1024 ** 2).toFixed(0)} MB (room for ${columns.time.length}), ${columns.names.length} names`,
);
console.log(
  `Floor for comparison: JSON.parse alone of the ${FILES / 2} JSONL files' lines: ${Math.round(floorMs)} ms`,
);
console.log(
  `Team merge: ${FILES} exports x ${EVENTS} events in ${(totalMs / 1000).toFixed(2)} s (budget ${BUDGET_MS / 1000} s): ${
    totalMs <= BUDGET_MS ? 'within budget' : 'OVER BUDGET'
  } (CPU time ${(cpuMs / 1000).toFixed(2)} s, load average ${loadavg()[0]?.toFixed(1)} at the end)`,
);
if (totalMs > BUDGET_MS) process.exit(1);
