// The current step's lit boxes, drawn over the diagram instead of in it (see hopRings.ts): a layer of their
// own, above the boxes and under the paths and tokens. Lighting a box inside the drawing made the browser
// paint and raster the drawing again at every step, and a large topology's drawing is one layer of thousands of
// boxes: about 50 ms of CPU a tile. The drawing now stays as it is while the run plays.
import { ViewportPortal } from '@xyflow/react';
import { useMemo } from 'react';
import { deviceOfBox } from '../../src-engine/view/index';
import { selectGeometry, selectLessonFocus, selectNodeDown, selectStepMarks, useAppStore, type AppState } from '../store/store';
import { hopRings } from './hopRings';

/** The devices the step lights (their boxes' owners), each once. */
const litDevices = (s: AppState): string[] => {
  const marks = selectStepMarks(s);
  return marks ? [...new Set([...marks.roles.keys(), ...[...marks.ports].map(deviceOfBox)])] : [];
};
/** Of the lit devices, those down at the time shown and those a lesson focuses on, as text (stable between steps). */
const selectLitDown = (s: AppState) => litDevices(s).filter((n) => selectNodeDown(s, n)).join(' ');
const selectLitFocus = (s: AppState) => litDevices(s).filter((n) => selectLessonFocus(s, n)).join(' ');

export function HopRings() {
  const geo = useAppStore(selectGeometry);
  const marks = useAppStore(selectStepMarks);
  const selected = useAppStore((s) => s.selectedNode);
  const down = useAppStore(selectLitDown);
  const focus = useAppStore(selectLitFocus);
  const rings = useMemo(() => {
    if (!geo || !marks) return [];
    const downs = new Set(down.split(' '));
    const focused = new Set(focus.split(' '));
    return hopRings(marks, geo, { selected, isDown: (n) => downs.has(n), isFocus: (n) => focused.has(n) });
  }, [geo, marks, selected, down, focus]);
  return (
    <ViewportPortal>
      <div className="hop-rings" aria-hidden="true">
        {rings.map((r) => (
          <div
            key={r.box}
            className={`hop-ring hop-ring-${r.kind} hop-ring-${r.role}${r.selected ? ' hop-ring-selected' : ''}${r.down ? ' hop-ring-down' : ''}${r.focus ? ' hop-ring-focus' : ''}`}
            // Placed as React Flow places the box (a translation), so the ring's edges fall on the same pixels as the box's.
            style={{ transform: `translate(${r.rect.x}px,${r.rect.y}px)`, width: r.rect.width, height: r.rect.height }}
          />
        ))}
      </div>
    </ViewportPortal>
  );
}
