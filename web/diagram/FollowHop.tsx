// When the diagram is larger than its area (a small network drawn at a readable zoom on a phone), each step
// pans it just enough to bring the current frame into view: the devices sending and receiving it and its
// tokens. It leaves a view the user moved alone, and never pans when the frame is already in view.
import { useReactFlow } from '@xyflow/react';
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
    if (hi - lo > max - min - 2 * margin) return (min + max) / 2 - (lo + hi) / 2;
    if (lo < min + margin) return min + margin - lo;
    if (hi > max - margin) return max - margin - hi;
    return 0;
  };
  return { dx: axis(target.left, target.right, area.left, area.right), dy: axis(target.top, target.bottom, area.top, area.bottom) };
}

/** The screen box of the current frame: its tokens and the devices it leaves and reaches (not the switch's long bar). */
function frameBox(root: HTMLElement, area: DOMRect): Box | undefined {
  const boxes = (selector: string) =>
    [...root.querySelectorAll<HTMLElement>(selector)].map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0 && r.width < area.width * 0.6);
  // A token's label, where it is drawn (its wrapper's box starts at the token's point, not round its label).
  const tokens = boxes('.token .token-body');
  // Its devices come into view too where they fit beside its tokens; else the tokens alone (a frame spread
  // wider than the area, a flood, is centred on them).
  const round = (parts: readonly DOMRect[]): Box => ({
    left: Math.min(...parts.map((r) => r.left)),
    top: Math.min(...parts.map((r) => r.top)),
    right: Math.max(...parts.map((r) => r.right)),
    bottom: Math.max(...parts.map((r) => r.bottom)),
  });
  const all = [...tokens, ...boxes('.react-flow__node:has([data-hop])')];
  if (all.length === 0) return undefined;
  const whole = round(all);
  const fits = whole.right - whole.left <= area.width - 2 * MARGIN && whole.bottom - whole.top <= area.height - 2 * MARGIN;
  return fits || tokens.length === 0 ? whole : round(tokens);
}

export function FollowHop({ userMoved }: { userMoved: RefObject<boolean> }) {
  const step = useAppStore(selectCurrentStep);
  const { getViewport, setViewport } = useReactFlow();
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const root = ref.current?.closest<HTMLElement>('.react-flow');
    const viewport = root?.querySelector('.react-flow__viewport');
    if (!step || !root || !viewport) return;
    let frame = 0;
    const follow = () => {
      frame = 0;
      if (userMoved.current) return;
      const area = root.getBoundingClientRect();
      const target = frameBox(root, area);
      if (!target) return;
      const { dx, dy } = panInto(target, area);
      if (Math.abs(dx) < 1 && Math.abs(dy) < 1) return;
      const v = getViewport();
      void setViewport({ x: v.x + dx, y: v.y + dy, zoom: v.zoom });
    };
    const later = () => {
      if (!frame) frame = requestAnimationFrame(follow);
    };
    later();
    // The step's tokens are drawn after this commit (the token layer loads with the first run): look again when they are.
    const watch = new MutationObserver(later);
    watch.observe(viewport, { childList: true, subtree: true });
    return () => {
      watch.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [step, userMoved, getViewport, setViewport]);
  return <span ref={ref} hidden />;
}
