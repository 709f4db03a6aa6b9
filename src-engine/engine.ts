// The engine behind the worker: one object whose methods are the user's intents (see EngineApi).
// It holds the loaded topology and the last run; it is plain TypeScript and runs under Node too.
import { engineError } from './errors';
import { layoutTopology } from './layout/layoutTopology';
import type { EngineApi, EngineError, Result, TopologySnapshot } from './protocol';
import { POC_TOPOLOGY } from './scenarios/poc';
import type { Topology } from './topology/schema';
import { parseTopology } from './topology/validate';

export function createEngine(): EngineApi {
  let topology: Topology | undefined;

  const notImplemented = <T>(): Promise<Result<T>> =>
    Promise.resolve({ ok: false, error: engineError('not-implemented') });

  return {
    async loadTopology(doc?: unknown): Promise<Result<TopologySnapshot, readonly EngineError[]>> {
      const parsed = parseTopology(doc ?? POC_TOPOLOGY);
      if (!parsed.ok) return parsed;
      topology = parsed.value;
      return { ok: true, value: { topology, layout: layoutTopology(topology) } };
    },
    run: () => (topology ? notImplemented() : Promise.resolve({ ok: false, error: engineError('not-loaded') })),
    tables: () => notImplemented(),
    exportPcapng: () => notImplemented(),
  };
}
