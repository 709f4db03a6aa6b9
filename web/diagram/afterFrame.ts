// Paces a large drawing's batches by the page's frames. React Flow measures the nodes a batch brought into view
// in the next frame (its ResizeObserver, in that frame's task), then renders them again. Timer tasks alone can
// run several batches before a frame comes, and that frame's one task then measures and renders the nodes of
// all of them: at 4,000 VMs about 300 at once, tens of milliseconds of CPU. So once batches have mounted
// MEASURE_FROM nodes or more, a frame comes before the next batch; batches that mount few or none (their VMs are
// out of view) are not held back.
// A hidden page draws no frames (and measures nothing): there the batch runs in the next task. A shown page is
// waited for a long time (FRAME_WAIT_MS), as on a loaded machine (load 20 on two cores) a loading page was seen
// drawing about one frame a second, and a batch that runs before the frame is measured with the next one.

/** How long a batch waits for a frame on a shown page before it runs without one. */
export const FRAME_WAIT_MS = 5000;

export interface FrameClock {
  requestAnimationFrame: (fn: () => void) => number;
  cancelAnimationFrame: (id: number) => void;
  setTimeout: (fn: () => void, ms?: number) => number;
  clearTimeout: (id: number) => void;
  /** The page is hidden: it draws no frames. */
  hidden: () => boolean;
}

const pageClock = (): FrameClock => ({
  requestAnimationFrame: (fn) => requestAnimationFrame(fn),
  cancelAnimationFrame: (id) => cancelAnimationFrame(id),
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (id) => window.clearTimeout(id),
  hidden: () => document.visibilityState === 'hidden',
});

/** Runs `work` once, in a task after the next frame (or after `fallbackMs` without one; at once when hidden). Returns a cancel. */
export function afterNextFrame(work: () => void, fallbackMs = FRAME_WAIT_MS, clock: FrameClock = pageClock()): () => void {
  let task: number | undefined;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    clock.cancelAnimationFrame(frame);
    clock.clearTimeout(fallback);
    if (task !== undefined) clock.clearTimeout(task);
    work();
  };
  // Not in the frame's callback itself: that would run before the frame's layout and measuring.
  const frame = clock.requestAnimationFrame(() => {
    clock.clearTimeout(fallback);
    task = clock.setTimeout(run);
  });
  const fallback = clock.setTimeout(run, clock.hidden() ? 0 : fallbackMs);
  return () => {
    done = true;
    clock.cancelAnimationFrame(frame);
    clock.clearTimeout(fallback);
    if (task !== undefined) clock.clearTimeout(task);
  };
}

/** Nodes mounted since the last frame this many or more are measured by a frame before the next batch. */
export const MEASURE_FROM = 40;

/**
 * Runs `batch` in a task of its own: at once when fewer than MEASURE_FROM nodes were mounted (`mounted()`, the
 * count now) since `seen` (the count when a frame was last waited for), else after the next frame (which
 * measures them). Returns a cancel.
 */
export function nextBatch(batch: () => void, mounted: () => number, seen: { count: number }, clock: FrameClock = pageClock()): () => void {
  let cancelFrame: (() => void) | undefined;
  const task = clock.setTimeout(() => {
    const now = mounted();
    if (now - seen.count < MEASURE_FROM) {
      // Fewer nodes (or none: the count falls as nodes leave the view) are cheap to measure with the next ones.
      seen.count = Math.min(seen.count, now);
      batch();
      return;
    }
    seen.count = now;
    cancelFrame = afterNextFrame(batch, undefined, clock);
  });
  return () => {
    clock.clearTimeout(task);
    cancelFrame?.();
  };
}
