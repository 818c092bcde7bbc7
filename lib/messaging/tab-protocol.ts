// zod/mini: these schemas ship in every content script (size budget, issue #10).
import { z } from 'zod/mini';
import { TicketContext } from '../context/ticket-context';
import type { MessageSpec } from './protocol';

/** Messages a content script answers, sent by the panel or background with tabs.sendMessage. */
export const tabMessages = {
  /** Read the ticket now. */
  'context.read': {
    from: ['panel'],
    request: z.object({}),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), context: TicketContext }),
      z.object({ ok: z.literal(false), reason: z.string() }),
    ]),
  },
  /** Show, hide or toggle the docked panel. */
  'dock.toggle': {
    from: ['panel', 'options', 'background'],
    request: z.object({ open: z.optional(z.boolean()) }),
    response: z.object({ open: z.boolean() }),
  },
  /** Move, resize or collapse the docked panel (the panel's own dock controls). */
  'dock.set': {
    from: ['panel'],
    request: z.object({
      open: z.optional(z.boolean()),
      side: z.optional(z.enum(['left', 'right'])),
      width: z.optional(z.number()),
    }),
    response: z.object({ open: z.boolean(), side: z.enum(['left', 'right']), width: z.number() }),
  },
} satisfies Record<string, MessageSpec>;

/**
 * Events are fire-and-forget broadcasts (runtime.sendMessage without a reply), e.g. a content script
 * telling open panels that the ticket changed.
 */
export const events = {
  'context.changed': z.object({
    context: TicketContext,
    /** What changed since the last read, for the panel to mark fields stale. */
    changes: z.array(z.enum(['ticket', 'messages', 'fields', 'late-content'])),
  }),
  /** Effective settings changed (user save or managed policy): open extension pages re-read them. */
  'settings.changed': z.object({ reason: z.enum(['user', 'policy']) }),
} satisfies Record<string, z.core.$ZodType>;

export type TabMessages = typeof tabMessages;
export type Events = typeof events;
