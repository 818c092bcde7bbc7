import { browser } from 'wxt/browser';
import { create } from 'zustand';
import { sendToTab } from '../messaging/client';
import { onEvent } from '../messaging/events';

/** Where the docked panel sits; remembered for every desk tab (storage.local, trusted contexts only). */
export interface DockLayout {
  side: 'left' | 'right';
  width: number;
}

const KEY = 'dockLayout';

export const useDockLayout = create<DockLayout>(() => ({ side: 'right', width: 380 }));

async function apply(tabId: number, change: Partial<DockLayout> & { open?: boolean }): Promise<void> {
  const state = await sendToTab(tabId, 'dock.set', change);
  const layout = { side: state.side, width: state.width };
  useDockLayout.setState(layout);
  if (change.open === undefined) await browser.storage.local.set({ [KEY]: layout });
}

/**
 * The agent dragged the dock's edge in this tab: remember the width like the buttons' one. The page's
 * script is untrusted, so the width is only a wish: `dock.set` clamps it when it is restored.
 */
export function rememberDraggedLayout(tabId: () => number | undefined): () => void {
  return onEvent('dock.resized', (layout, senderTabId) => {
    if (senderTabId === undefined || senderTabId !== tabId()) return;
    useDockLayout.setState(layout);
    void browser.storage.local.set({ [KEY]: layout });
  });
}

/** Put the dock where the agent left it last time. */
export async function restoreDockLayout(tabId: number): Promise<void> {
  const saved = (await browser.storage.local.get(KEY))[KEY] as Partial<DockLayout> | undefined;
  const side = saved?.side === 'left' || saved?.side === 'right' ? saved.side : undefined;
  const width = typeof saved?.width === 'number' ? saved.width : undefined;
  if (side || width)
    await apply(tabId, { ...(side ? { side } : {}), ...(width ? { width } : {}) }).catch(() => {});
}

export const dockActions = (tabId: () => number | undefined) => ({
  collapse() {
    const id = tabId();
    if (id !== undefined) void apply(id, { open: false }).catch(() => {});
  },
  moveTo(side: 'left' | 'right') {
    const id = tabId();
    if (id !== undefined) void apply(id, { side }).catch(() => {});
  },
  resize(delta: number) {
    const id = tabId();
    if (id !== undefined) void apply(id, { width: useDockLayout.getState().width + delta }).catch(() => {});
  },
});
