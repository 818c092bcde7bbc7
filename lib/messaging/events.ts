import { browser } from 'wxt/browser';
import type { z } from 'zod/mini';
import { type Events, events } from './tab-protocol';

export { emit } from './emit';

/** Listen to an event; the payload is validated before the callback sees it. */
export function onEvent<K extends keyof Events & string>(
  event: K,
  callback: (payload: z.output<Events[K]>, senderTabId: number | undefined) => void,
): () => void {
  const listener = (message: unknown, sender: { tab?: { id?: number } }) => {
    if (!message || typeof message !== 'object' || (message as { event?: unknown }).event !== event) return;
    const parsed = events()[event].safeParse((message as { payload: unknown }).payload);
    if (parsed.success) callback(parsed.data as z.output<Events[K]>, sender.tab?.id);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
