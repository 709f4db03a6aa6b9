// Text on the diagram stays legible when the whole network is fitted into a laptop's diagram area: below
// 100% zoom the diagram's labels are set larger by the inverse of the zoom (in quarter steps, so a zoom
// gesture restyles the labels a few times, not on every frame), so they render at 12 CSS px or more, and
// the details that would no longer fit (roles, provenance marks, the switch's subtitle) wait until the
// user zooms in; device details show them at any zoom.
import { useStore } from '@xyflow/react';
import { useLayoutEffect, useRef } from 'react';

/** Text is never scaled more than this: larger labels would not fit their boxes (below about 58% zoom they render under 12 px). */
export const MAX_LEGIBLE_SCALE = 1.75;

/** How much larger the diagram's text is set at a zoom: 1 at 100% and above, else 1/zoom rounded up to a quarter. */
export function legibleScale(zoom: number): number {
  if (!(zoom > 0) || zoom >= 1) return 1;
  return Math.min(MAX_LEGIBLE_SCALE, Math.ceil(4 / zoom - 1e-9) / 4);
}

const selectScale = (s: { transform: [number, number, number] }) => legibleScale(s.transform[2]);

/** The scale, for SVG labels that size their own backgrounds. */
export const useLegibleScale = () => useStore(selectScale);

/** Writes the scale on the diagram's root as --fz (the CSS multiplies its font sizes by it) and data-legible. */
export function LegibleText() {
  const scale = useLegibleScale();
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const root = ref.current?.closest<HTMLElement>('.react-flow');
    if (!root) return;
    root.style.setProperty('--fz', String(scale));
    root.dataset.legible = scale > 1 ? 'scaled' : 'full';
  }, [scale]);
  return <span ref={ref} hidden />;
}
