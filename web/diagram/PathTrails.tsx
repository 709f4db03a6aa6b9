// After a run, the flow's forward path and its answer drawn together under the tokens, told apart by
// colour, line style and an arrowhead, and offset so neither hides the other. In the overlay view the
// tenant's logical path is drawn instead: client -> VIP -> server, and the answer straight back.
import { ViewportPortal } from '@xyflow/react';
import { useMemo } from 'react';
import type { Point } from '../animation/tokenPath';
import { selectDiagramView, selectGeometry, selectResult, selectTimeline, useAppStore } from '../store/store';
import { flowTrails, logicalPath } from './trails';

const OFFSET = 4;
/** In a lesson the path is what the student works out: it is drawn only with "Show everything". */
const selectTrailsHidden = (s: ReturnType<typeof useAppStore.getState>) => s.lesson !== undefined && !s.showEverything;
const line = (pts: readonly Point[], d: number) => pts.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x + d} ${p.y + d}`).join(' ');

export function PathTrails() {
  const geo = useAppStore(selectGeometry);
  const timeline = useAppStore(selectTimeline);
  const result = useAppStore(selectResult);
  const view = useAppStore(selectDiagramView);
  const hidden = useAppStore(selectTrailsHidden);
  const trails = useMemo(() => (geo && timeline && result ? flowTrails(geo, timeline, result.trace) : undefined), [geo, timeline, result]);
  const logical = useMemo(() => (geo && result ? logicalPath(geo, result.trace) : undefined), [geo, result]);
  if (!trails || hidden) return null;
  const overlay = view === 'overlay';
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
        </defs>
        {overlay && logical ? (
          <>
            <path className="trail trail-forward trail-logical" d={line(logical.forward, -OFFSET * 2)} markerEnd="url(#trail-fwd)" />
            {logical.back.length > 1 && <path className="trail trail-back trail-logical" d={line(logical.back, OFFSET * 2)} markerEnd="url(#trail-back)" />}
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

/** The key to the two paths, over the diagram. */
export function TrailLegend() {
  const result = useAppStore(selectResult);
  const view = useAppStore(selectDiagramView);
  const hidden = useAppStore(selectTrailsHidden);
  if (!result || result.trace.hops.length === 0 || hidden) return null;
  const dsr = result.trace.hops.some((h) => h.steps.some((s) => s.kind === 'load-balance'));
  return (
    <ul className="trail-legend" aria-label="Paths of the flow">
      <li>
        <svg width="28" height="10" aria-hidden="true">
          <line x1="0" y1="5" x2="28" y2="5" className="trail trail-forward" />
        </svg>
        forward{dsr ? (view === 'overlay' ? ': client → VIP → server' : ': via the MUX and the VXLAN tunnel') : ''}
      </li>
      {result.trace.returnHops.length > 0 && (
        <li>
          <svg width="28" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="28" y2="5" className="trail trail-back" />
          </svg>
          {dsr ? 'return: Direct Server Return (no MUX, no VXLAN)' : 'return'}
        </li>
      )}
    </ul>
  );
}
