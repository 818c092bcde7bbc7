// zod/mini, and only what a content script receives: it checks the requests sent to it; the panel
// checks the replies (tab-protocol.ts). Every site's content script carries this file, so it stays
// small (15 kB budget) and builds nothing until a message arrives (issue #10).
import { z } from 'zod/mini';
import { genericDeskWire } from '../sites/generic/wire';
import { TEXT_TARGETS } from '../sites/fields';
import { lazyRequest } from './lazy';

/** Requests a site's content script answers, sent by the panel or background with tabs.sendMessage. */
export const tabRequests = {
  /** Read the ticket now. */
  'context.read': lazyRequest(['panel'], () => z.object({})),
  /** Show, hide or toggle the docked panel. */
  'dock.toggle': lazyRequest(['panel', 'options', 'background'], () =>
    z.object({ open: z.optional(z.boolean()) }),
  ),
  /** Move, resize or collapse the docked panel (the panel's own dock controls). */
  'dock.set': lazyRequest(['panel'], () =>
    z.object({
      open: z.optional(z.boolean()),
      side: z.optional(z.enum(['left', 'right'])),
      width: z.optional(z.number()),
    }),
  ),
  /** Write text into the reply box or internal note through the adapter. Only on the agent's action. */
  'page.apply': lazyRequest(['panel'], () =>
    z.object({ target: z.enum(TEXT_TARGETS), value: z.string().check(z.maxLength(100_000)) }),
  ),
  /**
   * Write desk fields (ids from context.deskFields), then read the page back: each result says whether
   * the desk now shows the value. Only on the agent's action.
   */
  'page.setFields': lazyRequest(['panel'], () =>
    z.object({
      values: z
        .array(
          z.object({
            id: z.string().check(z.minLength(1), z.maxLength(500)),
            value: z.union([
              z.string().check(z.maxLength(100_000)),
              z.array(z.string().check(z.maxLength(1_000))).check(z.maxLength(500)),
            ]),
          }),
        )
        .check(z.maxLength(200)),
    }),
  ),
  /** Which text targets the page can take now (the reply box may appear only after a click). */
  'page.targets': lazyRequest(['panel'], () => z.object({})),
  /** Scroll to and briefly highlight a quote (a field's evidence) in the ticket. */
  'page.highlight': lazyRequest(['panel'], () =>
    z.object({ quote: z.string().check(z.minLength(1), z.maxLength(2_000)) }),
  ),
};

/** Answered only by the generic desk script (lib/sites/generic/run.ts). */
export const genericTabRequests = {
  /** "Test this page" for a described desk: what each selector finds here (lib/sites/generic). */
  'site.test': lazyRequest(['panel', 'options'], () => z.object({ config: genericDeskWire() })),
};
