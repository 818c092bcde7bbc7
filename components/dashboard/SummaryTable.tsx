import { t } from '@/lib/i18n/t';
import type { ExportCsv } from '@/lib/metrics/csv';
import type { DashboardData } from '@/lib/metrics/dashboard-data';
import { duration, parts, pct } from './format';

interface Props {
  data: DashboardData;
  /** Absent when exports are not allowed (policy): the button is disabled. */
  onExportCsv?: ExportCsv;
}

/** The headline figures, in business terms, for the chosen period, template and site. */
export function summaryRows(data: DashboardData): [string, string, string][] {
  const m = data.metrics;
  const ct = m.cycleTime;
  return [
    [
      t('dash_sumCycle'),
      duration(ct.all.p50),
      t('dash_sumCycleDetail', [ct.all.count, duration(ct.all.p95)]),
    ],
    [t('dash_sumBaseline'), duration(ct.shadow.p50), t('dash_sumBaselineDetail', ct.shadow.count)],
    [t('dash_sumAssisted'), duration(ct.assist.p50), t('dash_sumTickets', ct.assist.count)],
    [
      t('dash_sumSaved'),
      duration(m.timeSaved.perTicketMs),
      m.timeSaved.totalMs === undefined
        ? t('dash_sumSavedNeeds')
        : t('dash_sumSavedDetail', duration(m.timeSaved.totalMs)),
    ],
    [
      t('dash_sumTouchpoints'),
      m.touchpoints.perApplied.toFixed(1),
      t('dash_sumTouchpointsDetail', [m.touchpoints.edits, m.touchpoints.applied]),
    ],
    [t('dash_sumAcceptance'), pct(m.acceptance), t('dash_sumAcceptanceDetail', parts(m.acceptance))],
    [t('dash_sumCorrection'), pct(m.correction), t('dash_sumCorrectionDetail', parts(m.correction))],
    [t('dash_sumGrounding'), pct(m.grounding), t('dash_sumGroundingDetail', parts(m.grounding))],
    [t('dash_sumMissing'), pct(m.missingInput), t('dash_sumMissingDetail', parts(m.missingInput))],
    [t('dash_sumEscalation'), pct(m.escalation), t('dash_sumEscalationDetail', parts(m.escalation))],
    [t('dash_sumOverride'), pct(m.override), t('dash_sumOverrideDetail', parts(m.override))],
    [
      t('dash_sumLatency'),
      duration(m.provider.latency.p50),
      t('dash_sumLatencyDetail', [m.provider.latency.count, duration(m.provider.latency.p95)]),
    ],
    [t('dash_sumErrors'), pct(m.provider.errors), t('dash_sumErrorsDetail', parts(m.provider.errors))],
  ];
}

export function SummaryTable({ data, onExportCsv }: Props) {
  const rows = summaryRows(data);
  return (
    <div className="dashboard-summary" data-testid="metrics-summary">
      <div className="chart-head">
        <h3 id="summary-title">{t('dash_summary')}</h3>
        <button
          type="button"
          disabled={!onExportCsv}
          onClick={() =>
            onExportCsv?.('summary', [t('dash_colMetric'), t('dash_colValue'), t('dash_colDetail')], rows)
          }
        >
          {t('dash_exportCsv')}
        </button>
      </div>
      <table aria-labelledby="summary-title">
        <thead>
          <tr>
            <th scope="col">{t('dash_headMetric')}</th>
            <th scope="col">{t('dash_headValue')}</th>
            <th scope="col">{t('dash_headDetail')}</th>
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
