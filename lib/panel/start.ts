import { onEvent } from '../messaging/events';
import type { PanelBackend } from './backend';
import { rememberDraggedLayout, restoreDockLayout } from './dock-layout';
import { startPanelSettings } from './panel-settings';
import * as session from './session';
import { startPanel, usePanel } from './store';
import { createBackend } from './wiring';

let backend: PanelBackend | undefined;

/** The panel's backend once started (the view hook needs it for actions). */
export function panelBackend(): PanelBackend | undefined {
  return backend;
}

/**
 * Start the panel: find the tab, read the ticket, then open the agent's work on it (draft first, then the
 * suggestion). Drafts are flushed when the page is hidden or closed, so a reload loses nothing.
 */
export async function startPanelSession(): Promise<void> {
  backend = createBackend(() => usePanel.getState().tabId);
  backend.onProgress(session.runProgress);
  startPanelSettings();
  const flush = () => session.flushDraftOnExit();
  addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush();
  });
  let opened: string | undefined;
  usePanel.subscribe((state) => {
    const context = state.context;
    if (!context || !backend) return;
    const key = `${context.site}|${context.ticketKey}`;
    if (key !== opened) {
      opened = key;
      void session.openTicket(backend, context);
    }
  });
  // A new reply or changed fields: the AI's values become stale (shown, with a refresh), never replaced.
  onEvent('context.changed', ({ context, changes }, senderTabId) => {
    if (senderTabId === usePanel.getState().tabId) session.ticketChanged(context, changes);
  });
  await startPanel();
  const { tabId, docked } = usePanel.getState();
  if (docked && tabId !== undefined) {
    void restoreDockLayout(tabId);
    rememberDraggedLayout(() => usePanel.getState().tabId);
  }
}
