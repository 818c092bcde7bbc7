// Only what a content script receives: it checks the requests sent to it with lib/messaging/check.ts
// (not zod: size budget, issue #16); the panel checks the replies with zod (tab-protocol.ts). Every
// site's content script carries this file, so it builds nothing until a message arrives (issue #10).
import { TEXT_TARGETS } from '../sites/fields';
import { genericDeskWire } from '../sites/generic/wire';
import { either, flag, list, num, object, oneOf, optional, text } from './check';
import { lazyRequest } from './lazy';

/** Requests a site's content script answers, sent by the panel or background with tabs.sendMessage. */
export const tabRequests = {
  /** Read the ticket now. */
  'context.read': lazyRequest(['panel'], () => object({})),
  /** Show, hide or toggle the docked panel. */
  'dock.toggle': lazyRequest(['panel', 'options', 'background'], () => object({ open: optional(flag()) })),
  /** Move, resize or collapse the docked panel (the panel's own dock controls). */
  'dock.set': lazyRequest(['panel'], () =>
    object({ open: optional(flag()), side: optional(oneOf(['left', 'right'])), width: optional(num()) }),
  ),
  /** Write text into the reply box or internal note through the adapter. Only on the agent's action. */
  'page.apply': lazyRequest(['panel'], () =>
    object({ target: oneOf(TEXT_TARGETS), value: text({ max: 100_000 }) }),
  ),
  /**
   * Write desk fields (ids from context.deskFields), then read the page back: each result says whether
   * the desk now shows the value. Only on the agent's action.
   */
  'page.setFields': lazyRequest(['panel'], () =>
    object({
      values: list(
        object({
          id: text({ min: 1, max: 500 }),
          value: either(text({ max: 100_000 }), list(text({ max: 1_000 }), 500)),
        }),
        200,
      ),
    }),
  ),
  /** Which text targets the page can take now (the reply box may appear only after a click). */
  'page.targets': lazyRequest(['panel'], () => object({})),
  /** Scroll to and briefly highlight a quote (a field's evidence) in the ticket. */
  'page.highlight': lazyRequest(['panel'], () => object({ quote: text({ min: 1, max: 2_000 }) })),
};

/** Answered only by the generic desk script (lib/sites/generic/run.ts). */
export const genericTabRequests = {
  /** "Test this page" for a described desk: what each selector finds here (lib/sites/generic). */
  'site.test': lazyRequest(['panel', 'options'], () => object({ config: genericDeskWire() })),
};
