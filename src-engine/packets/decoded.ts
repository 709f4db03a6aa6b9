// What decodePacket returns: the layers, where each sits in the bytes, and a span for every field, so a
// hex view can map a byte to the field it belongs to and back.
import type { Layer, LayerType } from './layers';

export type DecodeResult = { ok: true; value: DecodedPacket } | { ok: false; error: DecodeError };

export interface LayerSpan {
  readonly start: number;
  /** Exclusive. A layer's own header (for dns, bgp and raw: all its bytes), not what it carries. */
  readonly end: number;
}

export interface DecodedPacket {
  readonly layers: Layer[];
  /** One per layer. Computed on first read and then kept, like `fields`, and for the same reason. */
  readonly layerSpans: LayerSpan[];
  /**
   * Sorted by start. Computed on first read and then kept, because only a hex view needs them and the
   * simulation decodes millions of packets that never do. It is an own enumerable property, so
   * structuredClone and postMessage carry it across to the UI.
   */
  readonly fields: FieldSpan[];
}

export interface FieldSpan {
  readonly layerIndex: number;
  readonly layer: LayerType;
  /**
   * A dotted path into the layer ('ttl', 'flags.syn', 'questions.0.name', 'message.nlri.0'). Wire fields
   * the layer type does not hold because the codec derives them (version, header length, counts, BGP
   * marker) have spans too, under names not in the type, so every byte of a packet belongs to a field.
   */
  readonly field: string;
  readonly label: string;
  /** Absolute byte offsets in the whole packet; end exclusive. */
  readonly start: number;
  readonly end: number;
  /** For fields narrower than their bytes: the bits they use within [start, end), big-endian. */
  readonly bitMask?: number;
}

export interface DecodeError {
  readonly code: 'truncated' | 'malformed';
  readonly layer: LayerType;
  readonly field: string;
  /** Where the offending field starts, 0 <= offset <= input length. */
  readonly offset: number;
  readonly message: string;
}
