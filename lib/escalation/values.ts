import type { TicketContext } from '../context/ticket-context';
import type { Evidence, FieldValue, Suggestion } from '../templates/suggestion';
import type { Segment } from './text';
import { quoteAround } from './text';

/** "Refund amount", "refundAmount" and "refund_amount" name the same field. */
export function fieldKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** A field's values wherever the ticket or the suggestion has them, with evidence when known. */
export interface FieldReading {
  value: FieldValue;
  evidence: Evidence[];
  from: 'ticket' | 'suggestion';
}

/**
 * Values of a field: the desk's own (status, priority, queue, subject, custom fields by label) and
 * the suggestion's template field, including every candidate of a conflict (a rule fires on any).
 */
export function readField(name: string, context: TicketContext, suggestion?: Suggestion): FieldReading[] {
  const key = fieldKey(name);
  const out: FieldReading[] = [];
  const builtins: Record<string, string | undefined> = {
    status: context.status,
    priority: context.priority,
    queue: context.queue,
    subject: context.subject,
  };
  const builtin = builtins[key];
  if (builtin) out.push({ value: builtin, evidence: [], from: 'ticket' });
  for (const [label, value] of Object.entries(context.fields)) {
    if (fieldKey(label) === key) out.push({ value, evidence: [{ quote: value }], from: 'ticket' });
  }
  for (const [field, state] of Object.entries(suggestion?.fields ?? {})) {
    if (fieldKey(field) !== key) continue;
    if (state.value !== null) out.push({ value: state.value, evidence: state.evidence, from: 'suggestion' });
    for (const c of state.candidates ?? []) {
      if (c.value !== null) out.push({ value: c.value, evidence: c.evidence, from: 'suggestion' });
    }
  }
  return out;
}

const NUMBER = /\d{1,3}(?:[.,\s\u00a0'’]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?/;

/**
 * A number as people write it: "1,299.00", "1.299,00", "1 299", "89.99", "89,99". A separator
 * followed by exactly three digits groups thousands; one or two digits at the end are decimals.
 */
export function parseNumber(written: string): number | undefined {
  const m = written.match(NUMBER);
  if (!m) return undefined;
  let digits = m[0];
  const decimal = digits.match(/[.,](\d{1,2})$/);
  let fraction = '';
  if (decimal) {
    fraction = decimal[1] ?? '';
    digits = digits.slice(0, -decimal[0].length);
  }
  const whole = digits.replace(/[^\d]/g, '');
  const n = Number(`${whole}.${fraction || '0'}`);
  return Number.isFinite(n) ? n : undefined;
}

/** A field value as a number: numbers as they are, text parsed ("€1.299,00" = 1299). */
export function numberOf(value: FieldValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parseNumber(value);
  return undefined;
}

/** A field value as a time (ms): ISO dates or dates as Date.parse reads them ("2 September 2026"). */
export function timeOf(value: FieldValue): number | undefined {
  if (typeof value === 'number') return value > 1e11 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value.trim());
  return Number.isNaN(t) ? undefined : t;
}

/** Currency symbols and codes, in folded (lowercase, accent-free) form. */
const CURRENCY =
  '(?:[€$£¥₹₩₺₽]|(?<![\\p{L}])(?:eur|usd|gbp|chf|jpy|cad|aud|nzd|sek|nok|dkk|pln|czk|huf|inr|brl|mxn|zar|euros?|dollars?|pounds?|francs?|pesos?)(?![\\p{L}]))';
const NUM = NUMBER.source;
const MONEY = new RegExp(`${CURRENCY}\\s?(${NUM})|(${NUM})\\s?${CURRENCY}`, 'gu');

/** Money amounts written in a segment (any currency, no conversion), with the quote around each. */
export function amountsIn(segment: Segment): { amount: number; evidence: Evidence }[] {
  const out: { amount: number; evidence: Evidence }[] = [];
  for (const m of segment.folded.text.matchAll(MONEY)) {
    const amount = parseNumber(m[1] ?? m[2] ?? '');
    if (amount === undefined) continue;
    out.push({ amount, evidence: quoteAround(segment, m.index, m.index + m[0].length) });
  }
  return out;
}
