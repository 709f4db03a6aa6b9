// The run's what-ifs, over the diagram: each can be undone; a hint says how to add one.
import { selectRequest, useAppStore } from '../store/store';
import { formatTime } from '../model/format';

export function WhatIfBar() {
  const request = useAppStore(selectRequest);
  const running = useAppStore((s) => s.runStatus === 'running');
  const removeWhatIf = useAppStore((s) => s.removeWhatIf);
  const whatIfs = request?.whatIf ?? [];
  if (whatIfs.length === 0) return <p className="whatif-hint">What if? Right-click a VM to fail it.</p>;
  return (
    <ul className="whatif-list" aria-label="What-ifs in this run">
      {whatIfs.map((w, i) => (
        <li key={`${w.target}@${w.at}`} className={`whatif whatif-${w.action}`}>
          {w.target} {w.action === 'fail' ? 'fails' : 'comes back'} at {formatTime(w.at)}
          <button type="button" className="chip-x" disabled={running} aria-label={`Undo: ${w.target} ${w.action === 'fail' ? 'fails' : 'comes back'}`} onClick={() => void useAppStore.getState().focusAfterRun(removeWhatIf(i))}>
            ✕
          </button>
        </li>
      ))}
    </ul>
  );
}
