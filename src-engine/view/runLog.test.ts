// A run's columns and the objects made from them: every field of a transmission from its numbers, the
// optional ones only when set, the event list in the log's order with each link's words, and a run that
// crossed a structured clone made into the result field for field, in the result's order.
import { describe, expect, it } from 'vitest';
import type { RunResult, SimEvent } from '../protocol';
import { nodeId } from './ids';
import { eventsOf, LOG_CHUNK, LOG_INTS, LOG_NONE, runFromWire, transmissionAt, transmissionsOf, type RunLog, type RunWire } from './runLog';

const FRAME_A = Uint8Array.from([1, 2, 3]);
const FRAME_B = Uint8Array.from([4, 5]);
const drop = { id: 1, time: 15, kind: 'drop', node: nodeId('BGPVM'), summary: 'BGPVM: link down', reason: 'link-down' } as const satisfies SimEvent;

/** Four transmissions: MuxVM -> switch (a note), switch -> BGPVM (flow and note), switch -> nowhere (flow only), BGPVM -> nowhere (nothing). */
function log(): RunLog {
  const rows: readonly (readonly [number, number, number, number, number, number, number])[] = [
    // time, arrive, from, to, frame, flow, note
    [10, 20, 0, 1, 0, LOG_NONE, 0],
    [25, 45, 2, 3, 0, 0, 1],
    [25, 45, 2, LOG_NONE, 0, 1, LOG_NONE],
    [50, 60, 3, LOG_NONE, 1, LOG_NONE, LOG_NONE],
  ];
  const times = new Float64Array(2 * LOG_CHUNK);
  const ints = new Int32Array(LOG_INTS * LOG_CHUNK);
  rows.forEach(([time, arrive, ...rest], i) => {
    times.set([time, arrive], 2 * i);
    ints.set(rest, LOG_INTS * i);
  });
  return {
    count: rows.length,
    times: [times],
    ints: [ints],
    endNode: ['MuxVM', 'vSwitch', 'vSwitch', 'BGPVM'].map(nodeId),
    endIface: ['mgmt', 'MuxVM.mgmt', 'BGPVM.infra', 'infra'],
    // FRAME_A at the start of the first buffer, FRAME_B in a buffer of its own.
    frameStores: [Uint8Array.from([...FRAME_A, 9]).buffer, FRAME_B.slice().buffer],
    frameSpans: Int32Array.from([0, 0, 3, 1, 0, 2]),
    protocols: ['arp', 'bgp'],
    summaries: ['ARP who has 10.0.0.1?', 'BGP KEEPALIVE'],
    flows: ['flow', 'probe'],
    notes: ['MuxVM asks.', 'The switch floods it.'],
    order: Int32Array.from([0, -1, 1, 2, 3]),
    plainEvents: [drop],
  };
}

