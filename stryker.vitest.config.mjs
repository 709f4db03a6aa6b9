// The tests Stryker runs against each mutant. scripts/mutate.mjs narrows them per folder (HOPLAB_MUTATE_TESTS):
// a folder's own unit tests, plus the simulation tests for the folders only a run exercises. Never included: the
// page's tests, the CLI test (it spawns a process that cannot see the mutant) and the tshark test (it spawns
// tshark and simulates when the file loads, which would make every engine mutant "static": run against every test).
import { defineConfig } from 'vitest/config';

const include = process.env.HOPLAB_MUTATE_TESTS ? JSON.parse(process.env.HOPLAB_MUTATE_TESTS) : ['src-engine/**/*.test.ts'];

export default defineConfig({
  test: {
    include,
    exclude: ['**/node_modules/**', 'src-engine/cli/**', 'src-engine/capture/tshark.test.ts'],
    environment: 'node',
    // Instrumented code on a loaded machine is several times slower than in npm test.
    testTimeout: 60_000,
  },
});
