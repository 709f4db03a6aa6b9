import { describe, expect, it } from 'vitest';
import { decodePacket, encodePacket } from '../../src-engine/packets/index';
import { synAtClient, vxlanSyn } from '../../src-engine/packets/samples';
import { fieldKey, fieldRows, fieldUnder, hexRows, layerOfByte, spanOf, valueAt, wireValue } from './fields';

function decoded(layers: ReturnType<typeof vxlanSyn>) {
  const bytes = encodePacket(layers);
  const d = decodePacket(bytes);
  if (!d.ok) throw new Error(d.error.message);
  return { bytes, packet: d.value };
}

describe('hex dump and field mapping', () => {
  it('maps a byte to its field and back (VXLAN: outer UDP 4789, VNI, inner IPv4 destination)', () => {
    const { packet } = decoded(vxlanSyn());
    // 14 Ethernet + 20 IPv4 + 2 UDP source port: bytes 36-37 are the outer UDP destination port.
    expect(fieldKey(fieldUnder(packet, 36)!)).toBe('2:dstPort');
    // VXLAN header at 42; the VNI is bytes 46-48.
    expect(fieldUnder(packet, 47)).toMatchObject({ layer: 'vxlan', field: 'vni', start: 46, end: 49 });
    // Inner frame at 50, inner IPv4 at 64, its destination at 80-83.
    const dst = fieldUnder(packet, 81)!;
    expect(dst).toMatchObject({ layerIndex: 5, layer: 'ipv4', field: 'dst', start: 80, end: 84 });
    expect(spanOf(packet, fieldKey(dst))).toBe(dst);
    expect(fieldUnder(packet, 10_000)).toBeUndefined();
  });

  it("lists each layer's fields with readable values", () => {
    const { bytes, packet } = decoded(vxlanSyn());
    const udp = fieldRows(packet, bytes, 2);
    expect(udp.find((r) => r.span.field === 'dstPort')?.value).toBe('4789');
    expect(udp.find((r) => r.span.field === 'checksum')?.value).toBe('0x0000');
    expect(fieldRows(packet, bytes, 3).find((r) => r.span.field === 'vni')?.value).toBe('4096');
    const inner = fieldRows(packet, bytes, 5);
    expect(inner.find((r) => r.span.field === 'dst')?.value).toBe('192.168.133.74');
    expect(inner.find((r) => r.span.field === 'ttl')?.value).toBe('126');
    expect(inner.find((r) => r.span.field === 'version')?.value).toBe('4');
    expect(inner.find((r) => r.span.field === 'protocol')?.value).toBe('6 (TCP)');
    expect(fieldRows(packet, bytes, 0).find((r) => r.span.field === 'etherType')?.value).toBe('0x0800 (IPv4)');
  });

  it('nests flag bits under their container and shows single bits as Set / Not set', () => {
    const { bytes, packet } = decoded(synAtClient());
    const tcp = fieldRows(packet, bytes, 2);
    expect(tcp.find((r) => r.span.field === 'flags')).toMatchObject({ depth: 0, value: '0x02' });
    expect(tcp.find((r) => r.span.field === 'flags.syn')).toMatchObject({ depth: 1, value: 'Set' });
    expect(tcp.find((r) => r.span.field === 'flags.ack')).toMatchObject({ depth: 1, value: 'Not set' });
    expect(fieldRows(packet, bytes, 1).find((r) => r.span.field === 'dontFragment')?.value).toBe('Set');
  });

  it('colours each byte by the innermost layer whose header holds it', () => {
    const { packet } = decoded(vxlanSyn());
    expect([0, 13, 14, 34, 42, 50, 64, 84].map((o) => layerOfByte(packet, o))).toEqual([0, 0, 1, 2, 3, 4, 5, 6]);
  });

  it('reads wire-only fields from the bytes, masked and shifted', () => {
    const bytes = new Uint8Array([0x45, 0x00, 0x40, 0x00]);
    expect(wireValue(bytes, { layerIndex: 0, layer: 'ipv4', field: 'version', label: 'Version', start: 0, end: 1, bitMask: 0xf0 })).toBe(4);
    expect(wireValue(bytes, { layerIndex: 0, layer: 'ipv4', field: 'headerLength', label: 'IHL', start: 0, end: 1, bitMask: 0x0f })).toBe(5);
    expect(wireValue(bytes, { layerIndex: 0, layer: 'ipv4', field: 'x', label: 'x', start: 2, end: 4 })).toBe(0x4000);
  });

  it('follows dotted paths into a layer and not into bytes', () => {
    const [, , tcp] = synAtClient();
    expect(valueAt(tcp!, 'flags.syn')).toBe(true);
    expect(valueAt(tcp!, 'nothing.here')).toBeUndefined();
    expect(valueAt({ type: 'raw', data: new Uint8Array([1]) }, 'data.length')).toBeUndefined();
  });

  it('splits a packet into 16-byte rows', () => {
    expect(hexRows(0)).toEqual([]);
    expect(hexRows(16)).toEqual([0]);
    expect(hexRows(33)).toEqual([0, 16, 32]);
  });
});
