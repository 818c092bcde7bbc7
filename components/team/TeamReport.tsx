import { Charts } from '@/components/dashboard/Charts';
import { SummaryTable } from '@/components/dashboard/SummaryTable';
import type { CsvCell } from '@/lib/metrics/csv';
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
  onExportCsv: (name: string, columns: string[], rows: CsvCell[][]) => void;
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
        Agents export their logs from Options › Corrections and decisions; drop the files here. Everything is
        read in this page and nothing is sent anywhere. Agents appear under their pseudonyms
        {props.options.realNames ? ' (your organization allows names)' : ''}; ticket text in the files is{' '}
        {props.options.ticketText
          ? 'kept (redacted as exported)'
          : 'dropped: your organization does not allow it here'}
        .
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
              Download merged CSV
            </button>
            <button type="button" disabled={!props.exportAllowed} onClick={props.onDownloadPack}>
              Download team pack
            </button>
            <button type="button" onClick={props.onClear}>
              Clear
            </button>
          </div>
          {!props.exportAllowed && (
            <p className="locked-note">Managed by your organization: exports are not allowed.</p>
          )}
          <p data-testid="team-counts">
            {report.agents.length} agents · {report.counts.events} events · {report.counts.corrections}{' '}
            corrections · {report.counts.decisions} decisions · {report.team.tickets} tickets
          </p>
          <SummaryTable data={report.dashboard} onExportCsv={onExportCsv} />
          <ScopeTable
            id="team-agents"
            title="Per agent"
            label="Agent"
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
            title="Per template"
            label="Template"
            rows={report.perTemplate}
            onExportCsv={onExportCsv}
          />
          <ScopeTable
            id="team-desks"
            title="Per desk"
            label="Desk"
            rows={report.perDesk}
            onExportCsv={onExportCsv}
          />
        </>
      )}
    </div>
  );
}
