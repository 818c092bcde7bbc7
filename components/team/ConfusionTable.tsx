import { pct } from '@/components/dashboard/format';
import { t } from '@/lib/i18n/t';
import type { ExportCsv } from '@/lib/metrics/csv';
import { CONFUSION_COLUMNS, type ConfusionRow, confusionRows } from '@/lib/team/report';
import { TableSection } from './TableSection';

interface Props {
  rows: ConfusionRow[];
  onExportCsv?: ExportCsv;
}

/** Which fields agents correct most, and what the suggestion was changed to. */
export function ConfusionTable({ rows, onExportCsv }: Props) {
  return (
    <TableSection
      id="team-confusion"
      title={t('team_confusionTitle')}
      hint={t('team_confusionHint')}
      empty={t('team_noCorrections')}
      head={[t('team_field'), t('team_corrected'), t('team_pairs')]}
      csv={{ name: 'confusion', columns: CONFUSION_COLUMNS, rows: () => confusionRows(rows) }}
      onExportCsv={onExportCsv}
      rows={rows.map((r) => (
        <tr key={`${r.templateId}.${r.field}`} data-testid="team-confusion-row">
          <th scope="row">
            {r.templateId} · {r.field}
          </th>
          <td>{t('team_correctedOf', [pct(r.rate), r.corrected, r.compared])}</td>
          <td>
            {r.pairs.length === 0
              ? '—'
              : r.pairs.map((p) => `${p.suggested} → ${p.applied} (${p.count})`).join('; ')}
          </td>
        </tr>
      ))}
    />
  );
}
