// What a run returns crosses the worker boundary by structured clone, which copies a byte array's whole
// buffer: frames are cut from shared slabs (packets/slab.ts), so every array in a result must own its buffer.
import { describe, expect, it } from 'vitest';
import { runPoc } from './fixtures';

function byteArrays(value: unknown, found: Uint8Array[] = [], seen = new Set<object>()): Uint8Array[] {
  if (value instanceof Uint8Array) found.push(value);
  else if (value !== null && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    for (const v of Object.values(value)) byteArrays(v, found, seen);
  }
  return found;
}

describe('a run result at the worker boundary', () => {
  it.each(['https://portal.azurestack.local', '192.168.133.74'])('holds only byte arrays that own their whole buffer (to %s)', (to) => {
    const { result } = runPoc({ seed: 3, to });
    const arrays = byteArrays(result);
    expect(arrays.length).toBeGreaterThanOrEqual(result.transmissions.length);
    const shared = arrays.filter((a) => a.byteOffset !== 0 || a.buffer.byteLength !== a.byteLength);
    expect(shared).toEqual([]);
    // And so a clone is no bigger than the frames themselves.
    const cloned = structuredClone(result.transmissions.map((t) => t.bytes));
    expect(cloned.reduce((n, b) => n + b.buffer.byteLength, 0)).toBe(result.transmissions.reduce((n, t) => n + t.bytes.length, 0));
  });
});
