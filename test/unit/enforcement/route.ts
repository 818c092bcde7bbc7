import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { backgroundMessages } from '@/lib/messaging/protocol';
import { dispatch, type Handlers } from '@/lib/messaging/server';

/** The options page as the background sees it (role `options`). */
export const optionsSender = {
  id: fakeBrowser.runtime.id,
  url: `${fakeBrowser.runtime.getURL('/')}options.html`,
};

/**
 * Pages' `send()` answered by the real background handlers through the real dispatcher (role checks,
 * zod, envelopes). The fake browser's sendMessage cannot carry an asynchronous sendResponse.
 */
export function routeToBackground(handlers: Partial<Handlers<typeof backgroundMessages>>): void {
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: unknown) =>
    dispatch(backgroundMessages, handlers, message, optionsSender)) as never);
}
