import type { Decision } from '../db/db';

/**
 * CSV and JSONL for the decision log. Cells that a spreadsheet would run as a formula (starting
 * with = + - @, or a tab or carriage return) get a leading apostrophe: exports are opened by team
 * leads in Excel or Sheets, and ticket text is untrusted.
 */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const DECISION_COLUMNS = [
  'id',
  'time',
  'site',
  'ticket_hash',
  'action',
  'reason',
  'template_id',
  'rules',
  'severities',
  'rule_reasons',
  'evidence',
  'signals',
] as const;

/** One decision as a CSV row: lists joined with " | " so a row stays one line per decision. */
export function decisionCsv(d: Decision): string {
  return csvLine([
    d.id,
    new Date(d.time).toISOString(),
    d.site,
    d.ticketHash,
    d.action,
    d.reason,
    d.templateId,
    d.rulesFired.map((r) => r.id).join(' | '),
    d.rulesFired.map((r) => r.severity).join(' | '),
    d.rulesFired.map((r) => r.reason).join(' | '),
    d.rulesFired.flatMap((r) => r.evidence).join(' | '),
    d.signals.map((s) => `${s.category}:${s.confidence.toFixed(2)}:${s.shownAs}`).join(' | '),
  ]);
}

export function decisionJsonl(d: Decision): string {
  return `${JSON.stringify({ ...d, timeIso: new Date(d.time).toISOString() })}\n`;
}

/** The log as text chunks (header first for CSV), from any async source of decisions. */
export async function* exportDecisions(
  decisions: AsyncIterable<Decision>,
  format: 'csv' | 'jsonl',
): AsyncGenerator<string> {
  if (format === 'csv') yield csvLine(DECISION_COLUMNS);
  for await (const d of decisions) yield format === 'csv' ? decisionCsv(d) : decisionJsonl(d);
}
