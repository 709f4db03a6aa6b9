import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../protocol';
import { bgpStateAt, isBgpUp, isNodeUpAt } from './runState';

let id = 0;
const ev = (time: number, kind: SimEvent['kind'], node: string, bgp?: { peer: string; state: string }): SimEvent => ({ id: id++, time, kind, node, summary: kind, ...(bgp ? { bgp } : {}) });

const events: readonly SimEvent[] = [
  ev(0, 'bgp-state', 'MuxVM', { peer: '192.168.100.1', state: 'Connect' }),
  ev(10, 'bgp-state', 'BGPVM', { peer: '192.168.100.6', state: 'Established' }),
  ev(10, 'bgp-state', 'MuxVM', { peer: '192.168.100.1', state: 'Established' }),
  ev(100, 'node-failed', 'MuxVM'),
  ev(200, 'bgp-state', 'BGPVM', { peer: '192.168.100.6', state: 'Idle' }),
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
