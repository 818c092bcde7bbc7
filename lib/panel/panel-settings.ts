import { create } from 'zustand';
import { send } from '../messaging/client';
import { onEvent } from '../messaging/events';
import type { PublicSettings } from '../policy/view';

/** The settings the panel shows (template owners, redaction for reports); never the API key. */
export const usePanelSettings = create<{ settings?: PublicSettings }>(() => ({}));

async function load(): Promise<void> {
  try {
    usePanelSettings.setState({ settings: (await send('settings.get', {})).settings });
  } catch {
    // Without settings the panel still works: no owner shown, reports redacted with the defaults.
  }
}

/** Load the settings and follow changes (a save in the options page, a new managed policy). */
export function startPanelSettings(): void {
  onEvent('settings.changed', () => void load());
  void load();
}
