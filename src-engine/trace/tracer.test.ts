// The tracer on its own: a traced request and its answer, label-only twins (a connection's later packets),
// label-only pairs (health probes), and the hops it builds from begin/step/sent/end, as a student reads them.
import { describe, expect, it } from 'vitest';
import { ethernet, ipv4, SYN, tcp } from '../net/build';
import { encodePacket } from '../net/codec';
import { IPPROTO_TCP } from '../packets/layers';
import { Scheduler } from '../sim/scheduler';
import { decodeLayers } from './describe';
import { Tracer } from './tracer';

// A function, not a constant: the file loading reaches no engine code, so each test's coverage is its own.
const syn = () => encodePacket([ethernet('00:15:5d:c8:00:0a', '00:15:5d:c8:00:01'), ipv4('192.168.200.10', '192.168.133.74', IPPROTO_TCP, 1, 128, true), tcp(50000, 443, 1, 0, SYN)]);
const received = (iface: string) => ({ kind: 'received' as const, interface: iface, text: `received on ${iface}` });

/** A tracer whose clock is moved by hand. */
function tracer() {
  const sched = new Scheduler();
  const at = (t: number) => sched.run(t);
  return { t: new Tracer(sched), at };
}

describe('Tracer tags', () => {
  it('an odd tag is a request, tag + 1 its answer; answers to answers and untraced packets get 0', () => {
    const { t } = tracer();
    t.open(1, 'flow', 'TCP ClientVM -> PortalVM');
    expect(t.get(1)).toMatchObject({ id: 'flow', description: 'TCP ClientVM -> PortalVM', hops: [], started: false, labelOnly: false, final: undefined });
    expect(t.get(2)).toMatchObject({ id: 'flow-reply', description: 'answer to TCP ClientVM -> PortalVM', labelOnly: false });
    expect(t.replyTag(1)).toBe(2);
    expect(t.replyTag(2)).toBe(0);
    expect(t.replyTag(0)).toBe(0);
    expect(t.replyTag(3)).toBe(0); // never opened
    expect(t.flowId(1)).toBe('flow');
    expect(t.flowId(2)).toBe('flow-reply');
    expect(t.flowId(0)).toBeUndefined();
    expect(t.flowId(9)).toBeUndefined();
    expect([t.isOpen(1), t.isOpen(2), t.isOpen(0), t.isOpen(9)]).toEqual([true, true, false, false]);
  });

  it("a connection's later packets carry a label-only twin: same flow ids, no hops", () => {
    const { t } = tracer();
    t.open(1, 'flow', 'TCP ClientVM -> PortalVM');
    expect(t.followTag(1)).toBe(1);
    t.label(1, 5);
    expect(t.followTag(1)).toBe(5);
    expect(t.followTag(2)).toBe(6);
    expect(t.followTag(5)).toBe(5);
    expect(t.followTag(0)).toBe(0);
    expect(t.followTag(77)).toBe(77);
    expect([t.flowId(5), t.flowId(6)]).toEqual(['flow', 'flow-reply']);
    expect(t.get(6)).toMatchObject({ description: 'answer to TCP ClientVM -> PortalVM', labelOnly: true });
    expect([t.isOpen(5), t.isOpen(6)]).toEqual([false, false]);
    t.begin(5, 'ClientVM', 'ClientVM:eth0', received('ClientVM:eth0'));
    t.end(5, 'delivered', 'x', syn(), 'y');
    expect(t.get(5)).toMatchObject({ hops: [], started: false, final: undefined, current: undefined });
    // Twins of a pair never opened are not made.
    t.label(21, 23);
    expect(t.get(23)).toBeUndefined();
    expect(t.get(24)).toBeUndefined();
  });

  it('a label-only build is made unstarted, with no hops and nothing to follow, and stays so', () => {
    const { t } = tracer();
    t.open(1, 'flow', 'TCP ClientVM -> PortalVM');
    t.label(1, 5);
    t.labelPair(7, 'probe', 'health probe');
    const unstarted = { hops: [], current: undefined, final: undefined, started: false, labelOnly: true, follow: undefined };
    const expected = {
      5: { id: 'flow', description: 'TCP ClientVM -> PortalVM', ...unstarted },
      6: { id: 'flow-reply', description: 'answer to TCP ClientVM -> PortalVM', ...unstarted },
      7: { id: 'probe', description: 'health probe', ...unstarted },
      8: { id: 'probe-reply', description: 'answer to health probe', ...unstarted },
    };
    for (const tag of [5, 6, 7, 8] as const) {
      t.begin(tag, 'ClientVM', 'ClientVM:eth0', received('ClientVM:eth0'));
      expect(t.get(tag)).toStrictEqual(expected[tag]);
    }
  });

  it('an answer to an answer gets 0 even when the next tag is a request of its own', () => {
    const { t } = tracer();
    t.open(1, 'dns', 'DNS lookup');
    t.open(3, 'flow', 'TCP ClientVM -> PortalVM');
    t.label(3, 5);
    expect([1, 2, 3, 4, 5, 6].map((tag) => t.replyTag(tag))).toEqual([2, 0, 4, 0, 6, 0]);
  });

  it('a label-only pair of its own names a flow and its answers, with no hops', () => {
    const { t } = tracer();
    t.labelPair(7, 'probe', 'health probe MuxVM -> PortalVM');
    expect(t.get(7)).toMatchObject({ id: 'probe', description: 'health probe MuxVM -> PortalVM', labelOnly: true });
    expect(t.get(8)).toMatchObject({ id: 'probe-reply', description: 'answer to health probe MuxVM -> PortalVM', labelOnly: true });
    expect(t.replyTag(7)).toBe(8);
    expect(t.isOpen(7)).toBe(false);
  });
});

