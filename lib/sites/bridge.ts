import { browser } from 'wxt/browser';
import type { ApplyResult } from './types';

/**
 * What the main-world bridge (entrypoints/main-world.ts) can do. It receives plain text only: no
 * secrets, no other ticket's data. `selector` finds the editor element in the page.
 */
export type BridgeRequest =
  | { op: 'ckeditor4'; instance: string; text: string }
  | { op: 'ckeditor5'; selector: string; text: string }
  | { op: 'paste'; selector: string; text: string };

const TIMEOUT_MS = 3000;

/**
 * Run one request in the page's main world. A fresh bridge script is injected for each request with a
 * random nonce; it answers once and removes itself, so nothing of ours stays listening in the page.
 */
export function viaBridge(doc: Document, request: BridgeRequest): Promise<ApplyResult> {
  const win = doc.defaultView;
  if (!win) return Promise.resolve({ ok: false, reason: 'No page window.' });
  const nonce = crypto.randomUUID();
  return new Promise((resolve) => {
    const done = (result: ApplyResult) => {
      clearTimeout(timer);
      win.removeEventListener('message', onMessage);
      resolve(result);
    };
    const timer = setTimeout(() => done({ ok: false, reason: 'The editor did not answer.' }), TIMEOUT_MS);
    function onMessage(event: MessageEvent) {
      const data = event.data as { deskmate?: string; nonce?: string; ok?: boolean; reason?: string };
      if (event.source !== win || !data || data.nonce !== nonce) return;
      if (data.deskmate === 'bridge-ready') {
        win!.postMessage({ deskmate: 'bridge-request', nonce, ...request }, win!.location.origin);
      } else if (data.deskmate === 'bridge-result') {
        done(
          data.ok
            ? { ok: true }
            : { ok: false, reason: String(data.reason ?? 'The editor refused the text.') },
        );
      }
    }
    win.addEventListener('message', onMessage);
    const script = doc.createElement('script');
    script.src = browser.runtime.getURL('/main-world.js' as '/sidepanel.html');
    script.dataset.deskmateNonce = nonce;
    script.onerror = () => done({ ok: false, reason: 'The page blocked the editor bridge.' });
    (doc.head ?? doc.documentElement).append(script);
  });
}
