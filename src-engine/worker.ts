// The worker entry: the only engine file that touches comlink or `self`.
import './zodJitless';
import { expose } from 'comlink';
import { createWorkerEngine } from './engine';
import { guardEngine } from './guard';
import { READY_MESSAGE } from './workerSignals';

const engine = guardEngine(createWorkerEngine());
export type WorkerApi = typeof engine;
expose(engine);

// Hold a lock named after this worker until it ends; the page waits on the same lock to learn of the end.
const scope = self as unknown as { name: string; navigator: { locks?: { request(name: string, fn: () => Promise<void>): Promise<void> } }; postMessage(m: unknown): void };
const hold = scope.navigator.locks?.request(scope.name, () => {
  scope.postMessage(READY_MESSAGE);
  return new Promise<void>(() => undefined);
});
if (!hold) scope.postMessage(READY_MESSAGE);
