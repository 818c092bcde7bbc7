import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { z } from 'zod/mini';
import { runContentScript } from '../../content/run';
import { serve } from '../../messaging/server';
import { tabMessages } from '../../messaging/tab-protocol';
import { genericAdapter, probeSelectors } from '.';
import { GenericDeskWire } from './wire';

const DesksReply = z.object({ ok: z.literal(true), data: z.object({ desks: z.array(GenericDeskWire) }) });

/**
 * The generic desk script: answers "test this page" for any config the admin is editing, then asks
 * the background which described desks apply here and runs the first one whose page is a ticket.
 */
export async function runGenericDesk(ctx: ContentScriptContext): Promise<void> {
  serve(tabMessages, {
    'site.test': ({ config }) => {
      const adapter = genericAdapter(config);
      const url = new URL(location.href);
      let detected = false;
      try {
        detected = adapter.detect(document, url);
      } catch {
        detected = false;
      }
      return { detected, probes: probeSelectors(document, config), read: adapter.read(document, url) };
    },
  });
  let desks: GenericDeskWire[] = [];
  try {
    // Raw sendMessage: the typed client would pull the background's classic zod into this script.
    const reply = DesksReply.safeParse(
      await browser.runtime.sendMessage({ name: 'sites.genericDesks', payload: {} }),
    );
    desks = reply.success ? reply.data.data.desks : [];
  } catch {
    desks = [];
  }
  if (ctx.isInvalid) return;
  const url = new URL(location.href);
  const adapters = desks.map(genericAdapter);
  const match = adapters.find((a) => {
    try {
      return a.detect(document, url);
    } catch {
      return false;
    }
  });
  // A single-page desk may show its ticket later: fall back to the first described desk, whose
  // detection runs again on every navigation.
  const adapter = match ?? adapters[0];
  if (adapter) runContentScript(ctx, adapter);
}
