/**
 * Match patterns (scheme://host/path) compared as sets of URLs, enough to intersect a site's pages
 * with an admin's allowed list and to drop pages a blocked pattern covers. Ports are ignored, as the
 * browser ignores them.
 */
interface Parsed {
  scheme: string;
  host: string;
  path: string;
}

function parse(pattern: string): Parsed | undefined {
  if (pattern === '<all_urls>') return { scheme: '*', host: '*', path: '/*' };
  const m = /^(\*|[a-z-]+):\/\/([^/]*)(\/.*)$/.exec(pattern);
  if (!m) return undefined;
  return { scheme: m[1]!, host: m[2]!.replace(/:\d+$/, '').toLowerCase(), path: m[3]! };
}

function globMatches(glob: string, text: string): boolean {
  const re = new RegExp(
    `^${glob
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(text);
}

function hostCovers(a: string, b: string): boolean {
  if (a === '*') return true;
  if (a.startsWith('*.')) {
    const domain = a.slice(2);
    const bare = b.startsWith('*.') ? b.slice(2) : b;
    return bare === domain || bare.endsWith(`.${domain}`);
  }
  return a === b;
}

/** Does every URL `b` matches also match `a`? */
export function patternCovers(a: string, b: string): boolean {
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return false;
  const schemeOk = pa.scheme === pb.scheme || (pa.scheme === '*' && pb.scheme !== 'file');
  return schemeOk && hostCovers(pa.host, pb.host) && globMatches(pa.path, pb.path);
}

/** The pages in both lists, as patterns (the narrower of each pair that nests; others are dropped). */
export function intersectPatterns(matches: readonly string[], allowed: readonly string[]): string[] {
  const out = new Set<string>();
  for (const m of matches) {
    for (const a of allowed) {
      if (patternCovers(a, m)) out.add(m);
      else if (patternCovers(m, a)) out.add(a);
    }
  }
  return [...out];
}

/** Does `url` match `pattern`? */
export function urlMatches(pattern: string, url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return patternCovers(pattern, `${u.protocol.slice(0, -1)}://${u.hostname}${u.pathname}${u.search}`);
}
