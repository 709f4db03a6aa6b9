import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket } from './encode';
import type { Layer, VxlanLayer } from './layers';
import { synAtMux, vxlanSyn } from './samples';
import { fromHex, toHex } from './testing/hex';
import { innerFlowHash, vxlanSourcePort } from './vxlanSourcePort';

describe('VXLAN', () => {
  it('encodes the RFC 7348 header: I flag, 3 reserved bytes, 24-bit VNI, 1 reserved byte', () => {
    expect(toHex(encodePacket([{ type: 'vxlan', flags: 0x08, vni: 4096 }]))).toBe('08000000' + '001000' + '00');
    expect(toHex(encodePacket([{ type: 'vxlan', flags: 0x08, vni: 0xabcdef }]))).toBe('08000000abcdef00');
    expect(() => encodePacket([{ type: 'vxlan', flags: 0x08, vni: 0x1000000 }])).toThrow('vxlan.vni: 16777216 is not an integer from 0 to 16777215');
    expect(() => encodePacket([{ type: 'vxlan', flags: 0x100, vni: 1 }])).toThrow('vxlan.flags: 256 is not an integer from 0 to 255');
  });

  it("encodes MuxVM's VXLAN SYN byte for byte as tshark validates it", () => {
    expect(toHex(encodePacket(vxlanSyn()))).toBe(
      [
        '00155de90015 00155de90006 0800', // outer Ethernet: MuxVM PA -> host PA
        '4500 005e 1104 0000 8011 d61d c0a8e906 c0a8e915', // outer IPv4, TTL 128, UDP
        'e2ba 12b5 004a 0000', // UDP 58042 -> 4789, no checksum
        '08000000 001000 00', // VXLAN, VNI 4096
        '00155d640009 00155d640001 0800', // inner Ethernet, to the DIP's MAC
        '4500 002c 2c02 4000 7e06 0224 c0a8c80a c0a8854a', // inner IPv4, TTL 126
        'c243 01bb 3b9aca07 00000000 6002 faf0 04ef 0000 020405b4', // the SYN
      ].join('').replace(/ /g, ''),
    );
  });

  it('decodes through to the inner frame and back', () => {
    const layers = vxlanSyn();
    const r = decodePacket(encodePacket(layers));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.layers.map((l) => l.type)).toEqual(['ethernet', 'ipv4', 'udp', 'vxlan', 'ethernet', 'ipv4', 'tcp']);
    expect(r.value.layers[3]).toEqual({ type: 'vxlan', flags: 8, vni: 4096 });
    expect(r.value.layerSpans[4]).toEqual({ start: 50, end: 64 });
    expect(r.value.fields.filter((f) => f.layer === 'vxlan').map((f) => `${f.field} ${f.start}-${f.end}`)).toEqual(['flags 42-43', 'reserved1 43-46', 'vni 46-49', 'reserved2 49-50']);
  });

  it('reports reserved bytes that are not zero (VXLAN-GBP, -GPE), and an inner frame that is missing', () => {
    expect(decodePacket(fromHex('08000100 001000 00'), 'vxlan')).toMatchObject({ ok: false, error: { code: 'malformed', layer: 'vxlan', field: 'reserved1', offset: 1 } });
    expect(decodePacket(fromHex('08000000 001000 01'), 'vxlan')).toMatchObject({ ok: false, error: { code: 'malformed', layer: 'vxlan', field: 'reserved2', offset: 7 } });
    expect(decodePacket(fromHex('08000000 001000 00'), 'vxlan')).toMatchObject({ ok: false, error: { code: 'truncated', layer: 'ethernet', field: 'dst', offset: 8 } });
    expect(decodePacket(fromHex('080000'), 'vxlan')).toMatchObject({ ok: false, error: { code: 'truncated', field: 'reserved1', offset: 1 } });
  });

  it('must carry Ethernet, which encodePacket checks', () => {
    const vxlan: VxlanLayer = { type: 'vxlan', flags: 8, vni: 1 };
    const bad: Layer[] = [vxlan, synAtMux()[1]!];
    expect(() => encodePacket(bad)).toThrow('encodePacket: layer 1 (ipv4) cannot follow vxlan: VXLAN carries an Ethernet frame');
  });
});

