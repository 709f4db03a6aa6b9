#!/usr/bin/env node
// The page's JavaScript, as a visitor's browser fetches it: the scripts dist/index.html loads (its entry
// and the modules it preloads) and every module they import statically, gzip-compressed. The worker and
// the chunks loaded on demand (panels not on the first screen, the packet decoders after a run) are
// listed apart. Fails when the first screen's JavaScript is over the budget.
//   npm run build && node scripts/page-size.mjs [--dir dist] [--budget-kib 160] [--json-only]
// Prints a table, then one line `BENCH {json}`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseScriptArgs } from './cli.mjs';

const USAGE = "Usage: node scripts/page-size.mjs [--dir dist] [--budget-kib 160] [--json-only]   (the first screen's JavaScript, gzip, against the budget)";
const values = parseScriptArgs('page-size', USAGE, {
  dir: { type: 'string', default: 'dist' },
  'budget-kib': { type: 'string', default: '160' },
  'json-only': { type: 'boolean', default: false },
});
const budgetKib = Number(values['budget-kib']);
if (!(budgetKib > 0)) {
  console.error(`page-size: --budget-kib must be a positive number, got "${values['budget-kib']}".\n${USAGE}`);
  process.exit(2);
}
const dir = values.dir;
if (!existsSync(join(dir, 'index.html'))) {
  console.error(`page-size: ${dir}/index.html does not exist. Run "npm run build" first.`);
  process.exit(2);
}

const html = readFileSync(join(dir, 'index.html'), 'utf8');
/** Asset paths (relative to dir) that index.html loads as scripts or module preloads. */
const roots = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]);
if (roots.length === 0) {
  console.error(`page-size: ${dir}/index.html loads no script.`);
  process.exit(2);
}

const gz = (file) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
/** Static imports of a built chunk (`import ... from "./x.js"`, `import "./x.js"`), as asset paths. */
function staticImports(file) {
  const code = readFileSync(join(dir, file), 'utf8');
  const base = file.slice(0, file.lastIndexOf('/') + 1);
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)].map((m) => base + m[1]);
}

const initial = new Set();
const queue = [...roots];
while (queue.length > 0) {
  const f = queue.shift();
  if (initial.has(f)) continue;
  initial.add(f);
  queue.push(...staticImports(f));
}
const all = readdirSync(join(dir, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => `assets/${f}`);
const isWorker = (f) => /\/worker-[^/]+\.js$/.test(f);
const rows = all.map((f) => ({ file: f, gzip: gz(f), part: initial.has(f) ? 'first screen' : isWorker(f) ? 'worker' : 'on demand' }));
const sum = (part) => rows.filter((r) => r.part === part).reduce((s, r) => s + r.gzip, 0);
const kib = (n) => Number((n / 1024).toFixed(1));
const firstScreen = sum('first screen');
const result = {
  bench: 'page-size',
  budgetKiB: budgetKib,
  firstScreenKiB: kib(firstScreen),
  onDemandKiB: kib(sum('on demand')),
  workerKiB: kib(sum('worker')),
  withinBudget: firstScreen <= budgetKib * 1024,
};

if (!values['json-only']) {
  console.log('The page\'s JavaScript, gzip -9 (KiB):');
  for (const part of ['first screen', 'on demand', 'worker']) {
    for (const r of rows.filter((x) => x.part === part).sort((a, b) => b.gzip - a.gzip)) console.log(`  ${part.padEnd(12)}  ${String(kib(r.gzip)).padStart(6)}  ${r.file}`);
  }
  console.log(`First screen: ${result.firstScreenKiB} KiB of a ${budgetKib} KiB budget; loaded on demand: ${result.onDemandKiB} KiB; worker: ${result.workerKiB} KiB.`);
}
console.log(`BENCH ${JSON.stringify(result)}`);
if (!result.withinBudget) {
  console.error(`page-size: the first screen loads ${result.firstScreenKiB} KiB of JavaScript, over the ${budgetKib} KiB budget. Load what is not on the first screen on demand (React.lazy or import()), or move work into the worker.`);
  process.exit(1);
}
