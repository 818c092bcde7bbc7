import { create } from 'zustand';
import type {
  CorrectionLogRow,
  LogFilterForm,
  TeamPackPreviewView,
} from '@/components/options/CorrectionLog';
import { EMPTY_FILTER } from '@/components/options/CorrectionLogFilters';
import { type Correction, db } from '@/lib/db/db';
import {
  exportFileName,
  exportStream,
  type LogFilter,
  listCorrections,
  logFacets,
  matchesCorrection,
} from '@/lib/export/stream';
import { commitTeamPack, type PackPreview, previewTeamPack } from '@/lib/export/team-pack';
import { plural, t } from '@/lib/i18n/t';
import { send } from '@/lib/messaging/client';
import { toErrorInfo } from '@/lib/messaging/envelope';

const PAGE = 50;

interface Status {
  kind: 'ok' | 'error' | 'busy';
  message: string;
}

/** State of the options page's correction log (lib/ wiring for components/options/CorrectionLog). */
export interface CorrectionLogState {
  rows: CorrectionLogRow[];
  total: number;
  filter: LogFilterForm;
  facets: { templates: string[]; fields: string[]; sites: string[] };
  status?: Status;
  preview?: TeamPackPreviewView;
  pending?: { preview: PackPreview; fileName: string };
}

export const useCorrectionLog = create<CorrectionLogState>(() => ({
  rows: [],
  total: 0,
  filter: EMPTY_FILTER,
  facets: { templates: [], fields: [], sites: [] },
}));

/** Form values -> query filter: dates are whole local days, `to` inclusive. */
export function toLogFilter(form: LogFilterForm): LogFilter {
  const day = (s: string) => new Date(`${s}T00:00:00`).getTime();
  return {
    ...(form.from ? { from: day(form.from) } : {}),
    ...(form.to ? { to: day(form.to) + 86_400_000 } : {}),
    ...(form.templateId ? { templateId: form.templateId } : {}),
    ...(form.field ? { field: form.field } : {}),
    ...(form.site ? { site: form.site } : {}),
    ...(form.correctionsOnly ? { correctionsOnly: true } : {}),
  };
}

const show = (v: unknown) =>
  v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

function toRow(c: Correction): CorrectionLogRow {
  return {
    id: c.id as number,
    time: c.time,
    templateId: c.templateId,
    field: c.field,
    aiValue: show(c.aiValue),
    keptValue: show(c.keptValue),
    agreed: c.agreed,
    site: c.site,
    ticketHash: c.ticketHash,
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.imported ? { importedFrom: c.imported.from } : {}),
  };
}

const fail = (error: unknown) =>
  useCorrectionLog.setState({ status: { kind: 'error', message: toErrorInfo(error).message } });

/** Reload the first page, the total and the facets for the current filter. */
export async function refreshLog(): Promise<void> {
  try {
    const filter = toLogFilter(useCorrectionLog.getState().filter);
    const database = db();
    const [rows, total, facets] = await Promise.all([
      listCorrections(database, filter, PAGE),
      database.corrections.filter((c) => matchesCorrection(c, filter)).count(),
      logFacets(database),
    ]);
    useCorrectionLog.setState({ rows: rows.map(toRow), total, facets });
  } catch (error) {
    fail(error);
  }
}

export function setLogFilter(filter: LogFilterForm): void {
  useCorrectionLog.setState({ filter });
  void refreshLog();
}

export async function loadMore(): Promise<void> {
  const { rows, filter } = useCorrectionLog.getState();
  const more = await listCorrections(db(), toLogFilter(filter), PAGE, rows.length);
  useCorrectionLog.setState({ rows: [...rows, ...more.map(toRow)] });
}

/** Stream the export into a file the browser downloads; the page stays responsive page by page. */
export async function exportLog(
  kind: 'corrections' | 'decisions' | 'events',
  format: 'csv' | 'jsonl',
): Promise<void> {
  useCorrectionLog.setState({ status: { kind: 'busy', message: t('log_exporting') } });
  try {
    const filter = toLogFilter(useCorrectionLog.getState().filter);
    const parts: Uint8Array[] = [];
    let bytes = 0;
    // Asked once: the same agent id goes into every row and the file name.
    const { agentId } = await send('team.identity', {});
    const reader = exportStream(db(), kind, format, filter, undefined, async () => agentId).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      bytes += value.byteLength;
    }
    const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/x-ndjson';
    const url = URL.createObjectURL(new Blob(parts as BlobPart[], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = exportFileName(kind, format, new Date(), agentId);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    useCorrectionLog.setState({
      status: { kind: 'ok', message: t('log_exported', [link.download, Math.ceil(bytes / 1024)]) },
    });
  } catch (error) {
    fail(error);
  }
}

export async function chooseTeamPack(file: File): Promise<void> {
  useCorrectionLog.setState({ status: { kind: 'busy', message: t('log_checking', file.name) } });
  try {
    const preview = await previewTeamPack(db(), await file.text());
    useCorrectionLog.setState({
      status: undefined,
      pending: { preview, fileName: file.name },
      preview: {
        fileName: file.name,
        fresh: preview.fresh.length,
        duplicates: preview.duplicates,
        invalid: preview.invalid,
        problems: preview.problems,
      },
    });
  } catch (error) {
    fail(error);
  }
}

export async function commitImport(): Promise<void> {
  const pending = useCorrectionLog.getState().pending;
  if (!pending) return;
  useCorrectionLog.setState({ status: { kind: 'busy', message: t('log_importing') } });
  try {
    const added = await commitTeamPack(db(), pending.preview, pending.fileName);
    useCorrectionLog.setState({ pending: undefined, preview: undefined });
    // The background's learner and retrieval index learn from what came in.
    await send('memory.reindex', {});
    useCorrectionLog.setState({
      status: { kind: 'ok', message: plural(added, 'log_imported_one', 'log_imported_other') },
    });
    await refreshLog();
  } catch (error) {
    fail(error);
  }
}

export function cancelImport(): void {
  useCorrectionLog.setState({ pending: undefined, preview: undefined, status: undefined });
}

export async function forgetTicketFromLog(ticketHash: string): Promise<void> {
  try {
    const deleted = await send('memory.forgetTicket', { ticketHash });
    const n = deleted.corrections + deleted.decisions + deleted.drafts + deleted.events;
    useCorrectionLog.setState({
      status: { kind: 'ok', message: t('log_forgot', n) },
    });
    await refreshLog();
  } catch (error) {
    fail(error);
  }
}

export async function pruneNow(): Promise<void> {
  try {
    const d = await send('memory.prune', {});
    const n = d.corrections + d.decisions + d.drafts + d.events;
    useCorrectionLog.setState({
      status: { kind: 'ok', message: t('log_pruned', n) },
    });
    await refreshLog();
  } catch (error) {
    fail(error);
  }
}
