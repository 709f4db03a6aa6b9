import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket, encodePacketInto } from './encode';
import { fieldAt } from './fieldAt';
import type { Ipv4Layer, Layer } from './layers';
import { toHex } from './testing/hex';

const base: Ipv4Layer = {
  type: 'ipv4', dscp: 0, ecn: 0, identification: 0, dontFragment: true, moreFragments: false, fragmentOffset: 0,
  ttl: 64, protocol: 253, src: '10.0.0.1', dst: '10.0.0.2',
};
const payload: Layer = { type: 'raw', data: Uint8Array.of(1, 2, 3) };

function decodeIp(bytes: Uint8Array) {
  const r = decodePacket(bytes, 'ipv4');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('IPv4', () => {
  it('computes the textbook header checksum b861 and the total length', () => {
    // Wikipedia's worked example: 115 bytes, DF, TTL 64, UDP, 192.168.0.1 -> 192.168.0.199.
    const ip: Ipv4Layer = { ...base, protocol: 17, src: '192.168.0.1', dst: '192.168.0.199' };
    const bytes = encodePacket([ip, { type: 'raw', data: new Uint8Array(95) }]);
    expect(toHex(bytes.subarray(0, 20))).toBe('45000073000040004011b861c0a80001c0a800c7');
  });

  it('decodes the values on the wire, so a stack with computed fields comes back filled in', () => {
    const bytes = encodePacket([base, payload]);
    // Checksum by hand: 4500+0017+0000+4000+40fd+0a00+0001+0a00+0002 = da17, inverted 25e8.
    expect(toHex(bytes)).toBe('4500 0017 0000 4000 40fd 25e8 0a000001 0a000002 010203'.replace(/ /g, ''));
    expect(decodeIp(bytes).layers).toEqual([{ ...base, totalLength: 23, checksum: 0x25e8 }, payload]);
  });

  it('keeps a wrong checksum and length as given, both ways', () => {
    const wrong = { ...base, checksum: 0xdead, totalLength: 23 };
    const bytes = encodePacket([wrong, payload]);
    expect(toHex(bytes.subarray(10, 12))).toBe('dead');
    expect(decodeIp(bytes).layers[0]).toEqual(wrong);
  });

  it('writes a total length given as it is, even one that disagrees with the packet', () => {
    const bytes = encodePacket([{ ...base, totalLength: 100 }, payload]);
    expect(toHex(bytes.subarray(2, 4))).toBe('0064');
    expect(bytes.length).toBe(23);
  });

  it('packs DSCP and ECN, flags and fragment offset', () => {
    const ip = { ...base, dscp: 46, ecn: 1, dontFragment: false, moreFragments: true, fragmentOffset: 0x1abc };
    const bytes = encodePacket([ip, payload]);
    expect(toHex(bytes.subarray(0, 8))).toBe('45b9001700003abc');
    // A fragment has no whole transport header: whatever the protocol, the payload is raw.
    const tcpFragment = encodePacket([{ ...ip, protocol: 6 }, payload]);
    expect(decodeIp(tcpFragment).layers.map((l) => l.type)).toEqual(['ipv4', 'raw']);
  });

  it('takes the first fragment (more fragments, offset 0) and the last (offset only) as raw, an empty one as nothing', () => {
    const types = (ip: Ipv4Layer, rest: Layer[]) => decodeIp(encodePacket([{ ...ip, protocol: 6 }, ...rest])).layers.map((l) => l.type);
    expect(types({ ...base, dontFragment: false, moreFragments: true, fragmentOffset: 0 }, [payload])).toEqual(['ipv4', 'raw']);
    expect(types({ ...base, dontFragment: false, moreFragments: false, fragmentOffset: 185 }, [payload])).toEqual(['ipv4', 'raw']);
    expect(types({ ...base, dontFragment: false, moreFragments: false, fragmentOffset: 185 }, [])).toEqual(['ipv4']);
  });

  it('pads options to 4 bytes and sets the header length', () => {
    const bytes = encodePacket([{ ...base, options: Uint8Array.of(1, 1, 1) }, payload]);
    expect(bytes[0]).toBe(0x46);
    expect(toHex(bytes.subarray(20, 24))).toBe('01010100');
    const p = decodeIp(bytes);
    expect(p.layers[0]).toMatchObject({ options: Uint8Array.of(1, 1, 1, 0), totalLength: 27 });
    expect(toHex(encodePacket(p.layers))).toBe(toHex(bytes));
    expect(p.fields.find((f) => f.field === 'options')).toMatchObject({ start: 20, end: 24 });
    expect(() => encodePacket([{ ...base, options: new Uint8Array(41) }])).toThrow('ipv4.options: 41 bytes do not fit the 40 an IPv4 header allows');
  });

  it('sums the options into the header checksum', () => {
    // 4600 001b 0000 4000 40fd + 0a000001 0a000002 + 0101 0100: ones' complement sum dd1c, inverted 22e3.
    const bytes = encodePacket([{ ...base, options: Uint8Array.of(1, 1, 1) }, payload]);
    expect(toHex(bytes)).toBe('4600 001b 0000 4000 40fd 22e3 0a000001 0a000002 01010100 010203'.replace(/ /g, ''));
  });

  it('writes the option padding as zeros into a buffer that held other bytes', () => {
    const out = new Uint8Array(40).fill(0xee);
    const n = encodePacketInto([{ ...base, options: Uint8Array.of(1, 1, 1) }, payload], out, 2);
    expect(n).toBe(27);
    // Options 01 01 01 and one byte of padding, then the payload; the buffer before and after is left alone.
    expect(toHex(out.subarray(22, 29))).toBe('01010100010203');
    expect(out[1]).toBe(0xee);
    expect(out[29]).toBe(0xee);
    expect(decodeIp(out.slice(2, 29)).layers[0]).toMatchObject({ options: Uint8Array.of(1, 1, 1, 0) });
  });

  it('spans every header field; fieldAt finds the one under a byte', () => {
    const p = decodeIp(encodePacket([base, payload]));
    expect(p.fields.filter((f) => f.layer === 'ipv4').map((f) => f.field)).toEqual([
      'version', 'headerLength', 'dscp', 'ecn', 'totalLength', 'identification', 'flags', 'reservedFlag', 'dontFragment',
      'moreFragments', 'fragmentOffset', 'ttl', 'protocol', 'checksum', 'src', 'dst',
    ]);
    expect(fieldAt(p, 8)).toEqual({ layerIndex: 0, layer: 'ipv4', field: 'ttl', label: 'Time to live', start: 8, end: 9 });
    expect(fieldAt(p, 6)).toMatchObject({ field: 'flags', bitMask: 0xe0 });
    expect(fieldAt(p, 7)).toMatchObject({ field: 'fragmentOffset', start: 6, end: 8, bitMask: 0x1fff });
    expect(fieldAt(p, 0)).toMatchObject({ field: 'version', bitMask: 0xf0 });
  });

  it('reports what is wrong and where', () => {
    const good = encodePacket([base, payload]);
    const bad = (edit: (b: Uint8Array) => void, bytes = good) => {
      const b = bytes.slice();
      edit(b);
      const r = decodePacket(b, 'ipv4');
      return r.ok ? undefined : r.error;
    };
    expect(bad((b) => (b[0] = 0x65))).toMatchObject({ code: 'malformed', field: 'version', offset: 0 });
    expect(bad((b) => (b[0] = 0x44))).toMatchObject({ code: 'malformed', field: 'headerLength', offset: 0 });
    expect(bad((b) => (b[0] = 0x4f))).toMatchObject({ code: 'truncated', field: 'options', offset: 20 });
    expect(bad((b) => (b[3] = 19))).toMatchObject({ code: 'malformed', field: 'totalLength', offset: 2 });
    expect(bad((b) => (b[3] = 24))).toMatchObject({ code: 'truncated', field: 'totalLength', offset: 2 });
    expect(bad((b) => (b[3] = 22))).toMatchObject({ code: 'malformed', field: 'totalLength', message: expect.stringContaining('decode the packet inside its Ethernet frame') });
    expect(bad((b) => (b[6] = b[6]! | 0x80))).toMatchObject({ code: 'malformed', field: 'reservedFlag', offset: 6 });
    expect(decodePacket(good.subarray(0, 9), 'ipv4')).toMatchObject({ ok: false, error: { code: 'truncated', field: 'protocol', offset: 9 } });
  });

  it('says in words what is wrong, at the byte of the frame where it is', () => {
    const eth: Layer = { type: 'ethernet', dst: '00:15:5d:00:00:02', src: '00:15:5d:00:00:01', etherType: 0x0800 };
    // 14 bytes of Ethernet, then a 20-byte IPv4 header and 46 bytes of payload: 80 bytes.
    const frame = encodePacket([eth, base, { type: 'raw', data: new Uint8Array(46) }]);
    const bad = (edit: (b: Uint8Array) => void, bytes = frame) => {
      const b = bytes.slice();
      edit(b);
      const r = decodePacket(b);
      return r.ok ? undefined : { field: r.error.field, offset: r.error.offset, message: r.error.message };
    };
    const CUT = 'the packet was cut short; check the length fields of the layers around it.';
    expect(bad((b) => (b[14] = 0x65))).toEqual({ field: 'version', offset: 14, message: 'IPv4 version at byte 14: version 6 is not 4; only IPv4 is modelled' });
    expect(bad((b) => (b[14] = 0x44))).toEqual({ field: 'headerLength', offset: 14, message: 'IPv4 headerLength at byte 14: header length 16 is less than the minimum 20 bytes' });
    // A 60-byte header in the 26 bytes left: its 40 bytes of options start at byte 34, and 6 of them are there.
    expect(bad((b) => (b[14] = 0x4f), frame.slice(0, 40))).toEqual({ field: 'options', offset: 34, message: `IPv4 options at byte 34 needs 40 bytes but only 6 remain: ${CUT}` });
    expect(bad((b) => (b[17] = 19))).toEqual({ field: 'totalLength', offset: 16, message: 'IPv4 totalLength at byte 16: total length 19 is shorter than the 20-byte header' });
    expect(bad((b) => (b[17] = 80))).toEqual({ field: 'totalLength', offset: 16, message: `IPv4 totalLength at byte 16 needs 80 bytes but only 66 remain: ${CUT}` });
    expect(bad((b) => (b[20] = b[20]! | 0x80))).toEqual({ field: 'reservedFlag', offset: 20, message: 'IPv4 reservedFlag at byte 20: the reserved flag bit is set; RFC 791 requires zero' });
    // Decoded on its own, bytes past the total length have no home.
    const alone = encodePacket([base, { type: 'raw', data: Uint8Array.of(1, 2, 3) }]).slice();
    alone[3] = 21;
    expect(decodePacket(alone, 'ipv4')).toMatchObject({
      ok: false,
      error: { field: 'totalLength', offset: 2, message: 'IPv4 totalLength at byte 2: total length 21 leaves 2 bytes unaccounted for; decode the packet inside its Ethernet frame' },
    });
  });

  it('reports options cut short inside an Ethernet frame, at the frame\'s byte', () => {
    const ip = encodePacket([{ ...base, protocol: 255 }]).slice();
    ip[0] = 0x46; // a 24-byte header; the total length (20) gives it 20
    const eth: Layer = { type: 'ethernet', dst: '00:15:5d:c8:00:01', src: '00:15:5d:c8:00:0a', etherType: 0x0800 };
    const r = decodePacket(encodePacket([eth, { type: 'raw', data: ip }, { type: 'raw', data: Uint8Array.of(0, 0) }]));
    expect(r).toEqual({
      ok: false,
      error: { code: 'truncated', layer: 'ipv4', field: 'options', offset: 34, message: 'IPv4 options at byte 34 needs 4 bytes but only 0 remain: the packet was cut short; check the length fields of the layers around it.' },
    });
  });

  it('refuses values that do not fit their fields', () => {
    expect(() => encodePacket([{ ...base, ecn: 4 }])).toThrow('ipv4.ecn: 4 is not an integer from 0 to 3');
    expect(() => encodePacket([{ ...base, protocol: 256 }])).toThrow('ipv4.protocol: 256 is not an integer from 0 to 255');
    expect(() => encodePacket([{ ...base, totalLength: 0x10000 }])).toThrow('ipv4.totalLength: 65536 is not an integer from 0 to 65535');
    expect(() => encodePacket([{ ...base, checksum: 0x10000 }])).toThrow('ipv4.checksum: 65536 is not an integer from 0 to 65535');
    expect(() => encodePacket([{ ...base, src: '10.0.0.256' }])).toThrow(/^ipv4\.src: /);
    expect(() => encodePacket([{ ...base, dst: '10.0.0' }])).toThrow(/^ipv4\.dst: /);
    expect(() => encodePacket([{ ...base, ttl: 256 }])).toThrow('ipv4.ttl: 256 is not an integer from 0 to 255');
    expect(() => encodePacket([{ ...base, dscp: 64 }])).toThrow('ipv4.dscp');
    expect(() => encodePacket([{ ...base, fragmentOffset: 0x2000 }])).toThrow('ipv4.fragmentOffset');
    expect(() => encodePacket([{ ...base, identification: -1 }])).toThrow('ipv4.identification');
    expect(() => encodePacket([{ ...base, ttl: 1.5 }])).toThrow('ipv4.ttl');
    expect(() => encodePacket([base, { type: 'raw', data: new Uint8Array(65_516) }])).toThrow('ipv4: the packet is 65536 bytes, more than the 65535 IPv4 allows');
  });

  it('takes a packet of exactly 65535 bytes, and counts only its own bytes behind an Ethernet header', () => {
    const eth: Layer = { type: 'ethernet', dst: '00:15:5d:00:00:02', src: '00:15:5d:00:00:01', etherType: 0x0800 };
    const largest = encodePacket([eth, base, { type: 'raw', data: new Uint8Array(65_515) }]);
    expect(largest.length).toBe(14 + 65_535);
    expect(toHex(largest.subarray(16, 18))).toBe('ffff');
    expect(() => encodePacket([eth, base, { type: 'raw', data: new Uint8Array(65_516) }])).toThrow('ipv4: the packet is 65536 bytes, more than the 65535 IPv4 allows');
  });

  it('does not change the layers it encodes', () => {
    const layers: Layer[] = [{ ...base }, { type: 'raw', data: Uint8Array.of(9) }];
    const copy = structuredClone(layers);
    encodePacket(layers);
    expect(layers).toEqual(copy);
  });
});
