import type { TicketContext } from '../context/ticket-context';
import type { FieldValue, Suggestion } from '../templates/suggestion';
import type { EdgeItem } from './rules';

/**
 * Inputs that are missing, contradictory or late, each with what to ask. These are not reasons to
 * escalate; they are reasons not to trust a pre-fill yet, shown beside the banner.
 */

function label(field: string): string {
  return field
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .toLowerCase();
}

function show(value: FieldValue): string {
  if (value === null) return '(none)';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function isLoading(reason: string): boolean {
  return /load|wait|pending|progress/i.test(reason);
}

/** The edge cases of a ticket and, when given, the suggestion made for it. */
export function edgeCases(context: TicketContext, suggestion?: Suggestion): EdgeItem[] {
  const edges: EdgeItem[] = [];
  for (const u of context.unreadable) {
    if (isLoading(u.reason)) {
      edges.push({
        kind: 'late',
        code: 'loading',
        field: u.field,
        message: `The ${label(u.field)} had not finished loading when the ticket was read: ${u.reason}`,
        ask: 'Wait until the page has loaded the whole conversation, then read the ticket again.',
        askWhom: 'agent',
      });
    } else {
      edges.push({
        kind: 'missing',
        code: 'unreadable',
        field: u.field,
        message: `Deskmate could not read the ${label(u.field)}: ${u.reason}`,
        ask: `Check the ${label(u.field)} on the desk page before relying on it.`,
        askWhom: 'agent',
      });
    }
  }
  const customerMessages = context.messages.filter((m) => m.role === 'customer');
  if (customerMessages.length === 0 && !context.unreadable.some((u) => u.field === 'messages')) {
    edges.push({
      kind: 'missing',
      code: 'no-customer-message',
      message: 'There is no message from the customer in the thread that was read.',
      ask: 'Check that the conversation is shown on the page (expand collapsed messages).',
      askWhom: 'agent',
    });
  }
  const last = context.messages.at(-1);
  if (
    last?.role === 'customer' &&
    /^(solved|closed|resolved|resuelto|geschlossen|gelost|resolu|ferme)$/i.test(context.status ?? '')
  ) {
    edges.push({
      kind: 'contradictory',
      code: 'closed-but-waiting',
      field: 'status',
      message: `The ticket is marked "${context.status}" but the customer wrote after the last answer.`,
      ask: 'Check whether the ticket should be reopened.',
      askWhom: 'agent',
    });
  }
  if (!suggestion) return edges;

  if (suggestion.site !== context.site || suggestion.ticketKey !== context.ticketKey) {
    edges.push({
      kind: 'contradictory',
      code: 'other-ticket',
      message: `The suggestion was made for ticket ${suggestion.ticketKey}, not for ticket ${context.ticketKey}.`,
      ask: 'Run the suggestion again on this ticket.',
      askWhom: 'agent',
    });
    return edges;
  }
  const newer = context.messages.filter((m) => {
    const t = m.time ? Date.parse(m.time) : Number.NaN;
    return !Number.isNaN(t) && t > suggestion.createdAt;
  });
  if (newer.length > 0) {
    edges.push({
      kind: 'late',
      code: 'stale-suggestion',
      message: `${newer.length === 1 ? 'A new message' : `${newer.length} new messages`} arrived after the suggestion was made.`,
      ask: 'Run the suggestion again so it reads the latest reply.',
      askWhom: 'agent',
    });
  }
  for (const [field, state] of Object.entries(suggestion.fields)) {
    const name = label(field);
    // Only required fields carry a question (lib/suggest/grounding.ts); an optional field left
    // empty is not something to ask the customer about.
    if (state.status === 'missing' && state.question) {
      edges.push({
        kind: 'missing',
        code: 'required-field',
        field,
        message: `The ticket does not say the ${name}.`,
        ask: state.question,
        askWhom: 'customer',
      });
    } else if (state.status === 'conflict') {
      const options = (state.candidates ?? []).map((c) => show(c.value));
      edges.push({
        kind: 'contradictory',
        code: 'conflict',
        field,
        message: `The ticket gives more than one ${name}${options.length ? `: ${options.join(' or ')}` : ''}.`,
        ask: options.length
          ? `Which ${name} is the right one: ${options.join(' or ')}?`
          : `Could you confirm the ${name}?`,
        askWhom: 'customer',
      });
    } else if (state.status === 'stale') {
      edges.push({
        kind: 'late',
        code: 'stale-field',
        field,
        message: `The ${name} was filled before the ticket changed.`,
        ask: `Check the ${name} against the latest reply.`,
        askWhom: 'agent',
      });
    } else if (state.status === 'unsupported') {
      edges.push({
        kind: 'missing',
        code: 'ungrounded',
        field,
        message: `The ${name} "${show(state.value)}" is not supported by the ticket text.`,
        ask: `Check the ${name} yourself, or ask the customer for it.`,
        askWhom: 'agent',
      });
    }
  }
  return edges;
}
