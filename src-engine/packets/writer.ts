// Where the encoders write: a byte array, a position, and a limit. encodePacket writes straight into a slab
// (see slab.ts) and encodePacketInto into the caller's array, both with a fixed limit; the encoder's own
// scratch writer grows instead, for the rare packet that does not fit. Nothing is allocated per layer.

export interface Writer {
  buf: Uint8Array;
  /** Next byte to write. */
  pos: number;
  /** Writing may not reach past this offset (exclusive) unless the writer grows. */
  limit: number;
  /** Grows `buf` when a write would pass `limit`; otherwise such a write throws WRITER_FULL. */
  readonly growable: boolean;
}

/** Thrown (one shared object, made once) when a fixed-size writer runs out of room; the encoder catches it. */
export const WRITER_FULL = new RangeError('the packet does not fit in the bytes given to the encoder');

export function createWriter(size: number, growable = true): Writer {
  const buf = new Uint8Array(size);
  return { buf, pos: 0, limit: size, growable };
}

/** Makes room for `n` more bytes at `pos` and returns the (possibly new) buffer. */
export function reserve(w: Writer, n: number): Uint8Array {
  if (w.pos + n > w.limit) grow(w, w.pos + n);
  return w.buf;
}

function grow(w: Writer, need: number): void {
  if (!w.growable) throw WRITER_FULL;
  const bigger = new Uint8Array(Math.max(need, w.buf.length * 2));
  bigger.set(w.buf.subarray(0, w.pos));
  w.buf = bigger;
  w.limit = bigger.length;
}

/** Appends bytes as they are. */
export function writeBytes(w: Writer, data: Uint8Array): void {
  reserve(w, data.length).set(data, w.pos);
  w.pos += data.length;
}
