// NAPT's translations, as data: what changed in each direction, and the copy it returns.
import { describe, expect, it } from 'vitest';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Layer } from '../packets/layers';
import { ipToU32 } from '../net/addr';
import { ethernet, ipv4, SYN, SYN_ACK, tcp, udp } from '../net/build';
import { encodePacket } from '../net/codec';
import { ETH_HLEN } from '../net/frame';
import { decodePacket } from '../packets/index';
import { Recorder } from '../trace/recorder';
import { Scheduler } from '../sim/scheduler';
import { Nat, natStep } from './nat';

const packet = (src: string, dst: string, sport: number, dport: number, flags = SYN) => encodePacket([ethernet('00:15:5d:00:00:01', '00:15:5d:00:00:02'), ipv4(src, dst, IPPROTO_TCP, 1, 127, true), tcp(sport, dport, 1, 0, flags)]);

describe('Nat', () => {
  // Each test builds its own NAT, so each test's coverage is its own (none is reached while the file loads).
  const natvm = () => {
    const sched = new Scheduler();
    return new Nat('NATVM', { sched, rec: new Recorder(sched, { full: false }) }, { index: 1, ip: ipToU32('10.0.0.20') });
  };

  it('maps an inside source to the outside address and a port, and the answer back', () => {
    const nat = natvm();
    const out = nat.translateOut(packet('192.168.200.10', '10.0.0.10', 50000, 443))!;
    expect(out).toMatchObject({ direction: 'out', fromIp: ipToU32('192.168.200.10'), fromPort: 50000, toIp: ipToU32('10.0.0.20'), toPort: 61000 });
    const sent = decodePacket(out.bytes);
    expect(sent.ok && sent.value.layers[1]).toMatchObject({ src: '10.0.0.20', dst: '10.0.0.10' });
    expect(natStep(out)).toMatchObject({ kind: 'rewrite', by: 'nat', field: 'ipv4.src', before: '192.168.200.10:50000', after: '10.0.0.20:61000' });

    const back = nat.translateIn(packet('10.0.0.10', '10.0.0.20', 443, 61000, SYN_ACK))!;
    expect(back).toMatchObject({ direction: 'in', toIp: ipToU32('192.168.200.10'), toPort: 50000 });
    expect(natStep(back)).toMatchObject({ field: 'ipv4.dst', before: '10.0.0.20:61000', after: '192.168.200.10:50000' });
    // The same inside flow keeps its mapping.
    expect(nat.translateOut(packet('192.168.200.10', '10.0.0.10', 50000, 443))!.toPort).toBe(61000);
  });

  it('lets an answer to no mapping through untranslated (undefined)', () => {
    const nat = natvm();
    nat.translateOut(packet('192.168.200.10', '10.0.0.10', 50000, 443)); // maps outside port 61000, not 62000
    expect(nat.translateIn(packet('10.0.0.10', '10.0.0.20', 443, 62000, SYN_ACK))).toBeUndefined();
  });
});

