import type {
  DeskField,
  MessageRole,
  ReadResult,
  TicketContext,
  TicketMessage,
  Unreadable,
} from '../context/ticket-context';
import { first, textOf } from './dom';

/**
 * Limits that keep a pathological page (a 5 MB thread, a runaway desk) from freezing the tab or
 * flooding the panel: past them we keep the newest messages and say what was cut.
 */
export const LIMITS = { messageChars: 50_000, messages: 2_000, fieldChars: 2_000, options: 5_000 } as const;

/** The header fields every desk may show; each one missing is reported, never silently empty. */
export type HeaderField = 'subject' | 'requester.name' | 'requester.email' | 'status' | 'priority' | 'queue';

/** A field this desk never shows on a ticket page, with the reason (reported, not looked for). */
export type NotShown = Partial<Record<HeaderField, string>>;

export interface TicketParts {
  ticketKey: string | undefined;
  subject?: string;
  requesterName?: string;
  requesterEmail?: string;
  status?: string;
  priority?: string;
  queue?: string;
  fields?: Record<string, string>;
  /** The page's own fields with their options (issue #16). */
  deskFields?: DeskField[];
  messages: TicketMessage[];
  /** Extra problems the adapter found (history still loading, unknown role...). */
  unreadable?: Unreadable[];
  /** Fields this desk does not show, so their absence is explained rather than reported as a miss. */
  notShown?: NotShown;
}

const clip = (s: string | undefined, max: number) => (s && s.length > max ? `${s.slice(0, max)}…` : s);

const SURROGATE = /[\ud800-\udfff]/;

/**
 * Lone UTF-16 surrogates (a desk cutting a string mid-emoji) are invalid in JSON consumers and
 * prompts; replace them so one bad character cannot break the whole context.
 */
export function cleanText(s: string): string {
  // Most text has no surrogates at all: one quick scan instead of the look-around replace below.
  if (!SURROGATE.test(s)) return s;
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/**
 * A desk field within the limits: labels and text values clipped like header fields, at most
 * LIMITS.options options (an owner list of thousands stays usable; the panel searches what is kept).
 */
function clipField(f: DeskField): DeskField {
  const short = (s: string) => cleanText(clip(s, LIMITS.fieldChars)!);
  // Values and option values get the same cleaning as labels: a hostile page's lone surrogates in an
  // option value would otherwise make the whole context invalid.
  const value = typeof f.value === 'string' ? short(f.value) : f.value?.map(short);
  const options =
    f.options && f.options.length > LIMITS.options ? f.options.slice(0, LIMITS.options) : f.options;
  return {
    ...f,
    label: short(f.label),
    ...(value !== undefined ? { value } : {}),
    ...(options ? { options: options.map((o) => ({ value: short(o.value), label: short(o.label) })) } : {}),
  };
}

/** Assemble and validate a context, reporting every header field that could not be read. */
export function finish(site: string, url: URL, parts: TicketParts): ReadResult {
  if (!parts.ticketKey) return { ok: false, reason: 'No ticket number was found on this page.' };
  const unreadable: Unreadable[] = [...(parts.unreadable ?? [])];
  const header: Record<HeaderField, string | undefined> = {
    subject: parts.subject,
    'requester.name': parts.requesterName,
    'requester.email': parts.requesterEmail,
    status: parts.status,
    priority: parts.priority,
    queue: parts.queue,
  };
  for (const [field, value] of Object.entries(header) as [HeaderField, string | undefined][]) {
    if (value) continue;
    const why = parts.notShown?.[field];
    unreadable.push({ field, reason: why ?? 'not found on the page' });
  }
  let messages = parts.messages;
  if (messages.length > LIMITS.messages) {
    unreadable.push({
      field: 'messages',
      reason: `Only the newest ${LIMITS.messages} of ${messages.length} messages were read.`,
    });
    messages = messages.slice(-LIMITS.messages);
  }
  let clipped = 0;
  messages = messages.map((m) => {
    const text = cleanText(m.text);
    const author = cleanText(m.author);
    if (text.length <= LIMITS.messageChars)
      return text === m.text && author === m.author ? m : { ...m, text, author };
    clipped++;
    return { ...m, author, text: `${text.slice(0, LIMITS.messageChars)}…` };
  });
  if (clipped > 0) {
    unreadable.push({
      field: 'messages',
      reason: `${clipped} message(s) were cut at ${LIMITS.messageChars} characters.`,
    });
  }
  const short = (s: string | undefined) => (s ? cleanText(clip(s, LIMITS.fieldChars)!) : undefined);
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(parts.fields ?? {})) if (v) fields[short(k)!] = short(v)!;
  const name = short(parts.requesterName);
  const email = short(parts.requesterEmail);
  // Built to the TicketContext type; validated where it crosses a boundary (the tab reply, the
  // background), not here a second time: the content script's size is budgeted.
  const context: TicketContext = {
    site,
    ticketKey: short(parts.ticketKey)!,
    url: url.href,
    subject: short(parts.subject),
    requester: name || email ? { name, email } : undefined,
    status: short(parts.status),
    priority: short(parts.priority),
    queue: short(parts.queue),
    fields,
    messages,
    unreadable,
    ...(parts.deskFields ? { deskFields: parts.deskFields.map(clipField) } : {}),
    readAt: Date.now(),
  };
  return { ok: true, context };
}

/** Text of the first match, or undefined. */
export const read = (root: ParentNode | undefined, selectors: readonly string[]): string | undefined =>
  root ? textOf(first(root, selectors)) : undefined;

/** An attribute of the first match, or undefined. */
export function attr(
  root: ParentNode | undefined,
  selectors: readonly string[],
  name: string,
): string | undefined {
  const value = root ? first(root, selectors)?.getAttribute(name)?.trim() : undefined;
  return value || undefined;
}

const EMAIL = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[^\s<>"'(),;:]+/;

/** "Alice Customer <alice@example.org>" → name and e-mail; either part may be missing. */
export function parseNameEmail(text: string | undefined): { name?: string; email?: string } {
  if (!text) return {};
  const email = EMAIL.exec(text)?.[0];
  // Only the e-mail's own wrapping (<...>, quotes) is removed: "root (Enoch Root)" stays as shown.
  const name = (email ? text.replace(EMAIL, '').replace(/<\s*>|["']/g, ' ') : text)
    .replace(/\s+/g, ' ')
    .trim();
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/** Messages from thread items; an item without text (a status change, an empty row) is skipped. */
export function messagesFrom(
  items: readonly Element[],
  readOne: (el: Element, index: number) => Omit<TicketMessage, 'text'> & { text: string | undefined },
): TicketMessage[] {
  const out: TicketMessage[] = [];
  items.forEach((el, i) => {
    const m = readOne(el, i);
    if (m.text) out.push({ ...m, text: m.text, author: m.author || 'unknown' });
  });
  return out;
}

/** A role from words the desk shows ("Internal note", "Private", "Agent"); customer when silent. */
export function roleFromWords(words: string | undefined, fallback: MessageRole = 'customer'): MessageRole {
  if (!words) return fallback;
  if (/\b(internal|private|note)\b/i.test(words)) return 'internal';
  if (/\b(agent|staff|support|admin)\b/i.test(words)) return 'agent';
  return fallback;
}

/** Custom fields from label/value pairs (label elements and value elements within each row). */
export function labelledFields(
  rows: readonly Element[],
  labelSel: readonly string[],
  valueSel: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of rows) {
    const label = read(row, labelSel)?.replace(/:$/, '');
    const value = read(row, valueSel);
    if (label && value) out[label] = value;
  }
  return out;
}
