import { act } from 'react';
import { expect, test, vi } from 'vitest';
import { CorrectionLog, type CorrectionLogRow } from '@/components/options/CorrectionLog';
import { EMPTY_FILTER } from '@/components/options/CorrectionLogFilters';
import { mountEach } from '../mount';

const dom = mountEach();

const rows: CorrectionLogRow[] = [
  {
    id: 2,
    time: 1_700_000_100_000,
    templateId: 'triage',
    field: 'category',
    aiValue: 'shipping',
    keptValue: 'refund',
    agreed: false,
    site: 'demo',
    ticketHash: 'abc',
    importedFrom: 'alice.jsonl',
  },
  {
    id: 1,
    time: 1_700_000_000_000,
    templateId: 'triage',
    field: 'priority',
    aiValue: 'normal',
    keptValue: 'normal',
    agreed: true,
    site: 'demo',
    ticketHash: 'def',
  },
];

function render(overrides: Partial<Parameters<typeof CorrectionLog>[0]> = {}) {
  const props = {
    rows,
    total: 5,
    filter: EMPTY_FILTER,
    facets: { templates: ['triage'], fields: ['category', 'priority'], sites: ['demo'] },
    exportAllowed: true,
    retentionDays: 365,
    onFilterChange: vi.fn(),
    onLoadMore: vi.fn(),
    onExport: vi.fn(),
    onChooseFile: vi.fn(),
    onCommitImport: vi.fn(),
    onCancelImport: vi.fn(),
    onForget: vi.fn(),
    onPrune: vi.fn(),
    ...overrides,
  };
  act(() => dom.root.render(<CorrectionLog {...props} />));
  return props;
}

const button = (name: string) =>
  [...dom.host.querySelectorAll('button')].find((b) =>
    b.textContent?.trim().startsWith(name),
  ) as HTMLButtonElement;

test('shows corrections and agreements, imported rows, and acts through its callbacks', () => {
  const props = render();
  const table = dom.host.querySelector('[data-testid="correction-log"]')!;
  expect(table.querySelectorAll('tbody tr')).toHaveLength(2);
  expect(table.textContent).toContain('imported from alice.jsonl');
  expect(table.textContent).toContain('normal (agreed)');
  act(() => button('Export CSV').click());
  act(() => button('Export JSONL').click());
  expect(props.onExport).toHaveBeenNthCalledWith(1, 'corrections', 'csv');
  expect(props.onExport).toHaveBeenNthCalledWith(2, 'corrections', 'jsonl');
  act(() => button('Forget ticket').click());
  expect(props.onForget).toHaveBeenCalledWith('abc');
  act(() => button('Show more').click());
  expect(props.onLoadMore).toHaveBeenCalled();
  const site = dom.host.querySelector<HTMLSelectElement>('#log-site')!;
  act(() => {
    site.value = 'demo';
    site.dispatchEvent(new Event('change', { bubbles: true }));
  });
  expect(props.onFilterChange).toHaveBeenCalledWith({ ...EMPTY_FILTER, site: 'demo' });
});

test('the import preview shows counts and line problems before anything is written', () => {
  const props = render({
    preview: {
      fileName: 'team.jsonl',
      fresh: 3,
      duplicates: 2,
      invalid: 1,
      problems: [{ line: 4, message: 'agreed: expected boolean' }],
    },
  });
  const preview = dom.host.querySelector('[data-testid="import-preview"]')!;
  expect(preview.textContent).toContain('3 new');
  expect(preview.textContent).toContain('2 already here');
  expect(preview.textContent).toContain('Line 4: agreed: expected boolean');
  act(() => button('Import 3 corrections').click());
  expect(props.onCommitImport).toHaveBeenCalled();
});
