// A topology file's errors as the page lists them: each once, its path beside it and not again inside
// the message (the engine's messages start with the path, for the command line).
import type { EngineError } from '../../src-engine/protocol';

export interface ErrorLine {
  readonly path: string | undefined;
  readonly text: string;
}

export function errorLines(errors: readonly EngineError[]): ErrorLine[] {
  const seen = new Set<string>();
  const out: ErrorLine[] = [];
  for (const e of errors) {
    const path = e.path || undefined;
    let text = e.message;
    if (path !== undefined && text.startsWith(`${path}: `)) text = text.slice(path.length + 2);
    const key = `${path ?? ''}\n${text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, text });
  }
  return out;
}
