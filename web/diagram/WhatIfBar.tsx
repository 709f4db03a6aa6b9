// The run's what-ifs, over the diagram: each can be undone; a hint says how to add one. Beside them, the
// knobs that add a device to the run (the second portal DIP), each a toggle that runs the flow again.
import { selectRequest, selectTopology, useAppStore } from '../store/store';
import { formatTime } from '../model/format';

export function WhatIfBar() {
  const request = useAppStore(selectRequest);
  const running = useAppStore((s) => s.runStatus === 'running');
  const removeWhatIf = useAppStore((s) => s.removeWhatIf);
  const whatIfs = request?.whatIf ?? [];
  return (
    <>
      {whatIfs.length === 0 ? (
        <p className="whatif-hint">What if? Right-click a VM to fail it.</p>
      ) : (
        <ul className="whatif-list" aria-label="What-ifs in this run">
          {whatIfs.map((w, i) => (
            <li key={`${w.target}@${w.at}`} className={`whatif whatif-${w.action}`}>
              {w.target} {w.action === 'fail' ? 'fails' : 'comes back'} at {formatTime(w.at)}
              <button type="button" className="chip-x" disabled={running} aria-label={`Undo: ${w.target} ${w.action === 'fail' ? 'fails' : 'comes back'}`} onClick={() => void removeWhatIf(i)}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <SecondDipToggle />
    </>
  );
}

/** The second portal DIP: no source gives TP1 one, so it is a what-if the run adds (PortalVM2). */
function SecondDipToggle() {
  const topology = useAppStore(selectTopology);
  const on = useAppStore((s) => s.request?.knobs?.secondDip === true);
  const running = useAppStore((s) => s.runStatus === 'running');
  const setKnob = useAppStore((s) => s.setKnob);
  const rule = topology?.slb?.rules[0];
  if (!rule) return null;
  return (
    <button
      type="button"
      className="knob-toggle"
      aria-pressed={on}
      disabled={running}
      title={`What if the portal rule ${rule.name} had a second DIP, PortalVM2? Fail PortalVM and the MUX moves new flows to it once the health probes give up on PortalVM.`}
      onClick={() => void setKnob('secondDip', !on)}
    >
      Second portal DIP
    </button>
  );
}
