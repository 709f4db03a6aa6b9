import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../protocol';
import { EVENT_LABEL, eventSignature, isEvent, transmissionOf } from './events';
import { synAckAtClient, synAtClient, synAtMux } from '../packets/samples';
import { frameSummary } from './protocols';
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
    // The event list's kind column holds 11 characters ("TCP gave up") without cutting them.
    expect(labels.filter((l) => l.length === 0 || l.length > 11)).toEqual([]);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('signs a frame by everything but the TTL its summary ends with', () => {
    const frame = (summary: string, node = 'NATVM'): SimEvent => ({ id: 0, time: 0, node: nodeId(node), summary, kind: 'transmission', protocol: 'icmp', transmissionId: 0 });
    const loop = (ttl: number) => frame(`NATVM inside -> CCI_External_vSwitch NATVM.inside: 192.168.200.10 -> 192.168.133.50 ICMP echo-request TTL ${ttl}`);
    expect(eventSignature(loop(63))).toBe(eventSignature(loop(61)));
    expect(eventSignature(loop(63))).toBe('transmission|NATVM|icmp|NATVM inside -> CCI_External_vSwitch NATVM.inside: 192.168.200.10 -> 192.168.133.50 ICMP echo-request');
    expect(eventSignature(loop(63))).not.toBe(eventSignature({ ...loop(63), node: nodeId('BGPVM') }));
    // Only a frame's trailing TTL: a sentence that mentions one elsewhere is signed whole.
    expect(eventSignature(frame('TTL 5 then more'))).not.toBe(eventSignature(frame('TTL 6 then more')));
    expect(eventSignature({ ...events[2]!, summary: 'dropped at TTL 1' })).not.toBe(eventSignature({ ...events[2]!, summary: 'dropped at TTL 2' }));
  });

  it('strips exactly the TTL the protocol summaries write', () => {
    // The client's SYN (TTL 128), the same SYN after two routers (TTL 126) and at the MUX: one signature.
    const atClient = frameSummary(synAtClient());
    const routed = frameSummary(synAtClient().map((l) => (l.type === 'ipv4' ? { ...l, ttl: 126 } : l)));
    expect([atClient.endsWith(' TTL 128'), routed.endsWith(' TTL 126')]).toEqual([true, true]);
    const sign = (summary: string): string => eventSignature({ id: 0, time: 0, node: nodeId('BGPVM'), summary, kind: 'transmission', protocol: 'tcp', transmissionId: 0 });
    expect(sign(atClient)).toBe(sign(routed));
    expect(sign(atClient)).toBe(sign(frameSummary(synAtMux())));
    expect(sign(atClient)).not.toBe(sign(frameSummary(synAckAtClient())));
  });
});
