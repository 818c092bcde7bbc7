import type { DeskField, DeskFieldKind, DeskFieldValue, DeskOption } from '../context/ticket-context';
import { textOf } from './dom';
import { findOption } from './fields';
import type { ApplyResult } from './types';
import { fire, setText } from './write';

/**
 * Desk fields from the desk's own form controls (issue #16). Most desks render their record as a form:
 * selects for queue, status, priority and list custom fields, inputs for text and dates. Reading the
 * control gives the field's kind, its current value and every option the desk offers, in the desk's
 * words; writing goes through the same control with the events the desk listens to.
 */

/** Options a select offers; the empty "(no value)" entry is not an option one can choose. */
function optionsOf(select: HTMLSelectElement): DeskOption[] {
  const out: DeskOption[] = [];
  for (const o of select.querySelectorAll('option')) {
    // String(): a hostile page can clobber DOM properties with named elements; only strings leave here.
    const label = String(o.textContent ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    const value = typeof o.value === 'string' ? o.value : '';
    if (value === '' || !label) continue;
    out.push({ value, label });
  }
  return out;
}

// By tag name, not instanceof: a desk's form may sit in an iframe (ServiceNow), whose elements belong
// to another window and fail instanceof checks against this one.
const isSelect = (el: Element): el is HTMLSelectElement => el.localName === 'select';
const isInput = (el: Element): el is HTMLInputElement => el.localName === 'input';
const isTextarea = (el: Element): el is HTMLTextAreaElement => el.localName === 'textarea';

function kindOf(control: Element): DeskFieldKind | undefined {
  if (isSelect(control)) return control.multiple ? 'multiple' : 'single';
  if (isTextarea(control)) return 'text';
  if (isInput(control)) {
    switch (control.type) {
      case 'checkbox':
        return 'boolean';
      case 'date':
      case 'datetime-local':
        return 'date';
      case 'number':
        return 'number';
      case 'text':
      case 'search':
      case 'email':
      case 'url':
      case 'tel':
        return 'text';
      default:
        return undefined; // hidden, file, submit...: not a field an agent fills
    }
  }
  return undefined;
}

const isDisabled = (control: Element) =>
  (control as HTMLInputElement).disabled || Boolean(control.closest('fieldset[disabled]'));

/**
 * A desk field read from one control. `kind` overrides what the control says (an owner select is a
 * person; RT's date custom field is a text input). `whyNot` marks it read-only with the desk's reason.
 */
export function fieldOfControl(
  control: Element,
  id: string,
  label: string,
  opts: { kind?: DeskFieldKind; whyNot?: string } = {},
): DeskField | undefined {
  const own = kindOf(control);
  if (!own) return undefined;
  const kind = opts.kind ?? own;
  const readOnly = isDisabled(control) || (control as HTMLInputElement).readOnly === true;
  const whyNot = opts.whyNot ?? (readOnly ? 'The desk shows this field read-only here.' : undefined);
  const field: DeskField = { id, label, kind, writable: !whyNot, ...(whyNot ? { whyNot } : {}) };
  if (isSelect(control)) {
    field.options = optionsOf(control);
    const selected = [...control.querySelectorAll('option')]
      .filter((o) => o.selected && typeof o.value === 'string' && o.value)
      .map((o) => o.value);
    const shown = typeof control.value === 'string' ? control.value : '';
    if (control.multiple) field.value = selected;
    else if (selected[0] ?? shown) field.value = selected[0] ?? shown;
  } else if (isInput(control) && control.type === 'checkbox') {
    field.value = control.checked ? 'true' : 'false';
  } else {
    const raw = (control as HTMLInputElement).value;
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value) field.value = value;
  }
  return field;
}

/** Where a desk prints a control's label when it uses no <label>: the row, and the label within it. */
export interface RowLabel {
  row: string;
  label: string;
}

