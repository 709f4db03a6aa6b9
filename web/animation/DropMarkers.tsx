// Where packets died, kept on the diagram with the reason: the traced flow's last hop when it failed,
// and each node's latest dropped frame up to the playhead (in a lesson, those of the chapter shown).
import { useMemo } from 'react';
import { selectCursor, selectGeometry, selectHopRoles, selectResult, selectTimeline, useAppStore } from '../store/store';
import { useLegibleScale } from '../diagram/LegibleText';
import { dropMarkers, markerBox, type DropMarker } from './dropMarkers';
import { badgesUnder } from './tagYield';

/** The drop markers at the playhead, placed (the resting labels move off them: see placeRests). */
export function useDropMarkers(): DropMarker[] {
  const geo = useAppStore(selectGeometry);
  const result = useAppStore(selectResult);
  const timeline = useAppStore(selectTimeline);
  const cursor = useAppStore(selectCursor);
  // In a lesson, only the chapter's own drops: its playback bounds begin at its first step.
  const since = useAppStore((s) => (s.lesson && s.bounds ? s.bounds.first : 0));
  // Their labels are measured in the diagram's text size (set larger when it is zoomed out).
  const fz = useLegibleScale();
  return useMemo(() => (geo && result && timeline ? dropMarkers(geo, result, timeline, cursor, since, fz) : []), [geo, result, timeline, cursor, since, fz]);
}

export function DropMarkers({ markers }: { markers: readonly DropMarker[] }) {
  const geo = useAppStore(selectGeometry);
  const fz = useLegibleScale();
  // A lit device's badge under a marker yields to it, as to a resting packet (the marker of two reasons at NCVM is two
  // long lines, over PortalVM's "receives").
  const roles = useAppStore(selectHopRoles);
  const yieldCss = useMemo(
    () => (geo && roles ? badgesUnder(geo, markers.map((m) => markerBox(m, fz)), roles, fz).map((id) => `.vm[data-node-id="${CSS.escape(id)}"] .hop-badges { visibility: hidden; }`).join('\n') : ''),
    [geo, roles, markers, fz],
  );
  return (
    <>
      {yieldCss && <style>{yieldCss}</style>}
      {markers.map((m) => (
        <div
          key={m.key}
          className={`drop-marker${m.flow ? ' drop-marker-flow' : ''}${m.clamp ? ' drop-marker-clamp' : ''}`}
          style={{ transform: `translate(${m.x}px, ${m.y}px)`, ...(m.maxWidth !== undefined ? { maxWidth: `${m.maxWidth}px` } : {}) }}
          role="note"
          aria-label={`${m.flow ? 'The flow died' : 'Dropped'} at ${m.node}: ${m.detail}${m.own ? `. Dropped there too: ${m.own.detail}` : ''}`}
          title={m.own ? `${m.detail}\n${m.own.detail}` : m.detail}
        >
          <span className="drop-x" aria-hidden="true">
            ✕
          </span>
          <span className="drop-text">
            {m.text}
            {m.own && <span className="drop-own">{m.own.text}</span>}
          </span>
        </div>
      ))}
    </>
  );
}
