import { browser } from 'wxt/browser';

/** Loopback endpoints (Ollama, LM Studio, the test server) are granted by the manifest. */
export function isLoopback(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

/** The match pattern that covers an endpoint, e.g. `https://api.openai.com/*`. */
export function endpointPattern(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Background: may the extension reach this endpoint now? */
export async function hasEndpointPermission(baseUrl: string): Promise<boolean> {
  if (isLoopback(baseUrl)) return true;
  return browser.permissions.contains({ origins: [endpointPattern(baseUrl)] });
}

/**
 * Panel or options page, inside a click handler (browsers require a user gesture): ask the user to
 * allow the endpoint's origin. Resolves true when granted.
 */
export async function requestEndpointPermission(baseUrl: string): Promise<boolean> {
  if (await hasEndpointPermission(baseUrl)) return true;
  return browser.permissions.request({ origins: [endpointPattern(baseUrl)] });
}
