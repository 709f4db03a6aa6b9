// One node's ARP on its own, against a scripted wire: the request it broadcasts, its retries and giving up,
// the replies it sends, what it learns and when an entry goes stale, and what the run records of each.
import { describe, expect, it } from 'vitest';
import { ipToU32, macToNum } from '../net/addr';
import { ethernet } from '../net/build';
import { encodePacket } from '../net/codec';
import { ETHERTYPE_ARP } from '../packets/layers';
import { createRng } from '../sim/rng';
import { Scheduler } from '../sim/scheduler';
import { Recorder } from '../trace/recorder';
import { Arp, type ArpHost, type ArpOutcome } from './arp';
import { noteText } from '../view/notes';

const S = 1_000_000;
const NAT_MAC = '00:15:5d:00:00:0a';
const BGP_MAC = '00:15:5d:00:00:01';
const OTHER_MAC = '00:15:5d:00:00:07';

/** An ARP frame on the wire (RFC 826). */
const arpFrame = (op: 1 | 2, senderMac: string, senderIp: string, targetMac: string, targetIp: string, dstMac = op === 1 ? 'ff:ff:ff:ff:ff:ff' : targetMac) =>
  encodePacket([ethernet(senderMac, dstMac, ETHERTYPE_ARP), { type: 'arp', hardwareType: 1, protocolType: 0x0800, opcode: op, senderMac, senderIp, targetMac, targetIp }]);

/** NATVM's ARP with two interfaces (transit, outside), a seeded stream, and everything it sends kept. */
function natvm(full = true) {
  const sched = new Scheduler();
  const rec = new Recorder(sched, { full });
  const sent: { time: number; ifIndex: number; frame: Uint8Array; why: string; delay: number }[] = [];
  const node = { id: 'NATVM', up: true };
  const host: ArpHost = {
    node,
    ctx: { sched, rec },
    ifaces: [
      { id: 'NATVM:transit', ipText: '192.168.200.10', macText: NAT_MAC },
      { id: 'NATVM:outside', ipText: '10.0.0.20', macText: '00:15:5d:00:00:0b' },
    ],
    ifaceIps: [ipToU32('192.168.200.10'), ipToU32('10.0.0.20')],
    transmit: (ifIndex, frame, _tag, why, delay) => sent.push({ time: sched.now, ifIndex, frame, why: noteText(why), delay }),
  };
  const arp = new Arp(host, createRng(4));
  arp.ip0 = ipToU32('192.168.200.10');
  const answers: { time: number; mac: number | undefined; outcome: ArpOutcome }[] = [];
  const waiter = (mac: number | undefined, outcome: ArpOutcome) => answers.push({ time: sched.now, mac, outcome });
  return { sched, rec, sent, node, arp, answers, waiter };
}

const bgpvm = ipToU32('192.168.200.1');
// A function, not a constant: the file loading reaches no engine code, so each test's coverage is its own.
const whoHasBgpvm = () => arpFrame(1, NAT_MAC, '192.168.200.10', '00:00:00:00:00:00', '192.168.200.1');

