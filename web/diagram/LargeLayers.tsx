// What a large topology draws in bulk, loaded only when one is shown (see LARGE_FROM in toFlow.ts):
// - its NIC drops: a few paths hold every vertical drop, each a band of neighbouring drops (thousands of lines
//   cost a hundred elements to mount and paint, and React Flow need not place thousands of edges); the drops
//   the current step's frames run along are drawn over them, lit (over the whole drawing: a drop ends where
//   its boxes begin). The same lines BusEdge draws one by one on smaller topologies (both come from the
//   diagram's geometry). Drawn with the edge labels: above the network boxes, under the devices.
// - its minimap: every box drawn in four paths (one per kind), computed once per topology, and the view's
//   rectangle over them. React Flow's own minimap draws a component per node, each watching the diagram's
//   state: thousands of updates per frame on a network of thousands of VMs. Clicking or dragging in it moves
//   the view there; the wheel zooms, as in the diagram.
// - zoomed far out, no background grid: its dots would be a few pixels apart, a grey wash costly to draw under
//   every moving token.
import { EdgeLabelRenderer, Panel, useReactFlow, useStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { useMemo, useRef, type PointerEvent, type WheelEvent } from 'react';
import type { LayoutBox, TopologySnapshot } from '../../src-engine/protocol';
import { nicEdgeId } from '../../src-engine/view/index';
import { selectActiveEdges, selectGeometry, useAppStore } from '../store/store';
import { absoluteBoxes } from './geometry';

/** One NIC's vertical drop, in flow coordinates, under its edge id (lit while a frame runs along it). */
type BusLine = { id: string; x: number; y1: number; y2: number };

const pathOf = (lines: readonly BusLine[]) => lines.map((l) => `M${l.x} ${l.y1}V${l.y2}`).join('');

/** Lines per path: a path is culled whole, so each holds a narrow band of neighbouring drops, cheap to raster. */
const PER_PATH = 32;

/** Below this zoom the background grid is hidden. */
const GRID_ZOOM = 0.3;
const selectGridHidden = (s: ReactFlowState) => s.transform[2] < GRID_ZOOM;

export function LargeLayers({ snapshot }: { snapshot: TopologySnapshot }) {
  const gridHidden = useStore(selectGridHidden);
  return (
    <>
      {gridHidden && <style>{'.canvas .react-flow__background { display: none; }'}</style>}
      <BulkBus snapshot={snapshot} />
      <BulkMiniMap boxes={snapshot.layout.boxes} />
    </>
  );
}

function BulkBus({ snapshot }: { snapshot: TopologySnapshot }) {
  const geo = useAppStore(selectGeometry);
  const lines = useMemo(() => {
    const out: BusLine[] = [];
    if (!geo) return out;
    for (const e of snapshot.layout.edges) {
      if (e.kind !== 'nic') continue;
      const nic = geo.nic(e.owner ?? e.source, e.interface ?? '');
      if (nic) out.push({ id: nicEdgeId(e.owner ?? e.source, e.interface ?? ''), x: nic.x, y1: nic.yNode, y2: nic.ySwitch });
    }
    return out.sort((a, b) => a.x - b.x || a.y1 - b.y1);
  }, [geo, snapshot]);
  const bands = useMemo(() => {
    const out: string[] = [];
    for (let i = 0; i < lines.length; i += PER_PATH) out.push(pathOf(lines.slice(i, i + PER_PATH)));
    return out;
  }, [lines]);
  const byId = useMemo(() => new Map(lines.map((l) => [l.id, l])), [lines]);
  const active = useAppStore(selectActiveEdges);
  const lit = useMemo(() => (active ? pathOf([...active].flatMap((e) => byId.get(e) ?? [])) : ''), [active, byId]);
  return (
    <>
      <EdgeLabelRenderer>
        <svg className="bulk-bus" aria-hidden="true">
          {bands.map((d, i) => (
            <path key={i} d={d} />
          ))}
        </svg>
      </EdgeLabelRenderer>
      {/* The lit drops change at every step: drawn over the drawing, under the step's rings (HopRings.tsx), in a
          layer of their own (see styles.css). Drawn in the drawing, the boxes above them whose place they cross
          changed at every step, and those boxes were rastered again with the thousands around them. */}
      <ViewportPortal>
        <svg className="bulk-bus bulk-bus-lit" aria-hidden="true">
          {lit && <path className="bus-active" d={lit} />}
        </svg>
      </ViewportPortal>
    </>
  );
}

const W = 150;
const H = 96;
const KINDS = ['host', 'network', 'switch', 'device'] as const;
const kindOf = (b: LayoutBox): (typeof KINDS)[number] => (b.kind === 'host' ? 'host' : b.kind === 'network' ? 'network' : b.kind === 'switch' ? 'switch' : 'device');

/** The view's rectangle in flow coordinates, as a string (so the minimap re-renders only when it moves). */
const selectView = (s: ReactFlowState) => {
  const [x, y, zoom] = s.transform;
  return `${-x / zoom} ${-y / zoom} ${s.width / zoom} ${s.height / zoom}`;
};

function BulkMiniMap({ boxes }: { boxes: readonly LayoutBox[] }) {
  const { paths, bounds } = useMemo(() => {
    const rects = absoluteBoxes(boxes);
    const d: Record<(typeof KINDS)[number], string[]> = { host: [], network: [], switch: [], device: [] };
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
    return { paths: KINDS.map((k) => [k, d[k].join('')] as const), bounds: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } };
  }, [boxes]);
  const view = useStore(selectView);
  const { setCenter, getZoom, zoomTo } = useReactFlow();
  const svg = useRef<SVGSVGElement>(null);
  const dragging = useRef(false);
  // The drawing fills the minimap with the whole network, centred, with room to show a view larger than it.
  const scale = Math.min(W / bounds.width, H / bounds.height);
  const pad = { x: (W / scale - bounds.width) / 2, y: (H / scale - bounds.height) / 2 };
  const viewBox = `${bounds.x - pad.x} ${bounds.y - pad.y} ${W / scale} ${H / scale}`;
  const [vx, vy, vw, vh] = view.split(' ').map(Number) as [number, number, number, number];
  const moveTo = (e: PointerEvent<SVGSVGElement>) => {
    const r = svg.current?.getBoundingClientRect();
    if (!r) return;
    const x = bounds.x - pad.x + ((e.clientX - r.left) / r.width) * (W / scale);
    const y = bounds.y - pad.y + ((e.clientY - r.top) / r.height) * (H / scale);
    void setCenter(x, y, { zoom: getZoom() });
  };
  const onWheel = (e: WheelEvent<SVGSVGElement>) => void zoomTo(getZoom() * (e.deltaY < 0 ? 1.2 : 1 / 1.2));
  return (
    <Panel position="bottom-right" className="react-flow__minimap bulk-minimap">
      <svg
        ref={svg}
        width={W}
        height={H}
        viewBox={viewBox}
        role="img"
        aria-label="Minimap"
        onPointerDown={(e) => {
          dragging.current = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => dragging.current && moveTo(e)}
        onPointerUp={() => (dragging.current = false)}
        onWheel={onWheel}
      >
        {paths.map(([kind, d]) => (
          <path key={kind} className={`bulk-minimap-${kind}`} d={d} />
        ))}
        <rect className="bulk-minimap-view" x={vx} y={vy} width={vw} height={vh} vectorEffect="non-scaling-stroke" />
      </svg>
    </Panel>
  );
}
