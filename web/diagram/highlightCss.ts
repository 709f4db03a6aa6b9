// The diagram's highlight (see store/diagramSlice.ts) as CSS rules: a style sheet written once per
// change, so lighting parts of the diagram re-renders no node or edge. Pure, tested on its own.
import type { TopologyLayout } from '../../src-engine/protocol';
import type { DiagramHighlight } from '../store/diagramSlice';

const q = (id: string) => `"${id.replace(/["\\]/g, '\\$&')}"`;

/** The node and edge ids a highlight lights: named legs expanded, a device's ports included. */
export function highlightIds(h: DiagramHighlight, layout: TopologyLayout): { nodes: string[]; edges: string[] } {
  const nodes = new Set(h.nodes);
  const edges = new Set(h.edges);
  for (const b of layout.boxes) if (b.kind === 'port' && b.owner && nodes.has(b.owner)) nodes.add(b.id);
  if (h.legs.includes('vxlan')) {
    for (const e of layout.edges) {
      if (e.kind !== 'tunnel') continue;
      edges.add(e.id);
      nodes.add(e.source);
      nodes.add(e.target);
    }
    for (const b of layout.boxes) if (b.kind === 'vfp') nodes.add(b.id);
  }
  return { nodes: [...nodes].sort(), edges: [...edges].sort() };
}

export function highlightCss(h: DiagramHighlight | undefined, layout: TopologyLayout): string {
  if (!h) return '';
  const { nodes, edges } = highlightIds(h, layout);
  // Lit parts are outlined and drawn thicker; nothing else fades (faded text would fail contrast).
  const rules: string[] = [];
  if (nodes.length > 0) {
    rules.push(`${nodes.map((id) => `.canvas .react-flow__node[data-id=${q(id)}] > div`).join(', ')} { outline: 4px solid var(--highlight); outline-offset: 3px; }`);
  }
  if (edges.length > 0) rules.push(`${edges.map((id) => `.canvas .react-flow__edge[data-id=${q(id)}] path`).join(', ')} { stroke: var(--highlight); stroke-width: 4; }`);
  for (const leg of ['forward', 'return'] as const) {
    if (h.legs.includes(leg)) rules.push(`.canvas .trail-${leg === 'return' ? 'back' : 'forward'} { stroke-width: 7; stroke-opacity: 1; }`);
  }
  return rules.join('\n');
}
