// The page's handle on the engine worker. The page imports engine code as types only: the work
// (validation, layout, simulation) runs in the worker, and the page thread only draws.
import { wrap, type Remote } from 'comlink';
import type { WorkerApi } from '../../src-engine/worker';

export type EngineClient = Remote<WorkerApi>;

let client: EngineClient | undefined;

/** One worker per page, started on first use. */
export function getEngine(): EngineClient {
  if (!client) {
    const worker = new Worker(new URL('../../src-engine/worker.ts', import.meta.url), { type: 'module', name: 'hoplab-engine' });
    client = wrap<WorkerApi>(worker);
  }
  return client;
}
