import { pct } from '@/components/dashboard/format';
import { t } from '@/lib/i18n/t';
import type { CsvCell } from '@/lib/metrics/csv';
import type { ConfusionRow } from '@/lib/team/report';

interface Props {
  rows: ConfusionRow[];
  onExportCsv?: (name: string, columns: string[], rows: CsvCell[][]) => void;
}

// i18n-ignore: CSV column names, read by tools and by the team report itself
const COLUMNS = [
  'template',
  'field',
  'compared',
  'corrected',
  'correction rate', // i18n-ignore: a CSV column name, read by tools
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
        <h3 id="team-confusion-title">{t('team_confusionTitle')}</h3>
        <button
          type="button"
          disabled={!onExportCsv || rows.length === 0}
          onClick={() => onExportCsv?.('confusion', COLUMNS, csvRows(rows))}
        >
          {t('dash_exportCsv')}
        </button>
      </div>
      <p className="hint">{t('team_confusionHint')}</p>
      {rows.length === 0 && <p className="chart-empty">{t('team_noCorrections')}</p>}
      <div className="table-scroll">
        <table aria-labelledby="team-confusion-title">
          <thead>
            <tr>
              <th scope="col">{t('team_field')}</th>
              <th scope="col">{t('team_corrected')}</th>
              <th scope="col">{t('team_pairs')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
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
          </tbody>
        </table>
      </div>
    </section>
  );
}
