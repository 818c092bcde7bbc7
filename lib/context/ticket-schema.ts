// zod/mini: these schemas ship in every content script, where size is budgeted (issue #10).
import { z } from 'zod/mini';

/**
 * Builds the ticket context schema. Extension pages build it once when they load (ticket-context.ts);
 * content scripts only when a message needs it (lib/messaging/tab-protocol.ts), because building
 * zod schemas in the page's start-up task is what made a site script slow to start (issue #10).
 */
export function ticketContextSchema() {
  /** Who wrote a message in the thread, as the desk shows it. */
  const MessageRole = z.enum(['customer', 'agent', 'internal']);

  const TicketMessage = z.object({
    /** Stable id from the desk when it has one (RT transaction id, Redmine journal id...). */
    id: z.optional(z.string()),
    author: z.string(),
    role: MessageRole,
    /** ISO 8601 when the desk shows a machine-readable time, else the text it shows. */
    time: z.optional(z.string()),
    text: z.string(),
  });

  /** A field the adapter looked for and could not read, and why (shown in the panel, asked about). */
  const Unreadable = z.object({ field: z.string(), reason: z.string() });

  return z.object({
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
    /** When the adapter read the page (ms since epoch). */
    readAt: z.number(),
  });
}
