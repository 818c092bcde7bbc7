// Prints the closing line that CI reads: "N passed, N failed" (and skipped), counting every test.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'artifacts/test-results.json';
let results;
try {
  results = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  console.error(`No test results in ${file}: the test run did not finish.`);
  process.exit(1);
}
const passed = results.numPassedTests ?? 0;
// A file that failed to load counts as a failure even though none of its tests ran.
const brokenFiles = (results.testResults ?? []).filter(
  (f) => f.status === 'failed' && f.assertionResults?.length === 0,
).length;
const failed = (results.numFailedTests ?? 0) + brokenFiles;
const skipped = (results.numPendingTests ?? 0) + (results.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
