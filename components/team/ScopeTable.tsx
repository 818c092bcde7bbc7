import { duration, parts, pct } from '@/components/dashboard/format';
import { t } from '@/lib/i18n/t';
import type { ExportCsv } from '@/lib/metrics/csv';
import { REPORT_COLUMNS, reportRow, type ScopeRow } from '@/lib/team/report';
import { TableSection } from './TableSection';

interface Props {
  id: string;
  title: string;
  /** What the first column names: Agent, Template, Desk. */
  label: string;
  rows: ScopeRow[];
  onExportCsv?: ExportCsv;
}

/** The dashboard's headline figures, one row per agent (or template, or desk). */
export function ScopeTable({ id, title, label, rows, onExportCsv }: Props) {
  return (
    <TableSection
      id={id}
      title={title}
      head={[
        label,
        t('team_tickets'),
        t('team_applied'),
        t('team_cycle'),
        t('team_acceptance'),
        t('team_corrections'),
        t('team_escalation'),
        t('team_overrides'),
        t('team_decisions'),
      ]}
      csv={{ name: id, columns: REPORT_COLUMNS, rows: () => rows.map(reportRow) }}
      onExportCsv={onExportCsv}
      rows={rows.map((r) => {
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
    />
  );
}
