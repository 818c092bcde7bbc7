import { describe, expect, it } from 'vitest';
import { budgetViolations, formatReport, measureBundle } from '../../scripts/bundle-sizes';
import { extensionDir } from './harness';

// Deterministic figures only (bytes), on the build the e2e global setup just made. Timings stay in
// the benchmarks (test/bench/), never in tests.
describe('bundle budget', () => {
  it('keeps every site content script under 15 kB gzip and free of panel code', () => {
    const report = measureBundle(extensionDir());
    console.log(formatReport(report));
    expect(report.contentScripts.length).toBeGreaterThan(0);
    expect(budgetViolations(report)).toEqual([]);
  });
});
