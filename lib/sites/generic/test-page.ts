import { browser } from 'wxt/browser';
import type { z } from 'zod/mini';
import { DeskmateError } from '../../messaging/envelope';
import { genericTabMessages } from '../../messaging/tab-protocol';
import type { GenericDeskConfig } from './config';

export type SiteTestResult = z.output<(typeof genericTabMessages)['site.test']['response']>;

/**
 * "Test this page" from the options page or the panel: ask the generic desk script in a tab what each
 * selector of `config` reads there. The tab must match one of the desk's patterns (saved first) so
 * that the script runs in it.
 */
export async function testDeskOnTab(tabId: number, config: GenericDeskConfig): Promise<SiteTestResult> {
  let reply: unknown;
  try {
    reply = await browser.tabs.sendMessage(tabId, { name: 'site.test', payload: { config } }, { frameId: 0 });
  } catch {
    throw new DeskmateError(
      'no_context',
      'No described-desk script runs in this tab: save the desk (its page patterns must match this page), then reload the page.',
    );
  }
  const envelope = reply as { ok?: boolean; data?: unknown; error?: { message?: string } } | undefined;
  if (!envelope?.ok)
    throw new DeskmateError('invalid_request', envelope?.error?.message ?? 'The page did not answer.');
  return genericTabMessages['site.test'].response.parse(envelope.data);
}
