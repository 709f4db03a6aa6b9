import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../protocol';
import { EVENT_LABEL, isEvent, transmissionOf } from './events';
import { nodeId } from './ids';

const events: readonly SimEvent[] = [
  { id: 0, time: 0, node: nodeId('MuxVM'), summary: 'frame', kind: 'transmission', protocol: 'tcp', transmissionId: 7 },
  { id: 1, time: 5, node: nodeId('MuxVM'), summary: 'Idle -> Connect', kind: 'bgp-state', protocol: 'bgp', peer: '192.168.100.1', state: 'Connect' },
  { id: 2, time: 9, node: nodeId('BGPVM'), summary: 'no route', kind: 'drop', reason: 'no-route' },
];

describe('events', () => {
  it('narrows a list to one kind, whose data is then typed', () => {
    expect(events.filter(isEvent('bgp-state')).map((e) => `${e.peer} ${e.state}`)).toEqual(['192.168.100.1 Connect']);
    expect(events.filter(isEvent('drop')).map((e) => e.reason)).toEqual(['no-route']);
  });

  it('gives the transmission only a transmission event stands for', () => {
    expect(events.map(transmissionOf)).toEqual([7, undefined, undefined]);
  });

  it('names every kind in a few words, each name distinct', () => {
    const labels = Object.values(EVENT_LABEL);
    expect(labels.every((l) => l.length > 0 && l.length <= 20)).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
