// Keeps the network in view when the diagram's area changes size (window resized, large text toggled),
// until the user has panned or zoomed it themselves (`userMoved`, set by TopologyView from React Flow's
// onMoveStart, which passes an event only for moves a person made). Where the whole network would only
// fit below READABLE_ZOOM (a phone, a laptop at 200% browser zoom), it is drawn at READABLE_ZOOM instead,
// its labels at 12 CSS px or more, centred on what the page is about (a lesson chapter's devices, else the
// whole network) with its edges kept at the area's edges, and OffScreen marks the sides with more beyond
// them; the view follows the packet (FollowHop); the fit-view control shows the whole network on demand.
// On a laptop the area may grow for it (see --diagram-need): the run pane below yields some of its rows.
import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';
import { useAppStore } from '../store/store';
import { MAX_LEGIBLE_SCALE } from './LegibleText';

/** Room around the fitted drawing; at the top, room for the picture buttons that sit over the corner. */
export const FIT_PADDING = { top: '42px', right: 0.02, bottom: 0.03, left: 0.02 } as const;
/** Below the picture buttons' band: the drawing's top when it is taller than its area. */
const TOP = 42;
const EDGE = 4;

/** The lowest zoom at which the diagram's smallest text (12 px, enlarged by LegibleText) renders at 12 CSS px. */
export const READABLE_ZOOM = 1 / MAX_LEGIBLE_SCALE;

/** How the diagram fits its area: whole, but never below the readable zoom. */
export const FIT_OPTIONS = { padding: FIT_PADDING, minZoom: READABLE_ZOOM } as const;

/**
 * Where the drawing goes on one axis, held at a zoom that makes it larger than the area: the subject's centre at
 * the area's centre, but neither edge of the drawing pulled inside the area's edge (no blank beside it).
 */
export function placeAxis(lo: number, size: number, subjectLo: number, subjectSize: number, zoom: number, start: number, end: number): number {
  const centred = (start + end) / 2 - (subjectLo + subjectSize / 2) * zoom;
  return Math.min(start - lo * zoom, Math.max(end - (lo + size) * zoom, centred));
}

/** The devices a lesson's chapter is about (drawn in focus), if any. */
const selectSubject = (s: ReturnType<typeof useAppStore.getState>) => (s.lesson && !s.showEverything ? s.lesson.chapters[s.chapter]?.nodes : undefined);

/** `readable`: hold the zoom at READABLE_ZOOM or above (a network the size of the POC; a large generated one is fitted whole, with its minimap). */
export function AutoFit({ userMoved, readable }: { userMoved: RefObject<boolean>; readable: boolean }) {
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  // A POC-sized network drawn again with more devices (a second MUX) is placed again; a large one is fitted once.
  const count = useStore((s) => (readable ? s.nodes.length : 0));
  const subject = useAppStore(selectSubject);
  const ref = useRef<HTMLSpanElement>(null);
  const { fitView, getNodes, getNodesBounds, getViewport, setViewport } = useReactFlow();
  useEffect(() => {
    const canvas = ref.current?.closest<HTMLElement>('.canvas');
    const b = getNodesBounds(getNodes());
    // The height the drawing needs at the readable zoom, with the picture buttons' band: a laptop's area grows to it.
    if (canvas) canvas.style.setProperty('--diagram-need', readable && b.height > 0 ? `${Math.ceil(b.height * READABLE_ZOOM + TOP + EDGE)}px` : '0px');
    if (userMoved.current || !(width > 0 && height > 0)) return;
    let live = true;
    void fitView(readable ? FIT_OPTIONS : { padding: FIT_PADDING }).then(() => {
      const v = getViewport();
      if (!readable || !live || userMoved.current || v.zoom > READABLE_ZOOM + 1e-6) return;
      const shown = subject?.filter((id) => getNodes().some((n) => n.id === id));
      const s = shown?.length ? getNodesBounds(shown) : b;
      const x = b.width * v.zoom > width - 2 * EDGE ? placeAxis(b.x, b.width, s.x, s.width, v.zoom, EDGE, width - EDGE) : v.x;
      const y = b.height * v.zoom > height - TOP - EDGE ? placeAxis(b.y, b.height, s.y, s.height, v.zoom, TOP, height - EDGE) : v.y;
      void setViewport({ x, y, zoom: v.zoom });
    });
    return () => {
      live = false;
    };
  }, [width, height, count, readable, subject, fitView, getNodes, getNodesBounds, getViewport, setViewport, userMoved]);
  return <span ref={ref} hidden />;
}
