// The inspector's model of one decoded packet: each layer with its fields and their values, and the
// mapping between fields and bytes that the hex dump uses both ways.
import type { DecodedPacket, FieldSpan } from '../../src-engine/packets/decoded';
import type { Layer } from '../../src-engine/packets/layers';
import { formatField } from '../../src-engine/view/index';

/** Stable id of a field within a packet. */
export const fieldKey = (f: Pick<FieldSpan, 'layerIndex' | 'field'>) => `${f.layerIndex}:${f.field}`;

/** A dotted path into a layer ('flags.syn', 'questions.0.name'); undefined when the layer does not hold it. */
export function valueAt(layer: Layer, path: string): unknown {
  let v: unknown = layer;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** A field the layer type does not hold (version, header length, counts): read it from the bytes. */
export function wireValue(bytes: Uint8Array, f: FieldSpan): number | Uint8Array {
  const width = f.end - f.start;
  if (width > 4) return bytes.subarray(f.start, f.end);
  let n = 0;
  for (let i = f.start; i < f.end; i++) n = n * 256 + (bytes[i] ?? 0);
  if (f.bitMask !== undefined) {
    n &= f.bitMask;
    let mask = f.bitMask;
    while (mask > 0 && (mask & 1) === 0) {
      mask >>>= 1;
      n >>>= 1;
    }
    if (mask === 1) return n; // a single bit: shown as Set / Not set below
  }
  return n;
}

export interface FieldRow {
  readonly key: string;
  readonly span: FieldSpan;
  readonly label: string;
  readonly value: string;
  /** Nesting under a container field ('flags' holds 'flags.syn'). */
  readonly depth: number;
}

export function fieldRows(packet: DecodedPacket, bytes: Uint8Array, layerIndex: number): FieldRow[] {
  const layer = packet.layers[layerIndex];
  if (!layer) return [];
  const spans = packet.fields.filter((f) => f.layerIndex === layerIndex);
  return spans.map((span) => {
    const own = valueAt(layer, span.field);
    const single = span.bitMask !== undefined && (span.bitMask & (span.bitMask - 1)) === 0;
    const raw = own !== undefined && typeof own !== 'object' ? own : own instanceof Uint8Array ? own : wireValue(bytes, span);
    const value = single && typeof raw === 'number' ? raw !== 0 : raw;
    const depth = spans.some((p) => p !== span && span.field.startsWith(`${p.field}.`)) ? 1 : 0;
    return { key: fieldKey(span), span, label: span.label, value: formatField(layer.type, span.field, value, span.end - span.start), depth };
  });
}

/** The innermost field under a byte (mirrors fieldAt in the engine's packets module). */
export function fieldUnder(packet: DecodedPacket, offset: number): FieldSpan | undefined {
  let best: FieldSpan | undefined;
  for (const f of packet.fields) {
    if (f.start > offset) break;
    if (offset < f.end && (best === undefined || f.end - f.start < best.end - best.start)) best = f;
  }
  return best;
}

export function spanOf(packet: DecodedPacket, key: string | undefined): FieldSpan | undefined {
  return key === undefined ? undefined : packet.fields.find((f) => fieldKey(f) === key);
}

/** The layer a byte belongs to: the innermost layer whose header holds it, for colouring the hex dump. */
export function layerOfByte(packet: DecodedPacket, offset: number): number {
  let found = -1;
  packet.layerSpans.forEach((s, i) => {
    if (offset >= s.start && offset < s.end) found = i;
  });
  return found;
}

/** Offsets of the first byte of each 16-byte row. */
export function hexRows(length: number, width = 16): number[] {
  return Array.from({ length: Math.ceil(length / width) }, (_, i) => i * width);
}

export const hexByte = (b: number) => b.toString(16).padStart(2, '0');
export const asciiByte = (b: number) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');
