// Property tests and fuzzers draw their input from fast-check: unseeded, a run could fail once and never again.
// Every call that runs a property or draws values (fc.assert, fc.check, fc.sample, fc.statistics), in any source
// file of the engine, the page, the scripts or the end-to-end tests, must pass the fixed seed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const RUNNERS = ['fc.assert(', 'fc.check(', 'fc.sample(', 'fc.statistics('];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(tsx?|mjs)$/.test(e.name) ? [path] : [];
  });
}

/** The text of each runner call in `source`, from its name to its closing parenthesis. */
function runnerCalls(source: string): string[] {
  const calls: { at: number; text: string }[] = [];
  for (const runner of RUNNERS) {
    for (let at = source.indexOf(runner); at >= 0; at = source.indexOf(runner, at + 1)) {
      let depth = 0;
      let end = at + runner.length - 1;
      do {
        const ch = source[end++];
        if (ch === '(') depth++;
        else if (ch === ')') depth--;
      } while (depth > 0 && end < source.length);
      calls.push({ at, text: source.slice(at, end) });
    }
  }
  return calls.sort((a, b) => a.at - b.at).map((c) => c.text);
}

/** A call is seeded when it passes the project's seed (FC_SEED, or the fuzzers' FUZZ_SEED derived from it). */
const seeded = (call: string) => /seed: (FC_SEED|FUZZ_SEED)\b/.test(call);

describe('property tests', () => {
  it('the scanner finds each runner call whole, nested parentheses included', () => {
    expect(runnerCalls('x; fc.assert(fc.property(a, (b) => f(b)), { seed: FC_SEED }); fc.assert(p); fc.sample(arb, 3)')).toEqual([
      'fc.assert(fc.property(a, (b) => f(b)), { seed: FC_SEED })',
      'fc.assert(p)',
      'fc.sample(arb, 3)',
    ]);
    expect(runnerCalls('fc.check(q, { seed: FUZZ_SEED + chunk })').map(seeded)).toEqual([true]);
    expect(runnerCalls('fc.statistics(arb, f, { numRuns: 5 })').map(seeded)).toEqual([false]);
  });

  it('every fast-check runner in the engine, the page, the scripts and the e2e tests runs with the fixed seed', () => {
    // This file's examples are strings, not calls: leave it out.
    const files = ['src-engine', 'web', 'scripts', 'e2e'].flatMap((d) => sourceFiles(join(ROOT, d))).filter((f) => !f.endsWith('seeded.test.ts'));
    const calls = files.flatMap((f) => runnerCalls(readFileSync(f, 'utf8')).map((call) => ({ file: relative(ROOT, f), call })));
    // The property tests of the packets, the queue, the flow map, the checksums, the keyboard and the fuzzers' sampler.
    expect(calls.length).toBeGreaterThanOrEqual(15);
    expect(calls.filter((c) => !seeded(c.call)).map((c) => `${c.file}: ${c.call.slice(0, 60)}`)).toEqual([]);
  });
});
