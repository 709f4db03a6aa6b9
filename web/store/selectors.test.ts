// The named selectors: the time the view shows, the frame the inspector shows, which nodes send and receive
// and which edges carry the step's frames, and node and BGP state at the time shown.
import { freshStore, type AppStore } from './testing/inProcessStore';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src-engine/protocol';
import type { Step, Timeline } from '../model/timeline';
import { PRESET_REQUEST } from './runSlice';
import {
  selectBgpState,
  selectCurrentStep,
  selectCurrentTime,
  selectCurrentTx,
  selectCurrentTxId,
  selectEdgeActive,
  selectJumpOnly,
  selectNodeDown,
  selectNodeHasWhatIf,
  selectNodeHop,
  selectStepCount,
  selectTopology,
  tunnelKey,
} from './selectors';
import { timelineOf } from './testing/timeline';
import { nodeId } from '../../src-engine/view/ids';

let store: AppStore;
beforeEach(async () => {
  store = await freshStore();
});

/** Moves the playhead to the first step that `pick` finds in the run on screen; its index. */
function seekTo(pick: (step: Step, timeline: Timeline) => boolean): number {
  const timeline = store.getState().timeline!;
  const at = timeline.steps.findIndex((s) => pick(s, timeline));
  expect(at).toBeGreaterThanOrEqual(0);
  store.getState().seek(at);
  return at;
}
const summaryOf = (step: Step, timeline: Timeline) => timeline.tx.get(step.txIds[0]!)!.summary;

describe('the time the view shows', () => {
  const steps: Step[] = [
    { index: 0, time: 100, arrive: 120, txIds: [0], fromNode: 'A', protocols: ['arp'] },
    { index: 1, time: 200, arrive: 260, txIds: [1], fromNode: 'B', protocols: ['arp'] },
    { index: 2, time: 250, arrive: 270, txIds: [2], fromNode: 'C', protocols: ['arp'] },
  ];
  const timeline = { ...timelineOf([{ protocols: ['arp'] }, { protocols: ['arp'] }, { protocols: ['arp'] }]), steps };

  it('is just before the next step leaves, or when the step\'s frames arrive if that is later', () => {
    store.setState({ timeline, cursor: 0 });
    expect(selectCurrentTime(store.getState())).toBe(199);
    store.setState({ cursor: 1 });
    expect(selectCurrentTime(store.getState())).toBe(260);
  });

  it('at the last step is the end of the run (or the arrival, without a result); nothing without a run', () => {
    store.setState({ timeline, cursor: 2, result: { endTime: 900 } as RunResult });
    expect(selectCurrentTime(store.getState())).toBe(900);
    store.setState({ result: undefined });
    expect(selectCurrentTime(store.getState())).toBe(270);
    store.setState({ timeline: undefined });
    expect(selectCurrentTime(store.getState())).toBeUndefined();
    expect(selectCurrentStep(store.getState())).toBeUndefined();
    expect(selectStepCount(store.getState())).toBe(0);
  });
});

describe('the frame the inspector shows', () => {
  // One step of three frames: 10 and 12 are background (a probe, the control plane), 11 is the user's.
  const timeline = timelineOf([{ protocols: ['tcp'], txIds: [10, 11, 12], background: [10, 12] }, { protocols: ['arp'], txIds: [20, 21], background: [20, 21] }]);

  it('is the user\'s pick in this step, else the step\'s frame of the user\'s flow, else its first', () => {
    store.setState({ timeline, cursor: 0 });
    expect(selectCurrentTxId(store.getState())).toBe(11);
    expect(selectCurrentTx(store.getState())).toBe(timeline.tx.get(11));
    store.setState({ selectedTx: 12 });
    expect(selectCurrentTxId(store.getState())).toBe(12);
    store.setState({ selectedTx: 21 });
    expect(selectCurrentTxId(store.getState())).toBe(11);
    store.setState({ cursor: 1, selectedTx: undefined });
    expect(selectCurrentTxId(store.getState())).toBe(20);
    store.setState({ timeline: undefined });
    expect(selectCurrentTxId(store.getState())).toBeUndefined();
    expect(selectCurrentTx(store.getState())).toBeUndefined();
  });
});