describe('Nat rewrites every checksum as a fresh packet would have it', () => {
  const outside = { index: 1, ip: ipToU32('10.0.0.20') };
  const frame = (src: string, dst: string, l4: Layer[], proto = IPPROTO_TCP) => encodePacket([ethernet('00:15:5d:00:00:01', '00:15:5d:00:00:02'), ipv4(src, dst, proto, 1, 127, true), ...l4]);
  const echo = (src: string, dst: string, identifier: number, kind: 'echo-request' | 'echo-reply' = 'echo-request') =>
    frame(src, dst, [{ type: 'icmp', kind, code: 0, identifier, sequence: 3 }, { type: 'raw', data: new Uint8Array([1, 2, 3, 4]) }], IPPROTO_ICMP);

  it('TCP: source address and port out, destination back, checksums as if built so', () => {
    const sched = new Scheduler();
    const nat = new Nat('NATVM', { sched, rec: new Recorder(sched, { full: false }) }, outside);
    const data = { type: 'raw' as const, data: new TextEncoder().encode('GET / HTTP/1.1\r\n') };
    expect(nat.translateOut(frame('192.168.200.10', '10.0.0.10', [tcp(50000, 80, 7, 9, SYN), data]))!.bytes).toEqual(frame('10.0.0.20', '10.0.0.10', [tcp(61000, 80, 7, 9, SYN), data]));
    expect(nat.translateIn(frame('10.0.0.10', '10.0.0.20', [tcp(80, 61000, 9, 8, SYN_ACK), data]))!.bytes).toEqual(frame('10.0.0.10', '192.168.200.10', [tcp(80, 50000, 9, 8, SYN_ACK), data]));
  });

  it('a TCP segment whose checksum happens to be 0 is adjusted all the same: only UDP reads 0 as no checksum', () => {
    const sched = new Scheduler();
    const nat = new Nat('NATVM', { sched, rec: new Recorder(sched, { full: false }) }, outside);
    const segment = (src: string, port: number, word: number) => frame(src, '10.0.0.10', [tcp(port, 80, 7, 9, SYN), { type: 'raw', data: new Uint8Array([word >> 8, word & 255]) }]);
    // Two payload bytes equal to the checksum without them bring the checksum to 0.
    const t = ETH_HLEN + 20;
    const plain = segment('192.168.200.10', 50000, 0);
    const zero = segment('192.168.200.10', 50000, (plain[t + 16]! << 8) | plain[t + 17]!);
    expect([zero[t + 16], zero[t + 17]]).toEqual([0, 0]);
    const word = (zero[t + 20]! << 8) | zero[t + 21]!;
    expect(nat.translateOut(zero)!.bytes).toEqual(segment('10.0.0.20', 61000, word));
  });

  it('UDP: its checksum adjusted, or left 0 (none) when the sender sent none', () => {
    const sched = new Scheduler();
    const nat = new Nat('NATVM', { sched, rec: new Recorder(sched, { full: false }) }, outside);
    const query = { type: 'raw' as const, data: new Uint8Array([0x12, 0x34, 1, 0]) };
    expect(nat.translateOut(frame('192.168.200.10', '10.0.0.10', [udp(53001, 53), query], IPPROTO_UDP))!.bytes).toEqual(frame('10.0.0.20', '10.0.0.10', [udp(61000, 53), query], IPPROTO_UDP));
    expect(nat.translateIn(frame('10.0.0.10', '10.0.0.20', [udp(53, 61000), query], IPPROTO_UDP))!.bytes).toEqual(frame('10.0.0.10', '192.168.200.10', [udp(53, 53001), query], IPPROTO_UDP));
    const noSum = nat.translateOut(frame('192.168.200.11', '10.0.0.10', [udp(53001, 53, 0), query], IPPROTO_UDP))!;
    expect(noSum.toPort).toBe(61001);
    expect(noSum.bytes).toEqual(frame('10.0.0.20', '10.0.0.10', [udp(61001, 53, 0), query], IPPROTO_UDP));
  });

  it("ICMP echo: the identifier is mapped like a port, and the ICMP checksum follows it", () => {
    const sched = new Scheduler();
    const nat = new Nat('NATVM', { sched, rec: new Recorder(sched, { full: false }) }, outside);
    const out = nat.translateOut(echo('192.168.200.10', '10.0.0.10', 0x0200))!;
    expect(out).toMatchObject({ fromPort: 0x0200, toPort: 61000 });
    expect(out.bytes).toEqual(echo('10.0.0.20', '10.0.0.10', 61000));
    expect(nat.translateIn(echo('10.0.0.10', '10.0.0.20', 61000, 'echo-reply'))!.bytes).toEqual(echo('10.0.0.10', '192.168.200.10', 0x0200, 'echo-reply'));
  });

  it('maps by address, port and protocol: each new flow gets the next port; a protocol without ports is not translated', () => {
    const sched = new Scheduler();
    const nat = new Nat('NATVM', { sched, rec: new Recorder(sched, { full: false }) }, outside);
    const ports = [
      nat.translateOut(frame('192.168.200.10', '10.0.0.10', [tcp(50000, 443, 1, 0, SYN)]))!.toPort,
      nat.translateOut(frame('192.168.200.10', '10.0.0.10', [tcp(50001, 443, 1, 0, SYN)]))!.toPort,
      nat.translateOut(frame('192.168.200.11', '10.0.0.10', [tcp(50000, 443, 1, 0, SYN)]))!.toPort,
      nat.translateOut(frame('192.168.200.10', '10.0.0.10', [udp(50000, 53)], IPPROTO_UDP))!.toPort,
      nat.translateOut(frame('192.168.200.10', '10.0.0.99', [tcp(50000, 443, 1, 0, SYN)]))!.toPort,
    ];
    expect(ports).toEqual([61000, 61001, 61002, 61003, 61000]);
    // An answer comes back by protocol and port: a UDP answer to the TCP flow's port finds no mapping.
    expect(nat.translateIn(frame('10.0.0.10', '10.0.0.20', [udp(53, 61001)], IPPROTO_UDP))).toBeUndefined();
    expect(nat.translateIn(frame('10.0.0.10', '10.0.0.20', [udp(53, 61003)], IPPROTO_UDP))!.toPort).toBe(50000);
    const gre = frame('192.168.200.10', '10.0.0.10', [{ type: 'raw', data: new Uint8Array(8) }], 47);
    expect(nat.translateOut(gre)).toBeUndefined();
    expect(nat.translateIn(frame('10.0.0.10', '10.0.0.20', [{ type: 'raw', data: new Uint8Array(8) }], 47))).toBeUndefined();
  });

  it("records each new mapping as a row of NATVM's table, once, when the run keeps tables", () => {
    const sched = new Scheduler();
    const rec = new Recorder(sched, { full: true });
    const nat = new Nat('NATVM', { sched, rec }, outside);
    sched.at(40, () => {
      nat.translateOut(frame('192.168.200.10', '10.0.0.10', [tcp(50000, 443, 1, 0, SYN)]));
      nat.translateOut(frame('192.168.200.10', '10.0.0.10', [tcp(50000, 443, 2, 0, SYN)]));
      nat.translateOut(frame('192.168.200.10', '10.0.0.10', [udp(50000, 53)], IPPROTO_UDP));
      nat.translateOut(echo('192.168.200.10', '10.0.0.10', 7));
    });
    sched.run(Infinity);
    expect(rec.tableLog).toEqual([
      { time: 40, node: 'NATVM', table: 'nat', key: '6|3232286730:50000', row: { cells: { protocol: 'TCP', inside: '192.168.200.10:50000', outside: '10.0.0.20:61000', remote: '10.0.0.10', created: '40' } } },
      { time: 40, node: 'NATVM', table: 'nat', key: '17|3232286730:50000', row: { cells: { protocol: 'UDP', inside: '192.168.200.10:50000', outside: '10.0.0.20:61001', remote: '10.0.0.10', created: '40' } } },
      { time: 40, node: 'NATVM', table: 'nat', key: '1|3232286730:7', row: { cells: { protocol: 'ICMP', inside: '192.168.200.10:7', outside: '10.0.0.20:61002', remote: '10.0.0.10', created: '40' } } },
    ]);
  });

  it("says in the trace which way it translated, in a student's words", () => {
    const step = (direction: 'out' | 'in') => natStep({ bytes: new Uint8Array(0), direction, fromIp: ipToU32('192.168.200.10'), fromPort: 50000, toIp: ipToU32('10.0.0.20'), toPort: 61000 });
    expect(step('out')).toEqual({ kind: 'rewrite', by: 'nat', field: 'ipv4.src', before: '192.168.200.10:50000', after: '10.0.0.20:61000', text: 'NAPT: the packet leaves by the outside interface, so its source 192.168.200.10:50000 becomes 10.0.0.20:61000' });
    expect(step('in')).toEqual({ kind: 'rewrite', by: 'nat', field: 'ipv4.dst', before: '192.168.200.10:50000', after: '10.0.0.20:61000', text: 'NAPT: the answer to mapping 50000 goes back to 10.0.0.20:61000' });
  });
});
