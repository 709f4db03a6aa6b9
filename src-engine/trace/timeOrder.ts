// The order a run's event list is shown in: by time, events of one time in the order they were recorded.

/**
 * The places of `times` in time order, equal times kept in their order: a stable sort. A run records
 * many events at one time in a row (a flood records hundreds of frames at once) and only some thousands
 * of distinct times, so the places are sorted as blocks of one time each: the blocks by time and then
 * place, as one number each (time and block together) in a typed array's own sort when the times are
 * whole microseconds, the usual case, else by a compared sort.
 */
export function timeOrder(times: Float64Array): Int32Array {
  const n = times.length;
  const order = new Int32Array(n);
  // Blocks of consecutive places with one time: where each starts, in order recorded.
  const starts: number[] = [];
  let whole = true;
  let max = 0;
  for (let r = 0; r < n; r++) {
    const t = times[r]!;
    if (r === 0 || t !== times[r - 1]) starts.push(r);
    if (!(t >= 0) || t % 1 !== 0) whole = false;
    else if (t > max) max = t;
  }
  const blocks = starts.length;
  let bits = 1;
  while (2 ** bits < blocks) bits++;
  const scale = 2 ** bits;
  let sorted: ArrayLike<number>;
  if (whole && max * scale + blocks <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(blocks);
    for (let b = 0; b < blocks; b++) keys[b] = times[starts[b]!]! * scale + b;
    keys.sort();
    for (let b = 0; b < blocks; b++) keys[b] = keys[b]! - Math.floor(keys[b]! / scale) * scale;
    sorted = keys;
  } else sorted = Array.from({ length: blocks }, (_, b) => b).sort((a, b) => times[starts[a]!]! - times[starts[b]!]! || a - b);
  let k = 0;
  for (let i = 0; i < blocks; i++) {
    const b = sorted[i]!;
    const end = b + 1 < blocks ? starts[b + 1]! : n;
    for (let r = starts[b]!; r < end; r++) order[k++] = r;
  }
  return order;
}
