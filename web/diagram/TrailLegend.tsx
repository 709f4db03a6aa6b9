// The key to the flow's two paths (drawn by PathTrails, loaded with the first run), over the diagram.
import { selectDiagramView, selectResult, useAppStore } from '../store/store';

/** In a lesson the path is what the student works out: it is drawn only with "Show everything". */
export const selectTrailsHidden = (s: ReturnType<typeof useAppStore.getState>) => s.lesson !== undefined && !s.showEverything;

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
