// The page's handle on the engine worker. The page imports engine code as types only: the work
// (validation, layout, simulation) runs in the worker, and the page thread only draws.
//
// The worker can die: a bug throws, memory runs out, the browser reclaims it, or a run never ends. So every
// call has a timeout and always settles, with a typed error when the engine could not answer; the worker's
// end is noticed (its error event, and a Web Lock it holds for its lifetime, which the browser releases
// when the worker stops for any reason); and a new worker is started, handed the current topology by
// whoever registered `onEngineRestart`, before any further call reaches it.
import { wrap, type Remote } from 'comlink';
import { FAILED, LIFELOCK_PREFIX, METHODS, READY_MESSAGE } from '../../src-engine/view/index';
import type { RunWire } from '../../src-engine/view/runLog';
import { snapshotFromWire, type SnapshotWire } from '../../src-engine/view/snapshotWire';
import type { EngineApi, EngineError, Result, RunResult, TopologySnapshot } from '../../src-engine/protocol';
import type { WorkerApi } from '../../src-engine/worker';
import { typedError } from './typedError';
import { yieldToPage } from '../model/yieldToPage';

type Api = WorkerApi;
type Method = keyof Api;

/** The engine as the page calls it: the engine's own API, whose every call settles, with a value or a typed error. */
export type EngineClient = EngineApi;

/** How long each call may take before the worker is declared stuck (the 4,000-VM topology takes a few seconds). */
export const CALL_TIMEOUT_MS: Record<Method, number> = { loadTopology: 60_000, validateTopology: 60_000, run: 60_000, compareRun: 60_000, tables: 15_000, exportPcapng: 30_000, lessons: 15_000, resolveLesson: 15_000 };

export type EngineDeath = 'crashed' | 'stopped' | 'timeout';

interface Live {
  readonly worker: Worker;
  readonly remote: Remote<Api>;
  readonly ready: Promise<void>;
  readonly generation: number;
  dead: boolean;
  /** Settles every pending call of this worker when it dies. */
  readonly onDeath: Set<(why: EngineDeath) => void>;
}

let live: Live | undefined;
let generation = 0;
let restartHook: ((why: EngineDeath, engine: EngineClient) => Promise<void>) | undefined;
let restarting: Promise<void> | undefined;

/** Registers what to do after a restart (reload the topology, replay the run); the page's store does. */
export function onEngineRestart(hook: (why: EngineDeath, engine: EngineClient) => Promise<void>): void {
  restartHook = hook;
}

function deathError(why: EngineDeath, method: Method): Promise<EngineError> {
  if (why === 'timeout') return typedError('engine-timeout', `The engine did not answer ${method} within ${CALL_TIMEOUT_MS[method] / 1000} s, so it was restarted`);
  return typedError('engine-crashed', `The engine ${why === 'crashed' ? 'failed' : 'stopped'} while working on ${method}, so it was restarted`);
}

function start(): Live {
  const gen = ++generation;
  const name = `${LIFELOCK_PREFIX}${gen}-${Math.random().toString(36).slice(2)}`;
  const worker = new Worker(new URL('../../src-engine/worker.ts', import.meta.url), { type: 'module', name });
  const state: Live = { worker, remote: wrap<Api>(worker), ready: Promise.resolve(), generation: gen, dead: false, onDeath: new Set() };
  const ready = new Promise<void>((resolve) => {
    const onMessage = (e: MessageEvent) => {
      if (e.data !== READY_MESSAGE) return;
      worker.removeEventListener('message', onMessage);
      resolve();
      // The worker holds this lock while it lives; the browser grants it to us only once the worker is gone.
      void navigator.locks?.request(name, () => died(state, 'stopped'));
    };
    worker.addEventListener('message', onMessage);
  });
  (state as { ready: Promise<void> }).ready = ready;
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    died(state, 'crashed');
  });
  worker.addEventListener('messageerror', () => died(state, 'crashed'));
  return state;
}

/** Marks a worker dead, fails its pending calls, and starts its successor. */
function died(state: Live, why: EngineDeath): void {
  if (state.dead) return;
  state.dead = true;
  state.worker.terminate();
  for (const settle of state.onDeath) settle(why);
  state.onDeath.clear();
  if (live !== state) return;
  live = start();
  const next = live;
  restarting = (async () => {
    await next.ready;
    try {
      await restartHook?.(why, restartClient);
    } finally {
      if (live === next) restarting = undefined;
    }
  })();
}

