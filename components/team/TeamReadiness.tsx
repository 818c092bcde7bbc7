import { pct } from '@/components/dashboard/format';
import { t } from '@/lib/i18n/t';
import type { ExportCsv } from '@/lib/metrics/csv';
import { READINESS_COLUMNS, readinessRow, type TeamFieldReadiness } from '@/lib/team/report';
import { TableSection } from './TableSection';

interface Props {
  rows: TeamFieldReadiness[];
  threshold: number;
  minTickets: number;
  onExportCsv?: ExportCsv;
}

/** Each template field's readiness for auto, measured over every agent's tickets. */
export function TeamReadiness({ rows, threshold, minTickets, onExportCsv }: Props) {
  return (
    <TableSection
      id="team-readiness"
      title={t('team_readinessTitle')}
      hint={t('team_readinessHint', [pct(threshold), minTickets])}
      empty={t('team_noCorrections')}
      head={[t('team_field'), t('team_tickets'), t('team_accuracy'), t('team_auto')]}
      csv={{ name: 'readiness', columns: READINESS_COLUMNS, rows: () => rows.map(readinessRow) }}
      onExportCsv={onExportCsv}
      rows={rows.map((r) => (
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
    />
  );
}
