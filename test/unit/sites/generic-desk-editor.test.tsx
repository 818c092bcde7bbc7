import { readFileSync } from 'node:fs';
import { act } from 'react';
import { expect, test, vi } from 'vitest';
import { GenericDeskEditor } from '@/components/options/GenericDeskEditor';
import { mountEach } from '../mount';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const example = readFileSync('test/fixtures/generic/helpdesk.config.json', 'utf8');

const dom = mountEach();

const button = (name: string) =>
  [...dom.host.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;

test('a valid description can be saved and tested; the probe table shows misses', () => {
  const onSave = vi.fn();
  const onTest = vi.fn();
  act(() =>
    dom.root.render(
      <GenericDeskEditor
        initial={example}
        onSave={onSave}
        onTest={onTest}
        test={{
          probes: [
            { field: 'subject', count: 1, first: 'Cannot print shipping labels' },
            { field: 'status', count: 0 },
          ],
          read: { ok: false, reason: 'No ticket number was found on this page.' },
        }}
      />,
    ),
  );
  expect(dom.host.querySelector('.errors')?.children.length).toBe(0);
  act(() => button('Save desk').click());
  expect(onSave).toHaveBeenCalledWith(expect.objectContaining({ name: 'Warehouse helpdesk' }));
  act(() => button('Test this page').click());
  expect(onTest).toHaveBeenCalledTimes(1);
  expect(dom.host.querySelector('tr.miss th')?.textContent).toBe('status');
  expect(dom.host.textContent).toContain('Not read as a ticket: No ticket number was found on this page.');
});

test('an invalid description says what is wrong and cannot be saved', () => {
  const bad = JSON.stringify({ ...JSON.parse(example), matches: ['help.example.com'] });
  act(() => dom.root.render(<GenericDeskEditor initial={bad} onSave={vi.fn()} onTest={vi.fn()} />));
  expect(dom.host.querySelector('.errors')?.textContent).toMatch(/^matches\.0: Not a match pattern/);
  expect(button('Save desk').disabled).toBe(true);
});
