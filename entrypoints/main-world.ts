/**
 * The main-world bridge: injected into a desk page only when the agent applies text into a rich editor
 * that the isolated world cannot drive (CKEditor 4/5 models, ProseMirror). Plain text in, ok/reason
 * out, over window.postMessage with a per-injection nonce; it answers one request and goes away.
 */
import { handleBridgeRequest } from '@/lib/sites/bridge-main';

export default defineUnlistedScript(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const nonce = script?.dataset.deskmateNonce;
  script?.remove();
  if (!nonce) return;
  const onMessage = (event: MessageEvent) => {
    const data = event.data as { deskmate?: string; nonce?: string } | null;
    if (event.source !== window || !data || data.deskmate !== 'bridge-request' || data.nonce !== nonce)
      return;
    window.removeEventListener('message', onMessage);
    const result = handleBridgeRequest(window, data);
    window.postMessage({ deskmate: 'bridge-result', nonce, ...result }, window.location.origin);
  };
  window.addEventListener('message', onMessage);
  window.postMessage({ deskmate: 'bridge-ready', nonce }, window.location.origin);
});
