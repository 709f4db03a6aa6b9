import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket } from './encode';
import type { ArpLayer, EthernetLayer, Layer } from './layers';
import { fromHex, toHex } from './testing/hex';

const arp: ArpLayer = {
  type: 'arp', hardwareType: 1, protocolType: 0x0800, opcode: 1,
  senderMac: '00:15:5d:c8:00:0a', senderIp: '192.168.200.10', targetMac: '00:00:00:00:00:00', targetIp: '192.168.200.1',
};
const ARP_HEX = '0001 0800 0604 0001 00155dc8000a c0a8c80a 000000000000 c0a8c801';

function decodeOk(bytes: Uint8Array) {
  const r = decodePacket(bytes);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('Ethernet II', () => {
  it('encodes destination, source, type', () => {
    const eth: EthernetLayer = { type: 'ethernet', dst: 'ff:ff:ff:ff:ff:ff', src: '00:15:5d:c8:00:0a', etherType: 0x0806 };
    expect(toHex(encodePacket([eth, arp]))).toBe(toHex(fromHex(`ffffffffffff 00155dc8000a 0806 ${ARP_HEX}`)));
  });

  it('encodes an 802.1Q tag between source and type: TPID 8100, then PCP, DEI, VID', () => {
    const eth: EthernetLayer = { type: 'ethernet', dst: 'ff:ff:ff:ff:ff:ff', src: '00:15:5d:c8:00:0a', vlan: { pcp: 5, dei: 1, vid: 1001 }, etherType: 0x0806 };
    const bytes = encodePacket([eth, arp]);
    // 5 << 13 | 1 << 12 | 1001 = 0xb3e9
    expect(toHex(bytes)).toBe(toHex(fromHex(`ffffffffffff 00155dc8000a 8100 b3e9 0806 ${ARP_HEX}`)));
    const p = decodeOk(bytes);
    expect(p.layers).toEqual([eth, arp]);
    expect(p.layerSpans).toEqual([{ start: 0, end: 18 }, { start: 18, end: 46 }]);
    expect(p.fields.filter((f) => f.layer === 'ethernet').map((f) => [f.field, f.label, f.start, f.end, f.bitMask])).toEqual([
      ['dst', 'Destination', 0, 6, undefined],
      ['src', 'Source', 6, 12, undefined],
      ['vlan', '802.1Q virtual LAN tag', 12, 16, undefined],
      ['vlan.tpid', 'Tag protocol identifier', 12, 14, undefined],
      ['vlan.pcp', 'Priority', 14, 15, 0xe0],
      ['vlan.dei', 'Drop eligible', 14, 15, 0x10],
      ['vlan.vid', 'VLAN ID', 14, 16, 0x0fff],
      ['etherType', 'Type', 16, 18, undefined],
    ]);
  });

  it('keeps padding after an ARP packet as the trailer, and writes it back last', () => {
    const padded = fromHex(`ffffffffffff 00155dc8000a 0806 ${ARP_HEX} ${'00'.repeat(18)}`);
    expect(padded.length).toBe(60);
    const p = decodeOk(padded);
    expect(p.layers[0]).toEqual({ type: 'ethernet', dst: 'ff:ff:ff:ff:ff:ff', src: '00:15:5d:c8:00:0a', etherType: 0x0806, trailer: new Uint8Array(18) });
    expect(p.fields.find((f) => f.field === 'trailer')).toEqual({ layerIndex: 0, layer: 'ethernet', field: 'trailer', label: 'Trailer (padding)', start: 42, end: 60 });
    expect(toHex(encodePacket(p.layers))).toBe(toHex(padded));
  });

  it('finds the trailer after an IPv4 packet by its total length', () => {
    const ip = '4500 0014 0000 0000 40ff 0000 0a000001 0a000002'; // protocol 255, no payload, checksum left 0
    const frame = fromHex(`00155dc80001 00155dc8000a 0800 ${ip} aabbcc`);
    const p = decodeOk(frame);
    expect(p.layers.map((l) => l.type)).toEqual(['ethernet', 'ipv4']);
    expect((p.layers[0] as EthernetLayer).trailer).toEqual(Uint8Array.of(0xaa, 0xbb, 0xcc));
    expect(toHex(encodePacket(p.layers))).toBe(toHex(frame));
  });

  it('hands an unknown EtherType raw data, and an empty payload nothing', () => {
    const lldp = fromHex('0180c200000e 00155dc8000a 88cc 0207');
    expect(decodeOk(lldp).layers[1]).toEqual({ type: 'raw', data: Uint8Array.of(2, 7) });
    expect(decodeOk(lldp.subarray(0, 14)).layers).toHaveLength(1);
  });

  it('reports the field where a short frame ends', () => {
    expect(decodePacket(new Uint8Array(13))).toEqual({
      ok: false,
      error: { code: 'truncated', layer: 'ethernet', field: 'etherType', offset: 12, message: 'Ethernet etherType at byte 12 needs 2 bytes but only 1 remain: the packet was cut short; check the length fields of the layers around it.' },
    });
    const tagged = fromHex('ffffffffffff 00155dc8000a 8100 b3e9');
    expect(decodePacket(tagged)).toMatchObject({ ok: false, error: { code: 'truncated', layer: 'ethernet', field: 'etherType', offset: 16 } });
    expect(decodePacket(new Uint8Array(0))).toMatchObject({ ok: false, error: { field: 'dst', offset: 0 } });
  });

  it('reports a tagged frame cut short inside VXLAN at the byte of the whole packet', () => {
    // The VXLAN header (8 bytes), then 16 bytes of a tagged frame: its inner EtherType, at 24, is missing.
    const inner = fromHex('08000000 00100000 ffffffffffff 00155dc8000a 8100 b3e9');
    expect(decodePacket(inner, 'vxlan')).toEqual({
      ok: false,
      error: { code: 'truncated', layer: 'ethernet', field: 'etherType', offset: 24, message: 'Ethernet etherType at byte 24 needs 2 bytes but only 0 remain: the packet was cut short; check the length fields of the layers around it.' },
    });
  });

  it('refuses to encode a bare 8100 type, or tag values out of range', () => {
    const base: EthernetLayer = { type: 'ethernet', dst: 'ff:ff:ff:ff:ff:ff', src: '00:15:5d:c8:00:0a', etherType: 0x8100 };
    expect(() => encodePacket([base])).toThrow('ethernet.etherType: 0x8100 marks an 802.1Q tag; set ethernet.vlan instead');
    const tag = (vlan: EthernetLayer['vlan']): Layer[] => [{ ...base, etherType: 0x88cc, vlan }];
    expect(() => encodePacket(tag({ pcp: 8, dei: 0, vid: 1 }))).toThrow('ethernet.vlan.pcp: 8 is not an integer from 0 to 7');
    expect(() => encodePacket(tag({ pcp: 0, dei: 2, vid: 1 }))).toThrow('ethernet.vlan.dei');
    expect(() => encodePacket(tag({ pcp: 0, dei: 0, vid: 4096 }))).toThrow('ethernet.vlan.vid: 4096 is not an integer from 0 to 4095');
    expect(() => encodePacket([{ ...base, etherType: 0x10000 }])).toThrow('ethernet.etherType: 65536 is not an integer from 0 to 65535');
    expect(() => encodePacket([{ ...base, etherType: 0x0806, dst: 'ff:ff:ff:ff:ff' }])).toThrow('ethernet.dst: "ff:ff:ff:ff:ff" is not a MAC address such as "00:15:5d:c8:00:0a"');
    expect(() => encodePacket([{ ...base, etherType: 0x0806, src: '00:15:5d:c8:00:0g' }])).toThrow('ethernet.src: "00:15:5d:c8:00:0g" is not a MAC address such as "00:15:5d:c8:00:0a"');
  });
});
