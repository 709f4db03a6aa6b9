// What a run returns crosses the worker boundary by structured clone, which copies a byte array's whole
// buffer (once, however many arrays view it): frames are cut from shared packet slabs (packets/slab.ts),
// so the buffers behind a result's arrays must hold the run's frames and nothing else.
import { describe, expect, it } from 'vitest';
import { FRAME_STORE } from '../trace/recorder';
import { runPoc } from './fixtures';

function byteArrays(value: unknown, found: Uint8Array[] = [], seen = new Set<object>()): Uint8Array[] {
  if (value instanceof Uint8Array) found.push(value);
  else if (value !== null && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const v of Object.values(value)) byteArrays(v, found, seen);
  }
  return found;
}

const total = (arrays: Iterable<{ readonly byteLength: number }>): number => [...arrays].reduce((n, a) => n + a.byteLength, 0);

describe('a run result at the worker boundary', () => {
  it.each(['https://portal.azurestack.local', '192.168.133.74'])('holds byte arrays whose buffers hold its frames and nothing else (to %s)', (to) => {
    const { result } = runPoc({ seed: 3, to });
    const arrays = byteArrays(result);
    expect(arrays.length).toBeGreaterThanOrEqual(result.transmissions.length);
    const frames = new Set(arrays);
    const buffers = new Set(arrays.map((a) => a.buffer));
    // Each buffer is the frames laid end to end from its start, with no gap and no overlap (nothing else lies
    // between them); only one (the store's last, part-filled) may have room left after them.
    const spans = new Map<ArrayBufferLike, [number, number][]>();
    for (const a of frames) {
      const list = spans.get(a.buffer) ?? [];
      list.push([a.byteOffset, a.byteOffset + a.byteLength]);
      spans.set(a.buffer, list);
    }
    let partFilled = 0;
    for (const [buffer, list] of spans) {
      list.sort((x, y) => x[0] - y[0]);
      let end = 0;
      for (const [from, to] of list) {
        expect(from).toBe(end);
        end = to;
      }
      if (end < buffer.byteLength) partFilled++;
    }
    expect(partFilled).toBeLessThanOrEqual(1);
    const frameBytes = total(frames);
    expect(total(buffers)).toBeLessThan(frameBytes + FRAME_STORE);
    // And so a clone is no bigger than that.
    const cloned = structuredClone(result.transmissions.map((t) => t.bytes));
    expect(total(new Set(cloned.map((b) => b.buffer)))).toBe(total(new Set(result.transmissions.map((t) => t.bytes.buffer))));
    expect(cloned.map((b) => [...b])).toEqual(result.transmissions.map((t) => [...t.bytes]));
  });
});
