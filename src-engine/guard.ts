// Expected failures come back from the engine as values; anything it throws is a bug. The guard turns such a
// throw into a typed error value too, so the page never waits on a promise that comlink rejects with only a
// message, and the worker keeps serving.
import { engineError } from './errors';
import type { EngineApi } from './protocol';

export function guardEngine(engine: EngineApi): EngineApi {
  const guard =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (e) {
        const detail = `${name} failed inside the engine: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.slice(0, 500);
        const error = engineError('engine-crashed', detail);
        return { ok: false, error: name === 'loadTopology' ? [error] : error } as R;
      }
    };
  return {
    loadTopology: guard('loadTopology', engine.loadTopology),
    run: guard('run', engine.run),
    tables: guard('tables', engine.tables),
    exportPcapng: guard('exportPcapng', engine.exportPcapng),
  };
}