describe('Tracer hops', () => {
  it('builds a hop from begin, steps and sent, at the time the packet arrived, with the layers it left with', () => {
    const { t, at } = tracer();
    t.open(1, 'flow', 'TCP ClientVM -> PortalVM');
    at(100);
    t.begin(1, 'ClientVM', 'ClientVM:eth0');
    at(130);
    t.step(1, { kind: 'ttl', before: 128, after: 127, text: 'TTL 128 -> 127' });
    t.sent(1, 'ClientVM:eth0', syn(), 42, 'ClientVM sends it.');
    expect(t.get(1)!.started).toBe(true);
    expect(t.get(1)!.current).toBeUndefined();
    expect(t.get(1)!.hops).toEqual([
      {
        node: 'ClientVM',
        interface: 'ClientVM:eth0',
        time: 100,
        steps: [
          { kind: 'ttl', before: 128, after: 127, text: 'TTL 128 -> 127' },
          { kind: 'sent', interface: 'ClientVM:eth0', text: 'sent out of ClientVM:eth0' },
        ],
        layers: decodeLayers(syn()),
        transmissionId: 42,
        why: 'ClientVM sends it.',
      },
    ]);
    // Steps and sends outside a hop go nowhere.
    t.step(1, { kind: 'delivered', text: 'lost' });
    t.sent(1, 'x', syn(), 1, 'lost');
    t.sent(3, 'x', syn(), 1, 'lost');
    expect(t.get(1)!.hops).toHaveLength(1);
  });

  it('a hop left open when the packet moves on is kept, its why the steps so far', () => {
    const { t, at } = tracer();
    t.open(1, 'flow', 'f');
    t.begin(1, 'CCI_External_vSwitch', 'p1', received('p1'));
    t.step(1, { kind: 'ttl', before: 5, after: 4, text: 'TTL 5 -> 4' });
    at(20);
    t.begin(1, 'NATVM', 'NATVM:transit');
    expect(t.get(1)!.hops).toEqual([{ node: 'CCI_External_vSwitch', interface: 'p1', time: 0, steps: [received('p1'), { kind: 'ttl', before: 5, after: 4, text: 'TTL 5 -> 4' }], layers: [], why: 'received on p1; TTL 5 -> 4' }]);
    expect(t.get(1)!.current).toEqual({ node: 'NATVM', interface: 'NATVM:transit', time: 20, steps: [] });
  });

  it('ends a packet delivered or dropped, once: the first ending stands and later hops are ignored', () => {
    const { t, at } = tracer();
    t.open(1, 'flow', 'f');
    t.begin(1, 'PortalVM', 'PortalVM:eth0');
    at(50);
    t.end(1, 'delivered', 'PortalVM accepts the connection', syn(), 'PortalVM listens on 443.');
    expect(t.get(1)!.final).toEqual({ disposition: 'delivered', reason: 'PortalVM accepts the connection', time: 50 });
    expect(t.get(1)!.hops[0]).toEqual({ node: 'PortalVM', interface: 'PortalVM:eth0', time: 0, steps: [{ kind: 'delivered', text: 'PortalVM accepts the connection' }], layers: decodeLayers(syn()), why: 'PortalVM listens on 443.' });
    expect(t.isOpen(1)).toBe(false);
    t.end(1, 'no-route', 'later', syn(), 'later');
    t.begin(1, 'ClientVM', 'ClientVM:eth0');
    expect(t.get(1)!.final!.disposition).toBe('delivered');
    expect(t.get(1)!.hops).toHaveLength(1);
    expect(t.get(1)!.current).toBeUndefined();

    t.begin(2, 'BGPVM', 'BGPVM:transit');
    at(70);
    t.end(2, 'ttl-exceeded', 'the TTL ran out at BGPVM', undefined, 'why');
    expect(t.get(2)!.hops).toEqual([{ node: 'BGPVM', interface: 'BGPVM:transit', time: 50, steps: [{ kind: 'dropped', reason: 'ttl-exceeded', text: 'the TTL ran out at BGPVM' }], layers: [], why: 'why' }]);
    expect(t.get(2)!.final).toEqual({ disposition: 'ttl-exceeded', reason: 'the TTL ran out at BGPVM', time: 70 });
  });

  it('an ending with no hop open records the disposition alone; an unknown tag changes nothing', () => {
    const { t } = tracer();
    t.open(1, 'flow', 'f');
    t.end(1, 'no-route', 'ClientVM has no route to 8.8.8.8', undefined, 'why');
    expect(t.get(1)).toMatchObject({ hops: [], final: { disposition: 'no-route', reason: 'ClientVM has no route to 8.8.8.8', time: 0 }, started: false });
    t.begin(9, 'ClientVM', 'eth0');
    t.end(9, 'delivered', 'r', undefined, 'w');
    expect(t.get(9)).toBeUndefined();
  });
});
