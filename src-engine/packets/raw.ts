// Bytes no codec here interprets. The layer holds a copy, so later changes to the input cannot reach it.
import type { Decoder } from './decoder';
import type { RawLayer } from './layers';
import { writeBytes, type Writer } from './writer';

export function encodeRaw(w: Writer, l: RawLayer): void {
  writeBytes(w, l.data);
}

export function decodeRaw(d: Decoder, at: number, end: number): number {
  if (d.fields) d.span('raw', 'data', 'Data', at, end);
  d.push({ type: 'raw', data: d.bytes.slice(at, end) }, at, end);
  d.next = null;
  return end;
}
