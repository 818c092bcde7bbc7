import { Charts } from '@/components/dashboard/Charts';
import { SummaryTable } from '@/components/dashboard/SummaryTable';
import { t } from '@/lib/i18n/t';
import type { ExportCsv } from '@/lib/metrics/csv';
import type { LoadedFile } from '@/lib/team/merge';
import type { ParseOptions } from '@/lib/team/parse';
import type { TeamReport as Report } from '@/lib/team/report';
import { ConfusionTable } from './ConfusionTable';
import { FileDrop } from './FileDrop';
import { LoadedFiles } from './LoadedFiles';
import { ScopeTable } from './ScopeTable';
import { TeamReadiness } from './TeamReadiness';
import '@/components/dashboard/dashboard.css';
import './team.css';

export interface TeamReportProps {
  files: LoadedFile[];
  report?: Report;
  status?: { kind: 'ok' | 'error' | 'busy'; message: string };
  options: ParseOptions;
  exportAllowed: boolean;
  onFiles: (files: File[]) => void;
  onClear: () => void;
  onDownloadCsv: () => void;
  onDownloadPack: () => void;
  onExportCsv: ExportCsv;
}

/**
 * The team lead's view over many agents' exports: files and their problems, the dashboard's summary
 * and charts for the team, per agent, template and desk, corrections, readiness for auto. Data and
 * actions come in as props (wiring: ./use-team-report.ts).
 */
export function TeamReport(props: TeamReportProps) {
  const { report, files, status } = props;
  const onExportCsv = props.exportAllowed ? props.onExportCsv : undefined;
  return (
    <div className="dashboard team-report" data-testid="team-report">
      <p className="hint">
        {t('team_intro')} {props.options.realNames ? t('team_introNames') : ''}{' '}
        {props.options.ticketText ? t('team_textKept') : t('team_textDropped')}
      </p>
      <FileDrop busy={status?.kind === 'busy'} onFiles={props.onFiles} />
      {status && (
        <p
          role={status.kind === 'error' ? 'alert' : 'status'}
          className={status.kind === 'error' ? 'error' : 'hint'}
          data-testid="team-status"
        >
          {status.message}
        </p>
      )}
      <LoadedFiles files={files} />
      {report && (
        <>
          <div className="button-row">
            <button type="button" disabled={!props.exportAllowed} onClick={props.onDownloadCsv}>
              {t('team_downloadCsv')}
            </button>
            <button type="button" disabled={!props.exportAllowed} onClick={props.onDownloadPack}>
              {t('team_downloadPack')}
            </button>
            <button type="button" onClick={props.onClear}>
              {t('team_clear')}
            </button>
          </div>
          {!props.exportAllowed && <p className="locked-note">{t('team_exportsForbidden')}</p>}
          <p data-testid="team-counts">
            {t('team_counts', [
              report.agents.length,
              report.counts.events,
              report.counts.corrections,
              report.counts.decisions,
              report.team.tickets,
            ])}
          </p>
          <SummaryTable data={report.dashboard} onExportCsv={onExportCsv} />
          <ScopeTable
            id="team-agents"
            title={t('team_perAgent')}
            label={t('team_agent')}
            rows={report.perAgent}
            onExportCsv={onExportCsv}
          />
          <Charts data={report.dashboard} onExportCsv={onExportCsv} />
          <ConfusionTable rows={report.confusion} onExportCsv={onExportCsv} />
          <TeamReadiness
            rows={report.readiness}
            threshold={report.threshold}
            minTickets={report.minTickets}
            onExportCsv={onExportCsv}
          />
          <ScopeTable
            id="team-templates"
            title={t('team_perTemplate')}
            label={t('team_template')}
            rows={report.perTemplate}
            onExportCsv={onExportCsv}
          />
          <ScopeTable
            id="team-desks"
            title={t('team_perDesk')}
            label={t('team_desk')}
            rows={report.perDesk}
            onExportCsv={onExportCsv}
          />
        </>
      )}
    </div>
  );
}
