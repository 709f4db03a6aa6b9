// After a run, the flow's forward path and its answer drawn together under the tokens, told apart by
// colour, line style and an arrowhead, and offset so neither hides the other. In the overlay view the
// tenant's logical path is drawn instead: client -> VIP -> server, and the answer straight back.
import { ViewportPortal } from '@xyflow/react';
import { useMemo } from 'react';
import type { Point } from '../animation/tokenPath';
import { selectDiagramView, selectGeometry, selectResult, selectTimeline, useAppStore } from '../store/store';
import { selectTrailsHidden } from './TrailLegend';
import { flowTrails, logicalPath } from './trails';

const OFFSET = 4;
const line = (pts: readonly Point[], d: number) => pts.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x + d} ${p.y + d}`).join(' ');

export function PathTrails() {
  const geo = useAppStore(selectGeometry);
  const timeline = useAppStore(selectTimeline);
  const result = useAppStore(selectResult);
  const view = useAppStore(selectDiagramView);
  const hidden = useAppStore(selectTrailsHidden);
  const overlay = view === 'overlay';
  const trails = useMemo(() => (geo && timeline && result ? flowTrails(geo, timeline, result.trace) : undefined), [geo, timeline, result]);
  // The logical path is routed round every box's text (thousands on a large topology): only when it is shown.
  const logical = useMemo(() => (overlay && geo && result ? logicalPath(geo, result.trace) : undefined), [overlay, geo, result]);
  if (!trails || hidden) return null;
  return (
    <ViewportPortal>
      <svg className={`trails${overlay ? ' trails-overlay' : ''}`} aria-hidden="true">
        <defs>
          <marker id="trail-fwd" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="trail-head-forward" />
          </marker>
          <marker id="trail-back" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="trail-head-back" />
          </marker>
          {/* The overlay's lines are thicker: their heads are drawn smaller in stroke widths, to fit between lanes. */}
          <marker id="trail-fwd-wide" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="3" markerHeight="3" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="trail-head-forward" />
          </marker>
          <marker id="trail-back-wide" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="3" markerHeight="3" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="trail-head-back" />
          </marker>
        </defs>
        {overlay && logical ? (
          <>
            {logical.forward.map((pts, i) => (
              <path key={`f${i}`} className="trail trail-forward trail-logical" d={line(pts, 0)} markerEnd="url(#trail-fwd-wide)" />
            ))}
            {logical.back.length > 1 && <path className="trail trail-back trail-logical" d={line(logical.back, 0)} markerEnd="url(#trail-back-wide)" />}
          </>
        ) : (
          <>
            {trails.forward.map((pts, i) => (
              <path key={`f${i}`} className="trail trail-forward" d={line(pts, -OFFSET)} markerEnd="url(#trail-fwd)" />
            ))}
            {trails.back.map((pts, i) => (
              <path key={`b${i}`} className="trail trail-back" d={line(pts, OFFSET)} markerEnd="url(#trail-back)" />
            ))}
          </>
        )}
      </svg>
    </ViewportPortal>
  );
}
