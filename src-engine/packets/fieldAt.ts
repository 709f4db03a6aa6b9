// The field under a byte of a hex view.
import type { DecodedPacket, FieldSpan } from './decoded';

/**
 * The most specific field covering `byteOffset`: the one spanning the fewest bytes, the first listed on a
 * tie (a header's flags container is listed before its bits). undefined when no field covers the byte.
 */
export function fieldAt(packet: DecodedPacket, byteOffset: number): FieldSpan | undefined {
  let best: FieldSpan | undefined;
  for (const f of packet.fields) {
    if (f.start > byteOffset) break; // sorted by start
    if (byteOffset < f.end && (best === undefined || f.end - f.start < best.end - best.start)) best = f;
  }
  return best;
}
