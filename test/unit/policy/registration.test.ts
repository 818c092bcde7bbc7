import { describe, expect, test } from 'vitest';
import { intersectPatterns, patternCovers, urlMatches } from '@/lib/policy/match-pattern';
import { DEFAULT_SETTINGS, Settings } from '@/lib/settings/schema';
import { computeSiteRules } from '@/lib/sites/registration';

const noPolicy = { blocked: [], desks: [] };

describe('match patterns', () => {
  test('covers: host wildcards, schemes, paths; ports ignored', () => {
    expect(patternCovers('https://*.zendesk.com/*', 'https://acme.zendesk.com/agent/*')).toBe(true);
    expect(patternCovers('https://*.zendesk.com/*', 'https://zendesk.com/*')).toBe(true);
    expect(patternCovers('https://acme.zendesk.com/*', 'https://*.zendesk.com/*')).toBe(false);
    expect(patternCovers('*://*/*', 'http://127.0.0.1/*')).toBe(true);
    expect(patternCovers('http://127.0.0.1/*', 'http://localhost/*')).toBe(false);
    expect(patternCovers('https://a.example/hc/*', 'https://a.example/*')).toBe(false);
    expect(urlMatches('http://127.0.0.1/*', 'http://127.0.0.1:4321/tickets/1')).toBe(true);
  });

  test('intersect keeps the narrower of each nested pair', () => {
    expect(
      intersectPatterns(['https://*.zendesk.com/*'], ['https://acme.zendesk.com/*', 'https://x.example/*']),
    ).toEqual(['https://acme.zendesk.com/*']);
  });
});

describe('computeSiteRules', () => {
  test('no policy: every shipped site on its default pages, no excludes', () => {
    const demo = computeSiteRules(DEFAULT_SETTINGS, noPolicy).find((r) => r.id === 'demo')!;
    expect(demo).toEqual({
      id: 'demo',
      enabled: true,
      matches: ['http://127.0.0.1/*', 'http://localhost/*'],
    });
  });

  test('the user turns a site off', () => {
    const settings = Settings.parse({ sites: { sites: { demo: { enabled: false } } } });
    expect(computeSiteRules(settings, noPolicy).find((r) => r.id === 'demo')?.enabled).toBe(false);
  });

  test('a blocked pattern removes the pages it covers and is excluded everywhere', () => {
    const rules = computeSiteRules(DEFAULT_SETTINGS, { blocked: ['http://127.0.0.1/*'], desks: [] });
    const demo = rules.find((r) => r.id === 'demo')!;
    expect(demo.matches).toEqual(['http://localhost/*']);
    expect(demo.excludeMatches).toEqual(['http://127.0.0.1/*']);
    expect(rules.every((r) => r.excludeMatches?.includes('http://127.0.0.1/*'))).toBe(true);
  });

  test('a block covering all of a site leaves it unregistered', () => {
    const rules = computeSiteRules(DEFAULT_SETTINGS, { blocked: ['http://*/*'], desks: [] });
    const demo = rules.find((r) => r.id === 'demo')!;
    expect(demo.enabled).toBe(false);
    expect(demo.matches).toEqual([]);
  });

  test('an allowed list narrows shipped sites to the pages in both', () => {
    const rules = computeSiteRules(DEFAULT_SETTINGS, {
      allowed: ['http://localhost/*'],
      blocked: [],
      desks: [],
    });
    expect(rules.find((r) => r.id === 'demo')?.matches).toEqual(['http://localhost/*']);
  });

  test('the organization desks run the generic script, blocks still win', () => {
    const rules = computeSiteRules(DEFAULT_SETTINGS, {
      allowed: ['https://nothing.example/*'],
      blocked: ['https://desk.corp.example/private/*'],
      desks: [{ matches: ['https://desk.corp.example/*', 'https://desk.corp.example/private/*'] }],
    });
    expect(rules.find((r) => r.id === 'generic')).toEqual({
      id: 'generic',
      enabled: true,
      matches: ['https://desk.corp.example/*'],
      excludeMatches: ['https://desk.corp.example/private/*'],
    });
  });
});
