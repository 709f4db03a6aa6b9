// Keeps the network in view when the diagram's area changes size (window resized, large text toggled),
// until the user has panned or zoomed it themselves (`userMoved`, set by TopologyView from React Flow's
// onMoveStart, which passes an event only for moves a person made). Where the whole network would only
// fit below READABLE_ZOOM (a phone, a laptop at 200% browser zoom), it is drawn at READABLE_ZOOM instead,
// its labels at 12 CSS px or more, centred on what the page is about (a lesson chapter's devices, else the
// whole network) with its edges kept at the area's edges, and OffScreen marks the sides with more beyond
// them; the view follows the packet (FollowHop); the fit-view control shows the whole network on demand.
// On a laptop the area may grow for it (see --diagram-need): the run pane below yields some of its rows; on a
// tablet in portrait the page below it moves down.
import { getViewportForBounds, useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';
import { selectGeometry, useAppStore } from '../store/store';
import { TITLE_BAND } from './geometry';
import { MAX_LEGIBLE_SCALE } from './LegibleText';

/** Room around the fitted drawing (the zoom controls and the picture buttons sit in a strip above it, not on it). */
export const FIT_PADDING = { top: '4px', right: 0.02, bottom: 0.03, left: 0.02 } as const;
const EDGE = 4;
/** The strip above the drawing (.diagram-tools): part of the area the drawing needs on a laptop. */
const STRIP = 30;
/** How much of a title's band, from its start, counts as its text when the view is placed (a title's first words). */
const TITLE_SPAN = 40;

/** The lowest zoom at which the diagram's smallest text (12 px, enlarged by LegibleText) renders at 12 CSS px. */
export const READABLE_ZOOM = 1 / MAX_LEGIBLE_SCALE;

/**
 * Where the drawing goes on one axis, held at a zoom that makes it larger than the area: the subject's centre at
 * the area's centre, but neither edge of the drawing pulled inside the area's edge (no blank beside it).
 */
export function placeAxis(lo: number, size: number, subjectLo: number, subjectSize: number, zoom: number, start: number, end: number): number {
  const centred = (start + end) / 2 - (subjectLo + subjectSize / 2) * zoom;
  return Math.min(start - lo * zoom, Math.max(end - (lo + size) * zoom, centred));
}

/** A stretch of text on one axis (a device's box, the start of a title), in flow units. */
export interface Span {
  readonly lo: number;
  readonly hi: number;
}

/**
 * Where the drawing goes on one axis when it is larger than the area: of the offsets that leave no blank beside it,
 * the one that cuts the fewest `texts` (a box half in view, a title cut through), keeping the subject whole where it
 * fits, and nearest to `placeAxis`'s (the subject centred) among equals. A lesson's view centred on its devices cut
 * the host's title at 1024x768 where moving 20 px cut only the frame's empty margin.
 */
export function placeClear(lo: number, size: number, subjectLo: number, subjectSize: number, zoom: number, start: number, end: number, texts: readonly Span[]): number {
  const preferred = placeAxis(lo, size, subjectLo, subjectSize, zoom, start, end);
  const min = end - (lo + size) * zoom;
  const max = start - lo * zoom;
  // Only a drawing a little larger than its area (a frame's margin's worth): a much larger one (a phone) is centred.
  if (min > max || max - min > NEAR_FIT) return preferred;
  const candidates = [preferred, min, max, ...texts.flatMap((t) => [start - t.lo * zoom, end - t.hi * zoom])].filter((c) => c >= min - 1e-9 && c <= max + 1e-9);
  const subjectFits = subjectSize * zoom <= end - start;
  const cost = (c: number) => {
    const cut = texts.filter((t) => {
      const a = c + t.lo * zoom;
      const b = c + t.hi * zoom;
      return (a < start - 0.5 && b > start + 0.5) || (a < end - 0.5 && b > end + 0.5);
    }).length;
    const sa = c + subjectLo * zoom;
    return cut + (subjectFits && (sa < start - 0.5 || sa + subjectSize * zoom > end + 0.5) ? 1000 : 0);
  };
  let best = preferred;
  let bestCost = cost(preferred);
  for (const c of candidates) {
    const k = cost(c);
    if (k < bestCost || (k === bestCost && Math.abs(c - preferred) < Math.abs(best - preferred))) {
      best = c;
      bestCost = k;
    }
  }
  return best;
}

/**
 * How far past its area a drawing may reach, in CSS px, and still be placed to cut no text (see placeClear): about
 * the host frame's margins (14 units a side, 8 px at the readable zoom). A drawing further past it is centred on its
 * subject: the POC at 200% zoom on a laptop (61 px past 640), two MUXes at 1024x768 (58 px past 704).
 */
export const NEAR_FIT = 32;

/** The devices a lesson's chapter is about (drawn in focus), if any. */
const selectSubject = (s: ReturnType<typeof useAppStore.getState>) => (s.lesson && !s.showEverything ? s.lesson.chapters[s.chapter]?.nodes : undefined);

/** `readable`: hold the zoom at READABLE_ZOOM or above (a network the size of the POC; a large generated one is fitted whole, with its minimap). */
export function AutoFit({ userMoved, readable }: { userMoved: RefObject<boolean>; readable: boolean }) {
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  // A POC-sized network drawn again with more devices (a second MUX) is placed again; a large one is fitted once.
  // A large network's nodes come after React Flow has mounted (see TopologyView): it is fitted when they do.
  const count = useStore((s) => (readable ? s.nodes.length : Math.min(1, s.nodes.length)));
  const subject = useAppStore(selectSubject);
  const geo = useAppStore(selectGeometry);
  const ref = useRef<HTMLSpanElement>(null);
  // Set once React Flow's pan-zoom is up: a viewport set before it is dropped.
  const ready = useStore((s) => s.panZoom !== null);
  const maxZoom = useStore((s) => s.maxZoom);
  const { fitView, getNodes, getNodesBounds, setViewport } = useReactFlow();
  useEffect(() => {
    const canvas = ref.current?.closest<HTMLElement>('.canvas');
    const b = getNodesBounds(getNodes());
    // The height the drawing needs at the readable zoom, with the picture buttons' band: a laptop's area grows to it,
    // a phone's shrinks to it. Unset for a large network, fitted whole.
    if (canvas) canvas.style.setProperty('--diagram-need', readable && b.height > 0 ? `${Math.ceil(b.height * READABLE_ZOOM + STRIP + 2 * EDGE)}px` : '');
    if (userMoved.current || !(width > 0 && height > 0)) return;
    if (!readable) {
      // A large network's nodes come in batches and are measured by React Flow: fitView waits for them.
      void fitView({ padding: FIT_PADDING });
      return;
    }
    if (!ready || !(b.width > 0 && b.height > 0)) return;
    // The fit is computed here, not read back after fitView: a view set between the two (a follow, a fit for a new
    // size) was read back as the fit, and the drawing kept a 27 px band above it on a phone.
    const v = getViewportForBounds(b, width, height, READABLE_ZOOM, maxZoom, FIT_PADDING);
    if (v.zoom > READABLE_ZOOM + 1e-6) {
      void setViewport(v);
      return;
    }
    const shown = subject?.filter((id) => getNodes().some((n) => n.id === id));
    const s = shown?.length ? getNodesBounds(shown) : b;
    // What has text in it: the devices' boxes and the start of each title (its band's first TITLE_SPAN units).
    const sw = geo?.box(geo.switchId);
    const texts = geo ? [...geo.devices(), ...(sw ? [sw] : []), ...geo.overlayText().filter((r) => r.height <= TITLE_BAND + 1e-6).map((r) => ({ ...r, width: Math.min(r.width, TITLE_SPAN) }))] : [];
    const x = b.width * v.zoom > width - 2 * EDGE ? placeClear(b.x, b.width, s.x, s.width, v.zoom, 0, width, texts.map((r) => ({ lo: r.x, hi: r.x + r.width }))) : v.x;
    const y = b.height * v.zoom > height - 2 * EDGE ? placeClear(b.y, b.height, s.y, s.height, v.zoom, 0, height, texts.map((r) => ({ lo: r.y, hi: r.y + r.height }))) : v.y;
    void setViewport({ x, y, zoom: v.zoom });
  }, [width, height, count, readable, ready, maxZoom, subject, geo, fitView, getNodes, getNodesBounds, setViewport, userMoved]);
  return <span ref={ref} hidden />;
}
