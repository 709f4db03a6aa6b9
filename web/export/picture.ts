// Pictures of the diagram for slides, at the current step: PNG and SVG of the whole network (not just
// what is in view), made with html-to-image as React Flow's image-export example does. Loaded on the
// first picture: nothing here is needed to show the diagram.
import { getNodesBounds, getViewportForBounds, type ReactFlowInstance } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';
import { slug } from '../model/format';
import { useAppStore } from '../store/store';
import { downloadUrl } from './download';

/**
 * Writes each SVG shape's computed fill and stroke onto it as attributes while the picture is taken:
 * html-to-image copies CSS properties, but SVG shapes styled by class (edges, labels) would otherwise be
 * painted with SVG's defaults (a black fill). Returns the undo.
 */
function pinSvgPaint(root: Element): () => void {
  const undo: (() => void)[] = [];
  for (const el of root.querySelectorAll<SVGElement>('path, rect, circle, ellipse, line, polyline, polygon')) {
    const css = getComputedStyle(el);
    for (const prop of ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity'] as const) {
      const before = el.getAttribute(prop);
      el.setAttribute(prop, css.getPropertyValue(prop));
      undo.push(() => (before === null ? el.removeAttribute(prop) : el.setAttribute(prop, before)));
    }
  }
  return () => undo.forEach((f) => f());
}

/** Pixels of the picture's longer side: sharp on a 1080p projector. */
const LONG_SIDE = 2400;

/** Makes the picture and downloads it; a failure is told to the user. */
export async function savePicture(flow: ReactFlowInstance, kind: 'png' | 'svg'): Promise<void> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) return;
  const bounds = getNodesBounds(flow.getNodes());
  const scale = LONG_SIDE / Math.max(bounds.width, bounds.height);
  const width = Math.round(bounds.width * scale) + 40;
  const height = Math.round(bounds.height * scale) + 40;
  const v = getViewportForBounds(bounds, width, height, 0.1, 4, 0.02);
  const options = {
    backgroundColor: getComputedStyle(viewport).getPropertyValue('--bg').trim() || '#ffffff',
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${v.x}px, ${v.y}px) scale(${v.zoom})` },
  };
  const s = useAppStore.getState();
  const name = `hoplab-diagram-${slug(s.snapshot?.topology.name ?? 'topology')}${s.result ? `-step-${s.cursor + 1}` : ''}.${kind}`;
  const unpin = pinSvgPaint(viewport);
  try {
    downloadUrl(kind === 'png' ? await toPng(viewport, options) : await toSvg(viewport, options), name);
  } catch (e) {
    s.notify('error', `The picture could not be made (${(e as Error).message}). Try again, or take a screenshot.`);
  } finally {
    unpin();
  }
}
