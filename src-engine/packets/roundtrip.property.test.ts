// Properties over random valid stacks: encoding then decoding gives the stack back with the computed fields
// filled in, re-encoding gives the same bytes, and every byte belongs to a field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket } from './encode';
import type { Layer } from './layers';
import { FC_SEED } from '../testing/seed';
import { frame } from './testing/arbitraries';

const COMPUTED = ['totalLength', 'length', 'checksum'] as const;

/**
 * Dotted paths of a layer's leaves (numbers, strings, booleans, byte arrays). Empty arrays have none, nor does
 * null: a DNS name pointer of null means the name is written in full, with no pointer bytes to span.
 */
function leafPaths(value: unknown, path: string): string[] {
  if (value === null) return [];
  if (value instanceof Uint8Array || typeof value !== 'object') return [path];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => leafPaths(v, path ? `${path}.${k}` : k));
}

/** The stack as decoding should return it: each length or checksum left undefined takes the decoded value. */
function filledIn(sent: readonly Layer[], decoded: readonly Layer[]): Layer[] {
  return sent.map((l, i) => {
    const got = decoded[i] as Record<string, unknown> | undefined;
    const out: Record<string, unknown> = { ...l };
    for (const key of COMPUTED) if (key in (got ?? {}) && out[key] === undefined) out[key] = got![key];
    return out as unknown as Layer;
  });
}

describe('random valid stacks', { timeout: 30_000 }, () => {
  it('decode to themselves and re-encode to the same bytes', () => {
    fc.assert(
      fc.property(frame(1), (layers) => {
        const bytes = encodePacket(layers);
        const r = decodePacket(bytes);
        if (!r.ok) throw new Error(`${r.error.message} in ${JSON.stringify(layers)}`);
        expect(r.value.layers).toEqual(filledIn(layers, r.value.layers));
        expect(encodePacket(r.value.layers)).toEqual(bytes);
      }),
      { seed: FC_SEED, numRuns: 400 },
    );
  });

  it('have a span for every field and every byte, each within the packet, and layer spans in order', () => {
    fc.assert(
      fc.property(frame(1), (layers) => {
        const bytes = encodePacket(layers);
        const r = decodePacket(bytes);
        if (!r.ok) throw new Error(r.error.message);
        const covered = new Uint8Array(bytes.length);
        for (const f of r.value.fields) {
          expect(0 <= f.start && f.start < f.end && f.end <= bytes.length, `${f.layer}.${f.field} ${f.start}-${f.end}`).toBe(true);
          covered.fill(1, f.start, f.end);
        }
        expect(covered.indexOf(0)).toBe(-1);
        // Every field of every layer has a span ('type' names the layer; it is no field of its own).
        r.value.layers.forEach((layer, i) => {
          const spanned = new Set(r.value.fields.filter((f) => f.layerIndex === i).map((f) => f.field));
          const { type: _type, ...fields } = layer;
          for (const path of leafPaths(fields, '')) expect(spanned.has(path), `${layer.type}.${path}`).toBe(true);
        });
        const spans = r.value.layerSpans;
        expect(spans).toHaveLength(r.value.layers.length);
        spans.forEach((s, i) => expect(s.start >= (spans[i - 1]?.end ?? 0) && s.start <= s.end).toBe(true));
      }),
      { seed: FC_SEED, numRuns: 200 },
    );
  });
});