describe('who sends, who receives, which edges carry the step', () => {
  beforeEach(async () => {
    await store.getState().runFlow(PRESET_REQUEST);
  });

  it('MuxVM sends the SYN into the VXLAN tunnel: its PA NIC and its tunnels light, the switch receives', () => {
    seekTo((s) => s.protocols.includes('vxlan'));
    const s = store.getState();
    expect(['MuxVM', 'CCI_External_vSwitch', 'BGPVM', 'PortalVM'].map((n) => selectNodeHop(s, n))).toEqual(['sender', 'receiver', undefined, undefined]);
    const lit = s.snapshot!.layout.edges.map((e) => e.id).filter((id) => selectEdgeActive(s, id));
    expect(lit).toEqual(['nic:MuxVM:pa']);
    expect(selectEdgeActive(s, tunnelKey('MuxVM'))).toBe(true);
    expect(selectEdgeActive(s, tunnelKey('BGPVM'))).toBe(false);
  });

  it('the switch delivers the decapsulated SYN to PortalVM: the edge of the port it leaves by lights', () => {
    const vxlan = store.getState().timeline!.steps.findIndex((s) => s.protocols.includes('vxlan'));
    store.getState().seek(vxlan + 1);
    const s = store.getState();
    expect(selectCurrentStep(s)!.fromNode).toBe('CCI_External_vSwitch');
    expect(['CCI_External_vSwitch', 'PortalVM', 'MuxVM'].map((n) => selectNodeHop(s, n))).toEqual(['sender', 'receiver', undefined]);
    expect(s.snapshot!.layout.edges.map((e) => e.id).filter((id) => selectEdgeActive(s, id))).toEqual(['nic:PortalVM:eth0']);
    expect(selectEdgeActive(s, tunnelKey('MuxVM'))).toBe(false);
  });

  it('a flood lights every port it leaves by and every node it reaches', () => {
    seekTo((step, t) => step.fromNode === 'CCI_External_vSwitch' && summaryOf(step, t) === 'ARP who has 192.168.100.1? tell 192.168.100.6');
    const s = store.getState();
    const lit = s.snapshot!.layout.edges.map((e) => e.id).filter((id) => selectEdgeActive(s, id));
    expect(lit.sort()).toEqual(['nic:ACSVM:eth0', 'nic:ADVM:eth0', 'nic:BGPVM:mgmt', 'nic:NCVM:eth0', 'nic:PortalVM:eth0', 'nic:SQLVM:eth0', 'nic:xRPVM:eth0']);
    expect(['ACSVM', 'ADVM', 'BGPVM', 'NCVM', 'PortalVM', 'SQLVM', 'xRPVM'].map((n) => selectNodeHop(s, n))).toEqual(Array(7).fill('receiver'));
    expect(['CCI_External_vSwitch', 'MuxVM', 'ClientVM'].map((n) => selectNodeHop(s, n))).toEqual(['sender', undefined, undefined]);
  });

  it('MuxVM\'s ARP on its PA lights its PA NIC, not its tunnels: only VXLAN runs through them', () => {
    seekTo((step, t) => summaryOf(step, t) === 'ARP who has 192.168.233.21? tell 192.168.233.6');
    const s = store.getState();
    expect(selectNodeHop(s, 'MuxVM')).toBe('sender');
    expect(s.snapshot!.layout.edges.map((e) => e.id).filter((id) => selectEdgeActive(s, id))).toEqual(['nic:MuxVM:pa']);
    expect(selectEdgeActive(s, tunnelKey('MuxVM'))).toBe(false);
  });

  it('a node that sends in a step and also receives in it is drawn as a sender', () => {
    const timeline = timelineOf([{ protocols: ['bgp'], txIds: [1, 2] }]);
    const tx = (id: number, from: string, to: string) => ({ ...timeline.tx.get(id)!, fromNode: nodeId(from), fromInterface: 'mgmt', toNode: nodeId(to) });
    store.setState({ timeline: { ...timeline, tx: new Map([[1, tx(1, 'MuxVM', 'BGPVM')], [2, tx(2, 'BGPVM', 'MuxVM')]]) }, cursor: 0 });
    expect(['MuxVM', 'BGPVM'].map((n) => selectNodeHop(store.getState(), n))).toEqual(['sender', 'sender']);
  });

  it('nothing is lit without a run', () => {
    store.getState().clearRun();
    expect(selectNodeHop(store.getState(), 'MuxVM')).toBeUndefined();
    expect(selectEdgeActive(store.getState(), 'nic:MuxVM:pa')).toBe(false);
  });
});

