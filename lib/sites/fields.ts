import type { DeskField, DeskFieldValue, DeskOption } from '../context/ticket-context';

/**
 * The desk's own fields as data (issue #16): every adapter reports what the page shows (queue, status,
 * priority, owner, custom fields...) with the options the desk offers, and writes them back by id.
 * Nothing here names a desk's values: they come from the page.
 */
export type { DeskField, DeskFieldKind, DeskFieldValue, DeskOption } from '../context/ticket-context';

/** Text a template can write into the page besides the desk's fields. */
export const TEXT_TARGETS = ['reply', 'internal-note'] as const;
export type TextTarget = (typeof TEXT_TARGETS)[number];

/** What one field write did, after reading the page back. */
export type FieldWrite = { id: string; ok: true } | { id: string; ok: false; reason: string };

/** Case- and accent-insensitive form of a label, for matching a value to an option. */
export function foldLabel(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

/**
 * The desk option a value names: its value first, then its label exactly, then its label folded
 * (case and accents). Undefined when the desk does not offer it: such a value is never written.
 */
export function findOption(field: Pick<DeskField, 'options'>, wanted: string): DeskOption | undefined {
  const options = field.options ?? [];
  return (
    options.find((o) => o.value === wanted) ??
    options.find((o) => o.label === wanted) ??
    options.find((o) => foldLabel(o.label) === foldLabel(wanted)) ??
    // Two options with one label are offered as "Label (value)" (lib/templates/bind.ts optionLabels).
    options.find((o) => `${o.label} (${o.value})` === wanted)
  );
}

/** Labels of the current value(s) of a choice field, as the agent sees them. */
export function currentLabels(field: DeskField): string[] {
  const values = field.value === undefined ? [] : Array.isArray(field.value) ? field.value : [field.value];
  return values.map((v) => field.options?.find((o) => o.value === v)?.label ?? v);
}

/**
 * Did the desk keep what was written? Choice fields compare option values; text compares trimmed text.
 * Used after a write, on the page read back, so "written" in the panel means the desk shows it.
 */
export function holds(field: DeskField, wanted: DeskFieldValue): boolean {
  const norm = (v: DeskFieldValue | undefined): string[] => {
    const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
    return list.map((x) => (field.options?.length ? (findOption(field, x)?.value ?? x) : x.trim())).sort();
  };
  return JSON.stringify(norm(field.value)) === JSON.stringify(norm(wanted));
}

/**
 * After a write, read back: undefined when the desk shows the value, else why not. A choice the desk
 * no longer offers (it rendered its form again from the server, whose options changed since the page
 * was read) says so, rather than only that something else is shown.
 */
export function whyNotKept(
  field: DeskField | undefined,
  wanted: DeskFieldValue,
  desk: string,
): string | undefined {
  if (!field) return 'The field is no longer on the page.';
  if (holds(field, wanted)) return undefined;
  const gone = field.options?.length
    ? (Array.isArray(wanted) ? wanted : [wanted]).find((w) => !findOption(field, w))
    : undefined;
  return gone !== undefined
    ? `Option gone: ${field.label} no longer offers “${gone}” (${desk} changed its options).`
    : `${desk} did not keep the value (it shows something else).`;
}
