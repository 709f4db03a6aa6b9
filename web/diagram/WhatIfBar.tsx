// The run's what-ifs, over the diagram: each can be undone; a hint says how to add one, and a button sets the
// PA network to a plain 1500-byte MTU (no room for VXLAN) to see what a full-size packet meets at the MUX.
// Beside them, the knob that adds a device to the run (the second portal DIP), a toggle that runs the flow again.
import { selectRequest, selectTopology, useAppStore } from '../store/store';
import { formatTime } from '../model/format';

/** The MTU the what-if gives the PA network: Ethernet's, without the 160 bytes Microsoft's SDN wants for encapsulation. */
const PLAIN_MTU = 1500;

/** The what-ifs of the run, and the knob that adds a second portal DIP. */
export function WhatIfBar() {
  return (
    <>
      <WhatIfList />
      <SecondDipToggle />
    </>
  );
}

function WhatIfList() {
  const request = useAppStore(selectRequest);
  const running = useAppStore((s) => s.runStatus === 'running');
  const removeWhatIf = useAppStore((s) => s.removeWhatIf);
  const setNetworkMtu = useAppStore((s) => s.setNetworkMtu);
  const pa = useAppStore((s) => s.snapshot?.topology.networks.find((n) => n.kind === 'pa'));
  const whatIfs = request?.whatIf ?? [];
  const mtus = request?.mtu ?? [];
  const offerMtu = pa !== undefined && !mtus.some((m) => m.network === pa.id) && (pa.mtu ?? 1500) > PLAIN_MTU;
  const offer = offerMtu ? (
    <button type="button" className="whatif-offer" disabled={running} onClick={() => void setNetworkMtu(pa.id, PLAIN_MTU)} title={`Run again with the ${pa.id} network at MTU ${PLAIN_MTU} instead of ${pa.mtu ?? 1500}: a full-size packet plus VXLAN no longer fits`}>
      What if the PA network's MTU were {PLAIN_MTU}?
    </button>
  ) : null;
  if (whatIfs.length === 0 && mtus.length === 0) {
    return (
      <p className="whatif-hint">
        {/* Read, not shown, on a small laptop with large text (styles.css): the offer and the second DIP keep one row. */}
        <span className="whatif-how">What if? Right-click a VM to fail it.</span> {offer}
      </p>
    );
  }
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
      {mtus.map((m) => (
        <li key={`mtu:${m.network}`} className="whatif whatif-mtu">
          {m.network} network MTU {m.mtu}
          <button type="button" className="chip-x" disabled={running} aria-label={`Undo: ${m.network} network MTU ${m.mtu}`} onClick={() => void setNetworkMtu(m.network, undefined)}>
            ✕
          </button>
        </li>
      ))}
      {offer && <li>{offer}</li>}
    </ul>
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