describe('the run log', () => {
  it('makes each transmission from its numbers, with the optional fields only when set', () => {
    const l = log();
    expect(transmissionsOf(l)).toEqual([
      { id: 0, time: 10, arrive: 20, fromNode: 'MuxVM', fromInterface: 'mgmt', protocol: 'arp', summary: 'ARP who has 10.0.0.1?', bytes: FRAME_A, toNode: 'vSwitch', toInterface: 'MuxVM.mgmt', note: 'MuxVM asks.' },
      { id: 1, time: 25, arrive: 45, fromNode: 'vSwitch', fromInterface: 'BGPVM.infra', protocol: 'arp', summary: 'ARP who has 10.0.0.1?', bytes: FRAME_A, toNode: 'BGPVM', toInterface: 'infra', flowId: 'flow', note: 'The switch floods it.' },
      { id: 2, time: 25, arrive: 45, fromNode: 'vSwitch', fromInterface: 'BGPVM.infra', protocol: 'arp', summary: 'ARP who has 10.0.0.1?', bytes: FRAME_A, flowId: 'probe' },
      { id: 3, time: 50, arrive: 60, fromNode: 'BGPVM', fromInterface: 'infra', protocol: 'bgp', summary: 'BGP KEEPALIVE', bytes: FRAME_B },
    ]);
    const [a, b, c, d] = transmissionsOf(l);
    // Absent means absent, not undefined: the JSON of a run and the page's `in` tests depend on it.
    expect(Object.keys(c!)).toEqual(['id', 'time', 'arrive', 'fromNode', 'fromInterface', 'protocol', 'summary', 'bytes', 'flowId']);
    expect(Object.keys(d!)).toEqual(['id', 'time', 'arrive', 'fromNode', 'fromInterface', 'protocol', 'summary', 'bytes']);
    // The copies of one frame share its bytes.
    expect(a!.bytes).toBe(b!.bytes);
    expect(transmissionAt(l, 1)).toEqual(b);
  });

  it('covers both shapes of an untraced frame that reached no one: with a note and without', () => {
    const l = log();
    (l.ints[0] as Int32Array)[LOG_INTS * 3 + 4] = 0;
    expect(transmissionAt(l, 3)).toEqual({ id: 3, time: 50, arrive: 60, fromNode: 'BGPVM', fromInterface: 'infra', protocol: 'bgp', summary: 'BGP KEEPALIVE', bytes: FRAME_B, note: 'MuxVM asks.' });
    (l.ints[0] as Int32Array)[LOG_INTS * 0 + 4] = LOG_NONE;
    expect(Object.keys(transmissionAt(l, 0))).toEqual(['id', 'time', 'arrive', 'fromNode', 'fromInterface', 'protocol', 'summary', 'bytes', 'toNode', 'toInterface']);
  });

  it("lists the events in the log's order, numbered by place, each frame's with the words of its link", () => {
    const events = eventsOf(log());
    expect(events).toEqual([
      { id: 0, time: 10, kind: 'transmission', node: 'MuxVM', protocol: 'arp', summary: 'MuxVM mgmt -> vSwitch MuxVM.mgmt: ARP who has 10.0.0.1?', transmissionId: 0 },
      drop,
      { id: 2, time: 25, kind: 'transmission', node: 'vSwitch', protocol: 'arp', summary: 'vSwitch BGPVM.infra -> BGPVM infra: ARP who has 10.0.0.1?', transmissionId: 1 },
      // The same sending end, another peer (the link went down): its own words, not the last ones.
      { id: 3, time: 25, kind: 'transmission', node: 'vSwitch', protocol: 'arp', summary: 'vSwitch BGPVM.infra -> (nowhere: link down): ARP who has 10.0.0.1?', transmissionId: 2 },
      { id: 4, time: 50, kind: 'transmission', node: 'BGPVM', protocol: 'bgp', summary: 'BGPVM infra -> (nowhere: link down): BGP KEEPALIVE', transmissionId: 3 },
    ]);
    // A plain event is the log's own object.
    expect(events[1]).toBe(drop);
  });

  it('finds a transmission in a later chunk of the columns', () => {
    const l = log();
    const times = new Float64Array(2 * LOG_CHUNK);
    const ints = new Int32Array(LOG_INTS * LOG_CHUNK);
    times.set([70, 80], 2);
    ints.set([3, 2, 1, LOG_NONE, LOG_NONE], LOG_INTS);
    const wide: RunLog = { ...l, count: LOG_CHUNK + 2, times: [l.times[0]!, times], ints: [l.ints[0]!, ints], order: Int32Array.from([LOG_CHUNK + 1]), plainEvents: [] };
    expect(transmissionAt(wide, LOG_CHUNK + 1)).toEqual({ id: LOG_CHUNK + 1, time: 70, arrive: 80, fromNode: 'BGPVM', fromInterface: 'infra', protocol: 'bgp', summary: 'BGP KEEPALIVE', bytes: FRAME_B, toNode: 'vSwitch', toInterface: 'BGPVM.infra' });
    expect(eventsOf(wide)).toEqual([{ id: 0, time: 70, kind: 'transmission', node: 'BGPVM', protocol: 'bgp', summary: 'BGPVM infra -> vSwitch BGPVM.infra: BGP KEEPALIVE', transmissionId: LOG_CHUNK + 1 }]);
  });

  it("makes a run that crossed a structured clone into the result, field for field in the result's order", () => {
    const l = log();
    const rest = { request: { from: 'MuxVM', to: 'BGPVM' }, seed: 1, trace: { id: 'flow', description: 'd', disposition: 'delivered', reason: 'r', hops: [], returnHops: [] } } as const;
    const wire = { ...rest, attempts: [rest.trace], log: l, endTime: 99 } as unknown as RunWire;
    const result = runFromWire(structuredClone(wire));
    const expected = { ...rest, attempts: [rest.trace], transmissions: transmissionsOf(l), events: eventsOf(l), endTime: 99 } as unknown as RunResult;
    expect(Object.keys(result)).toEqual(['request', 'seed', 'trace', 'attempts', 'transmissions', 'events', 'endTime']);
    expect(JSON.stringify(result)).toBe(JSON.stringify(expected));
    expect(result).toEqual(expected);
    // Fields after the log keep their place too (the drawing a knob adds).
    expect(Object.keys(runFromWire({ ...wire, snapshot: {} } as unknown as RunWire)).at(-1)).toBe('snapshot');
  });
});
