// zod/mini: this part ships in the generic content script (size budget).
import { z } from 'zod/mini';
import { once } from '../../messaging/lazy';

/**
 * The shape of a generic desk config as the content script receives it, already validated with
 * config.ts (limits, selector syntax) in the background or options: only the shape is re-checked
 * here, cheaply (size budget); an invalid selector is a miss in lib/sites/dom.ts, never a crash.
 * Built on first use (lib/messaging/lazy.ts).
 */
export const genericDeskWire = once(() => {
  const Alternatives = z.array(z.string());
  return z.object({
    name: z.string(),
    matches: z.array(z.string()),
    ticketKey: z.object({
      selector: z.optional(Alternatives),
      urlPattern: z.optional(z.string().check(z.maxLength(300))),
    }),
    ticket: z.optional(Alternatives),
    subject: Alternatives,
    requesterName: z.optional(Alternatives),
    requesterEmail: z.optional(Alternatives),
    status: z.optional(Alternatives),
    priority: z.optional(Alternatives),
    queue: z.optional(Alternatives),
    message: z.optional(Alternatives),
    messageAuthor: z.optional(Alternatives),
    messageBody: z.optional(Alternatives),
    messageTime: z.optional(Alternatives),
    messageRole: z.optional(
      z.object({ internal: z.optional(Alternatives), agent: z.optional(Alternatives) }),
    ),
    reply: z.optional(Alternatives),
    internalNote: z.optional(Alternatives),
  });
});
export type GenericDeskWire = z.infer<ReturnType<typeof genericDeskWire>>;

/** What one selector field reads on this page: how many elements, and the first one's text. */
export const selectorProbe = once(() =>
  z.object({
    field: z.string(),
    count: z.number(),
    first: z.optional(z.string()),
  }),
);
export type SelectorProbe = z.infer<ReturnType<typeof selectorProbe>>;
