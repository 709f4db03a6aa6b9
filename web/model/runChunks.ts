// The code a run's first drawing needs (the tokens, the trails, the rings, the event list's rows), asked for
// while the engine computes the run, a module per task. Asking for a lazy module inserts a preload link for
// each chunk it needs; done in the render that draws the run's first step, that was a quarter of its task on
// a 4,000-VM topology. When the run arrives, the modules are there and that render only draws.
import { yieldToPage } from './yieldToPage';

const loaders: (() => Promise<unknown>)[] = [];

/** Registers a lazy module's loader (the same function its `lazy()` calls) to be fetched as a run starts. */
export function loadWithFirstRun(load: () => Promise<unknown>): void {
  loaders.push(load);
}

/** Asks for every registered module, each after `pause` (a task of its own), until `stopped()`. */
export async function fetchRunChunks(stopped: () => boolean, pause: () => Promise<void> = yieldToPage): Promise<void> {
  for (const load of loaders) {
    await pause();
    if (stopped()) return;
    // A module that fails to come is asked for again, and its failure shown, where it is drawn.
    void load().catch(() => undefined);
  }
}
