// The generic desk's config as its content script receives it: checked with lib/messaging/check.ts,
// not zod, because this ships in a content script (size budget). The reply schema below is zod: only
// the panel, which receives it, builds it.
import { z } from 'zod/mini';
import { type Infer, list, object, optional, text } from '../../messaging/check';
import { once } from '../../messaging/lazy';

/**
 * The shape of a generic desk config as the content script receives it, already validated with
 * config.ts (limits, selector syntax) in the background or options: only the shape is re-checked
 * here, cheaply (size budget); an invalid selector is a miss in lib/sites/dom.ts, never a crash.
 * Built on first use (lib/messaging/lazy.ts).
 */
export const genericDeskWire = once(() => {
  const Alternatives = list(text());
  const maybe = optional(Alternatives);
  return object({
    name: text(),
    matches: list(text()),
    ticketKey: object({ selector: maybe, urlPattern: optional(text({ max: 300 })) }),
    ticket: maybe,
    subject: Alternatives,
    requesterName: maybe,
    requesterEmail: maybe,
    status: maybe,
    priority: maybe,
    queue: maybe,
    message: maybe,
    messageAuthor: maybe,
    messageBody: maybe,
    messageTime: maybe,
    messageRole: optional(object({ internal: maybe, agent: maybe })),
    reply: maybe,
    internalNote: maybe,
    fields: optional(list(object({ id: text(), label: optional(text()), selector: Alternatives }))),
  });
});
export type GenericDeskWire = Infer<ReturnType<typeof genericDeskWire>>;

/** What one selector field reads on this page: how many elements, and the first one's text. */
export const selectorProbe = once(() =>
  z.object({
    field: z.string(),
    count: z.number(),
    first: z.optional(z.string()),
  }),
);
export type SelectorProbe = z.infer<ReturnType<typeof selectorProbe>>;
