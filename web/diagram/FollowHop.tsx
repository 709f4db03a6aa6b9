// When the diagram is larger than its area (a small network drawn at a readable zoom on a phone), each step
// pans it just enough to bring the current frame into view: the devices sending and receiving it and its
// tokens. It leaves a view the user moved alone, and never pans when the frame is already in view.
import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';
import { selectCurrentStep, useAppStore } from '../store/store';

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

/** A box's screen rectangle, as the browser reports it. */
type Rect = Pick<DOMRectReadOnly, 'left' | 'top' | 'right' | 'bottom' | 'width'>;

/**
 * The screen box of the current frame from its tokens' labels, the boxes of the devices it leaves and reaches and
 * their badges: boxes not drawn (width 0) and boxes wider than most of the area (the switch's long bar) left out.
 */
export function frameBox(tokenRects: readonly Rect[], deviceRects: readonly Rect[], area: Pick<DOMRectReadOnly, 'width' | 'height'>, badgeRects: readonly Rect[] = []): Box | undefined {
  const keep = (rs: readonly Rect[]) => rs.filter((r) => r.width > 0 && r.width < area.width * 0.6);
  const tokens = keep(tokenRects);
  const round = (parts: readonly Rect[]): Box => ({
    left: Math.min(...parts.map((r) => r.left)),
    top: Math.min(...parts.map((r) => r.top)),
    right: Math.max(...parts.map((r) => r.right)),
    bottom: Math.max(...parts.map((r) => r.bottom)),
  });
  // Whole within the area, if not its margins (panInto centres a box that fills it).
  const fits = (b: Box) => b.right - b.left <= area.width && b.bottom - b.top <= area.height;
  // Its devices and their badges come into view too where they fit beside its tokens; else the devices without their
  // badges (on a phone the badge of BGPVM, in the row above MuxVM's, left no room for the SYN at the switch: the frame
  // was the tokens alone, and MuxVM's name was cut); else the tokens alone (a frame spread wider than the area, a
  // flood, is centred on them).
  const devices = keep(deviceRects);
  for (const parts of [[...tokens, ...devices, ...keep(badgeRects)], [...tokens, ...devices]]) {
    if (parts.length === 0) continue;
    const b = round(parts);
    if (fits(b) || tokens.length === 0) return b;
  }
  return tokens.length > 0 ? round(tokens) : undefined;
}

/** A token's label, where it is drawn (its wrapper's box starts at the token's point, not round its label), and a
 * drop marker's label: read like a token's (MuxVM2's ran off the right edge at 1024x768 in the "Two MUXes" lesson). */
const TOKEN = '.token .token-body, .drop-marker';
/** The devices the step lights. */
const DEVICE = '.react-flow__node:has([data-hop])';
/** Their SENDS/RECEIVES badges, which hang outside their boxes (MuxVM's was cut at the top of a phone's drawing at the
 * end of "The MUX" chapter 1). Not the switch's: it is in its bar, left out as too wide. */
const BADGE = '.react-flow__node:not(.react-flow__node-switch) .hop-badges';

export function FollowHop({ userMoved }: { userMoved: RefObject<boolean> }) {
  const step = useAppStore(selectCurrentStep);
  // The area's size and the view too: resized (a phone's lesson growing for a question), the view is placed again
  // (AutoFit, after this step's follow at times), and the frame is brought back into it; the SYN-ACK resting at the
  // drawing's right edge was left half cut. After a pan of its own the frame is in view, and it stops there.
  const view = useStore((s) => `${s.width}x${s.height}@${s.transform.join(',')}`);
  const { getViewport, setViewport } = useReactFlow();
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
      const target = frameBox(rects(TOKEN), rects(DEVICE), area, rects(BADGE));
      if (!target) return;
      const { dx, dy } = panInto(target, area);
      if (Math.abs(dx) < 1 && Math.abs(dy) < 1) return;
      const v = getViewport();
      void setViewport({ x: v.x + dx, y: v.y + dy, zoom: v.zoom });
    };
    const later = () => {
      observer?.disconnect();
      observer = new IntersectionObserver(follow, { root });
      for (const el of root.querySelectorAll(`${TOKEN}, ${DEVICE}, ${BADGE}`)) observer.observe(el);
    };
    later();
    // The step's tokens are drawn after this commit (the token layer loads with the first run): look again when they are.
    const watch = new MutationObserver(later);
    watch.observe(viewport, { childList: true, subtree: true });
    return () => {
      watch.disconnect();
      observer?.disconnect();
    };
  }, [step, view, userMoved, getViewport, setViewport]);
  return <span ref={ref} hidden />;
}
