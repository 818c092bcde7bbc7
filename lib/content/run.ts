import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ReadResult, TicketContext } from '../context/ticket-context';
import { emit } from '../messaging/emit';
import { serve } from '../messaging/server';
import type { TabMessages } from '../messaging/tab-protocol';
import { tabRequests } from '../messaging/tab-requests';
import { type FieldWrite, whyNotKept } from '../sites/fields';
import type { ApplyResult, SiteAdapter } from '../sites/types';
import { createDock, type Dock } from './dock';
import { findQuote, showRange } from './highlight';

type Change = 'ticket' | 'messages' | 'fields' | 'desk-fields' | 'late-content';

/** What changed between two reads, so the panel can mark fields stale instead of re-running. */
export function diffContexts(before: TicketContext | undefined, after: TicketContext): Change[] {
  if (!before || before.ticketKey !== after.ticketKey || before.site !== after.site) return ['ticket'];
  const changes: Change[] = [];
  const texts = (c: TicketContext) => c.messages.map((m) => m.text).join('\u0000');
  if (texts(before) !== texts(after)) {
    const wasLoading = before.unreadable.some((u) => u.field === 'messages');
    changes.push(wasLoading ? 'late-content' : 'messages');
  }
  // Values the desk holds (including what Apply just wrote) vs. what the desk offers: new or renamed
  // options re-bind the templates (issue #16), new values only update the context.
  const values = (c: TicketContext) =>
    JSON.stringify([c.subject, c.status, c.priority, c.queue, c.fields, c.deskFields?.map((f) => f.value)]);
  const offered = (c: TicketContext) =>
    JSON.stringify(c.deskFields?.map((f) => [f.id, f.label, f.kind, f.writable, f.whyNot, f.options]) ?? []);
  if (values(before) !== values(after)) changes.push('fields');
  if (offered(before) !== offered(after)) changes.push('desk-fields');
  return changes;
}

const sameRoots = (a: readonly Element[], b: readonly Element[]) =>
  a.length === b.length && a.every((el, i) => el === b[i]);

/**
 * Wiring shared by every site's content script: detect the ticket, dock the panel, answer the panel,
 * and tell it when the ticket changes (late content, a new reply, single-page navigation).
 * Everything is guarded: an adapter failure must never surface as an exception in the host page.
 */
export function runContentScript(ctx: ContentScriptContext, adapter: SiteAdapter): void {
  // Injected at document_start (lib/sites/registration.ts) only to be here when the DOM is complete:
  // at DOMContentLoaded itself, before the page's first layout of a long thread (a document_end or
  // document_idle injection waits for it, 100+ ms on a 1,000-message thread).
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => whenParsed(ctx, adapter), { once: true });
  } else whenParsed(ctx, adapter);
}

