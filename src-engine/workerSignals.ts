// What the worker and the page agree on besides the API: the worker says it is ready, and holds a Web Lock
// named after itself for as long as it lives, so the page learns of its end, whatever ends it.

/** Posted once by the worker when its API is exposed and its life lock is held. */
export const READY_MESSAGE = 'hoplab-engine-ready';
/** The worker's name, and its life lock's name, start with this. */
export const LIFELOCK_PREFIX = 'hoplab-engine-';
