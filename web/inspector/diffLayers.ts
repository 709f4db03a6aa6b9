// What a hop changed in a packet: the same packet's layers at the previous hop and here, aligned so that
// an encapsulation (outer headers added) or a decapsulation (removed) lines the inner packet up with
// itself, then compared field by field (rewritten addresses, TTL, checksums).
import type { Layer } from '../../src-engine/packets/layers';
import { bytesText, layerTitle } from '../../src-engine/view/index';

export interface FieldChange {
  /** Index in the current packet's layers. */
  readonly layerIndex: number;
  /** Dotted field path, as in FieldSpan.field. */
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

export interface LayerDiff {
  /** Layers here with no counterpart before (outer headers added). */
  readonly added: readonly number[];
  /** Layers before with no counterpart here (outer headers removed), as their titles. */
  readonly removed: readonly string[];
  readonly changes: readonly FieldChange[];
}

/** Layer offset k pairs cur[i] with prev[i + k]; the best k matches the most layer types, inner ones first. */
function bestOffset(prev: readonly Layer[], cur: readonly Layer[]): number {
  let best = 0;
  let bestScore = -1;
  for (let k = -cur.length + 1; k < prev.length; k++) {
    let score = 0;
    for (let i = 0; i < cur.length; i++) if (prev[i + k]?.type === cur[i]!.type) score++;
    // Ties go to the smallest |k|: an unchanged stack stays paired as it is.
    if (score > bestScore || (score === bestScore && Math.abs(k) < Math.abs(best))) {
      best = k;
      bestScore = score;
    }
  }
  return best;
}

export function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value === undefined || value === null) return out;
  if (value instanceof Uint8Array) out.set(prefix, bytesText(value, 64));
  else if (Array.isArray(value)) value.forEach((v, i) => flatten(v, prefix ? `${prefix}.${i}` : String(i), out));
  else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!(prefix === '' && k === 'type')) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, String(value));
  return out;
}

export function diffLayers(prev: readonly Layer[], cur: readonly Layer[]): LayerDiff {
  const k = bestOffset(prev, cur);
  const added: number[] = [];
  const changes: FieldChange[] = [];
  const paired = new Set<number>();
  cur.forEach((layer, i) => {
    const before = prev[i + k];
    if (!before || before.type !== layer.type) {
      added.push(i);
      return;
    }
    paired.add(i + k);
    const a = flatten(before);
    const b = flatten(layer);
    for (const field of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(field) ?? '(absent)';
      const y = b.get(field) ?? '(absent)';
      if (x !== y) changes.push({ layerIndex: i, field, before: x, after: y });
    }
  });
  const removed = prev.filter((_, j) => !paired.has(j)).map((l) => layerTitle(l.type));
  return { added, removed, changes };
}
