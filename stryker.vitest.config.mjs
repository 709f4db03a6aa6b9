// The tests Stryker runs against each mutant: the engine's unit tests. Left out: the page's tests, the CLI test (it
// spawns a process that cannot see the mutant) and the tshark test (it spawns tshark and simulates at import time,
// which would make every engine mutant "static", i.e. run against the whole suite).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-engine/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'src-engine/cli/**', 'src-engine/capture/tshark.test.ts'],
    environment: 'node',
  },
});
