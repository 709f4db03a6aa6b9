// The recorder's event list is the run's, as the result carries it: in time order, each event numbered by
// its place, a frame's event naming its transmission, and the transmissions themselves in the order sent.
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../sim/scheduler';
import { NO_END, Recorder } from './recorder';
import { frameBytes, transmissionAt, transmissionsOf } from '../view/runLog';

const ARP_REQUEST = Uint8Array.from([
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x15, 0x5d, 0x00, 0x00, 0x06, 0x08, 0x06, 0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0x00, 0x15, 0x5d, 0x00, 0x00, 0x06, 10, 0, 0, 6, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1,
]);

function recorded(): Recorder {
  const sched = new Scheduler();
  const rec = new Recorder(sched, { full: true });
  const mux = rec.endpoint('MuxVM', 'mgmt');
  const port = rec.endpoint('vSwitch', 'MuxVM.mgmt');
  const bgp = rec.endpoint('BGPVM', 'infra');
  sched.now = 100;
  rec.event('info', 'MuxVM', 'MuxVM ARP request: who has 10.0.0.1? (try 1)', 'arp');
  rec.transmit(mux, port, 130, 150, ARP_REQUEST, undefined, 'MuxVM asks who has 10.0.0.1 (ARP request, broadcast).');
  // The switch floods it at 155, recorded before an event of 120 that happens earlier.
  rec.transmit(port, bgp, 155, 175, ARP_REQUEST, 'flow', 'The switch floods the broadcast.');
  rec.transmit(port, NO_END, 155, 175, ARP_REQUEST, 'flow', 'The switch floods the broadcast.');
  sched.now = 120;
  rec.eventWith('drop', 'BGPVM', 'BGPVM: link down', { reason: 'link-down' });
  return rec;
}