function whenParsed(ctx: ContentScriptContext, adapter: SiteAdapter): void {
  if (ctx.isInvalid) return;
  // Timing marks for the page-impact benchmark (test/bench/page-impact.ts): a mark costs microseconds,
  // and the page's own timeline is the one place both worlds can read.
  performance.mark('deskmate:start', { detail: { site: adapter.id } });
  let dock: Dock | undefined;
  let last: TicketContext | undefined;
  let observer: MutationObserver | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const read = (): ReadResult => {
    try {
      return adapter.read(document, new URL(location.href));
    } catch (error) {
      return { ok: false, reason: `Unreadable ${adapter.name} page: ${String(error)}` };
    }
  };

  let lastReadMs = 0;
  let roots: Element[] = [];

  const refresh = () => {
    const started = performance.now();
    const result = read();
    lastReadMs = performance.now() - started;
    // The history container may have just appeared (RT), or the active tab changed (Zendesk):
    // follow the adapter's current roots.
    if (!sameRoots(roots, watchRootsOf()) || roots.some((r) => !r.isConnected)) watch();
    if (!result.ok) return;
    const changes = diffContexts(last, result.context);
    last = result.context;
    if (changes.length > 0) emit('context.changed', { context: result.context, changes });
  };

  const watchRootsOf = (): Element[] => {
    try {
      const found = adapter.watchRoots?.(document) ?? [];
      return found.length > 0 ? found : [document.body ?? document.documentElement];
    } catch {
      return [document.body ?? document.documentElement];
    }
  };

  const watch = () => {
    observer?.disconnect();
    observer = new MutationObserver(() => {
      // Desks re-render in bursts; one read per quiet moment keeps the page fast. A page that reads
      // slowly (a huge thread) is re-read less often, so it never spends most of its time in us.
      clearTimeout(timer);
      timer = setTimeout(refresh, Math.max(250, lastReadMs * 10));
    });
    roots = watchRootsOf();
    const attributeFilter = adapter.watchAttributes ? [...adapter.watchAttributes] : undefined;
    for (const root of roots) {
      observer.observe(root, {
        childList: true,
        subtree: true,
        characterData: true,
        ...(attributeFilter ? { attributes: true, attributeFilter } : {}),
      });
    }
  };

  const textRoots = (): Element[] => {
    try {
      const found = adapter.textRoots?.(document) ?? adapter.watchRoots?.(document) ?? [];
      return found.length > 0 ? found : [document.body];
    } catch {
      return [document.body];
    }
  };

  const apply = async (target: Parameters<SiteAdapter['apply']>[2], value: string): Promise<ApplyResult> => {
    try {
      return await adapter.apply(document, new URL(location.href), target, value);
    } catch (error) {
      return { ok: false, reason: `${adapter.name} refused it: ${String(error)}` };
    }
  };

  /**
   * Write desk fields one by one, then read the page back once: "written" means the desk shows the
   * value now, not that a setter ran. A field the read-back no longer has (options changed, the form
   * closed) is reported, never retried with another value.
   */
  const setFields = async (values: { id: string; value: string | string[] }[]) => {
    const results: FieldWrite[] = [];
    const url = new URL(location.href);
    for (const { id, value } of values) {
      let result: ApplyResult;
      try {
        result = adapter.setField
          ? await adapter.setField(document, url, id, value)
          : { ok: false, reason: `Deskmate cannot write ${adapter.name} fields yet.` };
      } catch (error) {
        result = { ok: false, reason: `${adapter.name} refused it: ${String(error)}` };
      }
      results.push(result.ok ? { id, ok: true } : { id, ok: false, reason: result.reason });
    }
    const after = read();
    if (after.ok) last = after.context;
    return {
      results: results.map((r): FieldWrite => {
        if (!r.ok || !after.ok) return r;
        const field = (after.context.deskFields ?? []).find((f) => f.id === r.id);
        const wanted = values.find((v) => v.id === r.id)?.value ?? '';
        const why = whyNotKept(field, wanted, adapter.name);
        return why ? { id: r.id, ok: false, reason: why } : r;
      }),
      read: after,
    };
  };

  // Several site scripts can match one page (self-hosted desks share hosts): only the one whose adapter
  // recognises the page answers the panel.
  let serving = false;
  const answer = () => {
    if (serving) return;
    serving = true;
    serve<TabMessages>(tabRequests, {
      'context.read': () => {
        const result = read();
        if (result.ok) last = result.context;
        return result;
      },
      'dock.toggle': ({ open }) => {
        if (!dock) return { open: false };
        dock.setOpen(open ?? !dock.isOpen());
        return { open: dock.isOpen() };
      },
      'page.apply': ({ target, value }) => apply(target, value),
      'page.setFields': ({ values }) => setFields(values),
      'page.targets': () => {
        try {
          return { targets: adapter.targets(document, new URL(location.href)) };
        } catch {
          return { targets: [] };
        }
      },
      'page.highlight': ({ quote }) => {
        try {
          const range = findQuote(textRoots(), quote);
          return { found: range ? showRange(range) : false };
        } catch {
          return { found: false };
        }
      },
      'dock.set': ({ open, side, width }) => {
        if (!dock) return { open: false, side: 'right' as const, width: 0 };
        if (side) dock.setSide(side);
        if (width !== undefined) dock.setWidth(width);
        if (open !== undefined) dock.setOpen(open);
        return dock.state();
      },
    });
  };

  /** Dock and watch if this page is a ticket. `initial`: the first read is the baseline, not a change. */
  const start = (initial = false) => {
    let detected = false;
    try {
      detected = adapter.detect(document, new URL(location.href));
    } catch {
      detected = false;
    }
    if (!detected) {
      dock?.destroy();
      dock = undefined;
      return;
    }
    answer();
    dock ??= createDock(document, adapter.id);
    if (!initial) {
      watch(); // after a navigation the caller's refresh() reads and reports the change
      return;
    }
    performance.mark('deskmate:docked', { detail: { site: adapter.id } });
    const result = read();
    if (result.ok) last = result.context;
    watch();
    performance.mark('deskmate:ready', { detail: { site: adapter.id, extracted: result.ok } });
  };

  start(true);
  // Single-page desks change the URL first and render the next ticket after (often replacing the
  // elements we watch): read now and again while it settles, following the new roots each time.
  // ctx.setTimeout stops by itself when the script is invalidated.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    for (const ms of [0, 300, 1000, 3000])
      ctx.setTimeout(() => {
        start();
        refresh();
      }, ms);
  });
  ctx.onInvalidated(() => {
    observer?.disconnect();
    clearTimeout(timer);
    dock?.destroy();
  });
}
