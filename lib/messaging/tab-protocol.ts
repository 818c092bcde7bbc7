// zod/mini. The requests (and who may send them) are in tab-requests.ts, which content scripts carry;
// the replies' schemas are here, for the panel and background that receive them. Content scripts import
// only types from this file.
import { z } from 'zod/mini';
import { TicketContext } from '../context/ticket-context';
import { TEXT_TARGETS } from '../sites/fields';
import { selectorProbe } from '../sites/generic/wire';
import { once, withResponse } from './lazy';
import type { MessageSpec } from './spec';
import { genericTabRequests, tabRequests as r } from './tab-requests';

const readResult = () =>
  z.union([
    z.object({ ok: z.literal(true), context: TicketContext }),
    z.object({ ok: z.literal(false), reason: z.string() }),
  ]);
const side = () => z.enum(['left', 'right']);

/** Messages a content script answers, with their replies. */
export const tabMessages = {
  'context.read': withResponse(r['context.read'], readResult),
  'dock.toggle': withResponse(r['dock.toggle'], () => z.object({ open: z.boolean() })),
  'dock.set': withResponse(r['dock.set'], () =>
    z.object({ open: z.boolean(), side: side(), width: z.number() }),
  ),
  'page.apply': withResponse(r['page.apply'], () =>
    z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), reason: z.string() })]),
  ),
  'page.setFields': withResponse(r['page.setFields'], () =>
    z.object({
      results: z.array(
        z.union([
          z.object({ id: z.string(), ok: z.literal(true) }),
          z.object({ id: z.string(), ok: z.literal(false), reason: z.string() }),
        ]),
      ),
      /** The page as read after the writes (its deskFields show what the desk kept). */
      read: readResult(),
    }),
  ),
  'page.targets': withResponse(r['page.targets'], () => z.object({ targets: z.array(z.enum(TEXT_TARGETS)) })),
  'page.highlight': withResponse(r['page.highlight'], () => z.object({ found: z.boolean() })),
} satisfies Record<string, MessageSpec>;

/** The generic desk script's message, with its reply. */
export const genericTabMessages = {
  'site.test': withResponse(genericTabRequests['site.test'], () =>
    z.object({ probes: z.array(selectorProbe()), read: readResult() }),
  ),
} satisfies Record<string, MessageSpec>;

/**
 * Events are fire-and-forget broadcasts (runtime.sendMessage without a reply), e.g. a content script
 * telling open panels that the ticket changed. Only listeners (panels) build their schemas.
 */
export const events = once(() => ({
  'context.changed': z.object({
    context: TicketContext,
    /** What changed since the last read, for the panel to mark fields stale. */
    changes: z.array(z.enum(['ticket', 'messages', 'fields', 'desk-fields', 'late-content'])),
  }),
  /** Effective settings changed (user save or managed policy): open extension pages re-read them. */
  'settings.changed': z.object({ reason: z.enum(['user', 'policy']) }),
  /** The agent dragged the dock's edge (lib/content/dock.ts): the panel remembers the width. */
  'dock.resized': z.object({ width: z.number(), side: side() }),
}));

export type TabMessages = typeof tabMessages;
export type Events = ReturnType<typeof events>;
