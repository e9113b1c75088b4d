// `npm test`: installs the workspace if needed, runs every test project once, and ends with
// one plain line "N passed, N failed" that CI and people can read at a glance.
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureInstalled, pnpm } from './pnpm.mjs';

ensureInstalled();
const out = join(mkdtempSync(join(tmpdir(), 'warrant-test-')), 'results.json');
const code = pnpm([
  'exec',
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}`,
  ...process.argv.slice(2),
]);
let summary = '0 passed, 1 failed';
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  // A file that failed without a failing test (an import error, a failing hook) counts once;
  // the describe blocks around a failing test are not failures of their own.
  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && !f.assertionResults?.some((a) => a.status === 'failed'),
  ).length;
  const failed = r.numFailedTests + brokenFiles;
  summary = `${r.numPassedTests} passed, ${failed} failed`;
  // The closing line stays exactly "N passed, N failed"; skips are told just before it.
  if (r.numPendingTests) process.stdout.write(`${r.numPendingTests} skipped\n`);
  rmSync(out, { force: true });
} catch {
  // No report means vitest itself failed before running tests; the summary says so.
}
process.stdout.write(`${summary}\n`);
process.exit(code);
