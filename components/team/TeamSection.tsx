import { useEffect } from 'react';
import { t } from '@/lib/i18n/t';
import { AgentIdentity } from './AgentIdentity';
import { TeamReport } from './TeamReport';
import {
  clearTeamFiles,
  downloadReportCsv,
  downloadTableCsv,
  downloadTeamPack,
  loadTeamFiles,
  saveAgentId,
  startTeamReport,
  useTeamReport,
} from './use-team-report';

/**
 * The team report wired to its store: Options > Team (with the agent's own id) and the standalone
 * team page (entrypoints/team), which a lead opens with no desk.
 */
export function TeamSection({ showIdentity = true }: { showIdentity?: boolean }) {
  const state = useTeamReport();
  useEffect(() => {
    void startTeamReport();
  }, []);
  return (
    <>
      {showIdentity && (
        <p className="hint">
          {t('team_ownPage')}{' '}
          <a href="team.html" target="_blank" rel="noopener">
            {t('team_openPage')}
          </a>
          .
        </p>
      )}
      {showIdentity && (
        <AgentIdentity
          identity={state.identity}
          locked={state.identityLocked}
          status={state.identityStatus}
          onSave={(id) => void saveAgentId(id)}
        />
      )}
      <TeamReport
        files={state.files}
        report={state.report}
        status={state.status}
        options={state.options}
        exportAllowed={state.exportAllowed}
        onFiles={(files) => void loadTeamFiles(files)}
        onClear={clearTeamFiles}
        onDownloadCsv={() => void downloadReportCsv()}
        onDownloadPack={() => void downloadTeamPack()}
        onExportCsv={(name, columns, rows) => void downloadTableCsv(name, columns, rows)}
      />
    </>
  );
}