/** The label a page gives a control: <label for>, a wrapping <label>, aria-label, or its row's label. */
export function labelOfControl(control: Element, rowLabel?: RowLabel): string | undefined {
  const clean = (s: string | undefined) =>
    s
      ?.replace(/\s+/g, ' ')
      .replace(/[:*]\s*$/, '')
      .trim() || undefined;
  const labels = (control as HTMLInputElement).labels;
  const own = labels?.[0] ? textOf(labels[0]) : undefined;
  if (own) return clean(own);
  const id = control.getAttribute('id');
  // A browser's `labels` already holds every <label for>: the page-wide search is only for DOMs without
  // it. (Done for every control of every read, it was the catalogue's largest cost on a page of 30 fields.)
  if (id && !labels) {
    const forIt = [...control.ownerDocument.querySelectorAll('label[for]')].find(
      (l) => l.getAttribute('for') === id,
    );
    if (forIt) return clean(textOf(forIt));
  }
  const aria = control.getAttribute('aria-label');
  if (aria) return clean(aria);
  // The nearest row that has a label: rows nest (RT puts a date picker in a row of its own).
  for (
    let row = rowLabel ? control.closest(rowLabel.row) : null;
    row;
    row = row.parentElement?.closest(rowLabel!.row) ?? null
  ) {
    const label = row.querySelector(rowLabel!.label);
    if (label) return clean(textOf(label));
  }
  return undefined;
}

/** What a desk says of one of its controls: the field it is, or undefined when it is none. */
export interface ControlInfo {
  id: string;
  label: string;
  kind?: DeskFieldKind;
  whyNot?: string;
}

/** A page's desk fields, and the control each one is written through. */
export interface FormFields {
  fields: DeskField[];
  controls: Map<string, Element>;
}

/**
 * The desk fields of a page's controls: each adapter only says which control is which field
 * (`describe`); the first control of an id wins (a desk may repeat a hidden copy of a field).
 */
export function fieldsOfControls(
  controls: Iterable<Element>,
  describe: (control: Element) => ControlInfo | undefined,
): FormFields {
  const found: FormFields = { fields: [], controls: new Map() };
  for (const control of controls) {
    const info = describe(control);
    if (!info || found.controls.has(info.id)) continue;
    const { id, label, ...opts } = info;
    const field = fieldOfControl(control, id, label, opts);
    if (!field) continue;
    found.controls.set(id, control);
    found.fields.push(field);
  }
  return found;
}

/** Write one field of a page read with fieldsOfControls, or say the page has no such field. */
export function writeFormField(
  found: FormFields,
  id: string,
  value: DeskFieldValue,
  missing: string,
): ApplyResult {
  const field = found.fields.find((f) => f.id === id);
  return field ? writeControl(found.controls.get(id), field, value) : { ok: false, reason: missing };
}

const TRUE = /^(true|yes|1|on|ja|sí|si|oui)$/i;

/**
 * Write a value into the control a desk field was read from. A choice that is not one of the
 * control's own options is refused and nothing is changed: the desk would reject it, or worse, keep it.
 */
export function writeControl(
  control: Element | undefined,
  field: DeskField,
  value: DeskFieldValue,
): ApplyResult {
  if (!control) return { ok: false, reason: `${field.label} is not on the page any more.` };
  if (!field.writable) return { ok: false, reason: field.whyNot ?? `${field.label} cannot be changed here.` };
  if (isDisabled(control)) return { ok: false, reason: `${field.label} is read-only on this page.` };
  // Options as the page offers them now, not as they were read: they may have changed since.
  const now = fieldOfControl(control, field.id, field.label) ?? field;
  if (isSelect(control)) {
    const wanted = Array.isArray(value) ? value : [value];
    if (!control.multiple && wanted.length !== 1)
      return { ok: false, reason: `${field.label} takes one value.` };
    const chosen: DeskOption[] = [];
    for (const w of wanted) {
      const option = findOption(now, w);
      if (!option)
        return { ok: false, reason: `"${w}" is not one of ${field.label}'s options on this page.` };
      chosen.push(option);
    }
    const values = new Set(chosen.map((o) => o.value));
    for (const o of control.querySelectorAll('option')) o.selected = values.has(o.value);
    if (!control.multiple) control.value = chosen[0]!.value;
    fire(control, 'input', 'change');
    return { ok: true };
  }
  const text = Array.isArray(value) ? value.join(', ') : value;
  if (isInput(control) && control.type === 'checkbox') {
    control.checked = TRUE.test(text.trim());
    fire(control, 'input', 'change');
    return { ok: true };
  }
  if (isInput(control) || isTextarea(control)) return setText(control, text);
  return { ok: false, reason: `Deskmate cannot write into ${field.label}.` };
}