describe('vxlanSourcePort', () => {
  it('maps a 32-bit hash to 49152..65535 by its high 14 bits, as Linux does', () => {
    expect(vxlanSourcePort(0)).toBe(49152);
    expect(vxlanSourcePort(0x0003ffff)).toBe(49152);
    expect(vxlanSourcePort(0x80000000)).toBe(57344);
    expect(vxlanSourcePort(0xffffffff)).toBe(65535);
    expect(() => vxlanSourcePort(-1)).toThrow('vxlanSourcePort: -1 is not an unsigned 32-bit flow hash');
    expect(() => vxlanSourcePort(2 ** 32)).toThrow();
  });

  it("hashes an inner frame's 5-tuple with FNV-1a: 8ae9733d, port 58042, for the portal SYN", () => {
    const inner = encodePacket(synAtMux());
    expect(innerFlowHash(inner)).toBe(0x8ae9733d);
    expect(vxlanSourcePort(inner)).toBe(58042);
  });

  it('gives one flow one port whatever else changes, and other flows other ports', () => {
    const [eth, ip, tcp] = synAtMux() as [Layer, Layer & { type: 'ipv4' }, Layer & { type: 'tcp' }];
    const port = (ipChanges: object, tcpChanges: object) => vxlanSourcePort(encodePacket([eth, { ...ip, ...ipChanges }, { ...tcp, ...tcpChanges }]));
    const base = port({}, {});
    expect(port({ ttl: 3, identification: 9 }, { seq: 5, flags: { ...tcp.flags, ack: true } })).toBe(base);
    const others = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((i) => port({}, { srcPort: 49731 + i })));
    expect(others.size).toBeGreaterThan(4);
    expect(others.has(base)).toBe(false);
  });

  it('hashes a VLAN-tagged inner frame (802.1Q) by the IPv4 flow behind the tag, as the untagged one', () => {
    const inner = encodePacket(synAtMux());
    const tagged = new Uint8Array(inner.length + 4);
    tagged.set(inner.subarray(0, 12));
    tagged.set([0x81, 0x00, 0x03, 0xe9], 12); // TPID, then priority 0 and VLAN 1001
    tagged.set(inner.subarray(12), 16);
    expect(innerFlowHash(tagged)).toBe(0x8ae9733d);
    expect(vxlanSourcePort(tagged)).toBe(58042);
  });

  /** FNV-1a, 32-bit, as its authors define it (offset basis 0x811c9dc5, prime 0x01000193): the oracle. */
  const fnv1a = (bytes: readonly number[]) => bytes.reduce((h, b) => Math.imul(h ^ b, 0x01000193) >>> 0, 0x811c9dc5);

  it('hashes by FNV-1a over the flow key, as the published test vectors give it', () => {
    expect([fnv1a([]), fnv1a([0x61]), fnv1a([...'foobar'].map((c) => c.charCodeAt(0)))]).toEqual([0x811c9dc5, 0xe40c292c, 0xbf9cf968]);
    const mac = 'ffffffffffff 00155dc8000a';
    const ip = (proto: string, flags = '0000', rest = '') => fromHex(`${mac} 0800 4500 0030 0001 ${flags} 80${proto} 0000 c0a8c80a c0a8854a ${rest}`);
    // Addresses (8 bytes) and protocol; TCP and UDP add their ports, unless the packet is a fragment.
    const key = [0xc0, 0xa8, 0xc8, 0x0a, 0xc0, 0xa8, 0x85, 0x4a];
    expect(innerFlowHash(ip('01', '0000', '0800 0000'))).toBe(fnv1a([...key, 1]));
    expect(innerFlowHash(ip('11', '0000', 'c2a1 0035 0008 0000'))).toBe(fnv1a([...key, 17, 0xc2, 0xa1, 0x00, 0x35]));
    expect(innerFlowHash(ip('06', '0000', 'c2a1 01bb'))).toBe(fnv1a([...key, 6, 0xc2, 0xa1, 0x01, 0xbb]));
    expect(innerFlowHash(ip('11', '2000', 'c2a1 0035'))).toBe(fnv1a([...key, 17]));
    expect(innerFlowHash(ip('11', '0001', 'c2a1 0035'))).toBe(fnv1a([...key, 17]));
    // A header of exactly 20 bytes and nothing after it: the addresses and protocol, no ports.
    expect(innerFlowHash(ip('11'))).toBe(fnv1a([...key, 17]));
    // One byte short of an IPv4 header: the MACs and type only.
    const short = fromHex(`${mac} 0800 4500 0030 0001 0000 8011 0000 c0a8c80a c0a885`);
    expect(short.length).toBe(33);
    expect(innerFlowHash(short)).toBe(fnv1a([...short.subarray(0, 14)]));
  });

  it('hashes frames that are not IPv4 by their MAC addresses and type', () => {
    const arp = fromHex('ffffffffffff 00155dc8000a 0806 0001');
    expect(vxlanSourcePort(arp)).toBe(vxlanSourcePort(fromHex('ffffffffffff 00155dc8000a 0806 9999')));
    expect(vxlanSourcePort(new Uint8Array(0))).toBe(vxlanSourcePort(0x811c9dc5));
  });

  it('hashes a whole ARP frame, long enough to hold an IPv4 header, by its MAC addresses and type alone', () => {
    // 14 bytes of Ethernet and a 28-byte ARP request: 42 bytes, past the 34 an IPv4 flow key would need.
    const arp = fromHex('ffffffffffff 00155dc8000a 0806 0001 0800 06 04 0001 00155dc8000a c0a8c80a 000000000000 c0a8c801');
    expect(arp.length).toBe(42);
    expect(innerFlowHash(arp)).toBe(fnv1a([...arp.subarray(0, 14)]));
  });
});

describe('VXLAN reserved bytes', () => {
  it('says what is wrong with each reserved field that is not zero', () => {
    const message = (hex: string) => {
      const r = decodePacket(fromHex(hex), 'vxlan');
      return r.ok ? 'decoded' : r.error.message;
    };
    expect(message('08000100 001000 00')).toBe('VXLAN reserved1 at byte 1: reserved bytes are not zero (VXLAN-GBP and VXLAN-GPE are not modelled)');
    expect(message('08000000 001000 01')).toBe('VXLAN reserved2 at byte 7: the reserved byte is not zero');
  });
});
