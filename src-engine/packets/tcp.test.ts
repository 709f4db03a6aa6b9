import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket, encodePacketInto } from './encode';
import { fieldAt } from './fieldAt';
import type { Layer, TcpLayer } from './layers';
import { synAtClient } from './samples';
import { fromHex, toHex } from './testing/hex';

const syn = synAtClient();
const tcp = syn[2] as TcpLayer;

function decodeOk(bytes: Uint8Array, first: Layer['type'] = 'ethernet') {
  const r = decodePacket(bytes, first);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('TCP', () => {
  it('encodes the SYN with MSS 1460: data offset 6, flags 02, checksum 04ef (tshark validates it)', () => {
    expect(toHex(encodePacket(syn).subarray(34))).toBe('c243 01bb 3b9aca07 00000000 60 02 faf0 04ef 0000 020405b4'.replace(/ /g, ''));
    expect(decodeOk(encodePacket(syn)).layers[2]).toEqual({ ...tcp, checksum: 0x04ef });
  });

  it('keeps the other options of a Windows SYN after MSS, byte for byte', () => {
    // MSS 1460, NOP, window scale 8, NOP, NOP, SACK permitted
    const windows: TcpLayer = { ...tcp, otherOptions: fromHex('010303080101 0402') };
    const bytes = encodePacket([syn[0]!, syn[1]!, windows]);
    expect(bytes[34 + 12]).toBe(0x80);
    expect(toHex(bytes.subarray(54))).toBe('020405b4' + '0103030801010402');
    expect(decodeOk(bytes).layers[2]).toEqual({ ...windows, checksum: expect.any(Number) });
  });

  it('pads other options with zeros; keeps options that do not start with MSS as they are', () => {
    const bytes = encodePacket([{ ...tcp, mss: undefined, otherOptions: Uint8Array.of(1, 1, 1), checksum: 0 }]);
    expect(bytes[12]).toBe(0x60);
    expect(toHex(bytes.subarray(20))).toBe('01010100');
    const { mss: _mss, ...withoutMss } = tcp;
    expect(decodeOk(bytes, 'tcp').layers[0]).toEqual({ ...withoutMss, checksum: 0, otherOptions: Uint8Array.of(1, 1, 1, 0) });
    const mssSecond = encodePacket([{ ...withoutMss, otherOptions: fromHex('0101 020405b4 0000'), checksum: 0 }]);
    expect(decodeOk(mssSecond, 'tcp').layers[0]).toMatchObject({ otherOptions: fromHex('0101020405b40000') });
    expect(() => encodePacket([{ ...tcp, otherOptions: new Uint8Array(37) }])).toThrow('tcp: 44 bytes of options do not fit the 40 a TCP header allows');
  });

  it('writes the option padding as zeros into a buffer that held other bytes', () => {
    const out = new Uint8Array(32).fill(0xee);
    // MSS, then 3 bytes of other options and 1 of padding: a 28-byte header, data offset 7.
    const n = encodePacketInto([{ ...tcp, otherOptions: Uint8Array.of(1, 1, 1), checksum: 0 }], out, 2);
    expect(n).toBe(28);
    expect(out[2 + 12]).toBe(0x70);
    expect(toHex(out.subarray(22, 31))).toBe('020405b4' + '01010100' + 'ee');
    expect(out[1]).toBe(0xee);
    expect(decodeOk(out.slice(2, 30), 'tcp').layers[0]).toMatchObject({ mss: 1460, otherOptions: Uint8Array.of(1, 1, 1, 0) });
  });

  it('reads an MSS option only where both its kind (2) and its length (4) lead the options', () => {
    const { mss: _mss, ...withoutMss } = tcp;
    for (const options of ['0203 0000', '0104 0000']) {
      const bytes = encodePacket([{ ...withoutMss, otherOptions: fromHex(options), checksum: 0 }]);
      expect(decodeOk(bytes, 'tcp').layers[0]).toEqual({ ...withoutMss, checksum: 0, otherOptions: fromHex(options) });
    }
  });

  it('reads no MSS from the payload of a header without options', () => {
    const { mss: _mss, ...withoutMss } = tcp;
    const data = { type: 'raw' as const, data: fromHex('020405b4') };
    const bytes = encodePacket([{ ...withoutMss, checksum: 0 }, data]);
    expect(decodeOk(bytes, 'tcp').layers).toEqual([{ ...withoutMss, checksum: 0 }, data]);
  });

  it('packs every flag into its bit', () => {
    const all: TcpLayer = { ...tcp, mss: undefined, checksum: 0, flags: { fin: true, syn: true, rst: true, psh: true, ack: true, urg: true, ece: true, cwr: true } };
    expect(encodePacket([all])[13]).toBe(0xff);
    const some: TcpLayer = { ...all, flags: { fin: true, syn: false, rst: true, psh: false, ack: true, urg: false, ece: true, cwr: false } };
    expect(encodePacket([some])[13]).toBe(0x55);
  });

  it('spans every field; the flags byte has a container and one bit per flag', () => {
    const p = decodeOk(encodePacket(syn));
    const own = p.fields.filter((f) => f.layer === 'tcp');
    expect(own.map((f) => f.field)).toEqual([
      'srcPort', 'dstPort', 'seq', 'ack', 'dataOffset', 'reserved', 'flags', 'flags.cwr', 'flags.ece', 'flags.urg', 'flags.ack',
      'flags.psh', 'flags.rst', 'flags.syn', 'flags.fin', 'window', 'checksum', 'urgentPointer', 'mss',
    ]);
    expect(own.find((f) => f.field === 'flags.syn')).toEqual({ layerIndex: 2, layer: 'tcp', field: 'flags.syn', label: 'Syn', start: 47, end: 48, bitMask: 0x02 });
    expect(fieldAt(p, 47)?.field).toBe('flags');
    expect(fieldAt(p, 55)).toMatchObject({ field: 'mss', start: 54, end: 58 });
  });

  it('spans options other than the MSS as one field, "Options", after the MSS', () => {
    const p = decodeOk(encodePacket([syn[0]!, syn[1]!, { ...tcp, otherOptions: fromHex('01010402') }]));
    const own = p.fields.filter((f) => f.layer === 'tcp');
    expect(own.slice(-2)).toEqual([
      { layerIndex: 2, layer: 'tcp', field: 'mss', label: 'Maximum segment size', start: 54, end: 58 },
      { layerIndex: 2, layer: 'tcp', field: 'otherOptions', label: 'Options', start: 58, end: 62 },
    ]);
  });

  it('hands port 179 to BGP, anything else raw, and nothing after an empty segment', () => {
    const data = { type: 'raw' as const, data: Uint8Array.of(0x16, 3, 1) };
    expect(decodeOk(encodePacket([...syn, data])).layers.map((l) => l.type)).toEqual(['ethernet', 'ipv4', 'tcp', 'raw']);
    expect(decodeOk(encodePacket(syn)).layers).toHaveLength(3);
  });

  it('reports a bad data offset, set reserved bits and a short header', () => {
    const bytes = encodePacket([{ ...tcp, checksum: 0 }]);
    const edit = (i: number, v: number) => {
      const b = bytes.slice();
      b[i] = v;
      const r = decodePacket(b, 'tcp');
      return r.ok ? undefined : r.error;
    };
    expect(edit(12, 0x40)).toEqual({ code: 'malformed', layer: 'tcp', field: 'dataOffset', offset: 12, message: 'TCP dataOffset at byte 12: header length 16 is less than the minimum 20 bytes' });
    expect(edit(12, 0x70)).toMatchObject({ code: 'truncated', field: 'options', offset: 20 });
    expect(edit(12, 0x61)).toEqual({ code: 'malformed', layer: 'tcp', field: 'reserved', offset: 12, message: 'TCP reserved at byte 12: reserved bits are set (AccECN is not modelled); they must be zero' });
    expect(decodePacket(bytes.subarray(0, 13), 'tcp')).toMatchObject({ ok: false, error: { code: 'truncated', field: 'flags', offset: 13 } });
    expect(decodePacket(bytes.subarray(0, 15), 'tcp')).toMatchObject({ ok: false, error: { code: 'truncated', field: 'window', offset: 14 } });
  });

  it('reports a header cut short inside an IPv4 packet at the field where it ends', () => {
    const ip = syn[1]!;
    const bytes = encodePacket([ip, { type: 'raw', data: encodePacket([{ ...tcp, checksum: 0 }]).subarray(0, 10) }]);
    expect(decodePacket(bytes, 'ipv4')).toMatchObject({ ok: false, error: { code: 'truncated', layer: 'tcp', field: 'ack', offset: 28 } });
  });

  it('reports options cut short inside an IPv4 packet: how many bytes they need and how many remain', () => {
    const segment = encodePacket([{ ...tcp, checksum: 0 }]).slice();
    segment[12] = 0x70; // a 28-byte header, of which 24 bytes are there
    const r = decodePacket(encodePacket([syn[1]!, { type: 'raw', data: segment }]), 'ipv4');
    expect(r).toEqual({
      ok: false,
      error: { code: 'truncated', layer: 'tcp', field: 'options', offset: 40, message: 'TCP options at byte 40 needs 8 bytes but only 4 remain: the packet was cut short; check the length fields of the layers around it.' },
    });
  });

  it('refuses out-of-range numbers', () => {
    expect(() => encodePacket([{ ...tcp, seq: 2 ** 32 }])).toThrow('tcp.seq: 4294967296 is not an integer from 0 to 4294967295');
    expect(() => encodePacket([{ ...tcp, window: 65536 }])).toThrow('tcp.window');
    expect(() => encodePacket([{ ...tcp, mss: -1, checksum: 0 }])).toThrow('tcp.mss');
    // Each field out of range is named, with the range it must be in.
    expect(() => encodePacket([{ ...tcp, srcPort: 65536 }])).toThrow('tcp.srcPort: 65536 is not an integer from 0 to 65535');
    expect(() => encodePacket([{ ...tcp, dstPort: -1 }])).toThrow('tcp.dstPort: -1 is not an integer from 0 to 65535');
    expect(() => encodePacket([{ ...tcp, ack: 2 ** 32 }])).toThrow('tcp.ack: 4294967296 is not an integer from 0 to 4294967295');
    expect(() => encodePacket([{ ...tcp, urgentPointer: 65536 }])).toThrow('tcp.urgentPointer: 65536 is not an integer from 0 to 65535');
    expect(() => encodePacket([{ ...tcp, checksum: 65536 }])).toThrow('tcp.checksum: 65536 is not an integer from 0 to 65535');
  });

  it('computes the checksum with the IPv4 header at byte 0 of the buffer it is written into', () => {
    const layers = syn.slice(1);
    const out = new Uint8Array(44);
    expect(encodePacketInto(layers, out, 0)).toBe(44);
    expect(toHex(out.subarray(36, 38))).toBe('04ef');
    expect(toHex(out)).toBe(toHex(encodePacket(layers)));
  });

  it('needs the IPv4 header before it to compute its checksum, and says how to do without', () => {
    expect(() => encodePacket([tcp])).toThrow('tcp.checksum: computing it needs the IPv4 layer right before TCP; give the checksum explicitly');
    expect(toHex(encodePacket([{ ...tcp, checksum: 0xbeef }]).subarray(16, 18))).toBe('beef');
  });
});
