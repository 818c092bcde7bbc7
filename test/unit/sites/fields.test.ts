import { describe, expect, test } from 'vitest';
import type { DeskField } from '@/lib/context/ticket-context';
import { whyNotKept } from '@/lib/sites/fields';

const category: DeskField = {
  id: 'issue[category_id]',
  label: 'Category',
  kind: 'single',
  value: '2',
  options: [
    { value: '1', label: 'Netzwerk' },
    { value: '2', label: 'Zugänge' },
  ],
  writable: true,
};

describe('whyNotKept: the page read back after a write', () => {
  test('the value shown is the one written (by label, folded, or by value): kept', () => {
    expect(whyNotKept(category, 'Zugänge', 'Redmine')).toBeUndefined();
    expect(whyNotKept(category, 'zugange', 'Redmine')).toBeUndefined();
    expect(whyNotKept(category, '2', 'Redmine')).toBeUndefined();
  });

  test('an option the desk no longer offers (its form came back from the server without it) says so', () => {
    expect(whyNotKept(category, 'Temporär', 'Redmine')).toBe(
      'Option gone: Category no longer offers “Temporär” (Redmine changed its options).',
    );
    const multi: DeskField = { ...category, kind: 'multiple', value: ['1'] };
    expect(whyNotKept(multi, ['Netzwerk', 'Alt'], 'Redmine')).toContain('no longer offers “Alt”');
  });

  test('an offered option that is not shown, a text not kept, a field gone: each says which', () => {
    expect(whyNotKept(category, 'Netzwerk', 'Redmine')).toBe(
      'Redmine did not keep the value (it shows something else).',
    );
    const text: DeskField = { id: 'cf', label: 'Asset tag', kind: 'text', value: 'LT-1', writable: true };
    expect(whyNotKept(text, ' LT-1 ', 'RT')).toBeUndefined();
    expect(whyNotKept(text, 'LT-2', 'RT')).toBe('RT did not keep the value (it shows something else).');
    expect(whyNotKept(undefined, 'x', 'RT')).toBe('The field is no longer on the page.');
  });
});
