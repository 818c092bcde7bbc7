import { browser } from 'wxt/browser';
import { escalationHandlers } from '../escalation/handlers';
import { memoryHandlers, startRetention } from '../memory/handlers';
import { warmRetrieval } from '../memory/service';
import { sendToTab } from '../messaging/client';
import { backgroundMessages } from '../messaging/protocol';
import { type Handlers, serve } from '../messaging/server';
import { metricsHandlers } from '../metrics/handlers';
import { panelHandlers } from '../panel/handlers';
import { policyHandlers } from '../policy/handlers';
import { startPolicy, syncSites } from '../policy/read';
import { sitesHandlers } from '../sites/handlers';
import { suggestHandlers } from '../suggest/handlers';
import { teamHandlers } from '../team/handlers';

/** Handlers of every domain, merged. Each domain keeps its own in lib/<domain>/handlers.ts. */
const handlers: Partial<Handlers<typeof backgroundMessages>> = {
  'app.ping': () => ({ version: browser.runtime.getManifest().version, extensionId: browser.runtime.id }),
  ...policyHandlers,
  ...metricsHandlers,
  ...escalationHandlers,
  ...memoryHandlers,
  ...suggestHandlers,
  ...panelHandlers,
  ...sitesHandlers,
  ...teamHandlers,
};

/** The background's whole life: listeners first (a woken service worker must not miss the message). */
export function startBackground(): void {
  serve(backgroundMessages, handlers);

  // Secrets (the provider key) live in storage.local: keep content scripts out of it entirely.
  browser.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});

  // Site scripts follow the effective settings and the managed policy (lib/policy/read.ts): synced at
  // every start once the policy is read, on install/startup, and on every settings or policy change.
  // Retention (retentionDays) runs once the policy is known, then periodically (lib/memory/handlers.ts).
  // Then retrieval's saved indexes are checked, and any missing one is built before it is needed.
  void startPolicy()
    .then(() => {
      startRetention();
      warmRetrieval();
    })
    .catch(() => {});
  browser.runtime.onInstalled.addListener(() => void syncSites());
  browser.runtime.onStartup.addListener(() => void syncSites());

  // The toolbar button opens the native side panel (Chrome/Edge); the shortcut toggles the docked one.
  browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
  browser.commands.onCommand.addListener(async (command) => {
    if (command !== 'toggle-panel') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await sendToTab(tab.id, 'dock.toggle', {}).catch(() => {});
  });
}
