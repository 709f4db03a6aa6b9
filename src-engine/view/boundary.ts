// What the page's engine client shares with the worker besides the API's types: each method's answer when
// the engine could not give one, and the signals the worker sends of its life.
export { FAILED, METHODS } from '../guard';
export { LIFELOCK_PREFIX, READY_MESSAGE } from '../workerSignals';
