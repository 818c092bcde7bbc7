import type { Correction, Decision, DeskmateDb } from '../db/db';
import { type ExportGuard, pageExportGuard } from './allowed';
import { csvRow, UTF8_BOM } from './csv';

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
export type ExportKind = 'corrections' | 'decisions';

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
] as const;

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

function correctionCsv(c: Correction): string {
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
  ]);
}

function decisionCsv(d: Decision): string {
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
  ]);
}

/** A correction as a team-pack line: everything but the local id and the derived dedup key. */
export function correctionJson(c: Correction): string {
  const { id: _id, dedupKey: _key, ...rest } = c;
  return JSON.stringify(rest);
}

/**
 * Stream the log as CSV or JSONL, page by page in primary-key order, so 100,000 rows never sit in
 * memory as objects at once and the page stays responsive (every page is an await).
 * Nothing is read before `guard` allows it: the managed `exportAllowed` is enforced here, where the
 * data is read, not only by disabled buttons (pages ask the background; the background passes its own).
 */
export function exportStream(
  database: DeskmateDb,
  kind: ExportKind,
  format: ExportFormat,
  filter: LogFilter = {},
  guard: ExportGuard = pageExportGuard,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let lastId = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    // A refusal errors the stream: the first read rejects with the `policy` error.
    start: () => guard(),
    async pull(controller) {
      if (!started) {
        started = true;
        if (format === 'csv') {
          const header = kind === 'corrections' ? CORRECTION_COLUMNS : DECISION_COLUMNS;
          controller.enqueue(encoder.encode(UTF8_BOM + csvRow(header)));
          return;
        }
      }
      // Keep reading pages until one has matching rows (or the table ends): pull must enqueue or close.
      for (;;) {
        const table = kind === 'corrections' ? database.corrections : database.decisions;
        const page = (await table.where(':id').above(lastId).limit(PAGE).toArray()) as (
          | Correction
          | Decision
        )[];
        if (page.length === 0) {
          controller.close();
          return;
        }
        lastId = page[page.length - 1]?.id as number;
        let text = '';
        for (const row of page) {
          if (kind === 'corrections') {
            const c = row as Correction;
            if (!matchesCorrection(c, filter)) continue;
            text += format === 'csv' ? correctionCsv(c) : `${correctionJson(c)}\n`;
          } else {
            const d = row as Decision;
            if (!matchesDecision(d, filter)) continue;
            text += format === 'csv' ? decisionCsv(d) : `${JSON.stringify(d)}\n`;
          }
        }
        if (text) {
          controller.enqueue(encoder.encode(text));
          return;
        }
      }
    },
  });
}

/** A file name that says what is in it: `deskmate-corrections-2026-11-24.csv`. */
export function exportFileName(kind: ExportKind, format: ExportFormat, now = new Date()): string {
  return `deskmate-${kind}-${now.toISOString().slice(0, 10)}.${format}`;
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
