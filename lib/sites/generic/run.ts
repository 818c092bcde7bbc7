import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { runContentScript } from '../../content/run';
import { serve } from '../../messaging/server';
import type { genericTabMessages } from '../../messaging/tab-protocol';
import { genericTabRequests } from '../../messaging/tab-requests';
import { genericAdapter, probeSelectors } from '.';
import type { GenericDeskWire } from './wire';

/**
 * The generic desk script: answers "test this page" for any config the admin is editing, then asks
 * the background which described desks apply here and runs the first one whose page is a ticket.
 */
export async function runGenericDesk(ctx: ContentScriptContext): Promise<void> {
  serve<typeof genericTabMessages>(genericTabRequests, {
    'site.test': ({ config }) => ({
      probes: probeSelectors(document, config),
      read: genericAdapter(config).read(document, new URL(location.href)),
    }),
  });
  let desks: GenericDeskWire[] = [];
  try {
    // Raw sendMessage: the typed client would pull the background's classic zod into this script.
    // The background validated these configs (config.ts) and is trusted: no second check here.
    const reply = (await browser.runtime.sendMessage({ name: 'sites.genericDesks', payload: {} })) as
      | { ok: true; data: { desks: GenericDeskWire[] } }
      | undefined;
    desks = reply?.ok ? reply.data.desks : [];
  } catch {
    desks = [];
  }
  if (ctx.isInvalid) return;
  const url = new URL(location.href);
  const adapters = desks.map(genericAdapter);
  // defineDesk's detect never throws (its scope lookup is guarded).
  const match = adapters.find((a) => a.detect(document, url));
  // A single-page desk may show its ticket later: fall back to the first described desk, whose
  // detection runs again on every navigation.
  const adapter = match ?? adapters[0];
  if (adapter) runContentScript(ctx, adapter);
}
