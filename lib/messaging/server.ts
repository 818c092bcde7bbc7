import { browser } from 'wxt/browser';
import type { z } from 'zod/mini';
import { DeskmateError, type Reply, toErrorInfo } from './envelope';
import type { RequestSpec } from './lazy';
import type { MessageSpec, Output, SenderRole } from './spec';

/** zod schemas (classic and mini) and lib/messaging/check.ts checks all have this. */
type Parser = { parse(value: unknown): unknown };

export interface SenderInfo {
  role: SenderRole;
  /** The tab the sender lives in (content scripts, the docked panel). */
  tabId?: number;
  url?: string;
}

export type Handlers<M extends Record<string, MessageSpec>> = {
  [K in keyof M]: (
    payload: Output<M[K]['request']>,
    sender: SenderInfo,
  ) => Promise<z.input<M[K]['response']>> | z.input<M[K]['response']>;
};

interface RuntimeSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

/** Classify a sender by its URL: extension pages are trusted more than content scripts. */
export function senderRole(sender: RuntimeSender, extensionOrigin: string): SenderRole | undefined {
  if (sender.id !== browser.runtime.id) return undefined;
  const url = sender.url ?? '';
  if (url.startsWith(extensionOrigin)) {
    // The team report (team.html) is the options page's Team section on its own page.
    if (url.includes('/options.html') || url.includes('/team.html')) return 'options';
    if (url.includes('/sidepanel.html')) return 'panel';
    // The only other extension context is the background (service worker or Firefox event page).
    return 'background';
  }
  return sender.tab ? 'content' : undefined;
}

/**
 * What a server checks: every message's senders and request, and its reply's schema when it has one.
 * Content scripts pass only the requests (tab-requests.ts): the panel checks their replies.
 */
export type ServedSpecs<M extends Record<string, MessageSpec>> = M | { [K in keyof M]: RequestSpec };

/**
 * Answer validated requests. Unknown names are ignored (another listener may own them); a known name
 * with a bad payload or a sender that may not send it gets an error reply, never a thrown exception.
 */
export async function dispatch<M extends Record<string, MessageSpec>>(
  specs: ServedSpecs<M>,
  handlers: Partial<Handlers<M>>,
  message: unknown,
  sender: RuntimeSender,
): Promise<Reply<unknown> | undefined> {
  if (!message || typeof message !== 'object' || !('name' in message)) return undefined;
  const { name, payload } = message as { name: unknown; payload: unknown };
  if (typeof name !== 'string' || !Object.hasOwn(specs, name)) return undefined;
  const spec = specs[name] as RequestSpec | MessageSpec;
  const handler = handlers[name as keyof M];
  if (!handler) return undefined;
  try {
    const role = senderRole(sender, browser.runtime.getURL('/'));
    if (!role || !spec.from.includes(role)) {
      throw new DeskmateError('forbidden', `${name} may not be sent from here.`);
    }
    // zod schemas and content-script checks both parse with a method: no zod code in site scripts.
    const request = (spec.request as unknown as Parser).parse(payload);
    const data = await handler(request as Output<M[keyof M]['request']>, {
      role,
      tabId: sender.tab?.id,
      url: sender.url,
    });
    return { ok: true, data: 'response' in spec ? (spec.response as unknown as Parser).parse(data) : data };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}

/** Register handlers on runtime.onMessage (background) using the callback form every browser supports. */
export function serve<M extends Record<string, MessageSpec>>(
  specs: ServedSpecs<M>,
  handlers: Partial<Handlers<M>>,
): void {
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const isOurs =
      message &&
      typeof message === 'object' &&
      typeof (message as { name?: unknown }).name === 'string' &&
      Object.hasOwn(specs, (message as { name: string }).name) &&
      (message as { name: string }).name in handlers;
    if (!isOurs) return false;
    void dispatch(specs, handlers, message, sender).then(sendResponse);
    return true;
  });
}
