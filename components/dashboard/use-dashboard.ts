import { useEffect } from 'react';
import { create } from 'zustand';
import { pageExportGuard } from '@/lib/export/allowed';
import { t } from '@/lib/i18n/t';
import { send } from '@/lib/messaging/client';
import { type ErrorInfo, toErrorInfo } from '@/lib/messaging/envelope';
import { type CsvCell, downloadCsv, toCsv } from '@/lib/metrics/csv';
import { type DashboardData, type DashboardFilter, loadDashboard } from '@/lib/metrics/dashboard-data';
import type { TemplateMode } from '@/lib/metrics/modes';

interface DashboardState {
  filter: DashboardFilter;
  data?: DashboardData;
  loading: boolean;
  error?: ErrorInfo;
  /** Result of the last promote/demote, announced beside the readiness table. */
  status?: { kind: 'ok' | 'error'; message: string };
  /** The effective exportAllowed: the Export CSV buttons are disabled when false. */
  exportAllowed?: boolean;
}

const useStore = create<DashboardState>(() => ({ filter: { days: 30 }, loading: false }));

/** Reload: settings (modes, owners, thresholds, locks) from the background, records from Dexie. */
async function refresh(): Promise<void> {
  useStore.setState({ loading: true });
  try {
    const view = await send('settings.get', {});
    const data = await loadDashboard(useStore.getState().filter, view.settings.templates, view.locked);
    useStore.setState({
      data,
      loading: false,
      error: undefined,
      exportAllowed: view.settings.exportAllowed,
    });
  } catch (error) {
    useStore.setState({ loading: false, error: toErrorInfo(error) });
  }
}

async function setMode(templateId: string, mode: TemplateMode): Promise<void> {
  try {
    await send('metrics.setMode', { templateId, mode });
    useStore.setState({
      status: {
        kind: 'ok',
        message: t('dash_modeNow', [
          templateId,
          t(mode === 'shadow' ? 'dash_modeShadow' : 'dash_modeAssist'),
        ]),
      },
    });
  } catch (error) {
    useStore.setState({ status: { kind: 'error', message: toErrorInfo(error).message } });
  }
  await refresh();
}

/** Chart data as a CSV file, unless the effective settings forbid export (asked of the background). */
export async function exportCsv(name: string, columns: string[], rows: CsvCell[][]): Promise<void> {
  try {
    await pageExportGuard();
  } catch (error) {
    useStore.setState({ status: { kind: 'error', message: toErrorInfo(error).message } });
    return;
  }
  const day = new Date().toISOString().slice(0, 10);
  downloadCsv(`deskmate-${name}-${day}.csv`, toCsv(columns, rows));
}

/** The dashboard's props for the options page: data, filter and actions. Loads on first use. */
export function useDashboard() {
  const state = useStore();
  useEffect(() => {
    void refresh();
  }, []);
  return {
    ...state,
    onFilter(filter: DashboardFilter) {
      useStore.setState({ filter });
      void refresh();
    },
    onRefresh: () => void refresh(),
    onSetMode: (templateId: string, mode: TemplateMode) => void setMode(templateId, mode),
    onExportCsv: (name: string, columns: string[], rows: CsvCell[][]) => void exportCsv(name, columns, rows),
  };
}
