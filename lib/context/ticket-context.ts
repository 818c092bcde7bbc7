import type { z } from 'zod/mini';
import { ticketContextSchema } from './ticket-schema';

/**
 * Everything Deskmate knows about the ticket on screen. Produced by a site adapter from the page,
 * validated again in the background (a content script is untrusted). Built once here, for extension
 * pages (panel, background, options); the fields are documented in ticket-schema.ts. Content scripts
 * build their own copy only when a message needs it.
 */
export const TicketContext = ticketContextSchema();
export type TicketContext = z.infer<typeof TicketContext>;

/** One message of the thread, oldest first. */
export type TicketMessage = TicketContext['messages'][number];
/** Who wrote a message in the thread, as the desk shows it. */
export type MessageRole = TicketMessage['role'];
/** A field the adapter looked for and could not read, and why (shown in the panel, asked about). */
export type Unreadable = TicketContext['unreadable'][number];

/** What an adapter returns: a context, or why there is none. Adapters never throw. */
export type ReadResult = { ok: true; context: TicketContext } | { ok: false; reason: string };

/** All the ticket's text in one string, in thread order; grounding checks quotes against it. */
export function ticketText(context: TicketContext): string {
  const head = [context.subject, ...Object.values(context.fields)].filter(Boolean).join('\n');
  return [head, ...context.messages.map((m) => m.text)].join('\n\n');
}
