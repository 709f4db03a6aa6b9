#!/usr/bin/env node
// `npm run fuzz`: every input surface's fuzz test with 10,000 cases (FUZZ_RUNS), seeded (FC_SEED), then one
// line per surface: cases, crashes, hangs, wrong acceptances. The CLI surface starts a real process per
// case, so it has its own count (FUZZ_CLI_RUNS, default 1,000 here).
//   npm run fuzz [-- --runs 10000 --cli-runs 1000 --seed 20160129]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { parseScriptArgs } from './cli.mjs';

const values = parseScriptArgs('fuzz', 'Usage: npm run fuzz -- [--runs 10000] [--cli-runs 1000] [--seed 20160129]', {
  runs: { type: 'string', default: '10000' },
  'cli-runs': { type: 'string', default: '1000' },
  seed: { type: 'string', default: '20160129' },
});
for (const key of ['runs', 'cli-runs', 'seed']) {
  if (!/^\d+$/.test(values[key])) {
    console.error(`fuzz: --${key} must be a whole number, got "${values[key]}".`);
    process.exit(2);
  }
}
const REPORT = '.cache/fuzz/report.jsonl';
rmSync(REPORT, { force: true });
const files = ['src-engine/topology/topology.fuzz.test.ts', 'web/url/urlState.fuzz.test.ts', 'src-engine/cli/cli.fuzz.test.ts', 'src-engine/view/destination.fuzz.test.ts', 'src-engine/packets/packets.fuzz.test.ts'];
const r = spawnSync('npx', ['vitest', 'run', ...files], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: values.runs, FUZZ_CLI_RUNS: values['cli-runs'], FC_SEED: values.seed, FUZZ_REPORT: REPORT },
});
const tallies = existsSync(REPORT) ? readFileSync(REPORT, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
// Every surface the files above fuzz, by the name each tallies under: one that reports nothing (its test file failed
// to load, or its test timed out before the tally) is listed as such, not left out of the table.
const SURFACES = ['topology documents', 'URL state', 'CLI arguments', 'destination text', 'packet bytes', 'packet bytes, leading layers'];
const missing = SURFACES.filter((s) => !tallies.some((t) => t.surface === s));
const width = Math.max(...SURFACES.map((s) => s.length), ...tallies.map((t) => t.surface.length)) + 2;
const row = (surface, ...cells) => `${surface.padEnd(width)}${cells.map((c, i) => String(c).padStart([8, 9, 7, 19][i])).join('')}`;
console.log(`\nFuzzing, seed ${values.seed}`);
console.log(row('surface', 'cases', 'crashes', 'hangs', 'wrong acceptances'));
for (const t of tallies) console.log(row(t.surface, t.cases, t.crashes, t.hangs, t.wrongAcceptances));
for (const s of missing) console.log(`${s.padEnd(width)}no tally: its test failed to run or timed out (see above)`);
for (const t of tallies) if (t.first) console.log(`first problem in ${t.surface}: ${t.first.kind} on ${t.first.input}: ${t.first.detail}`);
process.exit(r.status === 0 && missing.length === 0 ? 0 : 1);
