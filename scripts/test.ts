/**
 * npm test: every suite, in the order that fails fastest.
 *   1. type check (tsc)
 *   2. unit + integration tests (vitest; integration on a real embedded PostgreSQL)
 *   3. end-to-end tests (Playwright in Chromium against the app started as `npm start` does)
 * Exits non-zero on any failure and closes with one summary line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const bin = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

function run(label: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s ===`);
  return result.status === 0;
}

rmSync(path.join(root, 'test-results'), { recursive: true, force: true });
// End-to-end tests start from an empty data dir, as a fresh install does.
const e2eData = path.join(root, '.data-e2e');
rmSync(e2eData, { recursive: true, force: true });

const ok =
  run('type check', [bin('typescript', 'bin/tsc'), '--noEmit', '-p', '.']) &&
  run('unit + integration tests', [
    bin('vitest', 'vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=test-results/vitest.json',
  ]) &&
  run('end-to-end tests', [bin('@playwright/test', 'cli.js'), 'test'], { E2E_DATA_DIR: e2eData, NEXT_TELEMETRY_DISABLED: '1' });

const counts = { passed: 0, failed: 0, skipped: 0 };
const vitestReport = path.join(root, 'test-results/vitest.json');
if (existsSync(vitestReport)) {
  const r = JSON.parse(readFileSync(vitestReport, 'utf8'));
  counts.passed += r.numPassedTests;
  counts.failed += r.numFailedTests;
  counts.skipped += r.numPendingTests + r.numTodoTests;
}
const playwrightReport = path.join(root, 'test-results/playwright.json');
if (existsSync(playwrightReport)) {
  const s = JSON.parse(readFileSync(playwrightReport, 'utf8')).stats;
  counts.passed += s.expected;
  counts.failed += s.unexpected + s.flaky;
  counts.skipped += s.skipped;
}
if (!ok && counts.failed === 0) counts.failed = 1; // a stage failed before its tests could report
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(ok ? 0 : 1);
