import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket, encodePacketInto } from './encode';
import type { Ipv4Layer, Layer, UdpLayer } from './layers';
import { dnsQuery } from './samples';
import { toHex } from './testing/hex';

const ip: Ipv4Layer = {
  type: 'ipv4', dscp: 0, ecn: 0, identification: 7, dontFragment: false, moreFragments: false, fragmentOffset: 0,
  ttl: 128, protocol: 17, src: '192.168.200.10', dst: '192.168.100.2',
};
const udp: UdpLayer = { type: 'udp', srcPort: 50000, dstPort: 9 };

function layersOf(bytes: Uint8Array, first: Layer['type'] = 'ipv4'): Layer[] {
  const r = decodePacket(bytes, first);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.layers;
}

describe('UDP', () => {
  it('computes length and the checksum over the pseudo-header (the DNS query tshark validates: c17f)', () => {
    const bytes = encodePacket(dnsQuery());
    expect(toHex(bytes.subarray(34, 42))).toBe('e2a1' + '0035' + '0031' + 'c17f');
  });

  it('sends a computed checksum of 0 as ffff, since 0 means none', () => {
    const first = encodePacket([ip, udp, { type: 'raw', data: Uint8Array.of(0, 0) }]);
    const sum = (first[26]! << 8) | first[27]!;
    // Adding the checksum to the payload makes the ones'-complement sum ffff, so the checksum would be 0.
    const bytes = encodePacket([ip, udp, { type: 'raw', data: Uint8Array.of(sum >>> 8, sum & 255) }]);
    expect(toHex(bytes.subarray(26, 28))).toBe('ffff');
  });

  it('writes checksum 0 as given: no checksum, as VXLAN sends', () => {
    const bytes = encodePacket([ip, { ...udp, checksum: 0 }, { type: 'raw', data: Uint8Array.of(1) }]);
    expect(toHex(bytes.subarray(20, 28))).toBe('c35000090009' + '0000');
    expect(layersOf(bytes)[1]).toEqual({ ...udp, length: 9, checksum: 0 });
  });

  it('hands port 53 either way to DNS, destination 4789 to VXLAN, others raw, and an empty payload nothing', () => {
    const types = (u: UdpLayer, next: Layer[]) => layersOf(encodePacket([ip, { ...u, checksum: 0 }, ...next])).map((l) => l.type);
    expect(types({ ...udp, dstPort: 4789 }, [{ type: 'vxlan', flags: 8, vni: 1 }, ...ethernetStub()])).toEqual(['ipv4', 'udp', 'vxlan', 'ethernet']);
    expect(types(udp, [{ type: 'raw', data: Uint8Array.of(1) }])).toEqual(['ipv4', 'udp', 'raw']);
    expect(types(udp, [])).toEqual(['ipv4', 'udp']);
    const dns = dnsQuery()[3]!;
    expect(types({ ...udp, srcPort: 53 }, [dns])).toEqual(['ipv4', 'udp', 'dns']);
    expect(types({ ...udp, dstPort: 53 }, [dns])).toEqual(['ipv4', 'udp', 'dns']);
  });

  it('refuses a datagram over the 65,535 bytes its length field holds, and a checksum with no IPv4 header to sum', () => {
    const datagram = (payload: number, u: UdpLayer = { ...udp, checksum: 0 }) => encodePacket([u, { type: 'raw', data: new Uint8Array(payload) }]);
    expect(toHex(datagram(65_527).subarray(4, 6))).toBe('ffff');
    expect(() => datagram(65_528)).toThrow('udp: the datagram is 65536 bytes, more than the 65535 UDP allows');
    expect(() => datagram(1, { ...udp, srcPort: 65536, checksum: 0 })).toThrow('udp.srcPort: 65536 is not an integer from 0 to 65535');
    expect(() => datagram(1, { ...udp, dstPort: -1, checksum: 0 })).toThrow('udp.dstPort: -1 is not an integer from 0 to 65535');
    expect(() => datagram(1, { ...udp, length: 65536, checksum: 0 })).toThrow('udp.length: 65536 is not an integer from 0 to 65535');
    expect(() => datagram(1, { ...udp, checksum: 65536 })).toThrow('udp.checksum: 65536 is not an integer from 0 to 65535');
    expect(() => datagram(1, udp)).toThrow('udp.checksum: computing it needs the IPv4 layer right before UDP; give the checksum explicitly, or 0 for none');
  });

  it('reports a length that disagrees with the IPv4 payload', () => {
    const bytes = encodePacket([ip, udp, { type: 'raw', data: Uint8Array.of(1, 2) }]);
    const withLength = (n: number) => {
      const b = bytes.slice();
      b[25] = n;
      const r = decodePacket(b, 'ipv4');
      return r.ok ? undefined : r.error;
    };
    expect(withLength(7)).toEqual({ code: 'malformed', layer: 'udp', field: 'length', offset: 24, message: 'UDP length at byte 24: length 7 is less than the 8-byte header' });
    expect(withLength(9)).toEqual({ code: 'malformed', layer: 'udp', field: 'length', offset: 24, message: 'UDP length at byte 24: length 9 disagrees with the 10 bytes the IPv4 header gives UDP' });
    expect(withLength(11)).toEqual({ code: 'truncated', layer: 'udp', field: 'length', offset: 24, message: 'UDP length at byte 24 needs 11 bytes but only 10 remain: the packet was cut short; check the length fields of the layers around it.' });
  });

  it('writes a length given as it is, even one that disagrees with the datagram', () => {
    const bytes = encodePacket([{ ...udp, length: 100, checksum: 0 }, { type: 'raw', data: Uint8Array.of(1) }]);
    expect(toHex(bytes)).toBe('c3500009' + '0064' + '0000' + '01');
  });

  it('counts only its own bytes behind an IPv4 header when refusing a datagram too long', () => {
    // The UDP length is filled in before the IPv4 one, so UDP's own error comes first: 8 + 65,528 bytes.
    expect(() => encodePacket([ip, { ...udp, checksum: 0 }, { type: 'raw', data: new Uint8Array(65_528) }])).toThrow(
      'udp: the datagram is 65536 bytes, more than the 65535 UDP allows',
    );
  });

  it('computes the checksum with the IPv4 header at byte 0 of the buffer it is written into', () => {
    const layers: Layer[] = [ip, udp, { type: 'raw', data: Uint8Array.of(1, 2, 3) }];
    const out = new Uint8Array(31);
    expect(encodePacketInto(layers, out, 0)).toBe(31);
    expect(toHex(out)).toBe(toHex(encodePacket(layers)));
  });

  it('reports a header cut short inside an IPv4 packet at the field where it ends', () => {
    const header = encodePacket([{ ...udp, checksum: 0 }]).subarray(0, 5);
    expect(decodePacket(encodePacket([ip, { type: 'raw', data: header }]), 'ipv4')).toEqual({
      ok: false,
      error: { code: 'truncated', layer: 'udp', field: 'length', offset: 24, message: 'UDP length at byte 24 needs 2 bytes but only 1 remain: the packet was cut short; check the length fields of the layers around it.' },
    });
  });

  it('needs the IPv4 layer to compute a checksum, and says so', () => {
    expect(() => encodePacket([udp])).toThrow('udp.checksum: computing it needs the IPv4 layer right before UDP; give the checksum explicitly, or 0 for none');
    expect(toHex(encodePacket([{ ...udp, checksum: 0x1234 }]))).toBe('c350000900081234');
  });
});

function ethernetStub(): Layer[] {
  return [{ type: 'ethernet', dst: '00:15:5d:64:00:09', src: '00:15:5d:64:00:01', etherType: 0x88b5 }];
}
