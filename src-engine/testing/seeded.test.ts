// Property tests draw their input from fast-check: unseeded, a run could fail once and never again.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : testFiles(path);
    return /\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

/** The text of each `fc.assert(...)` call, up to its closing parenthesis. */
function assertCalls(source: string): string[] {
  const calls: string[] = [];
  for (let at = source.indexOf('fc.assert('); at >= 0; at = source.indexOf('fc.assert(', at + 1)) {
    let depth = 0;
    let end = at + 'fc.assert'.length;
    do {
      const ch = source[end++];
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
    } while (depth > 0 && end < source.length);
    calls.push(source.slice(at, end));
  }
  return calls;
}

describe('property tests', () => {
  it('the scanner finds each call whole, nested parentheses included', () => {
    expect(assertCalls('x; fc.assert(fc.property(a, (b) => f(b)), { seed: FC_SEED }); fc.assert(p)')).toEqual([
      'fc.assert(fc.property(a, (b) => f(b)), { seed: FC_SEED })',
      'fc.assert(p)',
    ]);
  });

  it('every fc.assert in the engine and the page runs with the fixed seed', () => {
    // This file's examples are strings, not calls: leave it out.
    const files = [...testFiles(join(ROOT, 'src-engine')), ...testFiles(join(ROOT, 'web'))].filter((f) => !f.endsWith('seeded.test.ts'));
    const calls = files.flatMap((f) => assertCalls(readFileSync(f, 'utf8')).map((call) => ({ file: relative(ROOT, f), call })));
    expect(calls.length).toBeGreaterThan(5);
    expect(calls.filter((c) => !/seed: FC_SEED\b/.test(c.call)).map((c) => c.file)).toEqual([]);
  });
});
