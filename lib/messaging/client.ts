import { browser } from 'wxt/browser';
import { DeskmateError, type Reply } from './envelope';
import { type BackgroundMessages, backgroundMessages, type RequestOf, type ResponseOf } from './protocol';
import { type TabMessages, tabMessages } from './tab-protocol';

/** Wire shape of a request; events use `event` instead of `name` so request servers ignore them. */
export interface Envelope {
  name: string;
  payload: unknown;
}

function unwrap<T>(reply: Reply<T> | undefined, name: string): T {
  if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
    throw new DeskmateError('internal', `No answer to ${name}: the extension may have been reloaded.`);
  }
  if (!reply.ok) throw new DeskmateError(reply.error.code, reply.error.message, reply.error.retryAfter);
  return reply.data;
}

/** Ask the background; throws DeskmateError with the background's code when it says no. */
export async function send<K extends keyof BackgroundMessages & string>(
  name: K,
  payload: RequestOf<BackgroundMessages, K>,
): Promise<ResponseOf<BackgroundMessages, K>> {
  const reply = (await browser.runtime.sendMessage({ name, payload } satisfies Envelope)) as Reply<unknown>;
  return backgroundMessages[name].response.parse(unwrap(reply, name)) as ResponseOf<BackgroundMessages, K>;
}

/** Ask the content script in a tab (top frame). */
export async function sendToTab<K extends keyof TabMessages & string>(
  tabId: number,
  name: K,
  payload: RequestOf<TabMessages, K>,
): Promise<ResponseOf<TabMessages, K>> {
  let reply: Reply<unknown>;
  try {
    reply = (await browser.tabs.sendMessage(tabId, { name, payload } satisfies Envelope, {
      frameId: 0,
    })) as Reply<unknown>;
  } catch {
    throw new DeskmateError(
      'no_context',
      'Deskmate is not running on this page. Reload the tab, or check that the site is enabled.',
    );
  }
  return tabMessages[name].response.parse(unwrap(reply, name)) as ResponseOf<TabMessages, K>;
}
