import { readFileSync } from 'node:fs';

/** Load a saved page into happy-dom's document the way the content script sees it. */
export function loadFixture(path: string, url: string): { doc: Document; url: URL } {
  const html = readFileSync(`test/fixtures/${path}`, 'utf8');
  document.documentElement.innerHTML = html.replace(/^(<!--[\s\S]*?-->\s*)?<!doctype html>/i, '');
  for (const attr of [...document.body.attributes]) document.body.removeAttribute(attr.name);
  // innerHTML on <html> drops <body>'s attributes (id, class); restore them from the saved page.
  const bodyTag = /<body([^>]*)>/i.exec(html)?.[1] ?? '';
  for (const m of bodyTag.matchAll(/([\w-]+)="([^"]*)"/g)) document.body.setAttribute(m[1]!, m[2]!);
  return { doc: document, url: new URL(url) };
}
