// Playback measured in alternating slices (scripts/bench-frames.mjs). The app and bare React Flow (and a compared
// build) are each loaded in a page of their own, then play in turns of a short slice each, the order reversed
// every other round (ABBA): a burst of load from other programs on the shared machine then falls on a slice of
// one side, not on the whole of its measurement, and the median of the slice-by-slice ratios leaves it out.

/** The order in which the pages play in slice `i`: as given, then reversed, and so on. */
export function sliceOrder(names, i) {
  return i % 2 === 0 ? [...names] : [...names].reverse();
}

/** The median (the mean of the middle two of an even count; 0 when empty). */
export function median(values) {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const r2 = (x) => Number(x.toFixed(2));

/**
 * Slice i of `app` against slice i of `bare` (each `{ fps, cpuMsPerS }`): the frame-rate ratios and CPU ratios of
 * every slice, and the median of each. A slice in which either page drew fewer than two frames (a rate of 0: on a
 * loaded machine a large drawing can hold the page's thread for a whole short slice) has no frame-rate ratio
 * (null) and is left out of its median.
 */
export function sliceRatios(app, bare) {
  const fps = app.map((a, i) => (a.fps > 0 && bare[i].fps > 0 ? a.fps / bare[i].fps : null));
  const cpu = app.map((a, i) => a.cpuMsPerS / Math.max(1, bare[i].cpuMsPerS));
  return { fps: fps.map((x) => (x === null ? null : r2(x))), fpsMedian: r2(median(fps.filter((x) => x !== null))), cpu: cpu.map(r2), cpuMedian: r2(median(cpu)) };
}
