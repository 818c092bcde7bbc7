import type { ReactNode } from 'react';
import { t } from '@/lib/i18n/t';
import type { CsvCell, ExportCsv } from '@/lib/metrics/csv';

interface Props {
  /** The section's test id and the prefix of its title's id. */
  id: string;
  title: string;
  hint?: string;
  /** Shown instead of rows when there are none. */
  empty?: string;
  /** Column headers as the table shows them (translated). */
  head: string[];
  /** The rows, already rendered; their count decides the empty line and the export button. */
  rows: ReactNode[];
  /** What "Export CSV" writes: the file's name, columns and rows (CSV column names stay English). */
  csv: { name: string; columns: readonly string[]; rows: () => CsvCell[][] };
  onExportCsv?: ExportCsv;
}

/** A team report table: title, Export CSV, hint, the empty line, and the table in a scroll box. */
export function TableSection({ id, title, hint, empty, head, rows, csv, onExportCsv }: Props) {
  return (
    <section className="dashboard-summary" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="chart-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <button
          type="button"
          disabled={!onExportCsv || rows.length === 0}
          onClick={() => onExportCsv?.(csv.name, [...csv.columns], csv.rows())}
        >
          {t('dash_exportCsv')}
        </button>
      </div>
      {hint && <p className="hint">{hint}</p>}
      {rows.length === 0 && empty && <p className="chart-empty">{empty}</p>}
      <div className="table-scroll">
        <table aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{rows}</tbody>
        </table>
      </div>
    </section>
  );
}
