import { pct } from '@/components/dashboard/format';
import type { CsvCell } from '@/lib/metrics/csv';
import type { ConfusionRow } from '@/lib/team/report';

interface Props {
  rows: ConfusionRow[];
  onExportCsv?: (name: string, columns: string[], rows: CsvCell[][]) => void;
}

const COLUMNS = [
  'template',
  'field',
  'compared',
  'corrected',
  'correction rate',
  'suggested',
  'applied',
  'times',
];

function csvRows(rows: ConfusionRow[]): CsvCell[][] {
  return rows.flatMap((r) =>
    r.pairs.map((p) => [
      r.templateId,
      r.field,
      r.compared,
      r.corrected,
      r.rate,
      p.suggested,
      p.applied,
      p.count,
    ]),
  );
}

/** Which fields agents correct most, and what the suggestion was changed to. */
export function ConfusionTable({ rows, onExportCsv }: Props) {
  return (
    <section
      className="dashboard-summary"
      aria-labelledby="team-confusion-title"
      data-testid="team-confusion"
    >
      <div className="chart-head">
        <h3 id="team-confusion-title">Corrections: suggested → applied</h3>
        <button
          type="button"
          disabled={!onExportCsv || rows.length === 0}
          onClick={() => onExportCsv?.('confusion', COLUMNS, csvRows(rows))}
        >
          Export CSV
        </button>
      </div>
      <p className="hint">
        Fields the team corrects most first. Each pair is a value the AI suggested and the value the agent
        kept instead; the most frequent pairs are where a template, a binding or the desk's options need a
        look.
      </p>
      {rows.length === 0 && <p className="chart-empty">No corrections loaded.</p>}
      <div className="table-scroll">
        <table aria-labelledby="team-confusion-title">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Corrected</th>
              <th scope="col">Suggested → applied (times)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.templateId}.${r.field}`} data-testid="team-confusion-row">
                <th scope="row">
                  {r.templateId} · {r.field}
                </th>
                <td>
                  {pct(r.rate)} ({r.corrected} of {r.compared})
                </td>
                <td>
                  {r.pairs.length === 0
                    ? '—'
                    : r.pairs.map((p) => `${p.suggested} → ${p.applied} (${p.count})`).join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
