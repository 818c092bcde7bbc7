import { browser } from 'wxt/browser';
import { intersectPatterns, patternCovers } from '../policy/match-pattern';
import type { PolicySiteRules } from '../policy/validate';
import type { Settings } from '../settings/schema';
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

/** The `matches` of a generic desk config (its schema lives in lib/sites/generic). */
function deskMatches(desk: unknown): string[] {
  const matches = (desk as { matches?: unknown } | null)?.matches;
  return Array.isArray(matches) ? matches.filter((m): m is string => typeof m === 'string') : [];
}

/** The generic desk script's id in the catalog (one script serves every described desk). */
export const GENERIC_SITE_ID = 'generic';

/**
 * Where each site script runs, from the effective settings and the policy:
 * - a site's toggle (settings.sites.sites[id]) turns it off or changes its pages;
 * - the policy's `allowed` list narrows every shipped site to the pages in both;
 * - the organization's desks (policy) and the user's generic desks run the generic script;
 * - a `blocked` pattern removes the pages it covers and is also an excludeMatches everywhere, so a
 *   blocked page never gets a content script; a rule left with no pages is not registered at all.
 */
export function computeSiteRules(settings: Settings, policy: PolicySiteRules): SiteRule[] {
  const blocked = policy.blocked;
  const narrow = (matches: string[]) => {
    const kept = matches.filter((m) => !blocked.some((b) => patternCovers(b, m)));
    return [...new Set(kept)];
  };
  const rules: SiteRule[] = SITES.filter((s) => s.id !== GENERIC_SITE_ID).map((site) => {
    const toggle = settings.sites.sites[site.id];
    let matches = toggle?.matches ?? site.defaultMatches;
    if (policy.allowed) matches = intersectPatterns(matches, policy.allowed);
    matches = narrow(matches);
    return {
      id: site.id,
      enabled: (toggle?.enabled ?? true) && matches.length > 0,
      matches,
      ...(blocked.length ? { excludeMatches: [...blocked] } : {}),
    };
  });
  const userDesks = settings.sites.genericDesks.flatMap(deskMatches);
  const allowedUser = policy.allowed ? intersectPatterns(userDesks, policy.allowed) : userDesks;
  const generic = narrow([...policy.desks.flatMap(deskMatches), ...allowedUser]);
  const genericToggle = settings.sites.sites[GENERIC_SITE_ID];
  if (generic.length > 0) {
    rules.push({
      id: GENERIC_SITE_ID,
      enabled: genericToggle?.enabled ?? true,
      matches: generic,
      ...(blocked.length ? { excludeMatches: [...blocked] } : {}),
    });
  }
  return rules;
}

/** Every page pattern the rules ask for, for the host-permission check. */
export function ruleOrigins(rules: SiteRule[]): string[] {
  return [...new Set(rules.filter((r) => r.enabled).flatMap((r) => r.matches))];
}

/**
 * Patterns the extension has no host permission for: the browser would not inject there. The admin
 * grants them with ExtensionSettings `runtime_allowed_hosts`, or the user from the options page.
 */
export async function missingHostPermissions(patterns: string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const origin of patterns) {
    const granted = await browser.permissions.contains({ origins: [origin] }).catch(() => false);
    if (!granted) missing.push(origin);
  }
  return missing;
}

/**
 * Make the registered content scripts equal to `rules`: unregister what is off or changed, register
 * what is new or changed, leave the rest alone (a page loading meanwhile still gets its script).
 * Idempotent, so it can run at every start and every settings or policy change.
 */
export async function syncContentScripts(rules: SiteRule[]): Promise<string[]> {
  const existing = await browser.scripting.getRegisteredContentScripts();
  const scriptOf = (id: string) => SITES.find((s) => s.id === id)?.script;
  const scripts = rules
    .filter((r) => r.enabled && r.matches.length > 0 && scriptOf(r.id))
    .map((r) => ({
      id: r.id,
      js: [scriptOf(r.id)!],
      matches: r.matches,
      ...(r.excludeMatches?.length ? { excludeMatches: r.excludeMatches } : {}),
      // Early, so the script can start at DOMContentLoaded (lib/content/run.ts) rather than at idle, when
      // Chromium injects after the page's first layout (100+ ms on a long thread); parts the desk
      // renders later are picked up by the mutation watcher.
      runAt: 'document_start' as const,
      persistAcrossSessions: true,
    }));
  const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
    JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());
  const unchanged = new Set(
    existing
      .filter((e) => {
        const w = scripts.find((s) => s.id === e.id);
        return (
          w &&
          same(e.js, w.js) &&
          same(e.matches, w.matches) &&
          same(e.excludeMatches, w.excludeMatches) &&
          // A registration persisted by an older version (document_idle) is replaced.
          (e.runAt ?? 'document_idle') === w.runAt
        );
      })
      .map((e) => e.id),
  );
  const stale = existing.map((e) => e.id).filter((id) => !unchanged.has(id));
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale });
  const fresh = scripts.filter((s) => !unchanged.has(s.id));
  if (fresh.length > 0) await browser.scripting.registerContentScripts(fresh);
  return scripts.map((s) => s.id);
}
