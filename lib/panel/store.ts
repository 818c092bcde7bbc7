import { browser } from 'wxt/browser';
import { create } from 'zustand';
import type { TicketContext } from '../context/ticket-context';
import { send, sendToTab } from '../messaging/client';
import { type ErrorInfo, toErrorInfo } from '../messaging/envelope';
import { onEvent } from '../messaging/events';

/** UI state of the panel. Records (drafts, corrections) go through Dexie, not here. */
export interface PanelState {
  tabId?: number;
  docked: boolean;
  context?: TicketContext;
  /** Why there is no context (not a ticket page, site disabled...). */
  contextError?: ErrorInfo;
  backgroundVersion?: string;
  loadContext(): Promise<void>;
}

export const usePanel = create<PanelState>((set, get) => ({
  docked: false,
  async loadContext() {
    const { tabId } = get();
    if (tabId === undefined) return;
    try {
      const result = await sendToTab(tabId, 'context.read', {});
      set(
        result.ok
          ? { context: result.context, contextError: undefined }
          : { contextError: { code: 'no_context', message: result.reason } },
      );
    } catch (error) {
      set({ contextError: toErrorInfo(error) });
    }
  },
}));

/** Which tab this panel serves: the tab it is docked in, or the active tab for the native side panel. */
async function findTab(docked: boolean): Promise<number | undefined> {
  if (docked) return (await browser.tabs.getCurrent())?.id;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** Wire the store to the extension: find the tab, read the ticket, follow changes. */
export async function startPanel(): Promise<void> {
  const docked = new URLSearchParams(location.search).has('dock');
  usePanel.setState({ docked, tabId: await findTab(docked) });
  send('app.ping', {})
    .then((r) => usePanel.setState({ backgroundVersion: r.version }))
    .catch((error) => usePanel.setState({ contextError: toErrorInfo(error) }));
  await usePanel.getState().loadContext();
  onEvent('context.changed', ({ context }, senderTabId) => {
    if (senderTabId === usePanel.getState().tabId) usePanel.setState({ context, contextError: undefined });
  });
  if (!docked) {
    browser.tabs.onActivated.addListener(({ tabId }) => {
      usePanel.setState({ tabId, context: undefined });
      void usePanel.getState().loadContext();
    });
    // The native side panel outlives page loads: a new page in the same tab may be another ticket.
    browser.tabs.onUpdated.addListener((tabId, change) => {
      if (tabId === usePanel.getState().tabId && change.status === 'complete') {
        void usePanel.getState().loadContext();
      }
    });
  }
}
