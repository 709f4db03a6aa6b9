import { describe, expect, it } from 'vitest';
import type { BgpState, SimEvent } from '../protocol';
import { bgpStateAt, isBgpUp, isNodeUpAt } from './runState';
import { nodeId } from './ids';
import { TWO_MUXES } from '../lessons/content/twoMuxes';
import { SECOND } from '../sim/timing';
import { pocTopology, runPoc } from '../run/fixtures';
import { withSecondMux } from '../run/secondMux';

const poc = pocTopology();
const twoMuxes = withSecondMux(poc);

let id = 0;
const ev = (time: number, kind: 'node-failed' | 'node-restored', node: string): SimEvent => ({ id: id++, time, kind, node: nodeId(node), summary: kind });
const bgp = (time: number, node: string, peer: string, state: BgpState): SimEvent => ({ id: id++, time, kind: 'bgp-state', node: nodeId(node), summary: state, peer, state });

const events: readonly SimEvent[] = [
  bgp(0, 'MuxVM', '192.168.100.1', 'Connect'),
  bgp(10, 'BGPVM', '192.168.100.6', 'Established'),
  bgp(10, 'MuxVM', '192.168.100.1', 'Established'),
  ev(100, 'node-failed', 'MuxVM'),
  bgp(200, 'BGPVM', '192.168.100.6', 'Idle'),
  ev(300, 'node-restored', 'MuxVM'),
];

describe('isNodeUpAt', () => {
  it('is up until a failure, down from its time, up again from the restore', () => {
    expect([99, 100, 299, 300].map((t) => isNodeUpAt(events, 'MuxVM', t))).toEqual([true, false, false, true]);
    expect(isNodeUpAt(events, 'BGPVM', 150)).toBe(true);
    expect(isNodeUpAt([], 'MuxVM', 150)).toBe(true);
  });
});

describe('bgpStateAt', () => {
  it('takes the latest change either speaker recorded, in event order at equal times', () => {
    expect(bgpStateAt(events, poc, 'BGPVM', 'MuxVM', -1)).toBeUndefined();
    expect(bgpStateAt(events, poc, 'BGPVM', 'MuxVM', 5)).toBe('Connect');
    expect(bgpStateAt(events, poc, 'BGPVM', 'MuxVM', 10)).toBe('Established');
    expect(bgpStateAt(events, poc, 'MuxVM', 'BGPVM', 250)).toBe('Idle');
    expect(isBgpUp(bgpStateAt(events, poc, 'MuxVM', 'BGPVM', 250))).toBe(false);
    expect(isBgpUp('Established')).toBe(true);
  });

  it('keeps each session apart when one speaker has two: BGPVM with MuxVM (.6) and with MuxVM2 (.8)', () => {
    const two: readonly SimEvent[] = [
      bgp(0, 'MuxVM', '192.168.100.1', 'Established'),
      bgp(0, 'MuxVM2', '192.168.100.1', 'Established'),
      bgp(1, 'BGPVM', '192.168.100.6', 'Established'),
      bgp(1, 'BGPVM', '192.168.100.8', 'Established'),
      bgp(75, 'BGPVM', '192.168.100.8', 'Idle'),
      bgp(90, 'MuxVM', '192.168.100.1', 'OpenConfirm'),
    ];
    expect([0, 1, 75, 89, 90].map((t) => bgpStateAt(two, twoMuxes, 'MuxVM', 'BGPVM', t))).toEqual(['Established', 'Established', 'Established', 'Established', 'OpenConfirm']);
    expect([0, 1, 75, 89, 90].map((t) => bgpStateAt(two, twoMuxes, 'BGPVM', 'MuxVM2', t))).toEqual(['Established', 'Established', 'Idle', 'Idle', 'Idle']);
    // Either speaker named first; a pair that has no session has no state.
    expect(bgpStateAt(two, twoMuxes, 'MuxVM2', 'BGPVM', 80)).toBe('Idle');
    expect(bgpStateAt(two, twoMuxes, 'MuxVM', 'MuxVM2', 80)).toBeUndefined();
    expect(bgpStateAt(two, twoMuxes, 'MuxVM', 'NoSuchVM', 80)).toBeUndefined();
    // In a topology without MuxVM2, BGPVM's changes toward .8 belong to no session with MuxVM.
    expect(bgpStateAt(two, poc, 'BGPVM', 'MuxVM', 80)).toBe('Established');
  });

  it('in the two-MUX lesson, at the second connection (200 s), only the dead MuxVM2\'s session is Idle', () => {
    const r = runPoc(TWO_MUXES.request).result;
    const t = twoMuxes;
    expect(r.attempts[1]!.startedAt).toBe(200 * SECOND);
    expect(bgpStateAt(r.events, t, 'MuxVM', 'BGPVM', 200 * SECOND)).toBe('Established');
    expect(bgpStateAt(r.events, t, 'MuxVM2', 'BGPVM', 200 * SECOND)).toBe('Idle');
    // Before BGPVM gives up on it (TCP's retransmissions to the dead MUX), MuxVM2's session still reads Established.
    const down = r.events.find((e) => e.kind === 'bgp-session-down')!;
    expect([down.node, down.time]).toEqual(['BGPVM', 75_860_798]);
    expect(bgpStateAt(r.events, t, 'MuxVM2', 'BGPVM', down.time - 1)).toBe('Established');
    expect(bgpStateAt(r.events, t, 'MuxVM', 'BGPVM', down.time)).toBe('Established');
  });

  it('does not change the events it reads', () => {
    const copy = structuredClone(events);
    bgpStateAt(events, poc, 'BGPVM', 'MuxVM', 1000);
    expect(events).toEqual(copy);
  });
});
