import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { budgetViolations, CONTENT_SCRIPT_GZIP_BUDGET, measureBundle } from '../../scripts/bundle-sizes';

// The checker itself, on small synthetic builds: the e2e budget test runs it on the real build.
const dirs: string[] = [];
function fakeBuild(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'deskmate-budget-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries({ 'manifest.json': '{}', ...files })) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('bundle budget checker', () => {
  it('passes a small content script and weighs the panel and background with their imports', () => {
    const report = measureBundle(
      fakeBuild({
        'content-scripts/demo.js': '(()=>{console.log(`small`)})();',
        'sidepanel.html':
          '<script type="module" src="/chunks/sidepanel-a.js"></script><link rel="stylesheet" href="/assets/a.css">',
        'chunks/sidepanel-a.js': 'import{x}from"./shared-b.js";x();',
        'chunks/shared-b.js': 'export const x=()=>1;',
        'assets/a.css': 'body{}',
        'background.js': 'import"./chunks/shared-b.js";',
      }),
    );
    expect(budgetViolations(report)).toEqual([]);
    expect(report.contentScripts.map((c) => c.site)).toEqual(['demo']);
    expect(report.panel.files.sort()).toEqual([
      'assets/a.css',
      'chunks/shared-b.js',
      'chunks/sidepanel-a.js',
    ]);
    expect(report.background.files.sort()).toEqual(['background.js', 'chunks/shared-b.js']);
  });

  it('fails a content script over the gzip budget', () => {
    // Random bytes do not compress: gzip stays above the raw budget.
    const heavy = randomBytes(CONTENT_SCRIPT_GZIP_BUDGET + 1000).toString('base64');
    const problems = budgetViolations(
      measureBundle(fakeBuild({ 'content-scripts/zendesk.js': `var a="${heavy}";` })),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /zendesk\.js is .* gzip \(\d+ bytes\), over the 15\.0 kB budget \(15000 bytes\)/,
    );
  });

  it("fails a content script that bundles the panel's React or classic zod", () => {
    const problems = budgetViolations(
      measureBundle(
        fakeBuild({
          'content-scripts/rt.js': 'var e=Symbol.for(`react.transitional.element`);',
          'content-scripts/redmine.js': 'var c=$constructor(`ZodObject`,()=>{});',
          'content-scripts/demo.js': 'var c=$constructor(`ZodMiniObject`,()=>{});',
        }),
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/redmine\.js bundles zod/),
      expect.stringMatching(/rt\.js bundles react/),
    ]);
  });

  it('says clearly when there is no build', () => {
    expect(() => measureBundle(join(tmpdir(), 'no-such-deskmate-build'))).toThrow(/No extension build/);
  });
});
