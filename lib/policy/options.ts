import { browser } from 'wxt/browser';
import { create } from 'zustand';
import { t } from '../i18n/t';

interface GrantState {
  status?: { kind: 'ok' | 'error' | 'busy'; message: string };
}

/** State of the options page's "Allow Deskmate on these sites" button (Policy section). */
export const useHostGrant = create<GrantState>(() => ({}));

/**
 * Ask for host access to pages the policy or settings add. Must run in the click handler (browsers
 * prompt only on a user gesture). The background re-syncs site scripts on permissions.onAdded and
 * tells open pages, so the Policy section refreshes by itself.
 */
export async function grantHosts(origins: string[]): Promise<void> {
  useHostGrant.setState({ status: { kind: 'busy', message: t('options_askingBrowser') } });
  try {
    const granted = await browser.permissions.request({ origins });
    useHostGrant.setState({
      status: granted
        ? { kind: 'ok', message: t('options_accessGranted') }
        : { kind: 'error', message: t('options_accessDenied') },
    });
  } catch (error) {
    useHostGrant.setState({
      status: { kind: 'error', message: error instanceof Error ? error.message : String(error) },
    });
  }
}
