// Errors the page meets on its own (a worker that died or took too long, a file that is not JSON, an edit
// that cannot be made), typed and worded like the engine's, by the one table in src-engine/view/errors.ts.
// The table is text the first screen does not need, so it loads with the first error to show.
import type { EngineError, ErrorCode } from '../../src-engine/protocol';

/** An error of `code`: what happened (`detail`), then the table's word on what to do. Never rejects. */
export async function typedError(code: ErrorCode, detail: string): Promise<EngineError> {
  try {
    const { engineError } = await import('../../src-engine/view/errors');
    return engineError(code, detail);
  } catch {
    // The table could not load (the site changed under an open page, or the network is gone): the detail
    // still says what happened, under the same code.
    return { code, message: `${detail}.` };
  }
}
