import { type TicketContext, ticketText } from '../context/ticket-context';
import type { Evidence } from '../templates/suggestion';
import { type Folded, fold, foldText } from './fold';
import type { TextScope } from './rules';

/** One piece of ticket text a rule reads: the subject, a field, or a message (with its index). */
export interface Segment {
  text: string;
  folded: Folded;
  messageIndex?: number;
  role: 'subject' | 'field' | 'customer' | 'agent' | 'internal';
}

/** The ticket split into segments, folded once per evaluation. */
export function segments(context: TicketContext): Segment[] {
  const out: Segment[] = [];
  const add = (text: string | undefined, role: Segment['role'], messageIndex?: number) => {
    if (text) out.push({ text, folded: fold(text), role, messageIndex });
  };
  add(context.subject, 'subject');
  for (const value of Object.values(context.fields)) add(value, 'field');
  context.messages.forEach((m, i) => {
    add(m.text, m.role, i);
  });
  return out;
}

const IN_SCOPE: Record<TextScope, ReadonlySet<Segment['role']>> = {
  customer: new Set(['subject', 'customer']),
  thread: new Set(['subject', 'customer', 'agent']),
  all: new Set(['subject', 'field', 'customer', 'agent', 'internal']),
};

export function inScope(all: readonly Segment[], scope: TextScope): Segment[] {
  return all.filter((s) => IN_SCOPE[scope].has(s.role));
}

const QUOTE_SIDE = 160;

/** A sentence ends at ".", "!" or "?" followed by a space (not "2,499.00"), or at a line break. */
function endsSentence(text: string, i: number): boolean {
  const c = text[i];
  if (c === '\n') return true;
  return (c === '.' || c === '!' || c === '?') && (i + 1 >= text.length || /\s/.test(text[i + 1] ?? ''));
}

/**
 * The sentence around a match, quoted from the original text (at most ~160 characters each side,
 * cut at a space), so the agent sees the words that made a rule fire in their context.
 */
export function quoteAround(segment: Segment, foldedStart: number, foldedEnd: number): Evidence {
  const { text } = segment;
  const { origin } = segment.folded;
  const start = origin ? (origin[foldedStart] ?? 0) : foldedStart;
  const end = origin ? (origin[foldedEnd] ?? text.length) : foldedEnd;
  let from = start;
  while (from > 0 && !endsSentence(text, from - 1)) {
    if (start - from >= QUOTE_SIDE) {
      const space = text.indexOf(' ', from);
      from = space >= 0 && space < start ? space + 1 : from;
      break;
    }
    from--;
  }
  let to = end;
  while (to < text.length && !endsSentence(text, to - 1)) {
    if (to - end >= QUOTE_SIDE) {
      const space = text.lastIndexOf(' ', to);
      to = space > end ? space : to;
      break;
    }
    to++;
  }
  const quote = text.slice(from, to).trim();
  return segment.messageIndex === undefined ? { quote } : { quote, messageIndex: segment.messageIndex };
}

/** All matches of a global regular expression over a segment's folded text, as evidence. */
export function findAll(segment: Segment, regex: RegExp, limit = 3): Evidence[] {
  const out: Evidence[] = [];
  regex.lastIndex = 0;
  for (const m of segment.folded.text.matchAll(regex)) {
    if (m[0].length === 0) continue;
    out.push(quoteAround(segment, m.index, m.index + m[0].length));
    if (out.length >= limit) break;
  }
  return out;
}

/** Keep only quotes that are really in the ticket (folded comparison); count the others. */
export function groundEvidence(
  context: TicketContext,
  evidence: readonly Evidence[],
): { grounded: Evidence[]; ungrounded: number } {
  const haystack = foldText(ticketText(context)).replace(/\s+/g, ' ');
  const grounded: Evidence[] = [];
  let ungrounded = 0;
  for (const e of evidence) {
    const needle = foldText(e.quote).replace(/\s+/g, ' ').trim();
    if (needle && haystack.includes(needle)) grounded.push(e);
    else ungrounded++;
  }
  return { grounded, ungrounded };
}

/** Remove repeated quotes and quotes inside another quote of the same message, keeping order. */
export function uniqueEvidence(evidence: readonly Evidence[], limit = 5): Evidence[] {
  const kept: Evidence[] = [];
  for (const e of evidence) {
    const same = (k: Evidence) => k.messageIndex === e.messageIndex;
    if (kept.some((k) => same(k) && k.quote.includes(e.quote))) continue;
    for (let i = kept.length - 1; i >= 0; i--) {
      const k = kept[i];
      if (k && same(k) && e.quote.includes(k.quote)) kept.splice(i, 1);
    }
    kept.push(e);
  }
  return kept.slice(0, limit);
}
