// The worker entry: the only engine file that touches comlink or `self`.
import { expose } from 'comlink';
import { createEngine } from './engine';

const engine = createEngine();
export type WorkerApi = typeof engine;
expose(engine);
