// zod/mini, like everything the panel shares with content scripts. Content scripts import only the
// types from here: they do not check the contexts they send (the panel and background do, issue #10).
import { z } from 'zod/mini';

/** Who wrote a message in the thread, as the desk shows it. */
export const MessageRole = z.enum(['customer', 'agent', 'internal']);
export type MessageRole = z.infer<typeof MessageRole>;

export const TicketMessage = z.object({
  /** Stable id from the desk when it has one (RT transaction id, Redmine journal id...). */
  id: z.optional(z.string()),
  author: z.string(),
  role: MessageRole,
  /** ISO 8601 when the desk shows a machine-readable time, else the text it shows. */
  time: z.optional(z.string()),
  text: z.string(),
});
export type TicketMessage = z.infer<typeof TicketMessage>;

/** A field the adapter looked for and could not read, and why (shown in the panel, asked about). */
export const Unreadable = z.object({ field: z.string(), reason: z.string() });
export type Unreadable = z.infer<typeof Unreadable>;

/** How a desk field takes its value (issue #16). `person` is a choice among people (an owner). */
export const DeskFieldKind = z.enum(['single', 'multiple', 'text', 'person', 'date', 'number', 'boolean']);
export type DeskFieldKind = z.infer<typeof DeskFieldKind>;

/** One option a desk offers: what it stores (`value`) and what it shows (`label`). */
export const DeskOption = z.object({ value: z.string(), label: z.string() });
export type DeskOption = z.infer<typeof DeskOption>;

/** A value as the desk stores it: one option value or text, or several option values. */
export const DeskFieldValue = z.union([z.string(), z.array(z.string())]);
export type DeskFieldValue = z.infer<typeof DeskFieldValue>;

/**
 * A field of the desk's own record, read from the page: the adapter's catalogue. Templates bind to
 * these (lib/templates/bind.ts) and Apply writes them back by id.
 */
export const DeskField = z.object({
  /** Stable on this site: 'queue', 'owner', 'cf:Severity', 'issue[category_id]'... */
  id: z.string().check(z.minLength(1)),
  /** As the desk shows it, in the desk's language. */
  label: z.string(),
  kind: DeskFieldKind,
  /** Current value: option value(s) for choices, text otherwise. */
  value: z.optional(DeskFieldValue),
  /** The options the desk offers now (choices and people). */
  options: z.optional(z.array(DeskOption)),
  /** This page can write the field now. */
  writable: z.boolean(),
  /** Why it cannot (read-only page, no rights, open the edit form first). */
  whyNot: z.optional(z.string()),
});
export type DeskField = z.infer<typeof DeskField>;

/**
 * Everything Deskmate knows about the ticket on screen. Produced by a site adapter from the page,
 * validated again in the background (a content script is untrusted).
 */
export const TicketContext = z.object({
  /** Adapter id: 'rt', 'redmine', 'demo', 'zendesk', ..., or 'generic:<name>'. */
  site: z.string().check(z.minLength(1)),
  /** The desk's own ticket key ("42", "INC0010001", "#1234"). */
  ticketKey: z.string().check(z.minLength(1)),
  url: z.string(),
  subject: z.optional(z.string()),
  requester: z.optional(z.object({ name: z.optional(z.string()), email: z.optional(z.string()) })),
  status: z.optional(z.string()),
  priority: z.optional(z.string()),
  queue: z.optional(z.string()),
  /** Custom fields the desk shows, label -> text. */
  fields: z._default(z.record(z.string(), z.string()), {}),
  /** Oldest first. */
  messages: z._default(z.array(TicketMessage), []),
  unreadable: z._default(z.array(Unreadable), []),
  /** The desk's own fields on this page, with their options (empty when the adapter reads none). */
  deskFields: z.optional(z.array(DeskField)),
  /** When the adapter read the page (ms since epoch). */
  readAt: z.number(),
});
export type TicketContext = z.infer<typeof TicketContext>;

/** What an adapter returns: a context, or why there is none. Adapters never throw. */
export type ReadResult = { ok: true; context: TicketContext } | { ok: false; reason: string };

/** All the ticket's text in one string, in thread order; grounding checks quotes against it. */
export function ticketText(context: TicketContext): string {
  const head = [context.subject, ...Object.values(context.fields)].filter(Boolean).join('\n');
  return [head, ...context.messages.map((m) => m.text)].join('\n\n');
}
