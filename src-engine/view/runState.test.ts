import { describe, expect, it } from 'vitest';
import type { BgpState, SimEvent } from '../protocol';
import { bgpStateAt, isBgpUp, isNodeUpAt } from './runState';
import { nodeId } from './ids';

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
    expect(bgpStateAt(events, 'BGPVM', 'MuxVM', -1)).toBeUndefined();
    expect(bgpStateAt(events, 'BGPVM', 'MuxVM', 5)).toBe('Connect');
    expect(bgpStateAt(events, 'BGPVM', 'MuxVM', 10)).toBe('Established');
    expect(bgpStateAt(events, 'MuxVM', 'BGPVM', 250)).toBe('Idle');
    expect(isBgpUp(bgpStateAt(events, 'MuxVM', 'BGPVM', 250))).toBe(false);
    expect(isBgpUp('Established')).toBe(true);
  });

  it('does not change the events it reads', () => {
    const copy = structuredClone(events);
    bgpStateAt(events, 'BGPVM', 'MuxVM', 1000);
    expect(events).toEqual(copy);
  });
});
