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
console.log(`\nFuzzing, seed ${values.seed}`);
console.log(`${'surface'.padEnd(22)}${'cases'.padStart(8)}${'crashes'.padStart(9)}${'hangs'.padStart(7)}${'wrong acceptances'.padStart(19)}`);
for (const t of tallies) console.log(`${t.surface.padEnd(22)}${String(t.cases).padStart(8)}${String(t.crashes).padStart(9)}${String(t.hangs).padStart(7)}${String(t.wrongAcceptances).padStart(19)}`);
for (const t of tallies) if (t.first) console.log(`first problem in ${t.surface}: ${t.first.kind} on ${t.first.input}: ${t.first.detail}`);
if (tallies.length < files.length) console.log(`${files.length - tallies.length} surface(s) reported no tally (a test file failed to run)`);
process.exit(r.status === 0 && tallies.length === files.length ? 0 : 1);
