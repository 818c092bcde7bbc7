import { act } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { Dashboard } from '@/components/dashboard/Dashboard';
import { CorrectionLog } from '@/components/options/CorrectionLog';
import { EMPTY_FILTER } from '@/components/options/CorrectionLogFilters';
import { buildDashboard } from '@/lib/metrics/dashboard-data';
import { corrections, DAY1, events } from '../metrics/seed';
import { mountEach } from '../mount';

const dom = mountEach();

const exportButtons = () =>
  [...dom.host.querySelectorAll('button')].filter((b) => /^Export/.test(b.textContent ?? ''));

function dashboard(exportAllowed: boolean) {
  const onExportCsv = vi.fn();
  const templates = { modes: {}, owners: {}, auto: { threshold: 0.7, minTickets: 3, promote: true } };
  const data = buildDashboard(events, corrections, templates, [], { days: 0 }, DAY1 + 86_400_000);
  act(() =>
    dom.root.render(
      <Dashboard
        filter={{ days: 0 }}
        data={data}
        loading={false}
        onFilter={vi.fn()}
        onRefresh={vi.fn()}
        onSetMode={vi.fn()}
        onExportCsv={onExportCsv}
        exportAllowed={exportAllowed}
      />,
    ),
  );
  return onExportCsv;
}

describe('export buttons follow exportAllowed, with the managed mark', () => {
  test('dashboard: allowed (control) the buttons export', () => {
    const onExport = dashboard(true);
    const buttons = exportButtons();
    expect(buttons.length).toBeGreaterThan(2);
    act(() => buttons[0]?.click());
    expect(onExport).toHaveBeenCalledTimes(1);
    expect(dom.host.querySelector('[data-testid="export-locked"]')).toBeNull();
  });

  test('dashboard: not allowed, every Export CSV is disabled and says it is managed', () => {
    const onExport = dashboard(false);
    const buttons = exportButtons();
    expect(buttons.length).toBeGreaterThan(2);
    for (const b of buttons) expect(b.disabled).toBe(true);
    for (const b of buttons) act(() => b.click());
    expect(onExport).not.toHaveBeenCalled();
    expect(dom.host.querySelector('[data-testid="export-locked"]')?.textContent).toMatch(
      /Managed by your organization/,
    );
  });

  test('correction log: not allowed, all six exports (corrections, decisions, metrics events; CSV and JSONL) are disabled with the note', () => {
    act(() =>
      dom.root.render(
        <CorrectionLog
          rows={[]}
          total={0}
          filter={EMPTY_FILTER}
          facets={{ templates: [], fields: [], sites: [] }}
          exportAllowed={false}
          retentionDays={30}
          onFilterChange={vi.fn()}
          onLoadMore={vi.fn()}
          onExport={vi.fn()}
          onChooseFile={vi.fn()}
          onCommitImport={vi.fn()}
          onCancelImport={vi.fn()}
          onForget={vi.fn()}
          onPrune={vi.fn()}
        />,
      ),
    );
    const buttons = exportButtons();
    expect(buttons).toHaveLength(6);
    for (const b of buttons) expect(b.disabled).toBe(true);
    expect(dom.host.textContent).toContain('does not allow exporting');
  });
});