describe('Recorder', () => {
  it("keeps a note's data as it was handed, and reads it as the note's text, in the worker and after a structured clone", () => {
    const sched = new Scheduler();
    const rec = new Recorder(sched, { full: true });
    const nic = rec.endpoint('PortalVM', 'mgmt');
    const port = rec.endpoint('vSwitch', 'PortalVM.mgmt');
    const note = { key: 'tcp-syn-ack', node: 'PortalVM', port: 443 } as const;
    rec.transmit(nic, port, 10, 20, ARP_REQUEST, undefined, note);
    rec.transmit(port, NO_END, 20, 30, ARP_REQUEST, undefined, note);
    const log = rec.log();
    // One note for the frame's two links, kept as data: no text is made while the run records.
    expect(log.notes).toEqual([note]);
    expect(log.notes[0]).toBe(note);
    const text = 'PortalVM accepts the connection on TCP 443 (SYN-ACK).';
    expect(rec.transmissions.map((t) => t.note)).toEqual([text, text]);
    expect(transmissionsOf(structuredClone(log)).map((t) => t.note)).toEqual([text, text]);
    expect(transmissionAt(log, 1).note).toBe(text);
  });

  it('lists events in time order, numbered by place, equal times in the order recorded', () => {
    const events = recorded().events;
    expect(events.map((e) => [e.id, e.time, e.kind])).toEqual([
      [0, 100, 'info'],
      [1, 120, 'drop'],
      [2, 130, 'transmission'],
      [3, 155, 'transmission'],
      [4, 155, 'transmission'],
    ]);
    expect(events[3]).toEqual({ id: 3, time: 155, kind: 'transmission', node: 'vSwitch', protocol: 'arp', summary: 'vSwitch MuxVM.mgmt -> BGPVM infra: ARP who has 10.0.0.1? tell 10.0.0.6', transmissionId: 1 });
    expect(events[4]!.summary).toBe('vSwitch MuxVM.mgmt -> (nowhere: link down): ARP who has 10.0.0.1? tell 10.0.0.6');
  });

  it('hands over its columns: the events in time order as numbers, the plain ones renumbered in that order, every frame described once', () => {
    const rec = recorded();
    const log = rec.log();
    expect([...log.order]).toEqual([-1, -2, 0, 1, 2]);
    expect(log.plainEvents.map((e) => [e.id, e.kind])).toEqual([
      [0, 'info'],
      [1, 'drop'],
    ]);
    expect([log.count, log.frameSpans.length / 3, log.protocols, log.summaries]).toEqual([3, 1, ['arp'], ['ARP who has 10.0.0.1? tell 10.0.0.6']]);
    // The frame is a span of the recorder's store: buffer 0, from its start, 42 bytes.
    expect([log.frameStores.length, [...log.frameSpans]]).toEqual([1, [0, 0, 42]]);
    expect(frameBytes(log, 0)).toEqual(ARP_REQUEST);
    expect(log.notes).toEqual(['MuxVM asks who has 10.0.0.1 (ARP request, broadcast).', 'The switch floods the broadcast.']);
    // Asked again with nothing new: the same log; after more was recorded, a new one with it.
    expect(rec.log()).toBe(log);
    rec.transmit(0, 1, 200, 220, ARP_REQUEST, undefined, undefined);
    expect(rec.log()).not.toBe(log);
    expect([...rec.log().order]).toEqual([-1, -2, 0, 1, 2, 3]);
    expect(rec.events).toHaveLength(6);
    expect(rec.transmissions).toHaveLength(4);
  });

  it('keeps each transmission with its ends, frame, flow and note, in the order sent', () => {
    const [first, flooded, lost] = recorded().transmissions;
    expect(first).toEqual({ id: 0, time: 130, arrive: 150, fromNode: 'MuxVM', fromInterface: 'mgmt', protocol: 'arp', summary: 'ARP who has 10.0.0.1? tell 10.0.0.6', bytes: ARP_REQUEST, toNode: 'vSwitch', toInterface: 'MuxVM.mgmt', note: 'MuxVM asks who has 10.0.0.1 (ARP request, broadcast).' });
    expect(flooded).toMatchObject({ id: 1, fromNode: 'vSwitch', toNode: 'BGPVM', toInterface: 'infra', flowId: 'flow', note: 'The switch floods the broadcast.' });
    expect(lost).not.toHaveProperty('toNode');
    expect(lost!.bytes).toBe(flooded!.bytes);
  });

  it('keeps an event recorded after a frame of its own time after that frame', () => {
    const sched = new Scheduler();
    const rec = new Recorder(sched, { full: true });
    const mux = rec.endpoint('MuxVM', 'mgmt');
    sched.now = 100;
    rec.transmit(mux, NO_END, 100, 120, ARP_REQUEST, undefined, undefined);
    rec.event('info', 'MuxVM', 'MuxVM: no answer yet');
    expect(rec.events.map((e) => [e.id, e.time, e.kind])).toEqual([
      [0, 100, 'transmission'],
      [1, 100, 'info'],
    ]);
    expect([...rec.log().order]).toEqual([0, -1]);
  });

  it("keeps frames as spans of its 64 KiB stores, a large one in a buffer of its own, each read back as sent", () => {
    const sched = new Scheduler();
    const rec = new Recorder(sched, { full: true });
    const a = rec.endpoint('ClientVM', 'eth0');
    // 2,000 frames of 60 bytes fill one store (1,092 fit in 64 KiB) and start a second; then one of 5,000 bytes.
    const sent = Array.from({ length: 2000 }, (_, i) => Uint8Array.from({ length: 60 }, (_, j) => (i * 7 + j) & 255));
    sent.push(Uint8Array.from({ length: 5000 }, (_, j) => j & 255));
    sent.forEach((bytes, i) => rec.transmit(a, NO_END, i, i + 1, bytes, undefined, undefined));
    const log = rec.log();
    expect([log.frameStores.map((b) => b.byteLength), log.frameSpans.length / 3]).toEqual([[65536, 65536, 5000], 2001]);
    expect([...log.frameSpans.subarray(3 * 1091, 3 * 1093)]).toEqual([0, 1091 * 60, 60, 1, 0, 60]);
    const read = transmissionsOf(structuredClone(log)).map((t) => t.bytes);
    expect(read).toEqual(sent);
    expect(sent.every((bytes, f) => frameBytes(log, f).every((x, j) => x === bytes[j]))).toBe(true);
  });

  it('hands over a log that later recording leaves as it was', () => {
    const rec = recorded();
    const log = rec.log();
    expect([log.times.length, log.ints.length, log.endNode.length]).toEqual([1, 1, 3]);
    // Enough frames to start a second chunk, and a new end of a link.
    const a = rec.endpoint('ClientVM', 'eth0');
    for (let i = 0; i < 4096; i++) rec.transmit(a, NO_END, 200, 220, ARP_REQUEST, undefined, undefined);
    expect([log.count, log.times.length, log.ints.length, log.endNode.length]).toEqual([3, 1, 1, 3]);
    expect([rec.log().times.length, rec.log().ints.length, rec.log().endNode.length]).toEqual([2, 2, 4]);
    // A new frame, flow and note.
    rec.transmit(a, NO_END, 300, 320, ARP_REQUEST.slice(), 'late', 'a later note');
    const lengths = (l: typeof log) => [l.frameSpans.length / 3, l.protocols.length, l.summaries.length, l.flows.length, l.notes.length];
    expect(lengths(rec.log())).toEqual([2, 2, 2, 2, 3]);
    expect(lengths(log)).toEqual([1, 1, 1, 1, 2]);
    // The lists made from one log are made once.
    expect(rec.events).toBe(rec.events);
    expect(rec.transmissions).toBe(rec.transmissions);
  });

  it('names each flow once, in the order first sent, whatever its frames share', () => {
    const rec = recorded();
    const a = rec.endpoint('ClientVM', 'eth0');
    rec.transmit(a, NO_END, 200, 220, ARP_REQUEST, 'dns', undefined);
    rec.transmit(a, NO_END, 210, 230, ARP_REQUEST, 'flow', undefined);
    rec.transmit(a, NO_END, 220, 240, ARP_REQUEST, 'dns', undefined);
    expect(rec.log().flows).toEqual(['flow', 'dns']);
    expect(rec.transmissions.map((t) => t.flowId)).toEqual([undefined, 'flow', 'flow', 'dns', 'flow', 'dns']);
  });

  it('makes its log again when only an event was recorded since', () => {
    const rec = recorded();
    const log = rec.log();
    rec.event('info', 'BGPVM', 'BGPVM: the link is up again', undefined, 300);
    expect(rec.log()).not.toBe(log);
    expect([...rec.log().order]).toEqual([-1, -2, 0, 1, 2, -3]);
    expect(rec.events.map((e) => [e.id, e.time, e.summary]).at(-1)).toEqual([5, 300, 'BGPVM: the link is up again']);
  });

  it('keeps nothing but counts when recording is off', () => {
    const rec = new Recorder(new Scheduler(), { full: false });
    expect(rec.transmit(rec.endpoint('A', 'eth0'), NO_END, 0, 20, ARP_REQUEST, undefined, undefined)).toBe(0);
    rec.event('info', 'A', 'nothing kept');
    rec.eventWith('drop', 'A', 'nothing kept', { reason: 'link-down' });
    rec.table('A', 'arp', '10.0.0.1', undefined);
    expect([rec.transmissionCount, rec.transmissions.length, rec.events.length, rec.tableLog.length]).toEqual([1, 0, 0, 0]);
  });
});
