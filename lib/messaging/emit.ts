import { browser } from 'wxt/browser';
import type { z } from 'zod/mini';
import type { Events } from './tab-protocol';

/**
 * Broadcast an event to every extension page (panels); nobody replies. Apart from onEvent
 * (lib/messaging/events.ts): the senders are content scripts, and the listeners' schemas (the whole
 * ticket context) must not ride along in every site script (size budget).
 */
/** Broadcast an event to every extension page (panels); nobody replies. */
export function emit<K extends keyof Events & string>(event: K, payload: z.input<Events[K]>): void {
  browser.runtime.sendMessage({ event, payload }).catch(() => {
    // No panel open: nobody to tell.
  });
}
