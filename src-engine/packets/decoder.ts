// The state one decodePacket call threads through the per-protocol decoders. Each decoder reads its
// header at `at`, pushes its layer, says what comes next (`next`, `end`) and returns where its header ends,
// or returns -1 after recording the error. Field spans are recorded only when `fields` is not null, layer
// spans only when `layerSpans` is not null: most decodes want neither (see decode.ts).
import type { DecodeError, FieldSpan, LayerSpan } from './decoded';
import { decodeError, truncatedError } from './errors';
import type { Layer, LayerType } from './layers';

export const FAILED = -1;

const NO_BYTES = new Uint8Array(0);
/** Never pushed to: reset() gives every decode a new array. */
const NO_LAYERS: Layer[] = [];

export class Decoder {
  layers: Layer[] = [];
  error: DecodeError | null = null;
  /** The layer the bytes after this header hold; null when nothing follows. */
  next: LayerType | null = null;
  /** Where the next layer's bytes end (exclusive). */
  end = 0;
  /** The layer that failed to decode: its type, its bytes [at, end) and how many layers came before it. */
  failed: { readonly type: LayerType; readonly at: number; readonly end: number; readonly before: number } | null = null;

  constructor(
    public bytes: Uint8Array,
    public fields: FieldSpan[] | null,
    public layerSpans: LayerSpan[] | null,
  ) {}

  /** Starts over on new bytes: decodePacket reuses one Decoder (the engine runs one decode at a time). */
  reset(bytes: Uint8Array, fields: FieldSpan[] | null, layerSpans: LayerSpan[] | null): void {
    this.bytes = bytes;
    this.fields = fields;
    this.layerSpans = layerSpans;
    this.layers = [];
    this.error = null;
    this.next = null;
    this.end = 0;
    this.failed = null;
  }

  /** Lets go of the bytes and layers of the last decode (the shared decoder would keep them alive). */
  release(): void {
    this.bytes = NO_BYTES;
    this.layers = NO_LAYERS;
  }

  push(layer: Layer, start: number, end: number): void {
    this.layers.push(layer);
    this.layerSpans?.push({ start, end });
  }

  /** A span of the layer about to be pushed; callers check `fields` first to skip building arguments. */
  span(layer: LayerType, field: string, label: string, start: number, end: number, bitMask?: number): void {
    const span: FieldSpan =
      bitMask === undefined
        ? { layerIndex: this.layers.length, layer, field, label, start, end }
        : { layerIndex: this.layers.length, layer, field, label, start, end, bitMask };
    this.fields?.push(span);
  }

  truncated(layer: LayerType, field: string, offset: number, need: number, have: number): number {
    this.error = truncatedError(layer, field, offset, need, Math.max(0, have));
    return FAILED;
  }

  malformed(layer: LayerType, field: string, offset: number, problem: string): number {
    this.error = decodeError('malformed', layer, field, offset, problem);
    return FAILED;
  }

  fail(code: DecodeError['code'], layer: LayerType, field: string, offset: number, problem: string): number {
    this.error = decodeError(code, layer, field, offset, problem);
    return FAILED;
  }
}

/** A field at a fixed offset from its header's start. */
export interface FixedField {
  readonly field: string;
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly bitMask?: number;
}

/** Records a truncation error naming the first field of `table` that does not fit in [at, end). */
export function failShort(d: Decoder, layer: LayerType, table: readonly FixedField[], at: number, end: number): number {
  for (const f of table) {
    if (at + f.end > end) return d.truncated(layer, f.field, at + f.start, f.end - f.start, end - at - f.start);
  }
  return d.truncated(layer, 'header', at, 1, end - at);
}

export function addFixedSpans(d: Decoder, layer: LayerType, table: readonly FixedField[], at: number): void {
  for (const f of table) d.span(layer, f.field, f.label, at + f.start, at + f.end, f.bitMask);
}
