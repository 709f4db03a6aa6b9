// Packet-sized byte arrays cut from large shared ArrayBuffers ("slabs"), not allocated one by one: V8 keeps
// a typed array of more than 64 bytes off the JS heap, and allocating and later freeing each one cost about
// 1 µs, more than encoding the packet. A slab is only ever appended to, never reused, so a view is as
// private as a fresh array (nothing else is ever written where it lies) and starts zero-filled like one; a
// slab is freed once no view of it is left.
//
// The one difference: a view's `.buffer` is the whole slab (and `byteOffset` is not 0). Code that takes
// `.buffer` must use `byteOffset` and `byteLength` too, and bytes that leave the engine (postMessage,
// structured clone, a file) must be `standalone` copies, or the whole slab would travel with them.

// 64 KiB: glibc serves it from its heap, reusing freed memory. From 128 KiB on it maps fresh pages for every
// slab and unmaps them when it is freed, which cost 250 µs a slab (100 ns a packet) in the codec benchmark.
const SLAB_SIZE = 64 * 1024;
/** Larger arrays are allocated on their own: they are rare, and would waste the rest of a slab. */
const MAX_FROM_SLAB = 4096;

let slab = new ArrayBuffer(SLAB_SIZE);
let slabBytes = new Uint8Array(slab);
let used = 0;

/** `n` zero bytes, as a view of the current slab (or a plain array when `n` > MAX_FROM_SLAB). */
export function allocBytes(n: number): Uint8Array {
  if (n > MAX_FROM_SLAB) return new Uint8Array(n);
  if (used + n > SLAB_SIZE) newSlab();
  const view = new Uint8Array(slab, used, n);
  used = (used + n + 7) & ~7; // 8-byte aligned, so a view's buffer can back any typed array
  return view;
}

/** A copy of `bytes` from the slab: what `bytes.slice()` gives, without the allocation cost. */
export function copyBytes(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
  const n = end - start;
  const out = allocBytes(n);
  if (n <= 64) for (let i = 0; i < n; i++) out[i] = bytes[start + i]!;
  else out.set(start === 0 && end === bytes.length ? bytes : bytes.subarray(start, end));
  return out;
}

/** `bytes` itself when it owns its whole buffer, else a compact copy: for bytes that leave the engine. */
export function standalone(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/**
 * For an encoder writing in place: the current slab with at least `room` free bytes from `slabFree()` on.
 * Nothing is taken until `takeFromSlab`.
 */
export function slabWithRoom(room: number): Uint8Array {
  if (used + room > SLAB_SIZE) newSlab();
  return slabBytes;
}

export function slabFree(): number {
  return used;
}

/** Takes `n` bytes written in place at `slabFree()` of the slab `slabWithRoom` returned. */
export function takeFromSlab(n: number): Uint8Array {
  const view = slabBytes.subarray(used, used + n);
  used = (used + n + 7) & ~7;
  return view;
}

function newSlab(): void {
  slab = new ArrayBuffer(SLAB_SIZE);
  slabBytes = new Uint8Array(slab);
  used = 0;
}
