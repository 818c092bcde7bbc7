/**
 * Does a browser match pattern (scheme://host/path) cover this URL? Ports are ignored, as the
 * browser ignores them. Used to pick the described desks that apply to a page.
 */
export function urlMatches(pattern: string, href: string): boolean {
  if (pattern === '<all_urls>') return /^https?:/.test(href);
  const m = /^(\*|https?):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  const [, scheme, host, path] = m as unknown as [string, string, string, string];
  const protocol = url.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : scheme !== protocol) return false;
  const hostname = url.hostname.toLowerCase();
  const wanted = host.replace(/:\d+$/, '').toLowerCase();
  if (wanted !== '*') {
    if (wanted.startsWith('*.')) {
      const base = wanted.slice(2);
      if (hostname !== base && !hostname.endsWith(`.${base}`)) return false;
    } else if (hostname !== wanted) return false;
  }
  const glob = new RegExp(
    `^${path
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return glob.test(url.pathname + url.search);
}
