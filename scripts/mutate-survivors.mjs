// `node scripts/mutate-survivors.mjs <report name> [--all]`: the mutants that survived (or had no coverage), read
// from a mutation run's events as it goes (reports/mutation/<name>.events, written by `npm run mutate`) or, once it
// has ended, from its report (reports/mutation/<name>.json). One line each: file:line:column, mutator, replacement
// and the source it replaces. `<name>` is a folder (`packets`) or a part's report name (`packets.part-_dns_ts`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const REPORTS = 'reports/mutation';
const [name] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const all = process.argv.includes('--all');
if (!name) {
  console.error('usage: node scripts/mutate-survivors.mjs <report name> [--all]');
  process.exit(2);
}
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const events = `${REPORTS}/${name}.events`;
const report = `${REPORTS}/${name}.json`;
/** @type {{ file: string, m: any }[]} */
const mutants = [];
if (existsSync(events) && readdirSync(events).some((f) => f.endsWith('-onMutantTested.json'))) {
  for (const f of readdirSync(events).filter((f) => f.endsWith('-onMutantTested.json')).sort()) {
    const m = JSON.parse(readFileSync(`${events}/${f}`, 'utf8'));
    mutants.push({ file: m.fileName, m });
  }
} else if (existsSync(report)) {
  for (const [file, { mutants: ms }] of Object.entries(JSON.parse(readFileSync(report, 'utf8')).files)) for (const m of ms) mutants.push({ file, m });
} else {
  console.error(`no events or report for ${name} under ${REPORTS}`);
  process.exit(1);
}
const sources = new Map();
const lineOf = (file, line) => {
  if (!sources.has(file)) sources.set(file, existsSync(file) ? readFileSync(file, 'utf8').split('\n') : []);
  return (sources.get(file)[line - 1] ?? '').trim();
};
const counts = {};
const shown = mutants
  .filter(({ m }) => {
    counts[m.status] = (counts[m.status] ?? 0) + 1;
    return all || UNDETECTED.has(m.status);
  })
  .sort((a, b) => a.file.localeCompare(b.file) || a.m.location.start.line - b.m.location.start.line);
for (const { file, m } of shown) {
  const { line, column } = m.location.start;
  console.log(`${file.replace(/^.*?src-engine\//, 'src-engine/')}:${line}:${column} ${m.status} ${m.mutatorName} -> ${JSON.stringify(m.replacement ?? '')}  | ${lineOf(file, line).slice(0, 140)}`);
}
console.log(Object.entries(counts).map(([s, n]) => `${s} ${n}`).join(', '));
