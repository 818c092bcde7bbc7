import { duration, parts, pct } from '@/components/dashboard/format';
import { t } from '@/lib/i18n/t';
import type { CsvCell } from '@/lib/metrics/csv';
import { REPORT_COLUMNS, reportRow, type ScopeRow } from '@/lib/team/report';

interface Props {
  id: string;
  title: string;
  /** What the first column names: Agent, Template, Desk. */
  label: string;
  rows: ScopeRow[];
  onExportCsv?: (name: string, columns: string[], rows: CsvCell[][]) => void;
}

/** The dashboard's headline figures, one row per agent (or template, or desk). */
export function ScopeTable({ id, title, label, rows, onExportCsv }: Props) {
  return (
    <section className="dashboard-summary" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="chart-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <button
          type="button"
          disabled={!onExportCsv || rows.length === 0}
          onClick={() => onExportCsv?.(id, [...REPORT_COLUMNS], rows.map(reportRow))}
        >
          {t('dash_exportCsv')}
        </button>
      </div>
      <div className="table-scroll">
        <table aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">{label}</th>
              <th scope="col">{t('team_tickets')}</th>
              <th scope="col">{t('team_applied')}</th>
              <th scope="col">{t('team_cycle')}</th>
              <th scope="col">{t('team_acceptance')}</th>
              <th scope="col">{t('team_corrections')}</th>
              <th scope="col">{t('team_escalation')}</th>
              <th scope="col">{t('team_overrides')}</th>
              <th scope="col">{t('team_decisions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const m = r.metrics;
              return (
                <tr key={r.id} data-testid={`${id}-row`}>
                  <th scope="row">{r.id}</th>
                  <td>{r.tickets}</td>
                  <td>{m.cycleTime.all.count}</td>
                  <td>{duration(m.cycleTime.all.p50)}</td>
                  <td title={parts(m.acceptance)}>{pct(m.acceptance)}</td>
                  <td title={parts(m.correction)}>
                    {pct(m.correction)} ({m.correction.count})
                  </td>
                  <td title={parts(m.escalation)}>{pct(m.escalation)}</td>
                  <td title={t('team_flagsDismissed', parts(m.override))}>
                    {pct(m.override)} ({m.override.count})
                  </td>
                  <td>
                    {r.decisions.escalated} / {r.decisions.dismissed}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
