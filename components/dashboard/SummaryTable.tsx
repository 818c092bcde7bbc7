import type { CsvCell } from '@/lib/metrics/csv';
import type { DashboardData } from '@/lib/metrics/dashboard-data';
import { duration, parts, pct } from './format';

interface Props {
  data: DashboardData;
  /** Absent when exports are not allowed (policy): the button is disabled. */
  onExportCsv?: (name: string, columns: string[], rows: CsvCell[][]) => void;
}

/** The headline figures, in business terms, for the chosen period, template and site. */
export function summaryRows(data: DashboardData): [string, string, string][] {
  const m = data.metrics;
  const ct = m.cycleTime;
  return [
    ['Cycle time (median)', duration(ct.all.p50), `${ct.all.count} tickets; p95 ${duration(ct.all.p95)}`],
    [
      'Manual baseline (shadow, median)',
      duration(ct.shadow.p50),
      `${ct.shadow.count} tickets filled by hand`,
    ],
    ['Assisted (median)', duration(ct.assist.p50), `${ct.assist.count} tickets`],
    [
      'Time saved',
      duration(m.timeSaved.perTicketMs),
      m.timeSaved.totalMs === undefined
        ? 'needs shadow and assist tickets'
        : `per ticket; ${duration(m.timeSaved.totalMs)} in total`,
    ],
    [
      'Touchpoints',
      m.touchpoints.perApplied.toFixed(1),
      `${m.touchpoints.edits} edits over ${m.touchpoints.applied} applied templates`,
    ],
    ['Acceptance rate', pct(m.acceptance), `${parts(m.acceptance)} fields kept as suggested`],
    ['Correction rate', pct(m.correction), `${parts(m.correction)} fields corrected`],
    ['Grounding rate', pct(m.grounding), `${parts(m.grounding)} values with evidence in the ticket`],
    ['Missing-input rate', pct(m.missingInput), `${parts(m.missingInput)} fields the ticket does not answer`],
    ['Escalation rate', pct(m.escalation), `${parts(m.escalation)} tickets escalated`],
    ['Override rate', pct(m.override), `${parts(m.override)} flags dismissed`],
    [
      'Provider latency',
      duration(m.provider.latency.p50),
      `median of ${m.provider.latency.count}; p95 ${duration(m.provider.latency.p95)}`,
    ],
    ['Provider error rate', pct(m.provider.errors), `${parts(m.provider.errors)} requests failed`],
  ];
}

export function SummaryTable({ data, onExportCsv }: Props) {
  const rows = summaryRows(data);
  return (
    <div className="dashboard-summary" data-testid="metrics-summary">
      <div className="chart-head">
        <h3 id="summary-title">Summary</h3>
        <button
          type="button"
          disabled={!onExportCsv}
          onClick={() => onExportCsv?.('summary', ['metric', 'value', 'detail'], rows)}
        >
          Export CSV
        </button>
      </div>
      <table aria-labelledby="summary-title">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Value</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([metric, value, detail]) => (
            <tr key={metric}>
              <th scope="row">{metric}</th>
              <td>{value}</td>
              <td className="hint">{detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
