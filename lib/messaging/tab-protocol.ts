// zod/mini: these schemas ship in every content script (size budget, issue #10).
import { z } from 'zod/mini';
import { TicketContext } from '../context/ticket-context';
import { GenericDeskWire, SelectorProbe } from '../sites/generic/wire';
import { PageTarget } from '../sites/types';
import type { MessageSpec } from './protocol';

/** Messages a content script answers, sent by the panel or background with tabs.sendMessage. */
export const tabMessages = {
  /**
   * Read the ticket now. Results are `z.union`, not `z.discriminatedUnion`: the same check here, and
   * about 0.4 kB gzip less in every site's content script (15 kB budget).
   */
  'context.read': {
    from: ['panel'],
    request: z.object({}),
    response: z.union([
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
  /** Write into the page (reply box, a field) through the adapter. Only on the agent's action. */
  'page.apply': {
    from: ['panel'],
    request: z.object({ target: PageTarget, value: z.string().check(z.maxLength(100_000)) }),
    response: z.union([
      z.object({ ok: z.literal(true) }),
      z.object({ ok: z.literal(false), reason: z.string() }),
    ]),
  },
  /** Which targets the page can take now (the reply box may appear only after a click). */
  'page.targets': {
    from: ['panel'],
    request: z.object({}),
    response: z.object({ targets: z.array(PageTarget) }),
  },
  /** Scroll to and briefly highlight a quote (a field's evidence) in the ticket. */
  'page.highlight': {
    from: ['panel'],
    request: z.object({ quote: z.string().check(z.minLength(1), z.maxLength(2_000)) }),
    response: z.object({ found: z.boolean() }),
  },
} satisfies Record<string, MessageSpec>;

/**
 * Answered only by the generic desk script (lib/sites/generic/run.ts), kept apart from tabMessages so
 * its schemas do not weigh on every site's content script (15 kB budget).
 */
export const genericTabMessages = {
  /** "Test this page" for a described desk: what each selector finds here (lib/sites/generic). */
  'site.test': {
    from: ['panel', 'options'],
    request: z.object({ config: GenericDeskWire }),
    response: z.object({
      probes: z.array(SelectorProbe),
      read: z.union([
        z.object({ ok: z.literal(true), context: TicketContext }),
        z.object({ ok: z.literal(false), reason: z.string() }),
      ]),
    }),
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
  /** The agent dragged the dock's edge (lib/content/dock.ts): the panel remembers the width. */
  'dock.resized': z.object({ width: z.number(), side: z.enum(['left', 'right']) }),
} satisfies Record<string, z.core.$ZodType>;

export type TabMessages = typeof tabMessages;
export type Events = typeof events;
