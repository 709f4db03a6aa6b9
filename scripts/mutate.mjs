// `npm run mutate [folder[:files]...] [--force] [--summary] [--own-tests]`: mutation testing of the engine, one Stryker run per
// folder (each with its own incremental file, so iterating on one folder never throws away another's results), then
// the score of every folder. `folder:files` mutates only the files of the folder that the glob `files` names
// (`packets:dns*.ts`, `devices:{arp,nat}.ts`): a large folder can be measured in parts, each part keeping its own
// report and incremental file. A folder's score merges its reports file by file, the newest report of each file
// winning, and says how many of the folder's files have been measured. Exits 1 when a folder is under the target
// or not wholly measured, so it can gate a release by hand; it is not part of `npm test` (a full run takes hours on
// two shared cores). `--own-tests` runs the mutants of devices and trace against their folder's unit tests alone,
// not the simulation tests: many times faster, and a lower bound (a mutant those tests kill, the full set kills
// too); its reports are named `<name>.own` and merge like any other, the newest result of a file winning.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { matchesGlob } from 'node:path';
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
const ownTests = args.includes('--own-tests');
const FLAGS = ['--force', '--summary', '--own-tests'];
const unknown = args.filter((a) => a.startsWith('--') && !FLAGS.includes(a) && a !== concurrency);
const named = args
  .filter((a) => !a.startsWith('--'))
  .map((a) => {
    const [folder, files] = a.split(/:(.*)/s);
    return { arg: a, folder, files: files || undefined };
  });
const bad = named.filter((n) => !FOLDERS.includes(n.folder) || n.files === '' || n.files?.includes('..')).map((n) => n.arg);
if (unknown.length || bad.length) {
  console.error(
    `mutate: unknown ${[...unknown, ...bad].join(', ')}. Usage: npm run mutate -- [${FOLDERS.join('|')}[:<files glob>] ...] [--force] [--summary] [--own-tests] [--concurrency=1|2]`,
  );
  process.exit(2);
}
const runs = named.length ? named : FOLDERS.map((folder) => ({ folder, files: undefined }));
const folders = [...new Set(runs.map((r) => r.folder))];
// A part's reports are named after its glob, so each part keeps its own incremental results.
const reportName = ({ folder, files }) => `${files ? `${folder}.part-${files.replace(/[^A-Za-z0-9]+/g, '_')}` : folder}${ownTests ? '.own' : ''}`;
const testsOf = (folder) => (ownTests ? [`src-engine/${folder}/**/*.test.ts`] : TESTS[folder]);

// The folder's source files that Stryker mutates (tests, fixtures and test helpers excluded, as in the config).
const EXCLUDED = /\.test\.ts$|\/testing\/|^src-engine\/run\/fixtures\.ts$|^src-engine\/packets\/samples\.ts$/;
const sourceFiles = (folder) =>
  readdirSync(`src-engine/${folder}`, { recursive: true })
    .map((f) => `src-engine/${folder}/${f}`)
    .filter((f) => f.endsWith('.ts') && !EXCLUDED.test(f));
/** `path.matchesGlob`, without the warning Node 20 prints on its first use (it is experimental there, stable from 22). */
function globMatches(file, glob) {
  const warn = process.emitWarning;
  process.emitWarning = () => {};
  try {
    return matchesGlob(file, glob);
  } finally {
    process.emitWarning = warn;
  }
}
// Stryker's test processes inherit this priority (nice 15, or lower still when started under `nice -n 19`): the
// machine is shared, and mutation testing can wait.
setPriority(Math.max(getPriority(), 15));

if (!args.includes('--summary')) {
  const exclusions = config.mutate.filter((glob) => glob.startsWith('!'));
  for (const run of runs) {
    const { folder } = run;
    const files = run.files ?? '**/*.ts';
    const name = reportName(run);
    console.log(`\nmutate: src-engine/${folder}/${files}, against ${testsOf(folder).join(', ')}`);
    // Read by stryker.vitest.config.mjs in Stryker's test processes, which inherit the environment.
    process.env.HOPLAB_MUTATE_TESTS = JSON.stringify(testsOf(folder));
    await new Stryker({
      mutate: [`src-engine/${folder}/${files}`, ...exclusions],
      incrementalFile: `${REPORTS}/${name}.incremental.json`,
      jsonReporter: { fileName: `${REPORTS}/${name}.json` },
      htmlReporter: { fileName: `${REPORTS}/${name}.html` },
      // Each mutant's result as it is tested (NNNNN-onMutantTested.json), so survivors can be read during a long run:
      // `node scripts/mutate-survivors.mjs <folder or part>`.
      reporters: [...config.reporters, 'event-recorder'],
      eventReporter: { baseDir: `${REPORTS}/${name}.events` },
      force: args.includes('--force'),
      ...(concurrency ? { concurrency: Number(concurrency.split('=')[1]) } : {}),
    }).runMutationTest();
    // The files this run covered, written once it has finished: a file with nothing to mutate (types, a table
    // of constants) is in no report, yet it has been measured.
    writeFileSync(`${REPORTS}/${name}.files.json`, JSON.stringify(sourceFiles(folder).filter((f) => globMatches(f, `src-engine/${folder}/${files}`))));
  }
}

