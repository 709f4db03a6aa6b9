// A growable byte buffer for the encoder. encodePacket reuses one for every packet and copies the result
// out, so the hot path allocates one Uint8Array per packet and nothing per layer.

export interface Writer {
  buf: Uint8Array;
  /** Next byte to write. */
  pos: number;
}

export function createWriter(size: number): Writer {
  return { buf: new Uint8Array(size), pos: 0 };
}

/** Makes room for `n` more bytes at `pos` and returns the (possibly new) buffer. */
export function reserve(w: Writer, n: number): Uint8Array {
  const need = w.pos + n;
  if (need > w.buf.length) {
    const bigger = new Uint8Array(Math.max(need, w.buf.length * 2));
    bigger.set(w.buf.subarray(0, w.pos));
    w.buf = bigger;
  }
  return w.buf;
}

/** Appends bytes as they are. */
export function writeBytes(w: Writer, data: Uint8Array): void {
  reserve(w, data.length).set(data, w.pos);
  w.pos += data.length;
}
