#!/usr/bin/env node
// `npm test`: every check the project has, in order, on a fresh machine by itself.
// Brings what the tests need (Debian's chromium for the browser tests, tshark as the judge of our packet
// bytes) when it can install them (root with apt-get), says so, and otherwise fails saying how to get them.
// Runs every step even after a failure, then prints the totals as its last line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { findChromium } from './browser.mjs';

const OUT = '.cache/test-results';
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(cmd, args, env = {}) {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Installs Debian packages when this machine lets us; returns an error message when it does not. */
function ensureTools() {
  if (process.env.CHROMIUM_PATH && !existsSync(process.env.CHROMIUM_PATH)) {
    return `CHROMIUM_PATH is set to "${process.env.CHROMIUM_PATH}", which does not exist. Point it at a Chromium binary, or unset it to use Debian's /usr/bin/chromium.`;
  }
  const missing = [];
  if (!findChromium()) missing.push({ pkg: 'chromium', why: 'the end-to-end tests drive a real Chromium' });
  if (!has('tshark')) missing.push({ pkg: 'tshark', why: 'tshark checks that our packet captures decode without errors' });
  if (missing.length === 0) return undefined;
  const names = missing.map((m) => m.pkg).join(' ');
  // Without recommends, chromium brings no fonts: add the ones its package recommends.
  const packages = missing.some((m) => m.pkg === 'chromium') ? `${names} fonts-liberation` : names;
  const canInstall = process.getuid?.() === 0 && has('apt-get');
  if (!canInstall) {
    return (
      `Missing: ${missing.map((m) => `${m.pkg} (${m.why})`).join('; ')}.\n` +
      `Install ${missing.length > 1 ? 'them' : 'it'} with: sudo apt-get install -y ${names}\n` +
      (missing.some((m) => m.pkg === 'chromium') ? 'or point CHROMIUM_PATH at a Chromium binary. ' : '') +
      'The tests are not run without them.'
    );
  }
  console.log(`test: installing Debian's ${names} with apt-get, because ${missing.map((m) => m.why).join(' and ')}.`);
  const script = [
    'set -e',
    'echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections',
    'apt-get update -qq',
    `DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages}`,
  ].join('\n');
  if (!run('sh', ['-c', script])) return `apt-get could not install ${names}. Install them by hand and run npm test again.`;
  if (!findChromium() && missing.some((m) => m.pkg === 'chromium')) return 'chromium was installed but /usr/bin/chromium is missing.';
  return undefined;
}

function step(name, ok) {
  lines.push(`${ok ? 'ok    ' : 'FAILED'} ${name}`);
  if (!ok) totals.failed += 1;
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const toolError = ensureTools();
if (toolError) {
  console.error(`\ntest: ${toolError}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

step('typecheck (web + e2e, then src-engine without DOM types)', run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) && run('npx', ['tsc', '-p', 'src-engine/tsconfig.json', '--noEmit']));
step('lint', run('npx', ['eslint', '.', '--max-warnings=0']));

const unitOk = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${OUT}/vitest.json`]);
const unit = readJson(`${OUT}/vitest.json`);
if (unit) {
  totals.passed += unit.numPassedTests;
  totals.failed += unit.numFailedTests;
  totals.skipped += unit.numPendingTests + unit.numTodoTests;
  // A file that fails to load has no test results of its own: count it as a failure.
  const brokenFiles = unit.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  totals.failed += brokenFiles;
  lines.push(`${unitOk ? 'ok    ' : 'FAILED'} unit tests: ${unit.numPassedTests} passed, ${unit.numFailedTests + brokenFiles} failed`);
} else step('unit tests (vitest wrote no report)', false);

const built = step('build the static site', run('npx', ['vite', 'build']));
if (built) step('the first screen\'s JavaScript within its 160 KiB gzip budget (scripts/page-size.mjs)', run('node', ['scripts/page-size.mjs']));
if (built) {
  const e2eOk = run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${OUT}/playwright.json` });
  const e2e = readJson(`${OUT}/playwright.json`);
  if (e2e) {
    const s = e2e.stats;
    totals.passed += s.expected + s.flaky;
    totals.failed += s.unexpected;
    totals.skipped += s.skipped;
    const setupErrors = e2e.errors?.length ?? 0;
    totals.failed += setupErrors;
    lines.push(`${e2eOk ? 'ok    ' : 'FAILED'} end-to-end tests: ${s.expected + s.flaky} passed, ${s.unexpected + setupErrors} failed`);
  } else step('end-to-end tests (playwright wrote no report)', false);
} else step('end-to-end tests (not run: the build failed)', false);

if (!existsSync('package-lock.json')) step('package-lock.json present', false);
if (totals.skipped > 0) lines.push(`${totals.skipped} tests were skipped; a skipped test counts as a failure here`);
totals.failed += totals.skipped;

console.log('\nSummary');
for (const l of lines) console.log(`  ${l}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed > 0 ? 1 : 0);
