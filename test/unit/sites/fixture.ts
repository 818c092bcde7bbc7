import { readFileSync } from 'node:fs';
import type { TicketContext } from '@/lib/context/ticket-context';
import type { SiteAdapter } from '@/lib/sites/types';

/** Load a saved page into happy-dom's document the way the content script sees it. */
export function loadFixture(path: string, url: string): { doc: Document; url: URL } {
  return loadHtml(readFileSync(`test/fixtures/${path}`, 'utf8'), url);
}

/** Load page HTML (a fixture changed by a test, a page cut short) the same way. */
export function loadHtml(html: string, url: string): { doc: Document; url: URL } {
  document.documentElement.innerHTML = html.replace(/^(<!--[\s\S]*?-->\s*)?<!doctype html>/i, '');
  for (const attr of [...document.body.attributes]) document.body.removeAttribute(attr.name);
  // innerHTML on <html> drops <body>'s attributes (id, class); restore them from the saved page.
  const bodyTag = /<body([^>]*)>/i.exec(html)?.[1] ?? '';
  for (const m of bodyTag.matchAll(/([\w-]+)="([^"]*)"/g)) document.body.setAttribute(m[1]!, m[2]!);
  // happy-dom's innerHTML on <html> loses which option is selected (DOMParser keeps it); a browser's
  // parser selects the options marked selected, so do the same.
  for (const o of document.querySelectorAll<HTMLOptionElement>('option[selected]')) o.selected = true;
  return { doc: document, url: new URL(url) };
}

/** Read and fail the test with the adapter's own reason when it cannot. */
export function readOk(adapter: SiteAdapter, doc: Document, url: URL): TicketContext {
  const result = adapter.read(doc, url);
  if (!result.ok) throw new Error(result.reason);
  return result.context;
}
