// Pictures of the diagram for slides, at the current step: PNG and SVG of the whole network (not just
// what is in view), made with html-to-image as React Flow's image-export example does.
import { getNodesBounds, getViewportForBounds, Panel, useReactFlow } from '@xyflow/react';
import { useState } from 'react';
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

export function DiagramPictures() {
  const flow = useReactFlow();
  const [busy, setBusy] = useState(false);
  const save = async (kind: 'png' | 'svg') => {
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
    setBusy(true);
    const unpin = pinSvgPaint(viewport);
    try {
      // Loaded on the first picture: html-to-image is not needed to show the diagram.
      const { toPng, toSvg } = await import('html-to-image');
      downloadUrl(kind === 'png' ? await toPng(viewport, options) : await toSvg(viewport, options), name);
    } catch (e) {
      s.notify('error', `The picture could not be made (${(e as Error).message}). Try again, or take a screenshot.`);
    } finally {
      unpin();
      setBusy(false);
    }
  };
  return (
    <Panel position="top-right" className="diagram-pictures" aria-label="Pictures of the diagram">
      <button type="button" disabled={busy} onClick={() => void save('png')} title="Download the diagram at this step as a PNG picture">
        Download PNG
      </button>
      <button type="button" disabled={busy} onClick={() => void save('svg')} title="Download the diagram at this step as an SVG picture">
        Download SVG
      </button>
    </Panel>
  );
}
