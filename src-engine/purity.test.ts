// Proves the engine is a library: no file under src-engine/ imports UI code, and only the worker entry
// touches comlink or `self`. (ESLint says the same while editing; this check runs in npm test.)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('.', import.meta.url).pathname;
const FORBIDDEN = ['react', 'react-dom', 'zustand', '@xyflow/react'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|js|mjs)$/.test(e.name) ? [path] : [];
  });
}

/**
 * The module specifiers a file loads at run time: every import and re-export but `import type` and
 * `export type` (an inline `import { type X }` still loads its module under verbatimModuleSyntax).
 */
function runtimeImportsOf(source: string): string[] {
  const specs: string[] = [];
  const re = /(?:^|[\n;])\s*(?:import|export)\s+(type\s+)?[^'";]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(re)) if (!m[1]) specs.push((m[2] ?? m[3] ?? m[4])!);
  return specs;
}

/** A relative specifier as the .ts or .tsx file it names. */
function resolveSource(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (readFileSync(candidate, 'utf8') !== undefined && /\.tsx?$/.test(candidate)) return candidate;
    } catch {
      // not this one
    }
  }
  throw new Error(`${from}: cannot resolve ${spec}`);
}

/** Every file a set of entry files loads at run time, following relative imports; and the packages they load. */
function runtimeClosure(entries: readonly string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [...entries];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of runtimeImportsOf(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) todo.push(resolveSource(file, spec));
      else packages.add(spec);
    }
  }
  return { files, packages };
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function importsOf(source: string): string[] {
  const specs: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(re)) specs.push((m[1] ?? m[2] ?? m[3])!);
  return specs;
}

describe('src-engine purity', () => {
  // This file's own examples of forbidden imports are strings, not imports: leave it out.
  const files = sourceFiles(ROOT).filter((f) => !f.endsWith('purity.test.ts'));

  it('finds the engine sources', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('the import scanner sees static, dynamic and side-effect imports', () => {
    expect(importsOf(`import x from 'react';\nexport { y } from "../web/a";\nawait import('zustand');\nimport 'd';`)).toEqual([
      'react', '../web/a', 'zustand', 'd',
    ]);
  });

  it('no engine file imports react, react-dom, zustand, @xyflow/react or anything under web/', () => {
    const offenders = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((s) => FORBIDDEN.some((f) => s === f || s.startsWith(`${f}/`)) || /(^|\/)web(\/|$)/.test(s))
        .map((s) => `${relative(ROOT, file)} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only worker.ts touches comlink', () => {
    const users = files.filter((f) => importsOf(readFileSync(f, 'utf8')).includes('comlink')).map((f) => relative(ROOT, f));
    expect(users).toEqual(['worker.ts']);
  });

  it('the runtime import scanner leaves out type-only imports', () => {
    expect(runtimeImportsOf(`import type { A } from './a';\nimport { b, type C } from './b';\nexport type { D } from './d';\nexport * from './e';\nimport './f';`)).toEqual(['./b', './e', './f']);
  });

  it('src-engine/view/ is pure and zod-free: what it loads at run time reaches no package at all', () => {
    const view = sourceFiles(join(ROOT, 'view')).filter((f) => !f.endsWith('.test.ts'));
    const { files, packages } = runtimeClosure(view);
    expect([...packages]).toEqual([]);
    // It stays small: the codecs, the limits, the error table and a few constants, never the devices, the simulator or the schema.
    const outside = [...files].map((f) => relative(ROOT, f)).filter((f) => !f.startsWith('view/'));
    expect(outside.filter((f) => !/^(packets\/|sim\/timing\.ts$|limits\.ts$|net\/text\.ts$|guard\.ts$|errors\.ts$|workerSignals\.ts$|layout\/|net\/dnsName\.ts$)/.test(f))).toEqual([]);
  });

  it('the page loads engine code at run time only from src-engine/view/ (types from anywhere)', () => {
    const WEB = join(ROOT, '..', 'web');
    // The benchmark harness (web/bench, loaded only in bench mode) builds its generated topology itself; tests
    // and their helpers (testing/ folders, which the app never imports) run the engine in their own process.
    const page = sourceFiles(WEB).filter((f) => !/\.test\.tsx?$/.test(f) && !/(^|\/)testing\//.test(relative(WEB, f)) && !relative(WEB, f).startsWith('bench/'));
    expect(page.length).toBeGreaterThan(20);
    const offenders = page.flatMap((file) =>
      runtimeImportsOf(readFileSync(file, 'utf8'))
        .filter((s) => (s.includes('src-engine/') && !/src-engine\/view\//.test(s)) || /(^|\/)testing\//.test(s))
        .map((s) => `${relative(WEB, file)} loads ${s}`),
    );
    expect(offenders).toEqual([]);
  });
});
