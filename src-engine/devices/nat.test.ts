// NAPT's translations, as data: what changed in each direction, and the copy it returns.
import { describe, expect, it } from 'vitest';
import { IPPROTO_TCP } from '../packets/layers';
import { ipToU32 } from '../net/addr';
import { ethernet, ipv4, SYN, SYN_ACK, tcp } from '../net/build';
import { encodePacket } from '../net/codec';
import { decodePacket } from '../packets/index';
import { Recorder } from '../trace/recorder';
import { Scheduler } from '../sim/scheduler';
import { Nat, natStep } from './nat';

const packet = (src: string, dst: string, sport: number, dport: number, flags = SYN) => encodePacket([ethernet('00:15:5d:00:00:01', '00:15:5d:00:00:02'), ipv4(src, dst, IPPROTO_TCP, 1, 127, true), tcp(sport, dport, 1, 0, flags)]);

describe('Nat', () => {
  const sched = new Scheduler();
  const nat = new Nat('NATVM', { sched, rec: new Recorder(sched, { full: false }) }, { index: 1, ip: ipToU32('10.0.0.20') });

  it('maps an inside source to the outside address and a port, and the answer back', () => {
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
    expect(nat.translateIn(packet('10.0.0.10', '10.0.0.20', 443, 62000, SYN_ACK))).toBeUndefined();
  });
});
