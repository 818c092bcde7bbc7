import { pct } from '@/components/dashboard/format';
import type { CsvCell } from '@/lib/metrics/csv';
import type { TeamFieldReadiness } from '@/lib/team/report';

interface Props {
  rows: TeamFieldReadiness[];
  threshold: number;
  minTickets: number;
  onExportCsv?: (name: string, columns: string[], rows: CsvCell[][]) => void;
}

const COLUMNS = ['template', 'field', 'tickets', 'kept', 'accuracy', 'ready for auto', 'why not'];

/** Each template field's readiness for auto, measured over every agent's tickets. */
export function TeamReadiness({ rows, threshold, minTickets, onExportCsv }: Props) {
  return (
    <section
      className="dashboard-summary"
      aria-labelledby="team-readiness-title"
      data-testid="team-readiness"
    >
      <div className="chart-head">
        <h3 id="team-readiness-title">Readiness for auto (whole team)</h3>
        <button
          type="button"
          disabled={!onExportCsv || rows.length === 0}
          onClick={() =>
            onExportCsv?.(
              'readiness',
              COLUMNS,
              rows.map((r) => [r.templateId, r.field, r.tickets, r.agreed, r.accuracy, r.auto, r.why]),
            )
          }
        >
          Export CSV
        </button>
      </div>
      <p className="hint">
        A field is ready for auto (pre-accepted, still applied by the agent) once its accuracy reaches{' '}
        {pct(threshold)} over at least {minTickets} tickets: the same rule as each browser's readiness, here
        over the whole team's tickets.
      </p>
      {rows.length === 0 && <p className="chart-empty">No corrections loaded.</p>}
      <div className="table-scroll">
        <table aria-labelledby="team-readiness-title">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Tickets</th>
              <th scope="col">Accuracy</th>
              <th scope="col">Auto</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.templateId}.${r.field}`} data-testid="team-readiness-row">
                <th scope="row">
                  {r.templateId} · {r.field}
                </th>
                <td>{r.tickets}</td>
                <td>
                  {pct(r.accuracy)} ({r.agreed} kept)
                </td>
                <td className={r.auto ? 'ok-text' : 'warn-text'}>{r.auto ? 'ready' : `not yet: ${r.why}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
