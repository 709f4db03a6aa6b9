// The steps of the canonical run (ClientVM opens https://portal.azurestack.local), found by what their frames
// are, not by their number: a change to the engine that adds frames (a probe, a handshake) moves every number
// after it, never what a step holds. The run is made here by the engine itself, in this process, and its steps
// built as the page builds them (the page's run of the same link is the same, frame for frame).
import { createEngine } from '../src-engine/engine';
import type { RunRequest, Transmission } from '../src-engine/protocol';
import { buildTimeline } from '../web/model/buildTimeline';
import type { Step, Timeline } from '../web/model/timeline';

export const CANONICAL: RunRequest = { from: 'ClientVM', to: 'https://portal.azurestack.local' };
/** The canonical run as a link (motion off: tokens rest where their frames arrived). */
export const CANONICAL_LINK = '?scenario=poc&from=ClientVM&to=https%3A%2F%2Fportal.azurestack.local&motion=off';
const SWITCH = 'CCI_External_vSwitch';

/** The canonical run's steps, with the text of each frame (the engine's summary, as the event list shows it). */
export interface CanonicalRun {
  readonly timeline: Timeline;
  readonly total: number;
  /** The 1-based number (as the playback readout says "Step N of M") of the first step `pick` accepts. */
  readonly step: (what: string, pick: (step: Step, frames: readonly Transmission[]) => boolean) => number;
  /** The frames of a step, by its 1-based number: their ids are the page's frame numbers ("Frame #96"). */
  readonly frames: (step: number) => readonly Transmission[];
}

const made = new Map<string, Promise<CanonicalRun>>();

/** The canonical run; with `knobs`, the same request with those knobs on (the link adds `&knobs=...`). */
export function canonicalRun(knobs?: RunRequest['knobs']): Promise<CanonicalRun> {
  const key = JSON.stringify(knobs ?? {});
  const cached = made.get(key);
  if (cached) return cached;
  const run = (async (): Promise<CanonicalRun> => {
    const engine = createEngine();
    const loaded = await engine.loadTopology();
    if (!loaded.ok) throw new Error(`the POC did not load: ${loaded.error.map((e) => e.message).join('; ')}`);
    const run = await engine.run(knobs ? { ...CANONICAL, knobs } : CANONICAL);
    if (!run.ok) throw new Error(`the canonical run failed: ${run.error.message}`);
    const timeline = buildTimeline(run.value, loaded.value.topology.switch.id);
    const framesOf = (s: Step) => s.txIds.map((id) => timeline.tx.get(id)!);
    return {
      timeline,
      total: timeline.steps.length,
      frames: (n) => framesOf(timeline.steps[n - 1]!),
      step: (what, pick) => {
        const i = timeline.steps.findIndex((s) => pick(s, framesOf(s)));
        if (i < 0) throw new Error(`the canonical run has no step where ${what}`);
        return i + 1;
      },
    };
  })();
  made.set(key, run);
  return run;
}

/** The 1-based number of the last step `pick` accepts. */
function lastStep(run: CanonicalRun, what: string, pick: (step: Step, frames: readonly Transmission[]) => boolean): number {
  const steps = run.timeline.steps;
  let i = steps.length - 1;
  while (i >= 0 && !pick(steps[i]!, run.frames(i + 1))) i--;
  if (i < 0) throw new Error(`the run has no step where ${what}`);
  return i + 1;
}

const says = (frames: readonly Transmission[], text: RegExp) => frames.some((f) => text.test(f.summary));
const all = (frames: readonly Transmission[], text: RegExp) => frames.length > 0 && frames.every((f) => text.test(f.summary));