describe('state at the time shown', () => {
  it('BGP goes from Connect to Established during the control plane', async () => {
    await store.getState().runFlow(PRESET_REQUEST);
    store.getState().seek(0);
    expect(selectBgpState(store.getState(), 'MuxVM', 'BGPVM')).toBe('Connect');
    seekTo((s) => s.fromNode === 'ClientVM');
    expect(selectBgpState(store.getState(), 'MuxVM', 'BGPVM')).toBe('Established');
    expect(selectBgpState(store.getState(), 'BGPVM', 'MuxVM')).toBe('Established');
  });

  it('a node failed at 1 s is up until the time shown reaches 1 s, and down after; others stay up', async () => {
    await store.getState().runFlow({ ...PRESET_REQUEST, whatIf: [{ action: 'fail', target: 'MuxVM', at: 1_000_000 }] });
    expect(selectNodeHasWhatIf(store.getState(), 'MuxVM')).toBe(true);
    expect(selectNodeHasWhatIf(store.getState(), 'BGPVM')).toBe(false);
    store.setState({ request: { ...PRESET_REQUEST, whatIf: [{ action: 'restore', target: 'BGPVM', at: 5 }] } });
    expect(selectNodeHasWhatIf(store.getState(), 'BGPVM')).toBe(false);
    const times = store.getState().timeline!.steps.map((_, i) => selectCurrentTime({ ...store.getState(), cursor: i })!);
    const first = times.findIndex((t) => t >= 1_000_000);
    expect(first).toBeGreaterThan(0);
    store.getState().seek(first - 1);
    expect(selectNodeDown(store.getState(), 'MuxVM')).toBe(false);
    store.getState().seek(first);
    expect(selectNodeDown(store.getState(), 'MuxVM')).toBe(true);
    expect(selectNodeDown(store.getState(), 'BGPVM')).toBe(false);
    // BGPVM's TCP gives up on MuxVM before the run ends: the session is down.
    store.getState().seek(times.length - 1);
    expect(selectBgpState(store.getState(), 'MuxVM', 'BGPVM')).toBe('Idle');
  });

  it('with two MUXes, BGPVM giving up on the dead MuxVM2 leaves its session with MuxVM Established', async () => {
    await store.getState().runFlow({ ...PRESET_REQUEST, knobs: { secondMux: true }, whatIf: [{ action: 'fail', target: 'MuxVM2', at: 2_000_000 }], flowAt: [1_000_000, 200_000_000] });
    store.getState().seek(store.getState().timeline!.steps.length - 1);
    expect(['MuxVM', 'MuxVM2'].map((mux) => selectBgpState(store.getState(), mux, 'BGPVM'))).toEqual(['Established', 'Idle']);
    expect(selectBgpState(store.getState(), 'BGPVM', 'MuxVM')).toBe('Established');
  });

  it('a node is down from the time shown that its failure happens at, not a microsecond later', () => {
    // Steps at 0, 100, 200 µs: the view shows 99, 199 and the run's end, 300.
    const timeline = timelineOf([{ protocols: ['arp'] }, { protocols: ['arp'] }, { protocols: ['arp'] }]);
    const result = { endTime: 300, events: [{ id: 0, kind: 'node-failed', node: 'SQLVM', time: 199 }, { id: 1, kind: 'node-restored', node: 'SQLVM', time: 300 }] } as unknown as RunResult;
    store.setState({ timeline, result, cursor: 0 });
    expect(selectNodeDown(store.getState(), 'SQLVM')).toBe(false);
    store.setState({ cursor: 1 });
    expect(selectCurrentTime(store.getState())).toBe(199);
    expect(selectNodeDown(store.getState(), 'SQLVM')).toBe(true);
    expect(selectNodeDown(store.getState(), 'ADVM')).toBe(false);
    store.setState({ cursor: 2 });
    expect(selectNodeDown(store.getState(), 'SQLVM')).toBe(false);
  });

  it('without a run, no node is down and no session has a state', () => {
    expect(selectNodeDown(store.getState(), 'MuxVM')).toBe(false);
    expect(selectBgpState(store.getState(), 'MuxVM', 'BGPVM')).toBeUndefined();
  });
});

describe('the view', () => {
  it('draws the topology the last run used, else the loaded one', async () => {
    expect(selectTopology(store.getState())).toBe(store.getState().snapshot!.topology);
    await store.getState().runFlow({ ...PRESET_REQUEST, knobs: { secondMux: true } });
    expect(selectTopology(store.getState())!.nodes.some((n) => n.id === 'MuxVM2')).toBe(true);
  });

  it('jumps instead of gliding when motion is off or the system asks for reduced motion', () => {
    expect(selectJumpOnly(store.getState())).toBe(false);
    store.getState().setPrefersReducedMotion(true);
    expect(selectJumpOnly(store.getState())).toBe(true);
    store.getState().setPrefersReducedMotion(false);
    store.getState().setMotion('off');
    expect(selectJumpOnly(store.getState())).toBe(true);
  });
});
