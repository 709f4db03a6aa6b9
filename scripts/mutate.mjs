// `npm run mutate [folder...] [--force] [--summary]`: mutation testing of the engine, one Stryker run per folder
// (each with its own incremental file, so iterating on one folder never throws away another's results), then the
// score of every folder. Exits 1 when a folder is under the target, so it can gate a release by hand; it is not
// part of `npm test` (a full run takes an hour on two cores).
import { existsSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { Stryker } from '@stryker-mutator/core';
import config from '../stryker.config.mjs';

const FOLDERS = ['packets', 'sim', 'trace', 'run', 'devices'];
// The tests that must catch each folder's mutants: its own, and for the folders whose behaviour only shows in a
// run (the devices, the tracer), the simulation tests too. A folder's score is thus what its tests pin down, not
// what some distant test happens to notice; and each mutant runs far fewer test files.
const RUNS = 'src-engine/run/**/*.test.ts';
const TESTS = {
  packets: ['src-engine/packets/**/*.test.ts'],
  sim: ['src-engine/sim/**/*.test.ts'],
  trace: ['src-engine/trace/**/*.test.ts', RUNS],
  run: [RUNS],
  devices: ['src-engine/devices/**/*.test.ts', RUNS],
};
const TARGET = 80;
const REPORTS = 'reports/mutation';

const args = process.argv.slice(2);
const concurrency = args.find((a) => /^--concurrency=[12]$/.test(a));
const unknown = args.filter((a) => a.startsWith('--') && a !== '--force' && a !== '--summary' && a !== concurrency);
const named = args.filter((a) => !a.startsWith('--'));
const bad = named.filter((f) => !FOLDERS.includes(f));
if (unknown.length || bad.length) {
  console.error(`mutate: unknown ${[...unknown, ...bad].join(', ')}. Usage: npm run mutate -- [${FOLDERS.join('|')} ...] [--force] [--summary] [--concurrency=1|2]`);
  process.exit(2);
}
const folders = named.length ? named : FOLDERS;

// Stryker's test processes inherit this priority: the machine is shared, and mutation testing can wait.
setPriority(19);

if (!args.includes('--summary')) {
  const exclusions = config.mutate.filter((glob) => glob.startsWith('!'));
  for (const folder of folders) {
    console.log(`\nmutate: src-engine/${folder}, against ${TESTS[folder].join(', ')}`);
    // Read by stryker.vitest.config.mjs in Stryker's test processes, which inherit the environment.
    process.env.HOPLAB_MUTATE_TESTS = JSON.stringify(TESTS[folder]);
    await new Stryker({
      mutate: [`src-engine/${folder}/**/*.ts`, ...exclusions],
      incrementalFile: `${REPORTS}/${folder}.incremental.json`,
      jsonReporter: { fileName: `${REPORTS}/${folder}.json` },
      htmlReporter: { fileName: `${REPORTS}/${folder}.html` },
      force: args.includes('--force'),
      ...(concurrency ? { concurrency: Number(concurrency.split('=')[1]) } : {}),
    }).runMutationTest();
  }
}

const DETECTED = ['Killed', 'Timeout'];
const UNDETECTED = ['Survived', 'NoCoverage'];
const rows = [];
for (const folder of folders) {
  const file = `${REPORTS}/${folder}.json`;
  if (!existsSync(file)) {
    rows.push({ folder, missing: true });
    continue;
  }
  const count = {};
  for (const { mutants } of Object.values(JSON.parse(readFileSync(file, 'utf8')).files)) {
    for (const m of mutants) {
      count[m.status] = (count[m.status] ?? 0) + 1;
      // Static: reached while a test file loads, outside any test, so it must run against every test (slow).
      if (m.static) count.static = (count.static ?? 0) + 1;
    }
  }
  const sum = (statuses) => statuses.reduce((n, s) => n + (count[s] ?? 0), 0);
  const detected = sum(DETECTED);
  const valid = detected + sum(UNDETECTED);
  rows.push({ folder, count, detected, valid, score: valid ? (100 * detected) / valid : 100 });
}

const pad = (s, n) => String(s).padStart(n);
console.log(`\nMutation score per folder (target ${TARGET}%; killed + timed out, of mutants that compile)`);
console.log(`${'folder'.padEnd(10)}${pad('score', 8)}${pad('killed', 8)}${pad('timeout', 9)}${pad('survived', 10)}${pad('no cov', 8)}${pad('no compile', 12)}${pad('static', 8)}`);
for (const r of rows) {
  if (r.missing) {
    console.log(`${r.folder.padEnd(10)}  no report: run npm run mutate -- ${r.folder}`);
    continue;
  }
  const c = (s) => r.count[s] ?? 0;
  console.log(
    `${r.folder.padEnd(10)}${pad(`${r.score.toFixed(1)}%`, 8)}${pad(c('Killed'), 8)}${pad(c('Timeout'), 9)}` +
      `${pad(c('Survived'), 10)}${pad(c('NoCoverage'), 8)}${pad(c('CompileError'), 12)}${pad(c('static'), 8)}`,
  );
}
console.log(`Reports: ${REPORTS}/<folder>.html; survivors judged equivalent: stryker.equivalent.md`);
if (rows.some((r) => r.count?.static)) {
  console.log('Static mutants run against every test: build runs inside tests (or beforeEach), not when a test file loads.');
}
process.exitCode = rows.some((r) => r.missing || r.score < TARGET) ? 1 : 0;
