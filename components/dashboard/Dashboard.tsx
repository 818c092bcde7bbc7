import { useId } from 'react';
import type { ErrorInfo } from '@/lib/messaging/envelope';
import type { ExportCsv } from '@/lib/metrics/csv';
import type { DashboardData, DashboardFilter } from '@/lib/metrics/dashboard-data';
import type { TemplateMode } from '@/lib/metrics/modes';
import { Charts } from './Charts';
import { ReadinessView } from './ReadinessView';
import { SummaryTable } from './SummaryTable';
import './dashboard.css';
import { type MessageKey, t } from '@/lib/i18n/t';

export interface DashboardProps {
  filter: DashboardFilter;
  data?: DashboardData;
  loading: boolean;
  error?: ErrorInfo;
  status?: { kind: 'ok' | 'error'; message: string };
  onFilter: (filter: DashboardFilter) => void;
  onRefresh: () => void;
  onSetMode: (templateId: string, mode: TemplateMode) => void;
  onExportCsv: ExportCsv;
  /** The effective `exportAllowed` (policy may forbid exports): false disables every Export CSV. */
  exportAllowed?: boolean;
}

const PERIODS: { days: number; label: MessageKey }[] = [
  { days: 7, label: 'dash_last7' },
  { days: 30, label: 'dash_last30' },
  { days: 90, label: 'dash_last90' },
  { days: 0, label: 'dash_allTime' },
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
      <form className="dashboard-filters" aria-label={t('dash_filters')} onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-period`}>{t('dash_period')}</label>
        <select
          id={`${id}-period`}
          value={filter.days}
          onChange={(e) => onFilter({ ...filter, days: Number(e.target.value) })}
        >
          {PERIODS.map((p) => (
            <option key={p.days} value={p.days}>
              {t(p.label)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-template`}>{t('dash_template')}</label>
        <select
          id={`${id}-template`}
          value={filter.templateId ?? ''}
          onChange={(e) => onFilter({ ...filter, templateId: e.target.value || undefined })}
        >
          <option value="">{t('dash_allTemplates')}</option>
          {data?.templates.map((tpl) => (
            <option key={tpl} value={tpl}>
              {tpl}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-site`}>{t('dash_site')}</label>
        <select
          id={`${id}-site`}
          value={filter.site ?? ''}
          onChange={(e) => onFilter({ ...filter, site: e.target.value || undefined })}
        >
          <option value="">{t('dash_allSites')}</option>
          {data?.sites.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button type="button" onClick={onRefresh} disabled={loading}>
          {t(loading ? 'dash_loading' : 'dash_refresh')}
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {t('dash_loadError', error.message)}
        </p>
      )}
      {!data && !error && <p role="status">{t('dash_loadingMetrics')}</p>}
      {data && (
        <>
          <p className="hint">{t('dash_measuredHere', data.events)}</p>
          {!exportAllowed && (
            <p className="locked-note" data-testid="export-locked">
              {t('dash_exportLocked')}
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
