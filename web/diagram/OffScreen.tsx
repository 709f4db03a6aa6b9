// Where the network is drawn larger than its area (held at a readable zoom on a phone, a small laptop, at 200%
// browser zoom), each side with more of it beyond the edge says so: a button at that edge, "more", that pans
// the view to show it. Its name and tooltip say the other ways: drag the diagram, or fit it whole (⛶).
import { useReactFlow, useStore, type ReactFlowState } from '@xyflow/react';
import { useMemo, type RefObject } from 'react';

/** A side counts as cut when this many CSS px of the drawing lie beyond it. */
const CUT = 6;
/** Room left at the edge a pan reaches (as AutoFit leaves). */
const EDGE = 4;

const SIDES = [
  { side: 'left', arrow: '◀', text: 'to the left' },
  { side: 'right', arrow: '▶', text: 'to the right' },
  { side: 'top', arrow: '▲', text: 'above' },
  { side: 'bottom', arrow: '▼', text: 'below' },
] as const;
type Side = (typeof SIDES)[number]['side'];

const selectView = (s: ReactFlowState) => ({ x: s.transform[0], y: s.transform[1], zoom: s.transform[2], width: s.width, height: s.height, nodes: s.nodes });
const same = (a: ReturnType<typeof selectView>, b: ReturnType<typeof selectView>) => a.x === b.x && a.y === b.y && a.zoom === b.zoom && a.width === b.width && a.height === b.height && a.nodes === b.nodes;

/** How many CSS px of a drawing (its bounds at a viewport) lie beyond each side of the area. */
export function beyond(b: { x: number; y: number; width: number; height: number }, v: { x: number; y: number; zoom: number }, width: number, height: number): Record<Side, number> {
  return {
    left: -(v.x + b.x * v.zoom),
    right: v.x + (b.x + b.width) * v.zoom - width,
    top: -(v.y + b.y * v.zoom),
    bottom: v.y + (b.y + b.height) * v.zoom - height,
  };
}

export function OffScreen({ movedRef }: { movedRef: RefObject<boolean> }) {
  const v = useStore(selectView, same);
  const { getNodesBounds, setViewport } = useReactFlow();
  // What the drawing holds, not the host's frame round it: a frame cut at the edge hides nothing.
  const b = useMemo(() => getNodesBounds(v.nodes.filter((n) => n.type !== 'host')), [getNodesBounds, v.nodes]);
  if (!(b.width > 0) || !(v.width > 0)) return null;
  const cut = beyond(b, v, v.width, v.height);
  const show = (side: Side) => {
    movedRef.current = true;
    // Far enough to bring that edge of the drawing into view, at most most of the area's width or height.
    const room = side === 'left' || side === 'right' ? v.width * 0.7 : v.height * 0.6;
    const by = Math.min(room, cut[side] + EDGE);
    const dx = side === 'left' ? by : side === 'right' ? -by : 0;
    const dy = side === 'top' ? by : side === 'bottom' ? -by : 0;
    void setViewport({ x: v.x + dx, y: v.y + dy, zoom: v.zoom });
  };
  return (
    <div className="off-screen">
      {SIDES.filter(({ side }) => cut[side] > CUT).map(({ side, arrow, text }) => (
        <button
          key={side}
          type="button"
          className={`more more-${side}`}
          data-side={side}
          title={`More of the network is ${text}: click to pan to it, drag the diagram, or press ⛶ (fit view) to see all of it`}
          aria-label={`More of the network is ${text}: show it`}
          onClick={() => show(side)}
        >
          <span aria-hidden="true">{arrow}</span>
          <span aria-hidden="true" className="more-word">more</span>
        </button>
      ))}
    </div>
  );
}
