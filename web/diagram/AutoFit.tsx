// Keeps the network in view when the diagram's area changes size (window resized, large text toggled),
// until the user has panned or zoomed it themselves (`userMoved`, set by TopologyView from React Flow's
// onMoveStart, which passes an event only for moves a person made). Where the whole network would only
// fit below READABLE_ZOOM (a phone, a laptop at 200% browser zoom), it is drawn at READABLE_ZOOM instead,
// its labels at 12 CSS px or more, and the view follows the packet (FollowHop); the fit-view control shows
// the whole network on demand.
import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, type RefObject } from 'react';
import { MAX_LEGIBLE_SCALE } from './LegibleText';

/** Room around the fitted drawing; at the top, room for the picture buttons that sit over the corner. */
export const FIT_PADDING = { top: '46px', right: 0.02, bottom: 0.03, left: 0.02 } as const;

/** The lowest zoom at which the diagram's smallest text (12 px, enlarged by LegibleText) renders at 12 CSS px. */
export const READABLE_ZOOM = 1 / MAX_LEGIBLE_SCALE;

/** How the diagram fits its area: whole, but never below the readable zoom. */
export const FIT_OPTIONS = { padding: FIT_PADDING, minZoom: READABLE_ZOOM } as const;

/** Left of the drawing when it is wider than its area: it starts at its left edge (the flows read left to right). */
const EDGE = 8;

/** `readable`: hold the zoom at READABLE_ZOOM or above (a network the size of the POC; a large generated one is fitted whole, with its minimap). */
export function AutoFit({ userMoved, readable }: { userMoved: RefObject<boolean>; readable: boolean }) {
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const { fitView, getNodes, getNodesBounds, getViewport, setViewport } = useReactFlow();
  useEffect(() => {
    if (userMoved.current || !(width > 0 && height > 0)) return;
    let live = true;
    void fitView(readable ? FIT_OPTIONS : { padding: FIT_PADDING }).then(() => {
      const v = getViewport();
      if (!readable || !live || userMoved.current || v.zoom > READABLE_ZOOM + 1e-6) return;
      // Held at the readable zoom and wider than the area: start from the drawing's left edge, not its middle.
      const b = getNodesBounds(getNodes());
      if (b.width * v.zoom > width) void setViewport({ x: EDGE - b.x * v.zoom, y: v.y, zoom: v.zoom });
    });
    return () => {
      live = false;
    };
  }, [width, height, readable, fitView, getNodes, getNodesBounds, getViewport, setViewport, userMoved]);
  return null;
}
