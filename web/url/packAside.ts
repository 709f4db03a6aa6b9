// A topology's link parameter, compressed in a worker of its own (see packWorker.ts); in the page's thread
// only where there are no workers (unit tests under Node) or the worker failed.
import { packTopology, type Packed } from './topologyLink';

let worker: Worker | undefined;
let failed = typeof Worker === 'undefined';
let next = 0;
const waiting = new Map<number, (p: Packed) => void>();

function start(): Worker {
  const w = new Worker(new URL('./packWorker.ts', import.meta.url), { type: 'module', name: 'hoplab-link' });
  w.addEventListener('message', (e: MessageEvent<{ id: number; packed: Packed }>) => {
    waiting.get(e.data.id)?.(e.data.packed);
    waiting.delete(e.data.id);
  });
  const fail = () => {
    failed = true;
    w.terminate();
    worker = undefined;
  };
  w.addEventListener('error', fail);
  w.addEventListener('messageerror', fail);
  return w;
}

export async function packAside(doc: unknown): Promise<Packed> {
  if (failed) return packTopology(doc);
  worker ??= start();
  const id = next++;
  const w = worker;
  return new Promise<Packed>((resolve) => {
    waiting.set(id, resolve);
    // A worker that fails never answers: this request (and any other waiting) is packed here instead.
    w.addEventListener('error', () => {
      if (waiting.delete(id)) resolve(packTopology(doc));
    });
    // JSON text, not the object: see packWorker.ts.
    w.postMessage({ id, text: JSON.stringify(doc) });
  });
}
