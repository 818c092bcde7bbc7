import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { SITES } from '@/lib/sites/catalog';
import { OPTIONAL_SELECTORS } from './optional-selectors';

/**
 * The conventions every adapter keeps (STYLE.md: "a test asserts every adapter has fixtures"): each
 * site in the catalog (and the generic adapter) has saved fixture pages and a test file, and every
 * selector key in its selectors.ts matches something in one of its fixtures, or is listed in
 * optional-selectors.ts with the reason it cannot.
 */
const selectorModules = import.meta.glob<{ selectors: Record<string, readonly string[]> }>(
  '../../../lib/sites/*/selectors.ts',
  { eager: true },
);
const siteIds = [...SITES.map((s) => s.id), 'generic'];

function fixturesOf(site: string): string[] {
  const dir = `test/fixtures/${site}`;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => `${dir}/${f}`);
}

function parse(path: string): Document {
  const doc = document.implementation.createHTMLDocument('fixture');
  doc.documentElement.innerHTML = readFileSync(path, 'utf8').replace(
    /^(<!--[\s\S]*?-->\s*)?<!doctype html>/i,
    '',
  );
  return doc;
}

/** Does one alternative match? `selector@attr` needs the attribute too (see lib/sites/declarative.ts). */
function matches(doc: Document, alternatives: readonly string[]): boolean {
  return alternatives.some((alt) => {
    const at = /^(.*)@([\w-]+)$/.exec(alt);
    try {
      const el = doc.querySelector(at ? at[1]! : alt);
      return Boolean(el && (!at || el.getAttribute(at[2]!)));
    } catch {
      return false;
    }
  });
}

describe('every site adapter has fixtures and tests', () => {
  test.each(siteIds)('%s has saved fixture pages', (site) => {
    expect(fixturesOf(site).length).toBeGreaterThan(0);
  });

  test.each(siteIds)('%s has a fixture test', (site) => {
    const paths = [`test/unit/sites/${site}.test.ts`, `test/unit/${site}-adapter.test.ts`];
    expect(paths.some((p) => existsSync(p))).toBe(true);
  });

  test.each(siteIds)(
    '%s has an adapter module and its selectors (selectors.ts, or config for generic)',
    (site) => {
      expect(existsSync(`lib/sites/${site}/index.ts`)).toBe(true);
      expect(
        existsSync(site === 'generic' ? 'lib/sites/generic/config.ts' : `lib/sites/${site}/selectors.ts`),
      ).toBe(true);
    },
  );
});

describe('every selector has an expectation in a fixture', () => {
  const entries = Object.entries(selectorModules).map(([path, mod]) => ({
    site: /sites\/([^/]+)\/selectors\.ts$/.exec(path)![1]!,
    selectors: mod.selectors,
  }));

  test('the glob found the sites', () => {
    expect(entries.map((e) => e.site)).toEqual(
      expect.arrayContaining(siteIds.filter((s) => s !== 'generic')),
    );
  });

  test('generic: every selector of the example config matches its fixture', () => {
    const config = JSON.parse(readFileSync('test/fixtures/generic/helpdesk.config.json', 'utf8'));
    const doc = parse('test/fixtures/generic/helpdesk.html');
    const lists: [string, string[]][] = [['ticketKey.selector', config.ticketKey.selector]];
    for (const [key, value] of Object.entries(config))
      if (Array.isArray(value) && key !== 'matches' && key !== 'fields') lists.push([key, value as string[]]);
    for (const f of config.fields ?? []) lists.push([`fields.${f.id}`, f.selector]);
    for (const [key, value] of Object.entries(config.messageRole))
      lists.push([`messageRole.${key}`, value as string[]]);
    expect(lists.filter(([, alternatives]) => !matches(doc, alternatives)).map(([key]) => key)).toEqual([]);
  });

  test.each(entries)(
    '$site: each key matches in a fixture or is optional with a reason',
    ({ site, selectors }) => {
      const docs = fixturesOf(site).map(parse);
      const optional = OPTIONAL_SELECTORS[site] ?? {};
      const unmatched: string[] = [];
      const staleOptional: string[] = [];
      for (const [key, alternatives] of Object.entries(selectors)) {
        const found = docs.some((doc) => matches(doc, alternatives));
        if (!found && !optional[key]) unmatched.push(key);
        if (found && optional[key]) staleOptional.push(key);
      }
      const unknown = Object.keys(optional).filter((k) => !(k in selectors));
      expect({ unmatched, staleOptional, unknown }).toEqual({
        unmatched: [],
        staleOptional: [],
        unknown: [],
      });
    },
  );
});
