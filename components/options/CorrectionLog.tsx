import { t } from '@/lib/i18n/t';
import { CorrectionLogFilters, type LogFilterForm } from './CorrectionLogFilters';
import { CorrectionLogImport, type TeamPackPreviewView } from './CorrectionLogImport';
import { type CorrectionLogRow, CorrectionLogTable } from './CorrectionLogTable';

export type { CorrectionLogRow, LogFilterForm, TeamPackPreviewView };

interface Props {
  rows: CorrectionLogRow[];
  /** Matching records in total (the table shows the newest). */
  total: number;
  filter: LogFilterForm;
  facets: { templates: string[]; fields: string[]; sites: string[] };
  /** Policy may forbid exporting the log. */
  exportAllowed: boolean;
  status?: { kind: 'ok' | 'error' | 'busy'; message: string };
  preview?: TeamPackPreviewView;
  retentionDays: number;
  onFilterChange(next: LogFilterForm): void;
  onLoadMore(): void;
  onExport(kind: 'corrections' | 'decisions' | 'events', format: 'csv' | 'jsonl'): void;
  onChooseFile(file: File): void;
  onCommitImport(): void;
  onCancelImport(): void;
  onForget(ticketHash: string): void;
  onPrune(): void;
}

/**
 * The team lead's view of the learning loop: the correction log with filters, exports for
 * spreadsheets (CSV) and pipelines (JSONL), team-pack import, retention. Data and actions come in as
 * props (wiring: lib/memory/use-correction-log.ts).
 */
export function CorrectionLog(props: Props) {
  const busy = props.status?.kind === 'busy';
  return (
    <div className="correction-log">
      <CorrectionLogFilters value={props.filter} facets={props.facets} onChange={props.onFilterChange} />
      <div className="button-row">
        <button
          type="button"
          disabled={!props.exportAllowed || busy}
          onClick={() => props.onExport('corrections', 'csv')}
        >
          {t('log_exportCsv')}
        </button>
        <button
          type="button"
          disabled={!props.exportAllowed || busy}
          onClick={() => props.onExport('corrections', 'jsonl')}
        >
          {t('log_exportJsonl')}
        </button>
        <button
          type="button"
          disabled={!props.exportAllowed || busy}
          onClick={() => props.onExport('decisions', 'csv')}
        >
          {t('log_exportDecisions')}
        </button>
      </div>
      <div className="button-row">
        <button
          type="button"
          disabled={!props.exportAllowed || busy}
          onClick={() => props.onExport('decisions', 'jsonl')}
        >
          {t('log_exportDecisionsJsonl')}
        </button>
        <button
          type="button"
          disabled={!props.exportAllowed || busy}
          onClick={() => props.onExport('events', 'csv')}
        >
          {t('log_exportEventsCsv')}
        </button>
        <button
          type="button"
          disabled={!props.exportAllowed || busy}
          onClick={() => props.onExport('events', 'jsonl')}
        >
          {t('log_exportEventsJsonl')}
        </button>
      </div>
      {!props.exportAllowed && <p className="locked-note">{t('log_exportForbidden')}</p>}
      {props.status && (
        <p
          role={props.status.kind === 'error' ? 'alert' : 'status'}
          className={props.status.kind === 'error' ? 'error' : 'hint'}
        >
          {props.status.message}
        </p>
      )}
      <CorrectionLogImport
        preview={props.preview}
        onChooseFile={props.onChooseFile}
        onCommit={props.onCommitImport}
        onCancel={props.onCancelImport}
      />
      <p className="hint">
        {t('log_retention', [props.total, props.retentionDays])}{' '}
        <button type="button" onClick={props.onPrune}>
          {t('log_applyRetention')}
        </button>
      </p>
      <CorrectionLogTable
        rows={props.rows}
        canLoadMore={props.rows.length < props.total}
        onLoadMore={props.onLoadMore}
        onForget={props.onForget}
      />
    </div>
  );
}
