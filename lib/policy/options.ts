import { browser } from 'wxt/browser';
import { create } from 'zustand';

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
  useHostGrant.setState({ status: { kind: 'busy', message: 'Asking the browser…' } });
  try {
    const granted = await browser.permissions.request({ origins });
    useHostGrant.setState({
      status: granted
        ? { kind: 'ok', message: 'Access granted: Deskmate runs there from the next page load.' }
        : { kind: 'error', message: 'Access was not granted.' },
    });
  } catch (error) {
    useHostGrant.setState({
      status: { kind: 'error', message: error instanceof Error ? error.message : String(error) },
    });
  }
}
