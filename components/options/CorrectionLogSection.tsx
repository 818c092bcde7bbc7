import { useEffect } from 'react';
import { CorrectionLog } from '@/components/options/CorrectionLog';
import {
  cancelImport,
  chooseTeamPack,
  commitImport,
  exportLog,
  forgetTicketFromLog,
  loadMore,
  pruneNow,
  refreshLog,
  setLogFilter,
  useCorrectionLog,
} from '@/components/options/use-correction-log';

/** The options page's "Corrections and decisions" section, wired to the log store. */
export function CorrectionLogSection({
  exportAllowed,
  retentionDays,
}: {
  exportAllowed: boolean;
  retentionDays: number;
}) {
  const log = useCorrectionLog();
  useEffect(() => {
    void refreshLog();
  }, []);
  return (
    <CorrectionLog
      rows={log.rows}
      total={log.total}
      filter={log.filter}
      facets={log.facets}
      exportAllowed={exportAllowed}
      status={log.status}
      preview={log.preview}
      retentionDays={retentionDays}
      onFilterChange={setLogFilter}
      onLoadMore={() => void loadMore()}
      onExport={(kind, format) => void exportLog(kind, format)}
      onChooseFile={(file) => void chooseTeamPack(file)}
      onCommitImport={() => void commitImport()}
      onCancelImport={cancelImport}
      onForget={(hash) => void forgetTicketFromLog(hash)}
      onPrune={() => void pruneNow()}
    />
  );
}
