import { create } from 'zustand';
import { pageExportGuard } from '@/lib/export/allowed';
import { plural, t } from '@/lib/i18n/t';
import { send } from '@/lib/messaging/client';
import { toErrorInfo } from '@/lib/messaging/envelope';
import { type CsvCell, downloadCsv, toCsv } from '@/lib/metrics/csv';
import { isLocked } from '@/lib/policy/view';
import type { Settings } from '@/lib/settings/schema';
import type { AgentIdentity } from '@/lib/team/identity';
import { addFile, emptyTeamLog, type LoadedFile, type TeamLog } from '@/lib/team/merge';
import { type ParseOptions, parseExport } from '@/lib/team/parse';
import { buildTeamReport, reportCsv, type TeamReport, teamPackJsonl } from '@/lib/team/report';

interface Status {
  kind: 'ok' | 'error' | 'busy';
  message: string;
}

/** The team report's state: the files loaded, the report computed from them, the lead's settings. */
export interface TeamReportState {
  files: LoadedFile[];
  report?: TeamReport;
  status?: Status;
  /** What the lead's policy allows (settings.get): ticket text kept, real names shown, exports. */
  options: ParseOptions;
  exportAllowed: boolean;
  templates?: Pick<Settings['templates'], 'modes' | 'owners' | 'auto'>;
  /** This browser's agent id in exports (Options > Team only). */
  identity?: AgentIdentity;
  identityLocked: boolean;
  identityStatus?: { kind: 'ok' | 'error'; message: string };
}

export const useTeamReport = create<TeamReportState>(() => ({
  files: [],
  options: { ticketText: false, realNames: false },
  exportAllowed: false,
  identityLocked: false,
}));

/** The merged log lives outside the store: a million rows are not state to diff. */
let log: TeamLog = emptyTeamLog();

const fail = (error: unknown) =>
  useTeamReport.setState({ status: { kind: 'error', message: toErrorInfo(error).message } });

/**
 * Read the lead's effective settings from the background: thresholds for readiness, whether ticket
 * text may be kept (team.ticketText), whether names may be shown (team.realNames, from the policy only).
 */
export async function startTeamReport(): Promise<void> {
  try {
    const view = await send('settings.get', {});
    const source = view.sources['team.realNames'];
    useTeamReport.setState({
      options: {
        ticketText: view.settings.team.ticketText,
        realNames: view.settings.team.realNames && (source === 'locked' || source === 'policy-default'),
      },
      exportAllowed: view.settings.exportAllowed,
      templates: view.settings.templates,
      identityLocked: isLocked(view.locked, 'team.agentId'),
      identity: await send('team.identity', {}),
    });
  } catch (error) {
    fail(error);
  }
}

/** Load dropped or picked files, one after the other, then recompute the report once. */
export async function loadTeamFiles(files: readonly File[]): Promise<void> {
  if (files.length === 0) return;
  const { options, templates } = useTeamReport.getState();
  useTeamReport.setState({ status: { kind: 'busy', message: t('team_reading', files.length) } });
  try {
    for (const file of files) addFile(log, parseExport(file.name, await file.text(), options));
    const report = templates ? buildTeamReport(log, templates) : undefined;
    const problems = log.files.reduce((n, f) => n + (f.problems.some((p) => p.level === 'error') ? 1 : 0), 0);
    useTeamReport.setState({
      files: [...log.files],
      report,
      status: {
        kind: 'ok',
        message: [
          t('team_loaded', [
            log.files.length,
            log.events.length,
            log.corrections.length,
            log.decisions.length,
          ]),
          problems ? plural(problems, 'team_problemFiles_one', 'team_problemFiles_other') : '',
        ]
          .filter(Boolean)
          .join(' '),
      },
    });
  } catch (error) {
    fail(error);
  }
}

export function clearTeamFiles(): void {
  log = emptyTeamLog();
  useTeamReport.setState({ files: [], report: undefined, status: undefined });
}

async function guarded(save: () => void): Promise<void> {
  try {
    await pageExportGuard();
    save();
  } catch (error) {
    fail(error);
  }
}

const day = () => new Date().toISOString().slice(0, 10);

export function downloadReportCsv(): Promise<void> {
  return guarded(() => {
    const report = useTeamReport.getState().report;
    if (report) downloadCsv(`deskmate-team-report-${day()}.csv`, reportCsv(report).replace(/^\uFEFF/, ''));
  });
}

export function downloadTableCsv(name: string, columns: string[], rows: CsvCell[][]): Promise<void> {
  return guarded(() => downloadCsv(`deskmate-team-${name}-${day()}.csv`, toCsv(columns, rows)));
}

/** The team's corrections as a team pack (JSONL) for Options > Corrections > Import. */
export function downloadTeamPack(): Promise<void> {
  return guarded(() => {
    const url = URL.createObjectURL(
      new Blob([teamPackJsonl(log.corrections)], { type: 'application/x-ndjson' }),
    );
    const link = document.createElement('a');
    link.href = url;
    link.download = `deskmate-team-pack-${day()}.jsonl`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  });
}

/** Save the agent's own id (empty: back to the generated pseudonym); the background re-checks it. */
export async function saveAgentId(agentId: string): Promise<void> {
  try {
    await send('settings.save', { patch: { team: { agentId: agentId || null } } });
    const identity = await send('team.identity', {});
    useTeamReport.setState({
      identity,
      identityStatus: identity.problem
        ? { kind: 'error', message: identity.problem }
        : { kind: 'ok', message: t('team_saved', identity.agentId) },
    });
  } catch (error) {
    useTeamReport.setState({ identityStatus: { kind: 'error', message: toErrorInfo(error).message } });
  }
}
