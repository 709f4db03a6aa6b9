// When the diagram is larger than its area (a small network drawn at a readable zoom on a phone), each step
// pans it just enough to bring the current frame into view: the devices sending and receiving it and its
// tokens. It leaves a view the user moved alone, and never pans when the frame is already in view.
// In a lesson, at a chapter's first step and under a question, the view holds the devices the chapter highlights
// with the frame: zoomed out as far as needed for that, down to HOLD_MIN_ZOOM (see holdInView).
import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';
import { selectCurrentStep, selectOpenQuestion, useAppStore, type AppState } from '../store/store';

/** Room kept between the frame and the diagram area's edges, in CSS px. */
const MARGIN = 16;

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** How far to move content so `target` lies inside `area` (0 when it does); a target too large is centred. */
export function panInto(target: Box, area: Box, margin = MARGIN): { dx: number; dy: number } {
  const axis = (lo: number, hi: number, min: number, max: number) => {
    // Wholly in view already, if not `margin` in: left alone (a pan to keep the margin cut the host's title at the
    // other edge, in a lesson at 1024x768, for a label resting a few px past the edge).
    if (lo >= min && hi <= max) return 0;
    // Past the edge by no more than the margin (a label resting a few px past it): brought in just to the edge.
    if (hi - lo <= max - min && min - lo <= margin && hi - max <= margin) return lo < min ? min - lo : max - hi;
    if (hi - lo > max - min - 2 * margin) return (min + max) / 2 - (lo + hi) / 2;
    if (lo < min + margin) return min + margin - lo;
    if (hi > max - margin) return max - margin - hi;
    return 0;
  };
  return { dx: axis(target.left, target.right, area.left, area.right), dy: axis(target.top, target.bottom, area.top, area.bottom) };
}

/** The box round a few boxes. */
function bound(parts: readonly Box[]): Box {
  return {
    left: Math.min(...parts.map((r) => r.left)),
    top: Math.min(...parts.map((r) => r.top)),
    right: Math.max(...parts.map((r) => r.right)),
    bottom: Math.max(...parts.map((r) => r.bottom)),
  };
}

/** A box's screen rectangle, as the browser reports it. */
type Rect = Pick<DOMRectReadOnly, 'left' | 'top' | 'right' | 'bottom' | 'width'>;

/**
 * The screen box of the current frame from its tokens' labels and the boxes of the devices it leaves and reaches:
 * boxes not drawn (width 0) and boxes wider than most of the area (the switch's long bar) left out.
 */
export function frameBox(tokenRects: readonly Rect[], deviceRects: readonly Rect[], area: Pick<DOMRectReadOnly, 'width' | 'height'>): Box | undefined {
  const keep = (rs: readonly Rect[]) => rs.filter((r) => r.width > 0 && r.width < area.width * 0.6);
  const tokens = keep(tokenRects);
  // Its devices come into view too where they fit beside its tokens; else the tokens alone (a frame spread
  // wider than the area, a flood, is centred on them).
  const all = [...tokens, ...keep(deviceRects)];
  if (all.length === 0) return undefined;
  const whole = bound(all);
  const fits = whole.right - whole.left <= area.width - 2 * MARGIN && whole.bottom - whole.top <= area.height - 2 * MARGIN;
  return fits || tokens.length === 0 ? whole : bound(tokens);
}

/** A box in flow units. */
interface FlowBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room kept between what a lesson's view holds and the area's edges when the view zooms out for it, in CSS px. */
const HOLD_MARGIN = 8;

/**
 * The lowest zoom a lesson's view takes to hold its devices: nodes.tsx's DETAIL_ZOOM, below which the devices draw
 * their names only (names about 10 px on screen, addresses about 7 px). Written here, not imported: an import of
 * nodes.tsx or AutoFit.tsx from this chunk split the first screen's bundle in three, 3 KiB heavier (a unit test
 * keeps the two equal).
 */
export const HOLD_MIN_ZOOM = 0.35;

/**
 * The view that holds `must` (a chapter's highlighted devices and the frame with its label, in flow units) in an area,
 * where it does not fit at `zoom`: zoomed out just enough for it to fit HOLD_MARGIN clear of the edges, its middle at
 * the area's middle. Not below `min` (the zoom under which the devices draw their names only): there, if it still
 * does not fit, the view centres `frame` (the frame and its label, what the question asks about) instead. On each
 * axis, a drawing no larger than the area is centred in it; a larger one keeps its edges at the area's edges (no
 * blank beside it; see placeAxis). Undefined when `must` fits at `zoom` (nothing to zoom; a pan may still bring it in).
 */
export function holdInView(must: FlowBox, frame: FlowBox, drawing: FlowBox, zoom: number, area: { width: number; height: number }, min: number): { x: number; y: number; zoom: number } | undefined {
  const fit = Math.min((area.width - 2 * HOLD_MARGIN) / must.width, (area.height - 2 * HOLD_MARGIN) / must.height);
  if (fit >= zoom || zoom <= min) return undefined;
  const z = Math.max(min, fit);
  const subject = fit >= min ? must : frame;
  // What is drawn: the nodes, and the labels that rest past them.
  const lo = { x: Math.min(drawing.x, must.x), y: Math.min(drawing.y, must.y) };
  const hi = { x: Math.max(drawing.x + drawing.width, must.x + must.width), y: Math.max(drawing.y + drawing.height, must.y + must.height) };
  // As AutoFit's placeAxis: the subject's middle at the area's, the drawing's edges not inside the area's.
  const axis = (a: 'x' | 'y', size: 'width' | 'height') => {
    const length = hi[a] - lo[a];
    const end = area[size];
    if (length * z <= end) return (end - length * z) / 2 - lo[a] * z;
    return Math.min(0 - lo[a] * z, Math.max(end - hi[a] * z, end / 2 - (subject[a] + subject[size] / 2) * z));
  };
  return { x: axis('x', 'width'), y: axis('y', 'height'), zoom: z };
}

