import { pct } from '@/components/dashboard/format';
import { t } from '@/lib/i18n/t';
import type { CsvCell } from '@/lib/metrics/csv';
import type { TeamFieldReadiness } from '@/lib/team/report';

interface Props {
  rows: TeamFieldReadiness[];
  threshold: number;
  minTickets: number;
  onExportCsv?: (name: string, columns: string[], rows: CsvCell[][]) => void;
}

// i18n-ignore: CSV header, not UI (read by tools)
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
        <h3 id="team-readiness-title">{t('team_readinessTitle')}</h3>
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
          {t('dash_exportCsv')}
        </button>
      </div>
      <p className="hint">{t('team_readinessHint', [pct(threshold), minTickets])}</p>
      {rows.length === 0 && <p className="chart-empty">{t('team_noCorrections')}</p>}
      <div className="table-scroll">
        <table aria-labelledby="team-readiness-title">
          <thead>
            <tr>
              <th scope="col">{t('team_field')}</th>
              <th scope="col">{t('team_tickets')}</th>
              <th scope="col">{t('team_accuracy')}</th>
              <th scope="col">{t('team_auto')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.templateId}.${r.field}`} data-testid="team-readiness-row">
                <th scope="row">
                  {r.templateId} · {r.field}
                </th>
                <td>{r.tickets}</td>
                <td>{t('team_accuracyKept', [pct(r.accuracy), r.agreed])}</td>
                <td className={r.auto ? 'ok-text' : 'warn-text'}>
                  {r.auto ? t('team_ready') : t('team_notYet', r.why)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
