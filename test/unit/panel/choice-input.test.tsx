import { act } from 'react';
import { describe, expect, test, vi } from 'vitest';
import { SEARCHABLE_FROM } from '@/components/panel/ChoiceInput';
import { FieldInput } from '@/components/panel/FieldInput';
import type { TemplateField } from '@/lib/panel/model';
import type { FieldValue } from '@/lib/templates/suggestion';
import { mountEach } from '../mount';

const dom = mountEach();

/** An owner list of 500 people as a desk offers it (accents included), bound to a template field. */
const owners = Array.from(
  { length: 500 },
  (_, i) => `${['Jürgen', 'Zoë', 'Łukasz', 'Ana María', 'Søren'][i % 5]} Agent ${String(i).padStart(3, '0')}`,
);
const owner = (options: string[]): TemplateField => ({
  id: 'owner',
  label: 'Owner',
  kind: 'enum',
  required: false,
  options,
  binding: { deskField: 'Owner', deskLabel: 'Owner', writable: true },
});

function render(field: TemplateField, value: FieldValue, onChange = vi.fn()) {
  act(() =>
    dom.root.render(
      <FieldInput
        field={field}
        value={value}
        inputId="f-owner"
        describedBy="f-owner-help"
        onChange={onChange}
      />,
    ),
  );
  return onChange;
}

function type(el: HTMLInputElement, text: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  act(() => {
    setter?.call(el, text);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('the panel choice input with a long desk list', () => {
  test('500 owners: a text box the browser filters (datalist), not a 500-row select', () => {
    const onChange = render(owner(owners), null);
    expect(dom.host.querySelector('select')).toBeNull();
    const input = dom.host.querySelector<HTMLInputElement>('input[data-testid="field-input-owner"]')!;
    expect(input.placeholder).toBe('Type to search 500 options');
    const list = dom.host.querySelector(`datalist#${CSS.escape(input.getAttribute('list') ?? '')}`);
    expect(list?.querySelectorAll('option')).toHaveLength(500);
    type(input, 'Søren Agent 499');
    expect(onChange).toHaveBeenLastCalledWith('Søren Agent 499');
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  test('a typed name that is not one of the options is marked invalid with a hint, and kept as typed', () => {
    render(owner(owners), null);
    const input = dom.host.querySelector<HTMLInputElement>('input[data-testid="field-input-owner"]')!;
    type(input, 'Jürgen Agent 9999');
    expect(input.value).toBe('Jürgen Agent 9999');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const hint = dom.host.querySelector('.choice-hint');
    expect(hint?.textContent).toContain('Not one of the desk’s options');
    expect(input.getAttribute('aria-describedby')).toContain(hint?.id ?? '-');
  });

  test('a short list stays a select, and a kept value the desk no longer offers is shown, not dropped', () => {
    render(owner(owners.slice(0, SEARCHABLE_FROM - 1)), 'Someone gone');
    const select = dom.host.querySelector<HTMLSelectElement>('select[data-testid="field-input-owner"]')!;
    expect(select.options).toHaveLength(SEARCHABLE_FROM + 1); // (none), the options, the kept value
    expect(select.value).toBe('Someone gone');
  });
});
