// Arrow-key navigation between the diagram's devices: from a node, the nearest node in the arrow's
// direction, weighing sideways distance double so the move goes where the arrow points.
import type { Rect } from './geometry';

export type Direction = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

const center = (r: Rect) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

export function nearestInDirection(rects: ReadonlyMap<string, Rect>, from: string, dir: Direction): string | undefined {
  const start = rects.get(from);
  if (!start) return undefined;
  const a = center(start);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const [id, r] of rects) {
    if (id === from) continue;
    const b = center(r);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const [along, across] = dir === 'ArrowRight' ? [dx, dy] : dir === 'ArrowLeft' ? [-dx, dy] : dir === 'ArrowDown' ? [dy, dx] : [-dy, dx];
    if (along <= 1) continue;
    const score = along + 2 * Math.abs(across);
    if (score < bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}
