// Expected failures come back from the engine as values; anything it throws is a bug. The guard turns such a
// throw into a typed error value too, so the page never waits on a promise that comlink rejects with only a
// message, and the worker keeps serving. `FAILED` says, per method, what its answer is when the engine
// could not give one (the page's client uses it too, for a worker that died or timed out): a new method
// of the API does not compile until it says the same.
import { engineError } from './view/errors';
import type { EngineApi, EngineError, WorkerEngineApi } from './protocol';

type Method = keyof EngineApi;
type Answer<M extends Method> = Awaited<ReturnType<EngineApi[M]>>;

const one = (error: EngineError) => ({ ok: false as const, error });

export const FAILED: { readonly [M in Method]: (error: EngineError) => Answer<M> } = {
  loadTopology: (error) => ({ ok: false, error: [error] }),
  validateTopology: (error) => ({ ok: false, error: [error] }),
  run: one,
  compareRun: one,
  tables: one,
  exportPcapng: one,
  resolveLesson: one,
  /** The catalogue is only a list: with no engine, there are no lessons to offer. */
  lessons: () => [],
};

export const METHODS = Object.keys(FAILED) as Method[];

export function guardEngine<A extends EngineApi | WorkerEngineApi>(engine: A): A {
  const guarded = {} as Record<Method, (...args: unknown[]) => Promise<unknown>>;
  for (const name of METHODS) {
    const fn = engine[name] as (...args: unknown[]) => Promise<unknown>;
    guarded[name] = async (...args: unknown[]) => {
      try {
        return await fn.apply(engine, args);
      } catch (e) {
        const detail = `${name} failed inside the engine: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.slice(0, 500);
        return FAILED[name](engineError('engine-crashed', detail));
      }
    };
  }
  return guarded as unknown as A;
}
