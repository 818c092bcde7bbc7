import { browser } from 'wxt/browser';
import { SITES } from './catalog';

/** Where each site's script should run now (from settings and policy). */
export interface SiteRule {
  id: string;
  enabled: boolean;
  matches: string[];
  excludeMatches?: string[];
}

/** Default rules: every shipped site on its default pages. */
export function defaultSiteRules(): SiteRule[] {
  return SITES.map((s) => ({ id: s.id, enabled: true, matches: s.defaultMatches }));
}

/**
 * Make the registered content scripts equal to `rules`: unregister what is off or changed, register
 * what is on. Idempotent, so it can run at every start and every settings or policy change.
 */
export async function syncContentScripts(rules: SiteRule[]): Promise<string[]> {
  const existing = await browser.scripting.getRegisteredContentScripts();
  const wanted = rules.filter((r) => r.enabled && r.matches.length > 0);
  const scriptOf = (id: string) => SITES.find((s) => s.id === id)?.script;
  const ids = existing.map((s) => s.id);
  if (ids.length > 0) await browser.scripting.unregisterContentScripts({ ids });
  const scripts = wanted
    .filter((r) => scriptOf(r.id))
    .map((r) => ({
      id: r.id,
      js: [scriptOf(r.id)!],
      matches: r.matches,
      ...(r.excludeMatches?.length ? { excludeMatches: r.excludeMatches } : {}),
      runAt: 'document_idle' as const,
      persistAcrossSessions: true,
    }));
  if (scripts.length > 0) await browser.scripting.registerContentScripts(scripts);
  return scripts.map((s) => s.id);
}
