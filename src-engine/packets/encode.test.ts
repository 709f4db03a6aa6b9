import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket, encodePacketInto } from './encode';
import { allocBytes } from './slab';
import type { EthernetLayer, Ipv4Layer, Layer, TcpLayer, UdpLayer } from './layers';
import { arpRequest, dnsQuery, synAtClient, vxlanSyn } from './samples';
import { toHex } from './testing/hex';

function decodeTypes(bytes: Uint8Array): string[] {
  const r = decodePacket(bytes);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.layers.map((l) => l.type);
}

describe('encodePacket', () => {
  it('returns a fresh buffer each time', () => {
    const a = encodePacket(synAtClient());
    const b = encodePacket(synAtClient());
    expect(a).toEqual(b);
    a[0] = 0x99;
    expect(b[0]).toBe(0x00);
    expect(encodePacket([])).toEqual(new Uint8Array(0));
  });

  it('puts trailers last, innermost first, and counts only the inner ones in outer lengths', () => {
    const layers = vxlanSyn();
    const withTrailers: Layer[] = layers.map((l, i) =>
      l.type === 'ethernet' ? ({ ...l, trailer: Uint8Array.of(i === 0 ? 0xbb : 0xaa, 0) } as EthernetLayer) : l,
    );
    const plain = encodePacket(layers);
    const bytes = encodePacket(withTrailers);
    expect(bytes.length).toBe(plain.length + 4);
    expect(toHex(bytes.subarray(-4))).toBe('aa00bb00');
    // Outer IPv4 total length and UDP length grow by the inner trailer only.
    expect((bytes[16]! << 8) | bytes[17]!).toBe(((plain[16]! << 8) | plain[17]!) + 2);
    expect((bytes[38]! << 8) | bytes[39]!).toBe(((plain[38]! << 8) | plain[39]!) + 2);
    const r = decodePacket(bytes);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.layers.filter((l) => l.type === 'ethernet').map((l) => (l as EthernetLayer).trailer)).toEqual([Uint8Array.of(0xbb, 0), Uint8Array.of(0xaa, 0)]);
    expect(encodePacket(r.value.layers)).toEqual(bytes);
  });

  it('takes an already-encoded inner frame as raw bytes after VXLAN, as a MUX does', () => {
    const layers = vxlanSyn();
    const inner = encodePacket(layers.slice(4));
    expect(encodePacket([...layers.slice(0, 4), { type: 'raw', data: inner }])).toEqual(encodePacket(layers));
  });

  it('refuses stacks that would not decode back to themselves', () => {
    const [eth, ip, udp, dns] = dnsQuery() as [EthernetLayer, Layer, UdpLayer, Layer];
    const tcp = synAtClient()[2]!;
    expect(() => encodePacket([eth, tcp])).toThrow('encodePacket: layer 1 (tcp) cannot follow ethernet: its etherType is 0x0800 (IPv4)');
    expect(() => encodePacket([eth, ip, tcp])).toThrow('layer 2 (tcp) cannot follow ipv4: its protocol 17 carries udp');
    expect(() => encodePacket([eth, ip, { ...udp, dstPort: 54 }, dns])).toThrow('layer 3 (dns) cannot follow udp: ports 58017 -> 54 carry raw');
    // Ports that UDP and TCP read differently: 4789 is VXLAN over UDP, raw over TCP.
    expect(() => encodePacket([eth, ip, { ...udp, dstPort: 4789 }, dns])).toThrow('layer 3 (dns) cannot follow udp: ports 58017 -> 4789 carry vxlan');
    expect(() => encodePacket([dns, dns])).toThrow('only raw bytes may follow a DNS message');
    expect(() => encodePacket([{ type: 'raw', data: new Uint8Array(1) }, ip])).toThrow('only more raw data may follow raw data');
    expect(() => encodePacket([{ ...eth, etherType: 0x86dd }, ip])).toThrow('etherType 0x86dd carries raw data');
  });

  it('names what each header carries when the next layer is another: ARP, a fragment, each IP protocol, TCP ports, ICMP', () => {
    const [eth, ip, udp, dns] = dnsQuery() as [EthernetLayer, Ipv4Layer, UdpLayer, Layer];
    const [, , tcp] = synAtClient() as [Layer, Ipv4Layer, TcpLayer];
    const arp = arpRequest()[1]!;
    expect(() => encodePacket([{ ...eth, etherType: 0x0806 }, ip])).toThrow('encodePacket: layer 1 (ipv4) cannot follow ethernet: its etherType is 0x0806 (ARP)');
    expect(() => encodePacket([arp, ip])).toThrow('encodePacket: layer 1 (ipv4) cannot follow arp: nothing follows ARP; put padding in the Ethernet trailer');
    expect(() => encodePacket([eth, { ...ip, moreFragments: true }, udp])).toThrow('layer 2 (udp) cannot follow ipv4: a fragment carries raw data');
    expect(() => encodePacket([eth, { ...ip, fragmentOffset: 1 }, udp])).toThrow('layer 2 (udp) cannot follow ipv4: a fragment carries raw data');
    expect(() => encodePacket([eth, { ...ip, protocol: 6 }, udp])).toThrow('layer 2 (udp) cannot follow ipv4: its protocol 6 carries tcp');
    expect(() => encodePacket([eth, { ...ip, protocol: 1 }, udp])).toThrow('layer 2 (udp) cannot follow ipv4: its protocol 1 carries icmp');
    expect(() => encodePacket([eth, { ...ip, protocol: 47 }, udp])).toThrow('layer 2 (udp) cannot follow ipv4: its protocol 47 carries raw');
    expect(() => encodePacket([{ ...ip, protocol: 6 }, { ...tcp, dstPort: 179 }, dns])).toThrow('layer 2 (dns) cannot follow tcp: ports 49731 -> 179 carry bgp');
    expect(() => encodePacket([{ ...ip, protocol: 6 }, { ...tcp, dstPort: 80 }, dns])).toThrow('layer 2 (dns) cannot follow tcp: ports 49731 -> 80 carry raw');
    const icmp: Layer = { type: 'icmp', kind: 'echo-request', code: 0, identifier: 1, sequence: 1 };
    expect(() => encodePacket([{ ...ip, protocol: 1 }, icmp, dns])).toThrow('layer 2 (dns) cannot follow icmp: ICMP carries raw data (echo data or the quoted datagram)');
    expect(() => encodePacket([dns, ip])).toThrow('layer 1 (ipv4) cannot follow dns: only raw bytes may follow a DNS message');
    expect(() => encodePacket([udp, dns, dns])).toThrow('layer 2 (dns) cannot follow dns: only raw bytes may follow a DNS message');
    const keepalive: Layer = { type: 'bgp', message: { kind: 'keepalive' } };
    const alert: Layer = { type: 'tls', contentType: 21, version: 0x0303, data: Uint8Array.of(1, 0) };
    expect(() => encodePacket([keepalive, ip])).toThrow('layer 1 (ipv4) cannot follow bgp: only another BGP message may follow a BGP message');
    expect(() => encodePacket([alert, keepalive])).toThrow('layer 1 (bgp) cannot follow tls: only another TLS record (or raw bytes) may follow a TLS record');
  });

  it('refuses ARP after an EtherType other than ARP, and ICMP after an IP protocol other than ICMP', () => {
    const [eth, ip] = dnsQuery() as [EthernetLayer, Ipv4Layer];
    const arp = arpRequest()[1]!;
    const icmp: Layer = { type: 'icmp', kind: 'echo-request', code: 0, identifier: 1, sequence: 1 };
    expect(() => encodePacket([{ ...eth, etherType: 0x86dd }, arp])).toThrow('encodePacket: layer 1 (arp) cannot follow ethernet: etherType 0x86dd carries raw data');
    expect(() => encodePacket([eth, { ...ip, protocol: 47 }, icmp])).toThrow('encodePacket: layer 2 (icmp) cannot follow ipv4: its protocol 47 carries raw');
    // What each may follow, for contrast: the same layers after the header that names them.
    expect(decodeTypes(encodePacket([{ ...eth, etherType: 0x0806 }, arp]))).toEqual(['ethernet', 'arp']);
    expect(decodeTypes(encodePacket([eth, { ...ip, protocol: 1 }, icmp]))).toEqual(['ethernet', 'ipv4', 'icmp']);
  });

  it('fills in the lengths and checksums of a stack deeper than 16 layers', () => {
    // Four VXLAN tunnels, one inside the other, around the portal SYN: 4 x 4 + 3 = 19 layers, the inner
    // IPv4 and TCP headers at 17 and 18.
    const all = vxlanSyn();
    const tunnel = all.slice(0, 4);
    const inner = all.slice(4);
    const stack = [...tunnel, ...tunnel, ...tunnel, ...tunnel, ...inner];
    expect(stack).toHaveLength(19);
    const bytes = encodePacket(stack);
    const innerBytes = encodePacket(inner);
    expect(bytes.length).toBe(4 * 50 + innerBytes.length);
    expect(toHex(bytes.subarray(4 * 50))).toBe(toHex(innerBytes));
    const r = decodePacket(bytes);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.layers).toHaveLength(19);
    expect(encodePacket(r.value.layers)).toEqual(bytes);
  });

  it('does not change the layers', () => {
    const layers = vxlanSyn();
    const copy = structuredClone(layers);
    encodePacket(layers);
    expect(layers).toEqual(copy);
  });

  it('keeps every packet it returned intact while it encodes many more', () => {
    const stacks = [vxlanSyn(), synAtClient(), dnsQuery(), arpRequest()];
    const kept = Array.from({ length: 4000 }, (_, i) => ({ i, bytes: encodePacket(stacks[i % 4]!) }));
    const expected = stacks.map((s) => toHex(encodePacket(s)));
    for (const { i, bytes } of kept) expect(toHex(bytes)).toBe(expected[i % 4]);
  });

  it('encodes a packet larger than a slab leaves room for', () => {
    const layers = [...synAtClient().slice(0, 3), { type: 'raw' as const, data: new Uint8Array(6000).fill(7) }];
    const bytes = encodePacket(layers);
    expect(bytes.length).toBe(14 + 20 + 24 + 6000);
    const r = decodePacket(bytes);
    if (!r.ok) throw new Error(r.error.message);
    expect(encodePacket(r.value.layers)).toEqual(bytes);
  });

  it('leaves no trace of a stack it refused', () => {
    const [eth, ip, tcp] = synAtClient() as [Layer, Layer, Layer];
    expect(() => encodePacket([eth, ip, { ...tcp, srcPort: 70000 } as Layer])).toThrow('tcp.srcPort: 70000 is not an integer from 0 to 65535');
    expect(allocBytes(2048).every((b) => b === 0)).toBe(true);
  });
});

