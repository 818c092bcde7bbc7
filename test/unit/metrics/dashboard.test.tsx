import { act } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { Dashboard, type DashboardProps } from '@/components/dashboard/Dashboard';
import { axisDuration, duration, pct } from '@/components/dashboard/format';
import { DeskmateDb } from '@/lib/db/db';
import { toCsv } from '@/lib/metrics/csv';
import { buildDashboard, loadDashboard } from '@/lib/metrics/dashboard-data';
import { mountEach } from '../mount';
import { corrections, DAY1, events } from './seed';

const dom = mountEach();

const templates = {
  modes: { triage: 'shadow' as const },
  owners: { triage: { name: 'Lea Martin', contact: 'lea@corp.example' } },
  auto: { threshold: 0.7, minTickets: 3, promote: true },
};
const now = DAY1 + 86_400_000;

function render(overrides: Partial<DashboardProps> = {}, locked: string[] = []) {
  const props: DashboardProps = {
    filter: { days: 0 },
    data: buildDashboard(events, corrections, templates, locked, { days: 0 }, now),
    loading: false,
    onFilter: vi.fn(),
    onRefresh: vi.fn(),
    onSetMode: vi.fn(),
    onExportCsv: vi.fn(),
    ...overrides,
  };
  act(() => dom.root.render(<Dashboard {...props} />));
  return props;
}
const q = (selector: string) => dom.host.querySelector(selector);

describe('buildDashboard', () => {
  test('period filter counts back from now; readiness stays cumulative', () => {
    const data = buildDashboard(events, corrections, templates, [], { days: 1 }, now);
    expect(data.metrics.cycleTime.all.count).toBe(3); // C, D, E ended on the last day
    const triage = data.readiness.find((r) => r.templateId === 'triage');
    expect(triage?.tickets).toBe(4); // A-D, all time
    // category 3/4 = 75% passes 70%; priority 1/3 does not; 4 tickets >= 3
    expect(triage?.blockers).toEqual([
      { kind: 'accuracy', field: 'priority', accuracy: 1 / 3, threshold: 0.7, tickets: 3 },
    ]);
  });
});

describe('loadDashboard', () => {
  test('reads the records from Dexie and builds the same dashboard', async () => {
    const database = new DeskmateDb(`dash-${crypto.randomUUID()}`);
    await database.events.bulkAdd(events.map((e) => ({ ...e })));
    await database.corrections.bulkAdd(corrections.map((c) => ({ ...c })));
    const loaded = await loadDashboard({ days: 0 }, templates, [], { database, now });
    const built = buildDashboard(events, corrections, templates, [], { days: 0 }, now);
    expect(loaded.metrics).toEqual(built.metrics);
    expect(loaded.readiness).toEqual(built.readiness);
    expect(loaded.metrics.cycleTime.all.count).toBe(5);
  });
});

describe('Dashboard', () => {
  test('charts are labelled images with a title and description', () => {
    render();
    const svgs = dom.host.querySelectorAll('svg[role="img"]');
    expect(svgs).toHaveLength(4);
    for (const svg of svgs) {
      expect(svg.querySelector('title')?.textContent).toBeTruthy();
      expect(svg.querySelector('desc')?.textContent).toBeTruthy();
      expect(document.getElementById(svg.getAttribute('aria-labelledby') ?? '')).not.toBeNull();
    }
    expect(q('[data-testid="chart-field-accuracy"] desc')?.textContent).toContain('triage category: 75%');
  });

  test('a chart switches to its table and exports CSV', () => {
    const props = render();
    const frame = q('[data-testid="chart-acceptance-trend"]')!;
    const [toggle, exportButton] = frame.querySelectorAll('button');
    act(() => toggle!.click());
    const cells = [...frame.querySelectorAll('tbody tr')].map((tr) => tr.textContent);
    expect(cells).toEqual(['2026-11-200.524', '2026-11-210.635']);
    expect(frame.querySelector('svg')).toBeNull();
    act(() => exportButton!.click());
    expect(props.onExportCsv).toHaveBeenCalledWith(
      'acceptance-trend',
      ['day', 'acceptance rate', 'kept', 'compared'],
      [
        ['2026-11-20', 0.5, 2, 4],
        ['2026-11-21', 0.6, 3, 5],
      ],
    );
  });

  test('summary in business terms', () => {
    render();
    const text = q('[data-testid="metrics-summary"]')?.textContent ?? '';
    expect(text).toContain('Cycle time (median)1 min 40 s');
    expect(text).toContain('Time saved3 min 20 s');
    expect(text).toContain('Escalation rate17%');
  });

  test('readiness shows the owner and what blocks promotion; the lead can promote unless locked', () => {
    const props = render();
    const item = q('[data-testid="readiness-triage"]')!;
    expect(item.textContent).toContain('Owner: Lea Martin');
    expect(q('[data-testid="readiness"]')?.textContent).toContain('Promotion is automatic.');
    expect(item.textContent).toContain('Field "priority": accuracy 33.3% over 3 tickets, below 70%.');
    const promote = [...item.querySelectorAll('button')].find((b) => b.textContent === 'Promote to assist')!;
    act(() => promote.click());
    expect(props.onSetMode).toHaveBeenCalledWith('triage', 'assist');
    render({}, ['templates.modes']);
    const locked = [...q('[data-testid="readiness-triage"]')!.querySelectorAll('button')].find(
      (b) => b.textContent === 'Promote to assist',
    );
    expect(locked?.disabled).toBe(true);
    expect(q('[data-testid="readiness-triage"]')?.textContent).toContain('Mode managed by your organization');
  });

  test('loading and error states', () => {
    render({ data: undefined, loading: true });
    expect(dom.host.textContent).toContain('Loading metrics…');
    render({ data: undefined, error: { code: 'storage', message: 'Disk full' } });
    expect(q('[role="alert"]')?.textContent).toContain('Disk full');
  });
});

describe('formatting and CSV', () => {
  test('durations and percentages', () => {
    expect(duration(45_000)).toBe('45 s');
    expect(duration(200_000)).toBe('3 min 20 s');
    expect(duration(3_900_000)).toBe('1 h 5 min');
    expect(duration(450)).toBe('450 ms');
    expect([1500, 2000, 2500].map(axisDuration(2500))).toEqual(['1.5 s', '2 s', '2.5 s']);
    expect(axisDuration(600_000)(90_000)).toBe('1.5 min');
    expect(duration(undefined)).toBe('–');
    expect(pct(0.05)).toBe('5.0%');
    expect(pct({ count: 0, total: 0, rate: 0 })).toBe('–');
  });

  test('formula-like cells are neutralised, quotes and commas escaped, numbers kept', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['=1+1', '-x'],
          ['@cmd', 'say "hi", ok'],
          [-3, null],
        ],
      ),
    ).toBe(`a,b\r\n'=1+1,'-x\r\n'@cmd,"say ""hi"", ok"\r\n-3,\r\n`);
  });
});
