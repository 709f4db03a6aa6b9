// The strip above the diagram: the flow's fate, the what-ifs, the overlay/underlay switch, the key to
// the drawn paths, and the button that shows or hides the side panel. It sits above the drawing, never on it.
import { selectPanelOpen, useAppStore } from '../store/store';
import { FlowStatus } from './FlowStatus';
import { TrailLegend } from './TrailLegend';
import { ViewToggle } from './ViewToggle';
import { WhatIfBar } from './WhatIfBar';

export function DiagramBar() {
  const open = useAppStore(selectPanelOpen);
  const presenter = useAppStore((s) => s.presenter && s.lesson !== undefined);
  const setOpen = useAppStore((s) => s.setPanelOpen);
  return (
    <div className="diagram-bar">
      <ViewToggle />
      <FlowStatus />
      {/* At the end of the first row when it has room (a row of its own took height from the diagram). */}
      {!presenter && (
        <button type="button" className="panel-toggle" aria-expanded={open} {...(open ? { 'aria-controls': 'side-panel' } : {})} onClick={() => setOpen(!open)}>
          {open ? 'Hide details' : 'Show details'}
        </button>
      )}
      <span className="bar-break" />
      <WhatIfBar />
      <TrailLegend />
    </div>
  );
}
