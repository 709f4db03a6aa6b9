import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket } from './encode';
import { IPPROTO_ICMP, type IcmpLayer, type Layer } from './layers';
import { IP, ipv4 } from './samples';
import { fromHex, toHex } from './testing/hex';

// The data Windows ping sends, and an offending packet's IP header + 8 bytes as an ICMP error quotes them.
const WINDOWS_PING_DATA = new TextEncoder().encode('abcdefghijklmnopqrstuvwabcdefghi');
const QUOTED = fromHex('4500002c2c02400001060000c0a8c80ac0a8854a c24301bb3b9aca07');

// Expected checksums were computed independently (a few lines of Python over the same bytes).
function encodeIcmp(icmp: IcmpLayer, data: Uint8Array): Uint8Array {
  return encodePacket([icmp, { type: 'raw', data }]);
}

function decodeIcmp(bytes: Uint8Array): Layer[] {
  const r = decodePacket(bytes, 'icmp');
  if (!r.ok) throw new Error(r.error.message);
  return r.value.layers;
}

describe('ICMP', () => {
  it('encodes an echo request over its data; checksum 4d5a', () => {
    const echo: IcmpLayer = { type: 'icmp', kind: 'echo-request', code: 0, identifier: 1, sequence: 1 };
    const bytes = encodeIcmp(echo, WINDOWS_PING_DATA);
    expect(toHex(bytes.subarray(0, 8))).toBe('08004d5a00010001');
    expect(decodeIcmp(bytes)).toEqual([{ ...echo, checksum: 0x4d5a }, { type: 'raw', data: WINDOWS_PING_DATA }]);
  });

  it('encodes an echo reply; checksum 555a', () => {
    const bytes = encodeIcmp({ type: 'icmp', kind: 'echo-reply', code: 0, identifier: 1, sequence: 1 }, WINDOWS_PING_DATA);
    expect(toHex(bytes.subarray(0, 8))).toBe('0000555a00010001');
  });

  it('carries the quoted datagram of a time exceeded as raw; checksum aa83', () => {
    const te: IcmpLayer = { type: 'icmp', kind: 'time-exceeded', code: 0 };
    const bytes = encodeIcmp(te, QUOTED);
    expect(toHex(bytes.subarray(0, 8))).toBe('0b00aa8300000000');
    expect(decodeIcmp(bytes)).toEqual([{ ...te, checksum: 0xaa83 }, { type: 'raw', data: QUOTED }]);
  });

  it('carries the next-hop MTU of a fragmentation-needed unreachable; checksum acd5', () => {
    const un: IcmpLayer = { type: 'icmp', kind: 'destination-unreachable', code: 4, nextHopMtu: 1450 };
    const bytes = encodeIcmp(un, QUOTED);
    expect(toHex(bytes.subarray(0, 8))).toBe('0304acd5000005aa');
    expect(decodeIcmp(bytes)[0]).toEqual({ ...un, checksum: 0xacd5 });
    const port: IcmpLayer = { type: 'icmp', kind: 'destination-unreachable', code: 3 };
    expect(decodeIcmp(encodeIcmp(port, QUOTED))[0]).toEqual({ ...port, checksum: expect.any(Number) });
  });

  it('carries the gateway of a redirect; checksum 27d7', () => {
    const rd: IcmpLayer = { type: 'icmp', kind: 'redirect', code: 1, gateway: '192.168.200.2' };
    const bytes = encodeIcmp(rd, QUOTED);
    expect(toHex(bytes.subarray(0, 8))).toBe('050127d7c0a8c802');
    expect(decodeIcmp(bytes)[0]).toEqual({ ...rd, checksum: 0x27d7 });
  });

  it('spans the fields of each kind', () => {
    const r = decodePacket(encodeIcmp({ type: 'icmp', kind: 'echo-request', code: 0, identifier: 1, sequence: 1 }, WINDOWS_PING_DATA), 'icmp');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.fields.map((f) => `${f.layer}.${f.field} ${f.start}-${f.end}`)).toEqual([
      'icmp.kind 0-1', 'icmp.code 1-2', 'icmp.checksum 2-4', 'icmp.identifier 4-6', 'icmp.sequence 6-8', 'raw.data 8-40',
    ]);
  });

  it('reports types it does not model, and unused bytes that are not zero', () => {
    expect(decodePacket(fromHex('0d00000000000000'), 'icmp')).toMatchObject({ ok: false, error: { code: 'malformed', layer: 'icmp', field: 'kind', offset: 0 } });
    expect(decodePacket(fromHex('0b00000000000001'), 'icmp')).toMatchObject({ ok: false, error: { code: 'malformed', field: 'unused', offset: 4 } });
    expect(decodePacket(fromHex('0304000000010000'), 'icmp')).toMatchObject({ ok: false, error: { code: 'malformed', field: 'unused', offset: 4 } });
    expect(decodePacket(fromHex('0800'), 'icmp')).toMatchObject({ ok: false, error: { code: 'truncated', field: 'checksum', offset: 2 } });
  });

  it('refuses a next-hop MTU on a time exceeded', () => {
    expect(() => encodePacket([{ type: 'icmp', kind: 'time-exceeded', code: 0, nextHopMtu: 1400 }])).toThrow('icmp.nextHopMtu: only destination-unreachable carries a next-hop MTU');
  });

  it('says exactly what is wrong, and where', () => {
    const cut = 'the packet was cut short; check the length fields of the layers around it.';
    const unused = 'the unused bytes are not zero (RFC 4884 extensions are not modelled)';
    const cases: [string, string, string, number, string][] = [
      ['', 'truncated', 'kind', 0, `ICMP kind at byte 0 needs 1 byte but only 0 remain: ${cut}`],
      ['0800', 'truncated', 'checksum', 2, `ICMP checksum at byte 2 needs 2 bytes but only 0 remain: ${cut}`],
      ['08000000000000', 'truncated', 'sequence', 6, `ICMP sequence at byte 6 needs 2 bytes but only 1 remain: ${cut}`],
      ['0d00000000000000', 'malformed', 'kind', 0, 'ICMP kind at byte 0: ICMP type 13 is not modelled; only echo (0, 8), unreachable (3), redirect (5) and time exceeded (11) are'],
      // Time exceeded: either half of the unused word set; unreachable: its first half (the second is the MTU).
      ['0b00000000010000', 'malformed', 'unused', 4, `ICMP unused at byte 4: ${unused}`],
      ['0b00000000000001', 'malformed', 'unused', 4, `ICMP unused at byte 4: ${unused}`],
      ['0304000000010000', 'malformed', 'unused', 4, `ICMP unused at byte 4: ${unused}`],
    ];
    for (const [bytes, code, field, offset, message] of cases) {
      const r = decodePacket(fromHex(bytes), 'icmp');
      expect(r.ok ? r.value.layers : r.error, bytes).toEqual({ code, layer: 'icmp', field, offset, message });
    }
  });

  it('ends at its 8-byte header when nothing follows', () => {
    const r = decodePacket(fromHex('0000ffff00000000'), 'icmp');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.layers).toEqual([{ type: 'icmp', kind: 'echo-reply', code: 0, checksum: 0xffff, identifier: 0, sequence: 0 }]);
    expect(r.value.layerSpans).toEqual([{ start: 0, end: 8 }]);
  });

  it('refuses values that do not fit their fields', () => {
    const echo = { type: 'icmp' as const, kind: 'echo-request' as const, code: 0, identifier: 1, sequence: 1 };
    expect(() => encodePacket([{ ...echo, code: 256 }])).toThrow('icmp.code: 256 is not an integer from 0 to 255');
    expect(() => encodePacket([{ ...echo, checksum: 0x10000 }])).toThrow('icmp.checksum: 65536 is not an integer from 0 to 65535');
    expect(() => encodePacket([{ ...echo, identifier: -1 }])).toThrow('icmp.identifier: -1 is not an integer from 0 to 65535');
    expect(() => encodePacket([{ ...echo, sequence: 65536 }])).toThrow('icmp.sequence: 65536 is not an integer from 0 to 65535');
    expect(() => encodePacket([{ type: 'icmp', kind: 'destination-unreachable', code: 4, nextHopMtu: 65536 }])).toThrow('icmp.nextHopMtu: 65536 is not an integer from 0 to 65535');
    expect(() => encodePacket([{ type: 'icmp', kind: 'redirect', code: 1, gateway: '192.168.200' }])).toThrow('icmp.gateway: "192.168.200" is not a dotted-quad IPv4 address such as "192.168.100.2"');
  });

  it('keeps a checksum it is given, right or wrong', () => {
    const bytes = encodePacket([{ type: 'icmp', kind: 'echo-request', code: 0, identifier: 1, sequence: 1, checksum: 0x1234 }, { type: 'raw', data: WINDOWS_PING_DATA }]);
    expect(toHex(bytes.subarray(0, 8))).toBe('0800123400010001');
    const zero = encodePacket([{ type: 'icmp', kind: 'time-exceeded', code: 1, checksum: 0 }]);
    expect(toHex(zero)).toBe('0b01000000000000');
  });

  it('measures a header inside an IPv4 packet from where it starts', () => {
    const bytes = encodePacket([ipv4(IP.client, IP.natInside, IPPROTO_ICMP, 1), { type: 'raw', data: fromHex('08000000') }]);
    expect(decodePacket(bytes, 'ipv4')).toEqual({
      ok: false,
      error: { code: 'truncated', layer: 'icmp', field: 'identifier', offset: 24, message: 'ICMP identifier at byte 24 needs 2 bytes but only 0 remain: the packet was cut short; check the length fields of the layers around it.' },
    });
  });
});
