import { type ReactNode, useId, useState } from 'react';
import { t } from '@/lib/i18n/t';
import type { CsvCell, ExportCsv } from '@/lib/metrics/csv';

export interface ChartFrameProps {
  /** Short id used in the CSV file name and test ids. */
  id: string;
  title: string;
  /** What the chart shows, read by screen readers as the chart's description. */
  description: string;
  columns: string[];
  rows: CsvCell[][];
  /** Absent when exports are not allowed (policy): the button is disabled. */
  onExportCsv?: ExportCsv;
  /** The chart; given the ids of the title and description for aria-labelledby/-describedby. */
  children: (ids: { titleId: string; descId: string }) => ReactNode;
}

/** A chart with its table view and CSV export: every figure is readable without the picture. */
export function ChartFrame({
  id,
  title,
  description,
  columns,
  rows,
  onExportCsv,
  children,
}: ChartFrameProps) {
  const [asTable, setAsTable] = useState(false);
  const base = useId();
  const ids = { titleId: `${base}-title`, descId: `${base}-desc` };
  return (
    <figure className="chart" data-testid={`chart-${id}`}>
      <figcaption className="chart-head">
        <h3 id={ids.titleId}>{title}</h3>
        <div className="button-row">
          <button type="button" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
            {t(asTable ? 'dash_showChart' : 'dash_showTable')}
          </button>
          <button
            type="button"
            onClick={() => onExportCsv?.(id, columns, rows)}
            disabled={!onExportCsv || rows.length === 0}
          >
            {t('dash_exportCsv')}
          </button>
        </div>
      </figcaption>
      <p id={ids.descId} className="hint">
        {description}
      </p>
      {rows.length === 0 ? (
        <p className="chart-empty">{t('dash_noData')}</p>
      ) : asTable ? (
        <div className="chart-table">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                // Rows have no id of their own; their order is the data's.
                // biome-ignore lint/suspicious/noArrayIndexKey: static rows, never reordered in place
                <tr key={i}>
                  {row.map((cell, j) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells follow the columns
                    <td key={j}>{cell ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        children(ids)
      )}
    </figure>
  );
}
