// Proves the engine is a library: no file under src-engine/ imports UI code, and only the worker entry
// touches comlink or `self`. (ESLint says the same while editing; this check runs in npm test.)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
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
});
