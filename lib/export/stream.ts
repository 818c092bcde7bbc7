import type { Correction, Decision, DeskEvent, DeskmateDb } from '../db/db';
import { type AgentSource, type ExportGuard, pageAgentId, pageExportGuard } from './allowed';
import { csvRow, UTF8_BOM } from './csv';
import { correctionEventId, decisionEventId, deskEventId } from './ids';

/** What a team lead filters the log by. Dates are ms since epoch, `to` exclusive. */
export interface LogFilter {
  from?: number;
  to?: number;
  templateId?: string;
  field?: string;
  site?: string;
  /** Leave agreements out (they are most of the log once the AI is good). */
  correctionsOnly?: boolean;
}

export type ExportFormat = 'csv' | 'jsonl';
export type ExportKind = 'corrections' | 'decisions' | 'events';

/** Rows read per IndexedDB request: big enough to be fast, small enough to keep memory flat. */
const PAGE = 1000;

const CORRECTION_COLUMNS = [
  'id',
  'time',
  'templateId',
  'templateVersion',
  'field',
  'aiValue',
  'keptValue',
  'agreed',
  'aiConfidence',
  'aiSource',
  'evidence',
  'contextSnippet',
  'site',
  'ticketHash',
  'reason',
  'importedFrom',
  // Added for the team report (issue #17): older exports end at importedFrom (lib/team/parse.ts).
  'eventId',
  'agentId',
] as const;

const DECISION_COLUMNS = [
  'id',
  'time',
  'site',
  'ticketHash',
  'templateId',
  'action',
  'reason',
  'rulesFired',
  'signals',
  'eventId',
  'agentId',
] as const;

/** Metrics events: ids, hashes, field names and numbers (lib/metrics/event-schema.ts), never text. */
export const EVENT_COLUMNS = [
  'id',
  'time',
  'type',
  'site',
  'ticketHash',
  'templateId',
  'field',
  'data',
  'eventId',
  'agentId',
] as const;

/** The header of each kind's CSV export (the team report detects the kind from it). */
export const EXPORT_COLUMNS: Record<ExportKind, readonly string[]> = {
  corrections: CORRECTION_COLUMNS,
  decisions: DECISION_COLUMNS,
  events: EVENT_COLUMNS,
};

export function matchesCorrection(c: Correction, f: LogFilter): boolean {
  return (
    (f.from === undefined || c.time >= f.from) &&
    (f.to === undefined || c.time < f.to) &&
    (!f.templateId || c.templateId === f.templateId) &&
    (!f.field || c.field === f.field) &&
    (!f.site || c.site === f.site) &&
    (!f.correctionsOnly || !c.agreed)
  );
}

export function matchesEvent(e: DeskEvent, f: LogFilter): boolean {
  return (
    (f.from === undefined || e.time >= f.from) &&
    (f.to === undefined || e.time < f.to) &&
    (!f.templateId || e.templateId === f.templateId) &&
    (!f.field || e.field === f.field) &&
    (!f.site || e.site === f.site)
  );
}

export function matchesDecision(d: Decision, f: LogFilter): boolean {
  return (
    (f.from === undefined || d.time >= f.from) &&
    (f.to === undefined || d.time < f.to) &&
    (!f.templateId || d.templateId === f.templateId) &&
    (!f.site || d.site === f.site)
  );
}

/** A value as a spreadsheet cell: text as is, lists and null as JSON. */
const cellValue = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v ?? null));

function correctionCsv(c: Correction, agentId: string): string {
  return csvRow([
    c.id,
    new Date(c.time).toISOString(),
    c.templateId,
    c.templateVersion,
    c.field,
    cellValue(c.aiValue),
    cellValue(c.keptValue),
    c.agreed,
    c.aiConfidence,
    c.aiSource,
    c.evidence.join(' | '),
    c.contextSnippet,
    c.site,
    c.ticketHash,
    c.reason ?? '',
    c.imported?.from ?? '',
    correctionEventId(c),
    agentId,
  ]);
}

function decisionCsv(d: Decision, agentId: string): string {
  return csvRow([
    d.id,
    new Date(d.time).toISOString(),
    d.site,
    d.ticketHash,
    d.templateId ?? '',
    d.action,
    d.reason ?? '',
    d.rulesFired,
    d.signals,
    decisionEventId(d),
    agentId,
  ]);
}

function eventCsv(e: DeskEvent, agentId: string): string {
  return csvRow([
    e.id,
    new Date(e.time).toISOString(),
    e.type,
    e.site,
    e.ticketHash,
    e.templateId ?? '',
    e.field ?? '',
    e.data ? JSON.stringify(e.data) : '',
    deskEventId(e),
    agentId,
  ]);
}

/**
 * A correction as a team-pack line: everything but the local id and the derived dedup key, with its
 * stable event id and the agent's pseudonym (the team-pack import ignores both).
 */
export function correctionJson(c: Correction, agentId?: string): string {
  const { id: _id, dedupKey: _key, ...rest } = c;
  return JSON.stringify(agentId === undefined ? rest : { ...rest, eventId: correctionEventId(c), agentId });
}

