// The tests Stryker runs against each mutant. scripts/mutate.mjs narrows them per folder (HOPLAB_MUTATE_TESTS):
// a folder's own unit tests, plus the simulation tests for the folders only a run exercises. Never included: the
// page's tests, the CLI test (it spawns a process that cannot see the mutant) and the tshark test (it spawns
// tshark and simulates when the file loads, which would make every engine mutant "static": run against every test).
import { statSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { BaseSequencer } from 'vitest/node';

/**
 * Smallest test file first, property and fuzz files last. Stryker stops a mutant's run at its first failing test,
 * so a mutant that most tests kill (one in the switch, the scheduler) is killed by a short file instead of after the
 * longest one, which is where Vitest's own order would start. Property and fuzz files are short but slow (thousands
 * of decodes each: 11 of the packets tests' 14 s), and they cover nearly every decoding line, so by size alone they
 * would run first for almost every packets mutant, before the exact-value test that kills it in milliseconds. The
 * order changes no result: a survivor still runs every test covering it.
 */
const SLOW = /\.(fuzz|property)\.test\.ts$/;
// The field tables (each header's field names and labels) are built when their modules load, so their mutants are
// static: run against every test of the folder. The one file that checks every table runs in milliseconds, yet by
// size it came after 18 others (104 to 178 tests before it killed a label emptied): it goes first.
const TABLES = /\/packets\/fieldTables\.test\.ts$/;
class SmallestFirst extends BaseSequencer {
  async sort(files) {
    const cost = new Map(files.map((f) => [f, TABLES.test(f.moduleId) ? -1 : (SLOW.test(f.moduleId) ? 1e9 : 0) + statSync(f.moduleId).size]));
    return [...files].sort((a, b) => cost.get(a) - cost.get(b));
  }
}

const include = process.env.HOPLAB_MUTATE_TESTS ? JSON.parse(process.env.HOPLAB_MUTATE_TESTS) : ['src-engine/**/*.test.ts'];

export default defineConfig({
  test: {
    include,
    exclude: ['**/node_modules/**', 'src-engine/cli/**', 'src-engine/capture/tshark.test.ts'],
    environment: 'node',
    // Instrumented code on a loaded machine is several times slower than in npm test.
    testTimeout: 60_000,
    // One module graph per mutant's run instead of one per test file: the run folder's tests take a third of the
    // CPU (4.5 s instead of 14 s) with the same results. Each run still starts a fresh worker, so a mutant reached
    // while a module loads (static) is loaded with it active, and what modules cache (parsed addresses, decoded frames)
    // is filled under the mutant of that run alone.
    isolate: false,
    sequence: { sequencer: SmallestFirst },
  },
});
