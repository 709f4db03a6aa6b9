// Bigger type for a projector: every panel and the diagram's labels grow.
import { selectLargeText, useAppStore } from '../store/store';

export function LargeTextToggle() {
  const on = useAppStore(selectLargeText);
  const set = useAppStore((s) => s.setLargeText);
  return (
    <button type="button" className="icon-button text-size" aria-pressed={on} aria-label="Large text" onClick={() => set(!on)} title="Large text, for a projector">
      <span aria-hidden="true">A</span>
      <span aria-hidden="true" className="big-a">A</span>
    </button>
  );
}
