import { useId } from 'react';
import type { ErrorInfo } from '@/lib/messaging/envelope';
import type { CsvCell } from '@/lib/metrics/csv';
import type { DashboardData, DashboardFilter } from '@/lib/metrics/dashboard-data';
import type { TemplateMode } from '@/lib/metrics/modes';
import { Charts } from './Charts';
import { ReadinessView } from './ReadinessView';
import { SummaryTable } from './SummaryTable';
import './dashboard.css';

export interface DashboardProps {
  filter: DashboardFilter;
  data?: DashboardData;
  loading: boolean;
  error?: ErrorInfo;
  status?: { kind: 'ok' | 'error'; message: string };
  onFilter: (filter: DashboardFilter) => void;
  onRefresh: () => void;
  onSetMode: (templateId: string, mode: TemplateMode) => void;
  onExportCsv: (name: string, columns: string[], rows: CsvCell[][]) => void;
  /** The effective `exportAllowed` (policy may forbid exports): false disables every Export CSV. */
  exportAllowed?: boolean;
}

const PERIODS = [
  { days: 7, label: 'Last 7 days' },
  { days: 30, label: 'Last 30 days' },
  { days: 90, label: 'Last 90 days' },
  { days: 0, label: 'All time' },
];

/** The team lead's dashboard: figures in business terms, charts with tables and CSV, readiness. */
export function Dashboard({
  filter,
  data,
  loading,
  error,
  status,
  onFilter,
  onRefresh,
  onSetMode,
  onExportCsv: exportCsv,
  exportAllowed = true,
}: DashboardProps) {
  const id = useId();
  const onExportCsv = exportAllowed ? exportCsv : undefined;
  return (
    <div className="dashboard" data-testid="dashboard" aria-busy={loading}>
      <form className="dashboard-filters" aria-label="Dashboard filters" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-period`}>Period</label>
        <select
          id={`${id}-period`}
          value={filter.days}
          onChange={(e) => onFilter({ ...filter, days: Number(e.target.value) })}
        >
          {PERIODS.map((p) => (
            <option key={p.days} value={p.days}>
              {p.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-template`}>Template</label>
        <select
          id={`${id}-template`}
          value={filter.templateId ?? ''}
          onChange={(e) => onFilter({ ...filter, templateId: e.target.value || undefined })}
        >
          <option value="">All templates</option>
          {data?.templates.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-site`}>Site</label>
        <select
          id={`${id}-site`}
          value={filter.site ?? ''}
          onChange={(e) => onFilter({ ...filter, site: e.target.value || undefined })}
        >
          <option value="">All sites</option>
          {data?.sites.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button type="button" onClick={onRefresh} disabled={loading}>
          {loading ? 'Loading…' : 'Refresh'}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          Could not load the metrics: {error.message}
        </p>
      )}
      {!data && !error && <p role="status">Loading metrics…</p>}
      {data && (
        <>
          <p className="hint">
            Measured on this browser only: {data.events} events. No ticket text is recorded, only ids, field
            names and numbers.
          </p>
          {!exportAllowed && (
            <p className="locked-note" data-testid="export-locked">
              Managed by your organization: exports are not allowed.
            </p>
          )}
          <SummaryTable data={data} onExportCsv={onExportCsv} />
          <Charts data={data} onExportCsv={onExportCsv} />
          <ReadinessView
            rows={data.readiness}
            autoPromote={data.autoPromote}
            status={status}
            onSetMode={onSetMode}
            onExportCsv={onExportCsv}
          />
        </>
      )}
    </div>
  );
}
