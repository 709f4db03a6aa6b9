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
// Both are made a piece per task once the diagram has mounted (bulkLayers.ts), not in the task that mounts it.
// - zoomed far out, no background grid: its dots would be a few pixels apart, a grey wash costly to draw under
//   every moving token.
import { EdgeLabelRenderer, Panel, useReactFlow, useStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import type { TopologySnapshot } from '../../src-engine/protocol';
import { selectActiveEdges, selectGeometry, useAppStore } from '../store/store';
import { bulkInTasks, pathOf, type Bulk, type Minimap } from './bulkLayers';
import type { Geometry } from './geometry';

/** Below this zoom the background grid is hidden. */
const GRID_ZOOM = 0.3;
const selectGridHidden = (s: ReactFlowState) => s.transform[2] < GRID_ZOOM;

/** Each topology's bulk layers, once made (drawn again at once when the diagram mounts again). */
const made = new WeakMap<Geometry, Bulk>();

/**
 * The topology's drops and minimap, made a piece per task after the diagram has mounted (see bulkLayers.ts):
 * undefined until then, so they are drawn a moment after the boxes.
 */
function useBulk(snapshot: TopologySnapshot, geo: Geometry | undefined): Bulk | undefined {
  const [bulk, setBulk] = useState<{ geo: Geometry; value: Bulk } | undefined>();
  useEffect(() => {
    if (!geo || made.has(geo)) return;
    let live = true;
    void bulkInTasks(snapshot, geo.nic).then((value) => {
      made.set(geo, value);
      if (live) setBulk({ geo, value });
    });
    return () => {
      live = false;
    };
  }, [snapshot, geo]);
  if (!geo) return undefined;
  return made.get(geo) ?? (bulk?.geo === geo ? bulk.value : undefined);
}

export function LargeLayers({ snapshot }: { snapshot: TopologySnapshot }) {
  const gridHidden = useStore(selectGridHidden);
  const bulk = useBulk(snapshot, useAppStore(selectGeometry));
  return (
    <>
      {gridHidden && <style>{'.canvas .react-flow__background { display: none; }'}</style>}
      <BulkBus bulk={bulk} />
      {bulk && <BulkMiniMap minimap={bulk.minimap} />}
    </>
  );
}

function BulkBus({ bulk }: { bulk: Bulk | undefined }) {
  const active = useAppStore(selectActiveEdges);
  const lit = useMemo(() => (active && bulk ? pathOf([...active].flatMap((e) => bulk.byId.get(e) ?? [])) : ''), [active, bulk]);
  return (
    <>
      <EdgeLabelRenderer>
        <svg className="bulk-bus" aria-hidden="true">
          {bulk?.bands.map((d, i) => (
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

/** The view's rectangle in flow coordinates, as a string (so the minimap re-renders only when it moves). */
const selectView = (s: ReactFlowState) => {
  const [x, y, zoom] = s.transform;
  return `${-x / zoom} ${-y / zoom} ${s.width / zoom} ${s.height / zoom}`;
};

function BulkMiniMap({ minimap }: { minimap: Minimap }) {
  const { paths, bounds } = minimap;
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
