// Mutation testing of the engine: `npm run mutate` (scripts/mutate.mjs) runs this once per folder and prints the
// score of each. Survivors judged equivalent are listed with their reasons in stryker.equivalent.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  // perTest coverage narrows each mutant's tests, so `related` (a second, import-graph filter) is not needed.
  vitest: { configFile: 'stryker.vitest.config.mjs', related: false },
  // A mutant that does not compile is not a test gap: the checker sets it aside instead of counting it.
  checkers: ['typescript'],
  tsconfigFile: 'src-engine/tsconfig.json',
  coverageAnalysis: 'perTest',
  // Shared 2-core machine: one test process; scripts/mutate.mjs also lowers its priority.
  concurrency: 1,
  incremental: true,
  mutate: [
    'src-engine/{packets,devices,run,trace,sim}/**/*.ts',
    '!src-engine/**/*.test.ts',
    '!src-engine/**/testing/**',
    // Fixtures: known-good inputs for tests, the benchmark and the tshark proof, not behaviour.
    '!src-engine/run/fixtures.ts',
    '!src-engine/packets/samples.ts',
  ],
  // Generated output only: tests may read anything else (docs, public/examples).
  ignorePatterns: ['dist', 'reports', 'test-results', 'playwright-report', 'out', '.cache'],
  reporters: ['json', 'html', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  // A timed-out mutant counts as detected, so the timeout must outlast a slow run, not just a long loop. At 10 s, on
  // this machine under a load of 20 to 50, mutants whose few covering tests all pass (tcp.ts's error messages
  // emptied: checked by hand) were recorded as timed out. A real endless loop through a mutant is stopped sooner by
  // Stryker's hit limit (100 times the mutant's hits in the first run): tcp.ts's padding loop with o-- took 6.7 s.
  timeoutMS: 60000,
};