/** One exported row of a kind, in a format: the stream's writer, shared with the team bench. */
export function exportRow(
  kind: ExportKind,
  format: ExportFormat,
  row: Correction | Decision | DeskEvent,
  agentId: string,
): string {
  if (kind === 'corrections') {
    const c = row as Correction;
    return format === 'csv' ? correctionCsv(c, agentId) : `${correctionJson(c, agentId)}\n`;
  }
  if (kind === 'decisions') {
    const d = row as Decision;
    return format === 'csv'
      ? decisionCsv(d, agentId)
      : `${JSON.stringify({ ...d, eventId: decisionEventId(d), agentId })}\n`;
  }
  const e = row as DeskEvent;
  return format === 'csv'
    ? eventCsv(e, agentId)
    : `${JSON.stringify({ ...e, eventId: deskEventId(e), agentId })}\n`;
}

/** The first bytes of an export: CSV's byte-order mark and header; nothing for JSONL. */
export function exportHeader(kind: ExportKind, format: ExportFormat): string {
  return format === 'csv' ? UTF8_BOM + csvRow(EXPORT_COLUMNS[kind]) : '';
}

function matches(kind: ExportKind, row: Correction | Decision | DeskEvent, filter: LogFilter): boolean {
  if (kind === 'corrections') return matchesCorrection(row as Correction, filter);
  if (kind === 'decisions') return matchesDecision(row as Decision, filter);
  return matchesEvent(row as DeskEvent, filter);
}

/**
 * Stream the log as CSV or JSONL, page by page in primary-key order, so 100,000 rows never sit in
 * memory as objects at once and the page stays responsive (every page is an await).
 * Nothing is read before `guard` allows it: the managed `exportAllowed` is enforced here, where the
 * data is read, not only by disabled buttons (pages ask the background; the background passes its own).
 * Every row carries a stable event id and the agent's id from `agent` (a pseudonym unless policy
 * allows names: lib/team/identity.ts), which the team report merges by.
 */
export function exportStream(
  database: DeskmateDb,
  kind: ExportKind,
  format: ExportFormat,
  filter: LogFilter = {},
  guard: ExportGuard = pageExportGuard,
  agent: AgentSource = pageAgentId,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let lastId = 0;
  let started = false;
  let agentId = '';
  return new ReadableStream<Uint8Array>({
    // A refusal errors the stream: the first read rejects with the `policy` error.
    async start() {
      await guard();
      agentId = await agent();
    },
    async pull(controller) {
      if (!started) {
        started = true;
        if (format === 'csv') {
          controller.enqueue(encoder.encode(exportHeader(kind, format)));
          return;
        }
      }
      // Keep reading pages until one has matching rows (or the table ends): pull must enqueue or close.
      for (;;) {
        const table =
          kind === 'corrections'
            ? database.corrections
            : kind === 'decisions'
              ? database.decisions
              : database.events;
        const page = (await table.where(':id').above(lastId).limit(PAGE).toArray()) as (
          | Correction
          | Decision
          | DeskEvent
        )[];
        if (page.length === 0) {
          controller.close();
          return;
        }
        lastId = page[page.length - 1]?.id as number;
        let text = '';
        for (const row of page) if (matches(kind, row, filter)) text += exportRow(kind, format, row, agentId);
        if (text) {
          controller.enqueue(encoder.encode(text));
          return;
        }
      }
    },
  });
}

/**
 * A file name that says what is in it: `deskmate-corrections-2026-11-24.csv`, with the agent's id
 * when given (`deskmate-corrections-agent-7f3a9c-2026-11-24.csv`), so a lead's downloads folder of
 * twelve agents' exports does not read "(1)", "(2)"...
 */
export function exportFileName(
  kind: ExportKind,
  format: ExportFormat,
  now = new Date(),
  agentId?: string,
): string {
  const who = agentId ? `${agentId.replace(/[^A-Za-z0-9._-]+/g, '_')}-` : '';
  return `deskmate-${kind}-${who}${now.toISOString().slice(0, 10)}.${format}`;
}

/** Newest first, one page of the log for the options view. */
export async function listCorrections(
  database: DeskmateDb,
  filter: LogFilter,
  limit = 50,
  offset = 0,
): Promise<Correction[]> {
  return database.corrections
    .orderBy('time')
    .reverse()
    .filter((c) => matchesCorrection(c, filter))
    .offset(offset)
    .limit(limit)
    .toArray();
}

/** Values to offer in the filter drop-downs (templates, fields, sites present in the log). */
export async function logFacets(
  database: DeskmateDb,
): Promise<{ templates: string[]; fields: string[]; sites: string[] }> {
  const keys = (await database.corrections.orderBy('[templateId+field]').uniqueKeys()) as unknown as [
    string,
    string,
  ][];
  const sites = (await database.corrections.orderBy('site').uniqueKeys()) as unknown as string[];
  return {
    templates: [...new Set(keys.map((k) => k[0]))].sort(),
    fields: [...new Set(keys.map((k) => k[1]))].sort(),
    sites: [...sites].sort(),
  };
}
