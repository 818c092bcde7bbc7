import { TicketContext, type TicketMessage } from '@/lib/context/ticket-context';
import { evaluate } from '@/lib/escalation/evaluate';
import { type ConditionInput, EscalationRule } from '@/lib/escalation/rules';
import { type FieldState, Suggestion } from '@/lib/templates/suggestion';

/** 24 November 2026, noon UTC: "now" for every test ticket. */
export const NOW = Date.parse('2026-11-24T12:00:00Z');

type MessageInput = Omit<TicketMessage, 'author'> & { author?: string };

export function ticket(
  over: Partial<Omit<TicketContext, 'messages'>> & { messages?: MessageInput[] } = {},
): TicketContext {
  return TicketContext.parse({
    site: 'demo',
    ticketKey: '1',
    url: 'http://127.0.0.1/tickets/1',
    subject: 'Question',
    requester: { name: 'Casey', email: 'casey@example.com' },
    readAt: NOW,
    ...over,
    messages: (over.messages ?? []).map((m) => ({ author: m.role === 'customer' ? 'Casey' : 'Agent', ...m })),
  });
}

/** A ticket with one customer message. */
export function says(text: string, over: Parameters<typeof ticket>[0] = {}): TicketContext {
  return ticket({ ...over, messages: [{ role: 'customer', text }] });
}

export function suggestion(
  fields: Record<string, Partial<FieldState>> = {},
  over: Partial<Suggestion> = {},
): Suggestion {
  return Suggestion.parse({
    id: 's1',
    templateId: 'triage',
    templateVersion: 1,
    site: 'demo',
    ticketKey: '1',
    contextHash: 'h',
    provider: { kind: 'local', model: 'local' },
    createdAt: NOW,
    fields: Object.fromEntries(
      Object.entries(fields).map(([k, f]) => [
        k,
        { value: null, status: 'filled', evidence: [], confidence: 0.9, source: 'model', ...f },
      ]),
    ),
    ...over,
  });
}

/** A condition as tests write it (`as const` literals: arrays are readonly). */
type ConditionLiteral<C = ConditionInput> = C extends unknown
  ? { readonly [K in keyof C]: C[K] extends (infer U)[] | undefined ? readonly U[] : C[K] }
  : never;

/** A rule with one condition, evaluated alone: the fired evidence, or undefined. */
export function fires(condition: ConditionLiteral, context: TicketContext, s?: Suggestion) {
  const rule = EscalationRule.parse({ id: 't', severity: 'warning', reason: 'r', all: [condition] });
  const flag = evaluate(context, s, { rules: [rule], signalThreshold: 0.6 }).flags.find(
    (f) => f.ruleId === 't',
  );
  return flag?.evidence;
}