/** The steps the tests and the README's pictures look at, each found by its frames. */
export async function canonicalSteps() {
  const run = await canonicalRun();
  return {
    run,
    total: run.total,
    bgpUpdateSent: run.step('MuxVM sends a KEEPALIVE and the UPDATE at once', (s, f) => s.fromNode === 'MuxVM' && says(f, /BGP KEEPALIVE/) && says(f, /BGP UPDATE/)),
    bgpUpdateForwarded: run.step('the switch forwards the KEEPALIVE and the UPDATE to BGPVM', (s, f) => s.fromNode === SWITCH && says(f, /BGP KEEPALIVE/) && says(f, /BGP UPDATE/)),
    probeArpFlood: run.step("the switch floods PortalVM's ARP request (to answer the first health probe)", (s, f) => s.fromNode === SWITCH && f.length > 1 && all(f, /^ARP who has 192\.168\.100\.1\? tell 192\.168\.100\.9$/)),
    clientArpFlood: run.step("the switch floods ClientVM's ARP request for its gateway", (s, f) => s.fromNode === SWITCH && f.length > 1 && all(f, /^ARP who has 192\.168\.200\.1\? tell 192\.168\.200\.10$/)),
    vxlanPair: run.step('MuxVM sends two frames, wrapped in VXLAN, at once', (s, f) => s.fromNode === 'MuxVM' && f.length === 2 && all(f, /^VXLAN /)),
    vxlanSyn: run.step('MuxVM sends the SYN, wrapped in VXLAN, to the host', (s, f) => s.fromNode === 'MuxVM' && all(f, /^VXLAN 192\.168\.233\.6 -> 192\.168\.233\.21 VNI 4096 \[.* TCP SYN /)),
    vfpSyn: run.step("VFP delivers the SYN, rewritten to the DIP, to PortalVM", (s, f) => s.fromNode === SWITCH && all(f, /^192\.168\.200\.10:\d+ -> 192\.168\.100\.9:443 TCP SYN /)),
    dsrSynAck: run.step('BGPVM sends the SYN-ACK (from the VIP, by Direct Server Return) towards ClientVM', (s, f) => s.fromNode === 'BGPVM' && all(f, /^192\.168\.133\.74:443 -> 192\.168\.200\.10:\d+ TCP SYN\/ACK /)),
  };
}

/** With a second MUX (`&knobs=secondMux`): the steps where MuxVM2 receives a frame, on its management NIC and on its PA NIC. */
export async function secondMuxSteps() {
  const run = await canonicalRun({ secondMux: true });
  return {
    run,
    synAtMux2: run.step("the switch delivers the client's SYN to MuxVM2", (s, f) => f.some((x) => x.toNode === 'MuxVM2' && /^192\.168\.200\.10:\d+ -> 192\.168\.133\.74:443 TCP SYN /.test(x.summary))),
    paArpAtMux2: run.step("the switch delivers the host's ARP reply to MuxVM2's PA", (s, f) => f.some((x) => x.toNode === 'MuxVM2' && /^ARP 192\.168\.233\.21 is at/.test(x.summary))),
    synsFromBothMuxes: run.step("the switch delivers both MUXes' BGP SYNs to BGPVM at once", (s, f) => s.fromNode === SWITCH && f.length === 2 && f.every((x) => x.toNode === 'BGPVM' && / TCP SYN /.test(x.summary))),
    bgpToBothMuxes: run.step('BGPVM sends four BGP messages at once, two to each MUX', (s, f) => s.fromNode === 'BGPVM' && f.length === 4 && all(f, /BGP (OPEN|KEEPALIVE)/)),
    vxlanPair: run.step('MuxVM2 sends two frames, wrapped in VXLAN, at once', (s, f) => s.fromNode === 'MuxVM2' && f.length === 2 && all(f, /^VXLAN /)),
    /** Late in the run: the last step where the switch delivers two frames to NATVM at once. */
    natPairLate: lastStep(run, 'the switch delivers two frames to NATVM at once', (s, f) => s.fromNode === SWITCH && f.length === 2 && f.every((x) => x.toNode === 'NATVM')),
  };
}