describe('encodePacketInto', () => {
  it('writes the same bytes as encodePacket where asked and returns their length', () => {
    for (const layers of [vxlanSyn(), dnsQuery(), arpRequest()]) {
      const expected = encodePacket(layers);
      const out = new Uint8Array(expected.length + 10).fill(0xee);
      expect(encodePacketInto(layers, out, 7)).toBe(expected.length);
      expect(out.subarray(7, 7 + expected.length)).toEqual(expected);
      expect([...out.subarray(0, 7), ...out.subarray(7 + expected.length)].every((b) => b === 0xee)).toBe(true);
    }
  });

  it('reuses one buffer for packet after packet', () => {
    const out = new Uint8Array(256);
    for (const layers of [vxlanSyn(), arpRequest(), vxlanSyn(), dnsQuery()]) {
      const n = encodePacketInto(layers, out);
      expect(out.slice(0, n)).toEqual(encodePacket(layers));
    }
  });

  it("takes an offset from 0 to the buffer's length, and nothing outside", () => {
    expect(encodePacketInto([], new Uint8Array(4), 4)).toBe(0);
    expect(encodePacketInto([{ type: 'raw', data: Uint8Array.of(9) }], new Uint8Array(1), 0)).toBe(1);
    expect(() => encodePacketInto([], new Uint8Array(4), -1)).toThrow('encodePacketInto: offset -1 is outside the 4-byte buffer');
    expect(() => encodePacketInto([], new Uint8Array(4), 5)).toThrow('encodePacketInto: offset 5 is outside the 4-byte buffer');
    expect(() => encodePacketInto([], new Uint8Array(4), Number.NaN)).toThrow('encodePacketInto: offset NaN is outside the 4-byte buffer');
  });

  it('throws a RangeError saying how much room the packet needs', () => {
    const layers = vxlanSyn();
    const n = encodePacket(layers).length;
    expect(() => encodePacketInto(layers, new Uint8Array(n + 3), 4)).toThrow(RangeError);
    expect(() => encodePacketInto(layers, new Uint8Array(n + 3), 4)).toThrow(`the packet needs ${n} bytes but only ${n - 1} remain from offset 4`);
    expect(() => encodePacketInto(layers, new Uint8Array(10), 11)).toThrow('offset 11 is outside the 10-byte buffer');
    expect(encodePacketInto(layers, new Uint8Array(n))).toBe(n);
  });

  it('gives as the cause of that RangeError what ran out: the bytes given to the encoder', () => {
    const layers = vxlanSyn();
    const caught = (() => {
      try {
        encodePacketInto(layers, new Uint8Array(10));
      } catch (e) {
        return e as RangeError;
      }
      throw new Error('encodePacketInto accepted a 10-byte buffer');
    })();
    expect((caught.cause as RangeError).message).toBe('the packet does not fit in the bytes given to the encoder');
  });
});
