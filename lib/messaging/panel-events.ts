import { browser } from 'wxt/browser';
import { z } from 'zod';
import { FieldValue } from '../templates/suggestion';

/**
 * Events the background broadcasts to extension pages (panels, options): progress that a one-shot
 * reply cannot carry. Classic zod: these never ship in a content script.
 */
export const panelEvents = {
  /** Fields as they stream in for a `suggest.run` (not grounded yet: show them as "arriving"). */
  'suggest.progress': z.object({
    requestId: z.string(),
    fields: z.record(
      z.string(),
      z.object({
        value: FieldValue.optional(),
        evidence: z.array(z.string()).optional(),
        confidence: z.number().optional(),
      }),
    ),
  }),
} satisfies Record<string, z.ZodType>;

export type PanelEvents = typeof panelEvents;

/** Background: tell every open extension page; nobody replies. */
export function emitPanelEvent<K extends keyof PanelEvents & string>(
  event: K,
  payload: z.input<PanelEvents[K]>,
): void {
  browser.runtime.sendMessage({ event, payload }).catch(() => {
    // No panel open: nobody to tell.
  });
}

/** Panel: listen to an event; payloads are validated first. Returns the unsubscribe function. */
export function onPanelEvent<K extends keyof PanelEvents & string>(
  event: K,
  callback: (payload: z.output<PanelEvents[K]>) => void,
): () => void {
  const listener = (message: unknown) => {
    if (!message || typeof message !== 'object' || (message as { event?: unknown }).event !== event) return;
    const parsed = panelEvents[event].safeParse((message as { payload: unknown }).payload);
    if (parsed.success) callback(parsed.data as z.output<PanelEvents[K]>);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