/** At a chapter's first step, or with a question open: the chapter's highlighted devices are held in view. */
const selectHold = (s: AppState) => !!s.lesson && !s.showEverything && (s.cursor === s.bounds?.first || selectOpenQuestion(s) !== undefined);

/** A token's label, where it is drawn (its wrapper's box starts at the token's point, not round its label), and a
 * drop marker's label: read like a token's (MuxVM2's ran off the right edge at 1024x768 in the "Two MUXes" lesson). */
const TOKEN = '.token .token-body, .drop-marker';
/** The devices the step lights. */
const DEVICE = '.react-flow__node:has([data-hop])';
/** The devices the lesson's chapter highlights, but the switch (its bar is wider than a phone's area at any readable zoom). */
const FOCUS = '.react-flow__node:has([data-focus]):not(.react-flow__node-switch)';

export function FollowHop({ userMoved }: { userMoved: RefObject<boolean> }) {
  const step = useAppStore(selectCurrentStep);
  // The area's size and the view too: resized (a phone's lesson growing for a question), the view is placed again
  // (AutoFit, after this step's follow at times), and the frame is brought back into it; the SYN-ACK resting at the
  // drawing's right edge was left half cut. After a pan of its own the frame is in view, and it stops there.
  const view = useStore((s) => `${s.width}x${s.height}@${s.transform.join(',')}`);
  const hold = useAppStore(selectHold);
  const { getViewport, setViewport, getNodes, getNodesBounds } = useReactFlow();
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const root = ref.current?.closest<HTMLElement>('.react-flow');
    const viewport = root?.querySelector('.react-flow__viewport');
    if (!step || !root || !viewport) return;
    // Where the frame and the area are comes from an IntersectionObserver: the browser measures its targets
    // after it has laid the page out for a frame, so nothing is laid out for it. Read directly
    // (getBoundingClientRect) after the step's writes, the boxes made the browser recalculate styles and lay the
    // page out there and then, at every step: about 4 ms of the page's thread a step at the POC.
    let observer: IntersectionObserver | undefined;
    const follow = (entries: readonly IntersectionObserverEntry[]) => {
      observer?.disconnect();
      observer = undefined;
      const area = entries[0]?.rootBounds;
      if (userMoved.current || !area) return;
      const rects = (selector: string) => entries.filter((e) => e.target.matches(selector)).map((e) => e.boundingClientRect);
      const v = getViewport();
      const focus = hold ? rects(FOCUS).filter((r) => r.width > 0) : [];
      let target = frameBox(rects(TOKEN), rects(DEVICE), area);
      if (focus.length > 0) {
        // The chapter's devices and the frame's labels must be seen; the devices the frame lights too where they fit.
        const tokens = rects(TOKEN).filter((r) => r.width > 0 && r.width < area.width * 0.6);
        const must = bound([...tokens, ...focus]);
        const toFlow = (b: Box): FlowBox => ({ x: (b.left - area.left - v.x) / v.zoom, y: (b.top - area.top - v.y) / v.zoom, width: (b.right - b.left) / v.zoom, height: (b.bottom - b.top) / v.zoom });
        const frame = tokens.length > 0 ? bound(tokens) : must;
        const held = holdInView(toFlow(must), toFlow(frame), getNodesBounds(getNodes()), v.zoom, area, HOLD_MIN_ZOOM);
        if (held) {
          if (Math.abs(held.zoom - v.zoom) > 1e-6 || Math.abs(held.x - v.x) >= 1 || Math.abs(held.y - v.y) >= 1) void setViewport(held);
          return;
        }
        const withLit = bound([must, ...rects(DEVICE).filter((r) => r.width > 0 && r.width < area.width * 0.6)]);
        target = withLit.right - withLit.left <= area.width - 2 * HOLD_MARGIN && withLit.bottom - withLit.top <= area.height - 2 * HOLD_MARGIN ? withLit : must;
      }
      if (!target) return;
      const { dx, dy } = panInto(target, area);
      if (Math.abs(dx) < 1 && Math.abs(dy) < 1) return;
      void setViewport({ x: v.x + dx, y: v.y + dy, zoom: v.zoom });
    };
    const later = () => {
      observer?.disconnect();
      observer = new IntersectionObserver(follow, { root });
      for (const el of root.querySelectorAll(`${TOKEN}, ${DEVICE}${hold ? `, ${FOCUS}` : ''}`)) observer.observe(el);
    };
    later();
    // The step's tokens are drawn after this commit (the token layer loads with the first run): look again when they are.
    const watch = new MutationObserver(later);
    watch.observe(viewport, { childList: true, subtree: true });
    return () => {
      watch.disconnect();
      observer?.disconnect();
    };
  }, [step, view, hold, userMoved, getViewport, setViewport, getNodes, getNodesBounds]);
  return <span ref={ref} hidden />;
}