describe('Arp', () => {
  it("draws the node's reachable time once, 30 s times a factor in [0.5, 1.5], from its own stream", () => {
    const unit = createRng(4).unit();
    expect(natvm().arp.reachableTime).toBe(Math.round(30 * S * (0.5 + unit)));
    expect(natvm().arp.reachableTime).toBe(42_709_086);
  });

  it('broadcasts a request, asks twice more a second apart, then gives up and tells every waiter', () => {
    const { sched, rec, sent, arp, answers, waiter } = natvm();
    arp.resolve(0, bgpvm, waiter);
    arp.resolve(0, bgpvm, waiter); // joins the request under way: no second broadcast
    sched.run(Infinity);
    expect(sent.map((s) => [s.time, s.ifIndex, s.delay, s.why])).toEqual([
      [0, 0, 30, 'NATVM asks who has 192.168.200.1 (ARP request, broadcast).'],
      [1 * S, 0, 30, 'NATVM asks who has 192.168.200.1 (ARP request, broadcast).'],
      [2 * S, 0, 30, 'NATVM asks who has 192.168.200.1 (ARP request, broadcast).'],
    ]);
    for (const s of sent) expect(s.frame).toEqual(whoHasBgpvm());
    expect(answers).toEqual([
      { time: 3 * S, mac: undefined, outcome: 'failed' },
      { time: 3 * S, mac: undefined, outcome: 'failed' },
    ]);
    expect(rec.events.map((e) => [e.time, e.kind, e.summary, e.protocol, 'reason' in e ? e.reason : undefined])).toEqual([
      [0, 'info', 'NATVM ARP request: who has 192.168.200.1? (try 1)', 'arp', undefined],
      [1 * S, 'info', 'NATVM ARP request: who has 192.168.200.1? (try 2)', 'arp', undefined],
      [2 * S, 'info', 'NATVM ARP request: who has 192.168.200.1? (try 3)', 'arp', undefined],
      [3 * S, 'drop', 'NATVM: ARP for 192.168.200.1 failed after 3 tries', 'arp', 'neighbor-unreachable'],
    ]);
    // After giving up, a new packet to the same neighbour starts over with try 1.
    arp.resolve(0, bgpvm, waiter);
    expect(rec.events.at(-1)!.summary).toBe('NATVM ARP request: who has 192.168.200.1? (try 1)');
  });

  it('a reply resolves every waiter at once; the next packet finds the cache; the entry goes stale after the reachable time', () => {
    const { sched, rec, sent, arp, answers, waiter } = natvm();
    arp.resolve(0, bgpvm, waiter);
    arp.resolve(0, bgpvm, waiter);
    sched.at(500, () => arp.input(0, arpFrame(2, BGP_MAC, '192.168.200.1', NAT_MAC, '192.168.200.10')));
    sched.run(Infinity);
    expect(sent).toHaveLength(1); // answered before the first retry: no second request
    expect(answers).toEqual([
      { time: 500, mac: macToNum(BGP_MAC), outcome: 'resolved' },
      { time: 500, mac: macToNum(BGP_MAC), outcome: 'resolved' },
    ]);
    const until = 500 + arp.reachableTime;
    expect(rec.tableLog).toEqual([
      {
        time: 500,
        node: 'NATVM',
        table: 'arp',
        key: String(bgpvm),
        row: {
          cells: { address: '192.168.200.1', mac: BGP_MAC, interface: 'NATVM:transit', state: 'reachable', learned: '500', 'reachable until': String(until) },
          prov: { mark: 'documented', source: expect.stringContaining('Microsoft KB 949589, "ARP caching behavior": Reachable for BaseReachableTime 30 s x [0.5, 1.5] (15-45 s)') },
        },
      },
    ]);
    expect(rec.events.filter((e) => e.kind === 'arp-learned')).toEqual([expect.objectContaining({ time: 500, node: 'NATVM', summary: 'NATVM learned 192.168.200.1 is at 00:15:5d:00:00:01', address: '192.168.200.1', mac: BGP_MAC, protocol: 'arp' })]);

    sched.at(until - 1, () => arp.resolve(0, bgpvm, waiter));
    sched.run(Infinity);
    expect(answers.at(-1)).toEqual({ time: until - 1, mac: macToNum(BGP_MAC), outcome: 'cached' });
    expect(sent).toHaveLength(1);

    // At exactly the reachable time's end the entry is Stale: dropped, and asked for again.
    sched.at(until, () => expect(arp.lookup(bgpvm)).toBeUndefined());
    sched.run(until);
    expect(rec.events.find((e) => e.summary.includes('stale'))).toMatchObject({
      time: until,
      kind: 'info',
      summary: "NATVM's ARP entry for 192.168.200.1 (00:15:5d:00:00:01) is stale: its reachable time of 42.7 s has passed, so NATVM asks again (Windows, KB 949589)",
      protocol: 'arp',
    });
    expect(rec.tableLog.at(-1)).toEqual({ time: until, node: 'NATVM', table: 'arp', key: String(bgpvm), row: undefined });
    sched.at(until + 1, () => arp.resolve(0, bgpvm, waiter));
    sched.run(until + 1);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.frame).toEqual(whoHasBgpvm());
  });

  it('answers a request for its own address on that interface, learning the asker', () => {
    const { sched, rec, sent, arp } = natvm();
    sched.at(10, () => arp.input(0, arpFrame(1, BGP_MAC, '192.168.200.1', '00:00:00:00:00:00', '192.168.200.10')));
    sched.at(20, () => arp.input(1, arpFrame(1, '00:15:5d:00:00:21', '10.0.0.1', '00:00:00:00:00:00', '10.0.0.20')));
    sched.run(Infinity);
    expect(sent.map((s) => [s.time, s.ifIndex, s.delay, s.why])).toEqual([
      [10, 0, 30, 'NATVM answers: 192.168.200.10 is at 00:15:5d:00:00:0a (ARP reply).'],
      [20, 1, 30, 'NATVM answers: 10.0.0.20 is at 00:15:5d:00:00:0b (ARP reply).'],
    ]);
    expect(sent[0]!.frame).toEqual(arpFrame(2, NAT_MAC, '192.168.200.10', BGP_MAC, '192.168.200.1'));
    expect(sent[1]!.frame).toEqual(arpFrame(2, '00:15:5d:00:00:0b', '10.0.0.20', '00:15:5d:00:00:21', '10.0.0.1'));
    expect(arp.lookup(bgpvm)).toBe(macToNum(BGP_MAC));
    expect(arp.lookup(ipToU32('10.0.0.1'))).toBe(macToNum('00:15:5d:00:00:21'));
    expect(rec.tableLog.map((c) => [c.row?.cells.address, c.row?.cells.interface])).toEqual([
      ['192.168.200.1', 'NATVM:transit'],
      ['10.0.0.1', 'NATVM:outside'],
    ]);
    // A request for its own address arriving on the other interface is not for it there.
    arp.input(1, arpFrame(1, OTHER_MAC, '192.168.200.7', '00:00:00:00:00:00', '192.168.200.10'));
    expect(sent).toHaveLength(2);
    expect(arp.lookup(ipToU32('192.168.200.7'))).toBeUndefined();
  });

  it("a request for someone else teaches nothing new, but refreshes an entry it has (RFC 826), and a changed MAC replaces the old one", () => {
    const { sched, rec, sent, arp } = natvm();
    const forAdvm = (mac: string, ip: string) => arpFrame(1, mac, ip, '00:00:00:00:00:00', '192.168.200.99');
    sched.at(10, () => arp.input(0, forAdvm(OTHER_MAC, '192.168.200.7')));
    sched.run(Infinity);
    expect(arp.lookup(ipToU32('192.168.200.7'))).toBeUndefined();
    expect(rec.tableLog).toEqual([]);
    expect(sent).toEqual([]);

    sched.at(20, () => arp.input(0, arpFrame(2, BGP_MAC, '192.168.200.1', NAT_MAC, '192.168.200.10')));
    sched.at(20 + 10 * S, () => arp.input(0, forAdvm('00:15:5d:00:00:99', '192.168.200.1')));
    sched.run(Infinity);
    expect(sent).toEqual([]);
    expect(rec.tableLog.map((c) => [c.time, c.row?.cells.mac, c.row?.cells['reachable until']])).toEqual([
      [20, BGP_MAC, String(20 + arp.reachableTime)],
      [20 + 10 * S, '00:15:5d:00:00:99', String(20 + 10 * S + arp.reachableTime)],
    ]);
    // Learned once: the refresh is no new 'arp-learned' event.
    expect(rec.events.filter((e) => e.kind === 'arp-learned')).toHaveLength(1);
    sched.at(20 + arp.reachableTime + 1, () => expect(arp.lookup(bgpvm)).toBe(macToNum('00:15:5d:00:00:99')));
    sched.run(Infinity);
  });

  it("someone else's request teaches nothing while an entry or a request of its own exists for another address", () => {
    const { sched, arp, waiter } = natvm();
    const forAdvm = (mac: string, ip: string) => arpFrame(1, mac, ip, '00:00:00:00:00:00', '192.168.200.99');
    arp.input(0, arpFrame(2, BGP_MAC, '192.168.200.1', NAT_MAC, '192.168.200.10'));
    // 192.168.200.35 shares 192.168.200.1's bit in the quick filter of cached addresses: the cache still says no.
    arp.input(0, forAdvm(OTHER_MAC, '192.168.200.35'));
    expect(arp.lookup(ipToU32('192.168.200.35'))).toBeUndefined();
    arp.resolve(0, ipToU32('192.168.200.2'), waiter);
    arp.input(0, forAdvm(OTHER_MAC, '192.168.200.7'));
    expect(arp.lookup(ipToU32('192.168.200.7'))).toBeUndefined();
    sched.run(0);
  });

  it('resolves several neighbours at once, each with its own reply', () => {
    const { sched, arp, answers, waiter } = natvm();
    arp.resolve(0, bgpvm, waiter);
    arp.resolve(0, ipToU32('192.168.200.2'), waiter);
    sched.at(100, () => arp.input(0, arpFrame(2, '00:15:5d:00:00:02', '192.168.200.2', NAT_MAC, '192.168.200.10')));
    sched.at(200, () => arp.input(0, arpFrame(2, BGP_MAC, '192.168.200.1', NAT_MAC, '192.168.200.10')));
    sched.run(Infinity);
    expect(answers).toEqual([
      { time: 100, mac: macToNum('00:15:5d:00:00:02'), outcome: 'resolved' },
      { time: 200, mac: macToNum(BGP_MAC), outcome: 'resolved' },
    ]);
  });

  it("learns the ARP sender's hardware address, not the Ethernet source (RFC 826), which a relaying device may have rewritten", () => {
    const { arp } = natvm();
    const relayed = arpFrame(2, BGP_MAC, '192.168.200.1', NAT_MAC, '192.168.200.10');
    relayed.set([0x00, 0x15, 0x5d, 0x00, 0x00, 0x77], 6);
    arp.input(0, relayed);
    expect(arp.lookup(bgpvm)).toBe(macToNum(BGP_MAC));
  });

  it('a request under way is refreshed by a broadcast from the address it asks for', () => {
    const { sched, arp, answers, waiter } = natvm();
    arp.resolve(0, bgpvm, waiter);
    sched.at(300, () => arp.input(0, arpFrame(1, BGP_MAC, '192.168.200.1', '00:00:00:00:00:00', '192.168.200.99')));
    sched.run(Infinity);
    expect(answers).toEqual([{ time: 300, mac: macToNum(BGP_MAC), outcome: 'resolved' }]);
  });

  it('a node that went down stops asking; clear() forgets the cache and every request', () => {
    const down = natvm();
    down.arp.resolve(0, bgpvm, down.waiter);
    down.sched.at(S / 2, () => (down.node.up = false));
    down.sched.run(Infinity);
    expect(down.sent).toHaveLength(1);
    expect(down.answers).toEqual([]);

    const { sched, rec, sent, arp, answers, waiter } = natvm();
    arp.input(0, arpFrame(2, BGP_MAC, '192.168.200.1', NAT_MAC, '192.168.200.10'));
    arp.resolve(0, ipToU32('192.168.200.2'), waiter);
    sched.at(S / 2, () => arp.clear());
    sched.run(Infinity);
    // The request was forgotten: its retry finds nothing to do, and no waiter hears of it.
    expect(sent).toHaveLength(1);
    expect(answers).toEqual([]);
    expect(arp.lookup(bgpvm)).toBeUndefined();
    expect(rec.tableLog.at(-1)).toEqual({ time: S / 2, node: 'NATVM', table: 'arp', key: String(bgpvm), row: undefined });
    // Nor does a late reply to it reach anyone.
    arp.input(0, arpFrame(2, '00:15:5d:00:00:02', '192.168.200.2', NAT_MAC, '192.168.200.10'));
    expect(answers).toEqual([]);
  });

  it('keeps no sentences, rows or events in a run that records nothing, and works the same', () => {
    const { sched, rec, sent, arp, answers, waiter } = natvm(false);
    arp.resolve(0, bgpvm, waiter);
    sched.at(500, () => arp.input(0, arpFrame(2, BGP_MAC, '192.168.200.1', NAT_MAC, '192.168.200.10')));
    sched.at(600, () => arp.input(0, arpFrame(1, '00:15:5d:00:00:02', '192.168.200.2', '00:00:00:00:00:00', '192.168.200.10')));
    sched.run(Infinity);
    expect(answers).toEqual([{ time: 500, mac: macToNum(BGP_MAC), outcome: 'resolved' }]);
    expect(sent.map((s) => s.why)).toEqual(['', '']);
    expect(sent[1]!.frame).toEqual(arpFrame(2, NAT_MAC, '192.168.200.10', '00:15:5d:00:00:02', '192.168.200.2'));
    expect(rec.events).toEqual([]);
    expect(rec.tableLog).toEqual([]);
  });
});