const DETECTED = ['Killed', 'Timeout'];
const UNDETECTED = ['Survived', 'NoCoverage'];
// Every report of a folder (whole or part), oldest first, merged file by file so the newest result of a file wins.
const merged = (folder) => {
  const isReport = (f) => (f === `${folder}.json` || f === `${folder}.own.json` || f.startsWith(`${folder}.part-`)) && f.endsWith('.json') && !f.endsWith('.incremental.json') && !f.endsWith('.files.json');
  const reports = existsSync(REPORTS)
    ? readdirSync(REPORTS)
        .filter(isReport)
        .map((f) => `${REPORTS}/${f}`)
        .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    : [];
  const current = new Set(sourceFiles(folder));
  const files = {};
  for (const report of reports) {
    for (const [file, result] of Object.entries(JSON.parse(readFileSync(report, 'utf8')).files)) {
      if (current.has(file)) files[file] = result;
    }
    // A file a finished run covered that has no mutant in its report: measured, with nothing to mutate.
    const covered = report.replace(/\.json$/, '.files.json');
    if (existsSync(covered)) for (const file of JSON.parse(readFileSync(covered, 'utf8'))) if (current.has(file) && !files[file]) files[file] = { mutants: [] };
  }
  return { files, total: current.size };
};

const rows = [];
for (const folder of folders) {
  const { files, total } = merged(folder);
  const measured = Object.keys(files).length;
  if (measured === 0) {
    rows.push({ folder, missing: true });
    continue;
  }
  const count = {};
  for (const { mutants } of Object.values(files)) {
    for (const m of mutants) {
      count[m.status] = (count[m.status] ?? 0) + 1;
      // Static: reached while a test file loads, outside any test, so it must run against every test (slow).
      if (m.static) count.static = (count.static ?? 0) + 1;
    }
  }
  const sum = (statuses) => statuses.reduce((n, s) => n + (count[s] ?? 0), 0);
  const detected = sum(DETECTED);
  const valid = detected + sum(UNDETECTED);
  rows.push({ folder, count, detected, valid, score: valid ? (100 * detected) / valid : 100, measured, total });
}

const pad = (s, n) => String(s).padStart(n);
console.log(`\nMutation score per folder (target ${TARGET}%; killed + timed out, of mutants that compile)`);
console.log(
  `${'folder'.padEnd(10)}${pad('score', 8)}${pad('killed', 8)}${pad('timeout', 9)}${pad('survived', 10)}${pad('no cov', 8)}` +
    `${pad('no compile', 12)}${pad('static', 8)}${pad('files', 9)}`,
);
for (const r of rows) {
  if (r.missing) {
    console.log(`${r.folder.padEnd(10)}  no report: run npm run mutate -- ${r.folder}`);
    continue;
  }
  const c = (s) => r.count[s] ?? 0;
  console.log(
    `${r.folder.padEnd(10)}${pad(`${r.score.toFixed(1)}%`, 8)}${pad(c('Killed'), 8)}${pad(c('Timeout'), 9)}` +
      `${pad(c('Survived'), 10)}${pad(c('NoCoverage'), 8)}${pad(c('CompileError'), 12)}${pad(c('static'), 8)}` +
      `${pad(`${r.measured}/${r.total}`, 9)}`,
  );
}
if (rows.some((r) => r.measured < r.total)) {
  console.log('files: source files measured of the folder\'s; a folder measured in parts scores only the files measured so far.');
}
console.log(`Reports: ${REPORTS}/<folder>.html; survivors judged equivalent: stryker.equivalent.md`);
if (rows.some((r) => r.count?.static)) {
  console.log(
    'static: mutants reached while a module loads (a field table, or a test that builds at load instead of in beforeEach); ' +
      'each runs against every test of its folder, so keep test setup inside tests.',
  );
}
process.exitCode = rows.some((r) => r.missing || r.score < TARGET || r.measured < r.total) ? 1 : 0;
