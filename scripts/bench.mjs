#!/usr/bin/env node
// `npm run bench`: every benchmark, one after another (they share a noisy machine, so never in parallel).
// Each prints its own table and one `BENCH {json}` line; this collects those lines into one summary.
// Figures are reported as ratios to a baseline measured in the same run, never as absolute pass/fail.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const benches = readdirSync('src-engine/bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
  .map((f) => ['npx', ['tsx', `src-engine/bench/${f}`]]);
if (existsSync('scripts/bench-frames.mjs')) {
  // The frame benchmark's page modes (?bench=...) exist only in this separate build, never in the published dist/.
  benches.push(['npx', ['vite', 'build', '--logLevel', 'warn', '--mode', 'bench']], ['node', ['scripts/bench-frames.mjs']]);
  // The sequence diagram at over 5,000 frames, beside a bare d3 drawing of as many arrows (same build).
  if (existsSync('scripts/bench-sequence.mjs')) benches.push(['node', ['scripts/bench-sequence.mjs']]);
}

const results = [];
let failed = 0;
for (const [cmd, args] of benches) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(r.stdout);
  if (r.status !== 0) failed += 1;
  for (const line of r.stdout.split('\n')) if (line.startsWith('BENCH ')) results.push(JSON.parse(line.slice(6)));
}
console.log('\nAll benchmark results (JSON):');
for (const r of results) console.log(JSON.stringify(r));
process.exit(failed > 0 ? 1 : 0);