function current(): Live {
  if (!live || live.dead) live = start();
  return live;
}

/**
 * One call, settled whatever happens: the engine's answer, or `failed` with a typed error when the worker
 * died, took too long, or could not be reached at all. It never rejects.
 */
async function call<R>(method: Method, args: unknown[], fromRestart: boolean, failed: (error: EngineError) => R): Promise<R> {
  try {
    return await attempt(method, args, fromRestart, failed);
  } catch (e) {
    return failed(await typedError('engine-crashed', `The page could not reach the engine for ${method} (${describe(e)})`));
  }
}

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function attempt<R>(method: Method, args: unknown[], fromRestart: boolean, failed: (error: EngineError) => R): Promise<R> {
  if (restarting && !fromRestart) await restarting.catch(() => undefined);
  const state = current();
  await state.ready;
  return new Promise<R>((resolve) => {
    let done = false;
    const settle = (value: R | Promise<R>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      state.onDeath.delete(onDeath);
      resolve(value);
    };
    const onDeath = (why: EngineDeath) => settle(deathError(why, method).then(failed));
    state.onDeath.add(onDeath);
    const timer = setTimeout(() => {
      settle(deathError('timeout', method).then(failed));
      died(state, 'timeout');
    }, CALL_TIMEOUT_MS[method]);
    const crashed = (e: unknown) => settle(typedError('engine-crashed', `The engine failed on ${method} (${describe(e)})`).then(failed));
    try {
      const fn = state.remote[method] as unknown as (...a: unknown[]) => Promise<R>;
      fn(...args).then(settle, crashed);
    } catch (e) {
      // Arguments that cannot be sent to the worker: the worker is fine, the call is not.
      crashed(e);
    }
  });
}

/**
 * A run arrives with its frames and events as columns (typed arrays instead of an object per frame);
 * here they become the result's objects (code loaded with the first run, not with the first screen).
 */
const ARRIVED: Partial<Record<Method, (answer: unknown) => Promise<unknown>>> = {
  run: (answer) => withRunObjects(answer as Result<RunWire>),
  compareRun: (answer) => withRunObjects(answer as Result<RunWire>),
  loadTopology: (answer) => withSnapshot(answer as Result<SnapshotWire, readonly EngineError[]>),
};

/** Reading a snapshot's parts holds the page's thread for about this long before it yields. */
const SNAPSHOT_SLICE_MS = 8;

/** A loaded topology's snapshot, read from its parts in tasks of a few milliseconds each. */
async function withSnapshot(answer: Result<SnapshotWire, readonly EngineError[]>): Promise<Result<TopologySnapshot, readonly EngineError[]>> {
  if (!answer.ok) return answer;
  const reading = snapshotFromWire(answer.value);
  let since = performance.now();
  for (;;) {
    const step = reading.next();
    if (step.done) return { ok: true, value: step.value };
    if (performance.now() - since > SNAPSHOT_SLICE_MS) {
      await yieldToPage();
      since = performance.now();
    }
  }
}

async function withRunObjects(answer: Result<RunWire>): Promise<Result<RunResult>> {
  if (!answer.ok) return answer;
  const { runFromWire } = await import('../../src-engine/view/runLog');
  return { ok: true, value: runFromWire(answer.value) };
}

function makeClient(fromRestart: boolean): EngineClient {
  const out = {} as Record<Method, (...args: unknown[]) => Promise<unknown>>;
  for (const method of METHODS) {
    const arrived = ARRIVED[method];
    out[method] = async (...args) => {
      const answer = await call(method, args, fromRestart, FAILED[method] as (e: EngineError) => unknown);
      return arrived ? arrived(answer) : answer;
    };
  }
  return out as unknown as EngineClient;
}

const client = makeClient(false);
/** The restart hook's own handle: it must not wait for the restart it is part of. */
const restartClient = makeClient(true);

/** One worker per page, started on first use, restarted when it dies. */
export function getEngine(): EngineClient {
  return client;
}
