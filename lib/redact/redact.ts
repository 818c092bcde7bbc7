import type { TicketContext } from '../context/ticket-context';
import { cardNumbers, type Extraction, emails, ibans, nationalIds, phones } from '../engine/extractors';
import type { Settings } from '../settings/schema';

/**
 * Data boundaries: personal data in the ticket is replaced by stable placeholders ([EMAIL_1],
 * [CARD_1]...) before a prompt leaves the device, and put back in the answer. The same value always
 * gets the same placeholder within one suggestion, so the model can still tell "the same e-mail".
 */

export type RedactionRules = Settings['redaction'];

interface Rule {
  label: string;
  find(text: string): Array<Pick<Extraction<unknown>, 'quote' | 'index'>>;
}

/** Built-in rules in priority order: on overlap the earlier rule wins (an IBAN is not a phone). */
function builtinRules(rules: RedactionRules): Rule[] {
  const out: Rule[] = [];
  if (rules.iban) out.push({ label: 'IBAN', find: ibans });
  if (rules.card) out.push({ label: 'CARD', find: cardNumbers });
  if (rules.email) out.push({ label: 'EMAIL', find: emails });
  if (rules.nationalId) out.push({ label: 'ID', find: nationalIds });
  if (rules.phone) out.push({ label: 'PHONE', find: phones });
  return out;
}

function customRules(rules: RedactionRules): { rules: Rule[]; invalid: string[] } {
  const out: Rule[] = [];
  const invalid: string[] = [];
  for (const c of rules.custom) {
    let re: RegExp;
    try {
      re = new RegExp(c.pattern, 'gi');
    } catch {
      invalid.push(c.name);
      continue;
    }
    const label =
      c.name
        .toUpperCase()
        .replace(/[^A-Z0-9]+/g, '_')
        .slice(0, 24) || 'CUSTOM';
    out.push({
      label,
      find: (text) =>
        [...text.matchAll(re)].filter((m) => m[0]).map((m) => ({ quote: m[0], index: m.index ?? 0 })),
    });
  }
  return { rules: out, invalid };
}

const PLACEHOLDER = /\[([A-Z0-9_]+)_(\d+)\]/g;

/** One redaction session: placeholders are shared by every text redacted through it. */
export class Redactor {
  private readonly rules: Rule[];
  private readonly byOriginal = new Map<string, string>();
  private readonly byPlaceholder = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  /** Names of custom patterns that are not valid regular expressions (skipped). */
  readonly invalidPatterns: string[];
  readonly enabled: boolean;

  constructor(rules: RedactionRules) {
    this.enabled = rules.enabled;
    const custom = customRules(rules);
    this.rules = rules.enabled ? [...builtinRules(rules), ...custom.rules] : [];
    this.invalidPatterns = custom.invalid;
  }

  private placeholderFor(label: string, original: string): string {
    const key = `${label}\u0000${original}`;
    const known = this.byOriginal.get(key);
    if (known) return known;
    const n = (this.counters.get(label) ?? 0) + 1;
    this.counters.set(label, n);
    const placeholder = `[${label}_${n}]`;
    this.byOriginal.set(key, placeholder);
    this.byPlaceholder.set(placeholder, original);
    return placeholder;
  }

  /** Replace every match of the enabled rules, left to right, without overlaps. */
  redact(text: string): string {
    if (!this.rules.length || !text) return text;
    const hits: Array<{ start: number; end: number; label: string; quote: string; priority: number }> = [];
    this.rules.forEach((rule, priority) => {
      for (const h of rule.find(text)) {
        hits.push({
          start: h.index,
          end: h.index + h.quote.length,
          label: rule.label,
          quote: h.quote,
          priority,
        });
      }
    });
    hits.sort((a, b) => a.start - b.start || a.priority - b.priority || b.end - a.end);
    let out = '';
    let at = 0;
    for (const h of hits) {
      if (h.start < at) continue;
      out += text.slice(at, h.start) + this.placeholderFor(h.label, h.quote);
      at = h.end;
    }
    return out + text.slice(at);
  }

  /** Put the originals back (unknown placeholders stay as they are: the model made them up). */
  restore(text: string): string {
    if (!this.byPlaceholder.size) return text;
    return text.replace(PLACEHOLDER, (m) => this.byPlaceholder.get(m) ?? m);
  }

  /** Redact inside any JSON value (strings, arrays, objects). */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.redactDeep(v)])) as T;
    }
    return value;
  }

  /** Restore inside any JSON value (strings, arrays, objects). */
  restoreDeep<T>(value: T): T {
    if (typeof value === 'string') return this.restore(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.restoreDeep(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.restoreDeep(v)])) as T;
    }
    return value;
  }

  /** How many distinct values were replaced (shown as "3 items redacted"). */
  get count(): number {
    return this.byPlaceholder.size;
  }
}

/** A redacted copy of the ticket context, and the redactor that can restore answers about it. */
export function redactContext(
  context: TicketContext,
  rules: RedactionRules,
): { context: TicketContext; redactor: Redactor } {
  const redactor = new Redactor(rules);
  if (!redactor.enabled) return { context, redactor };
  const r = (s: string | undefined) => (s === undefined ? undefined : redactor.redact(s));
  const requester = context.requester
    ? {
        ...(context.requester.name !== undefined ? { name: context.requester.name } : {}),
        ...(context.requester.email !== undefined ? { email: r(context.requester.email) } : {}),
      }
    : undefined;
  return {
    redactor,
    context: {
      ...context,
      ...(context.subject !== undefined ? { subject: r(context.subject) } : {}),
      ...(requester ? { requester } : {}),
      fields: Object.fromEntries(Object.entries(context.fields).map(([k, v]) => [k, redactor.redact(v)])),
      messages: context.messages.map((m) => ({ ...m, text: redactor.redact(m.text) })),
      // Option labels become the provider's schema values (an owner list may show e-mail addresses);
      // the same placeholders come back in the answer and are restored like the rest.
      ...(context.deskFields
        ? {
            deskFields: context.deskFields.map((f) => ({
              ...f,
              ...(typeof f.value === 'string' && !f.options ? { value: redactor.redact(f.value) } : {}),
              ...(f.options
                ? { options: f.options.map((o) => ({ ...o, label: redactor.redact(o.label) })) }
                : {}),
            })),
          }
        : {}),
    },
  };
}
