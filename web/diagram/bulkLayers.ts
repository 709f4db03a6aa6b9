// What LargeLayers.tsx draws in bulk, computed from the topology: its NIC drops (in bands of neighbouring drops,
// a path each) and its minimap (a path per kind of box). Pure, and computed a piece per task: at 4,000 VMs the
// drops and the minimap are each several milliseconds, which the task that mounts the diagram need not hold.
import type { LayoutBox, LayoutEdge } from '../../src-engine/protocol';
import { nicEdgeId } from '../../src-engine/view/index';
import { yieldToPage } from '../model/yieldToPage';
import { absoluteBoxes, type Geometry, type Rect } from './geometry';

/** One NIC's vertical drop, in flow coordinates, under its edge id (lit while a frame runs along it). */
export type BusLine = { id: string; x: number; y1: number; y2: number };

export const pathOf = (lines: readonly BusLine[]) => lines.map((l) => `M${l.x} ${l.y1}V${l.y2}`).join('');

/** Lines per path: a path is culled whole, so each holds a narrow band of neighbouring drops, cheap to raster. */
const PER_PATH = 32;

/** Every NIC drop of the layout's edges, left to right (then top to bottom). */
export function busLines(edges: readonly LayoutEdge[], nic: Geometry['nic']): BusLine[] {
  const out: BusLine[] = [];
  for (const e of edges) {
    if (e.kind !== 'nic') continue;
    const at = nic(e.owner ?? e.source, e.interface ?? '');
    if (at) out.push({ id: nicEdgeId(e.owner ?? e.source, e.interface ?? ''), x: at.x, y1: at.yNode, y2: at.ySwitch });
  }
  return out.sort((a, b) => a.x - b.x || a.y1 - b.y1);
}

/** The drops as paths of PER_PATH neighbouring drops each. */
export function busBands(lines: readonly BusLine[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i += PER_PATH) out.push(pathOf(lines.slice(i, i + PER_PATH)));
  return out;
}

export const MINIMAP_KINDS = ['host', 'network', 'switch', 'device'] as const;
export type MinimapKind = (typeof MINIMAP_KINDS)[number];
const kindOf = (b: LayoutBox): MinimapKind => (b.kind === 'host' ? 'host' : b.kind === 'network' ? 'network' : b.kind === 'switch' ? 'switch' : 'device');

export interface Minimap {
  readonly paths: readonly (readonly [MinimapKind, string])[];
  readonly bounds: Rect;
}

/** Every box drawn in four paths (one per kind), in absolute coordinates, and the bounds of them all. */
export function minimapPaths(boxes: readonly LayoutBox[]): Minimap {
  const rects = absoluteBoxes(boxes);
  const d: Record<MinimapKind, string[]> = { host: [], network: [], switch: [], device: [] };
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    const r = rects.get(b.id);
    if (!r) continue;
    d[kindOf(b)].push(`M${r.x} ${r.y}h${r.width}v${r.height}h${-r.width}z`);
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  return { paths: MINIMAP_KINDS.map((k) => [k, d[k].join('')] as const), bounds: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } };
}

export interface Bulk {
  readonly bands: readonly string[];
  readonly byId: ReadonlyMap<string, BusLine>;
  readonly minimap: Minimap;
}

/**
 * The bulk layers of a topology, a piece per task: the drops (and their index by edge id) after a first yield,
 * then their bands, then the minimap. `pause`: how a piece ends its task (yieldToPage in the page).
 */
export async function bulkInTasks(
  snapshot: { readonly layout: { readonly boxes: readonly LayoutBox[]; readonly edges: readonly LayoutEdge[] } },
  nic: Geometry['nic'],
  pause: () => Promise<void> = yieldToPage,
): Promise<Bulk> {
  await pause();
  const lines = busLines(snapshot.layout.edges, nic);
  const byId = new Map(lines.map((l) => [l.id, l]));
  await pause();
  const bands = busBands(lines);
  await pause();
  return { bands, byId, minimap: minimapPaths(snapshot.layout.boxes) };
}
