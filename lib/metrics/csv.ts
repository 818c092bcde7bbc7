/**
 * CSV for the dashboard's chart exports. Cells that a spreadsheet would run as a formula (starting with
 * = + - @, tab or carriage return) are prefixed with a quote, so an exported value can never execute;
 * numbers stay numbers. (lib/export has the logs' writer; this one only serves the charts.)
 */
export type CsvCell = string | number | boolean | null | undefined;

/** What a table or chart calls to save its rows as CSV (the page decides whether it may). */
export type ExportCsv = (name: string, columns: string[], rows: CsvCell[][]) => void;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with CRLF line ends, header first. */
export function toCsv(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `${[columns, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Save a CSV file from an extension page (options): a Blob link clicked once, then released. */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
