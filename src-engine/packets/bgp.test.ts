import { describe, expect, it } from 'vitest';
import { capabilityText } from './bgpOpen';
import { decodePacket } from './decode';
import { encodePacket, encodePacketInto } from './encode';
import type { BgpCapability, BgpLayer, BgpMessage, Layer } from './layers';
import { BGP_KEEPALIVE, BGP_OPEN_MUX, BGP_UPDATE_VIPS, bgpSession } from './samples';
import { fromHex, toHex } from './testing/hex';

const MARKER = 'ff'.repeat(16);
const bgp = (message: BgpMessage): BgpLayer => ({ type: 'bgp', message });
const hex = (text: string) => text.replace(/ /g, '');

function decodeBgp(bytes: Uint8Array): BgpMessage[] {
  const r = decodePacket(bytes, 'bgp');
  if (!r.ok) throw new Error(r.error.message);
  return r.value.layers.map((l) => (l as BgpLayer).message);
}

function errorOf(bytes: Uint8Array | string) {
  const r = decodePacket(typeof bytes === 'string' ? fromHex(bytes) : bytes, 'bgp');
  return r.ok ? undefined : r.error;
}

describe('BGP-4', () => {
  it('encodes a KEEPALIVE as 16 bytes of ff, length 19, type 4', () => {
    expect(toHex(encodePacket([bgp(BGP_KEEPALIVE)]))).toBe(`${MARKER}001304`);
  });

  it("encodes MuxVM's OPEN: version 4, AS 64628, hold time 180, identifier, no optional parameters", () => {
    expect(toHex(encodePacket([bgp(BGP_OPEN_MUX)]))).toBe(hex(`${MARKER} 001d 01 04 fc74 00b4 c0a86406 00`));
  });

  it('encodes an OPEN with capabilities (RFC 5492) in one optional parameter, and reads them back', () => {
    const open: BgpMessage = {
      ...(BGP_OPEN_MUX as Extract<BgpMessage, { kind: 'open' }>),
      optionalParameters: [{ type: 'capabilities', capabilities: [{ kind: 'multiprotocol', afi: 1, safi: 1 }, { kind: 'route-refresh' }, { kind: 'four-octet-as', asn: 64628 }] }],
    };
    const bytes = encodePacket([bgp(open)]);
    expect(toHex(bytes)).toBe(hex(
      `${MARKER} 002d 01 04 fc74 00b4 c0a86406` +
      ' 10' + // 16 bytes of optional parameters
      ' 02 0e' + // parameter 2 (capabilities), 14 bytes
      ' 01 04 0001 00 01' + // multiprotocol: AFI 1 IPv4, reserved, SAFI 1 unicast
      ' 02 00' + // route refresh
      ' 41 04 0000fc74', // 4-octet AS 64628
    ));
    expect(decodeBgp(bytes)).toEqual([open]);
  });

  it('keeps capabilities and parameters it does not interpret as their bytes', () => {
    // Cisco's pre-standard route refresh (128), a multiprotocol capability with a reserved byte set, a parameter of type 1.
    const bytes = fromHex(`${MARKER} 002c 01 04 fc74 00b4 c0a86406 0f 02 08 8000 01 04 0001 01 01 01 03 aabbcc`);
    expect(decodeBgp(bytes)).toEqual([{
      kind: 'open', version: 4, myAs: 64628, holdTime: 180, bgpIdentifier: '192.168.100.6',
      optionalParameters: [
        { type: 'capabilities', capabilities: [{ kind: 'other', code: 128, data: new Uint8Array(0) }, { kind: 'other', code: 1, data: Uint8Array.of(0, 1, 1, 1) }] },
        { type: 'other', code: 1, data: Uint8Array.of(0xaa, 0xbb, 0xcc) },
      ],
    }]);
    expect(toHex(encodePacket(decodeBgp(bytes).map(bgp)))).toBe(toHex(bytes));
  });

  it('encodes the UPDATE announcing the VIPs: well-known transitive attributes (40), /32s in 5 bytes each', () => {
    expect(toHex(encodePacket([bgp(BGP_UPDATE_VIPS)]))).toBe(hex(
      `${MARKER} 0033 02` +
      ' 0000' + // no withdrawn routes
      ' 0012' + // 18 bytes of path attributes
      ' 40 01 01 00' + // ORIGIN IGP
      ' 40 02 04 02 01 fc74' + // AS_PATH: one AS_SEQUENCE of one ASN, 64628
      ' 40 03 04 c0a86406' + // NEXT_HOP 192.168.100.6
      ' 20 c0a8854a 20 c0a88501', // NLRI 192.168.133.74/32, 192.168.133.1/32
    ));
  });

  it('encodes prefixes in the fewest bytes their length needs', () => {
    const update: BgpMessage = { kind: 'update', withdrawn: ['10.0.0.0/8', '0.0.0.0/0', '172.16.0.0/12', '192.168.133.128/25'], attributes: {}, nlri: [] };
    expect(toHex(encodePacket([bgp(update)]).subarray(19))).toBe(hex('000b 080a 00 0cac10 19c0a88580 0000'));
    expect(decodeBgp(encodePacket([bgp(update)]))).toEqual([update]);
  });

  it('encodes an empty AS_PATH (iBGP) as an attribute without segments', () => {
    const update: BgpMessage = { kind: 'update', withdrawn: [], attributes: { asPath: [] }, nlri: [] };
    expect(toHex(encodePacket([bgp(update)]).subarray(19))).toBe(hex('0000 0003 400200'));
    expect(decodeBgp(encodePacket([bgp(update)]))).toEqual([update]);
  });

  it('encodes a NOTIFICATION with and without data', () => {
    const holdTimer: BgpMessage = { kind: 'notification', errorCode: 4, errorSubcode: 0 };
    expect(toHex(encodePacket([bgp(holdTimer)]))).toBe(hex(`${MARKER} 0015 03 04 00`));
    const badPeerAs: BgpMessage = { kind: 'notification', errorCode: 2, errorSubcode: 2, data: Uint8Array.of(0xfc, 0x74) };
    expect(toHex(encodePacket([bgp(badPeerAs)]))).toBe(hex(`${MARKER} 0017 03 02 02 fc74`));
    expect(decodeBgp(encodePacket([bgp(holdTimer), bgp(badPeerAs)]))).toEqual([holdTimer, badPeerAs]);
  });

  it('decodes each message of a segment as its own layer', () => {
    const [eth, ip, tcp] = bgpSession()[0]!;
    const layers: Layer[] = [eth!, ip!, tcp!, bgp(BGP_OPEN_MUX), bgp(BGP_KEEPALIVE), bgp(BGP_UPDATE_VIPS)];
    const r = decodePacket(encodePacket(layers));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.layers.slice(3)).toEqual(layers.slice(3));
    expect(r.value.layerSpans.slice(3)).toEqual([{ start: 54, end: 83 }, { start: 83, end: 102 }, { start: 102, end: 153 }]);
  });

  it('spans the header, the attributes and each prefix', () => {
    const r = decodePacket(encodePacket([bgp(BGP_UPDATE_VIPS)]), 'bgp');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.fields.map((f) => `${f.field} ${f.start}-${f.end}`)).toEqual([
      'marker 0-16', 'length 16-18', 'message.kind 18-19', 'message.withdrawnLength 19-21', 'message.attributesLength 21-23',
      'message.attributes.origin 23-27', 'message.attributes.asPath 27-34', 'message.attributes.asPath.0 32-34',
      'message.attributes.nextHop 34-41', 'message.nlri.0 41-46', 'message.nlri.1 46-51',
    ]);
  });

  it('reports what is wrong with the header', () => {
    expect(errorOf(`${'ff'.repeat(15)}fe 0013 04`)).toMatchObject({ code: 'malformed', field: 'marker', offset: 0 });
    expect(errorOf(`${MARKER} 0012 04`)).toMatchObject({ code: 'malformed', field: 'length', offset: 16 });
    expect(errorOf(`${MARKER} 1001 04`)).toMatchObject({ code: 'malformed', field: 'length', message: expect.stringContaining('outside 19..4096') });
    expect(errorOf(`${MARKER} 0014 04`)).toMatchObject({ code: 'truncated', field: 'length', offset: 16 });
    expect(errorOf(`${MARKER} 0014 04 00`)).toMatchObject({ code: 'malformed', field: 'length', message: expect.stringContaining('a KEEPALIVE is 19 bytes, not 20') });
    expect(errorOf(`${MARKER} 0013 05`)).toMatchObject({ code: 'malformed', field: 'message.kind', offset: 18 });
    expect(errorOf(`${MARKER} 00`)).toMatchObject({ code: 'truncated', field: 'length', offset: 16 });
    expect(errorOf(`${MARKER} 001f 01 04 fc74 00b4 c0a86406 03 0200`)).toMatchObject({ code: 'malformed', field: 'message.optionalParametersLength', offset: 28 });
    expect(errorOf(`${MARKER} 0020 01 04 fc74 00b4 c0a86406 03 020302`)).toMatchObject({ code: 'malformed', field: 'message.optionalParameters.0.length', offset: 30 });
    expect(errorOf(`${MARKER} 0021 01 04 fc74 00b4 c0a86406 04 02020104`)).toMatchObject({ code: 'malformed', field: 'message.optionalParameters.0.capabilities.0.length', offset: 32 });
  });

  it('reports UPDATE contents it does not model rather than drop them', () => {
    const update = (body: string) => {
      const b = fromHex(`${MARKER} 0000 02 ${body}`);
      b[17] = b.length;
      return errorOf(b);
    };
    expect(update('0000 0004 50010001 ')).toMatchObject({ code: 'malformed', field: 'message.attributes.origin', message: expect.stringContaining('flags 0x50') });
    expect(update('0000 000b 400304c0a86406 40010100')).toMatchObject({ code: 'malformed', message: expect.stringContaining('out of type order') });
    expect(update('0000 0007 80040400000001')).toMatchObject({ code: 'malformed', field: 'message.attributes', message: expect.stringContaining('type 4 is not modelled') });
    expect(update('0000 0007 4002040101fc74')).toMatchObject({ code: 'malformed', field: 'message.attributes.asPath', message: expect.stringContaining('AS_SEQUENCE') });
    expect(update('0000 0009 4002060201fc740001')).toMatchObject({ code: 'malformed', message: expect.stringContaining('one AS_SEQUENCE segment') });
    expect(update('0000 0004 40010103')).toMatchObject({ code: 'malformed', message: expect.stringContaining('ORIGIN 3') });
    expect(update('0000 0000 21c0a8854a00')).toMatchObject({ code: 'malformed', field: 'message.nlri.0', message: expect.stringContaining('more than 32') });
    expect(update('0000 0000 17c0a885')).toMatchObject({ code: 'malformed', field: 'message.nlri.0', message: expect.stringContaining('bits set beyond its /23') });
    expect(update('0000 0000 20c0a885')).toMatchObject({ code: 'malformed', field: 'message.nlri.0', message: expect.stringContaining('needs 4 address bytes') });
    expect(update('0009 0000')).toMatchObject({ code: 'malformed', field: 'message.withdrawnLength' });
    expect(update('0000 0009')).toMatchObject({ code: 'malformed', field: 'message.attributesLength' });
  });

  it('refuses what it cannot encode', () => {
    const update = (m: Partial<Extract<BgpMessage, { kind: 'update' }>>) => () => encodePacket([bgp({ ...(BGP_UPDATE_VIPS as Extract<BgpMessage, { kind: 'update' }>), ...m })]);
    expect(update({ nlri: ['192.168.133.74/24'] })).toThrow('bgp.message.nlri.0: "192.168.133.74/24" has bits set beyond its /24; write the network address');
    expect(update({ nlri: ['192.168.133.74'] })).toThrow('is not an IPv4 prefix such as "192.168.133.74/32"');
    expect(update({ withdrawn: ['10.0.0.0/33'] })).toThrow('bgp.message.withdrawn.0');
    expect(update({ attributes: { asPath: [70000] } })).toThrow('bgp.message.attributes.asPath.0: 70000 is not an integer from 0 to 65535');
    expect(update({ attributes: { origin: 3 } })).toThrow('bgp.message.attributes.origin: 3 is not an integer from 0 to 2');
    // 19 header + 2 + 2 + 18 attributes + 1100 prefixes of 4 bytes
    const many = Array.from({ length: 1100 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    expect(update({ nlri: many })).toThrow('bgp: the update message is 4441 bytes, more than the 4096 BGP allows; split it');
  });

  it('refuses an OPEN whose optional parameters do not fit their one-byte lengths', () => {
    const open = (optionalParameters: Extract<BgpMessage, { kind: 'open' }>['optionalParameters']) => () =>
      encodePacket([bgp({ ...(BGP_OPEN_MUX as Extract<BgpMessage, { kind: 'open' }>), optionalParameters })]);
    // One parameter holding 256 bytes; then two of 200 each, 404 bytes in all.
    expect(open([{ type: 'other', code: 1, data: new Uint8Array(256) }])).toThrow('bgp.message.optionalParameters.0: 256 bytes do not fit one parameter (255); split it');
    const twice = Array.from({ length: 2 }, () => ({ type: 'other' as const, code: 1, data: new Uint8Array(200) }));
    expect(open(twice)).toThrow("bgp.message.optionalParameters: 404 bytes, more than an OPEN's 255");
    // 255 bytes fit one parameter, but with its type and length not the OPEN; 251 fit both.
    expect(open([{ type: 'other', code: 1, data: new Uint8Array(255) }])).toThrow("bgp.message.optionalParameters: 257 bytes, more than an OPEN's 255");
    expect(open([{ type: 'other', code: 1, data: new Uint8Array(251) }])).not.toThrow();
    // A capability holding 256 bytes of data does not fit its own length.
    expect(open([{ type: 'capabilities', capabilities: [{ kind: 'other', code: 7, data: new Uint8Array(256) }] }])).toThrow(
      'bgp.message.optionalParameters.0.capabilities.0: 256 bytes of data do not fit a capability (255)',
    );
  });

  it('says exactly what is wrong with a header, an OPEN or a NOTIFICATION, and where', () => {
    const cut = 'the packet was cut short; check the length fields of the layers around it.';
    const open = '01 04 fc74 00b4 c0a86406'; // type 1, version 4, AS 64628, hold time 180, identifier; after the marker and length
    const withLength = (length: number, rest: string) => `${MARKER} ${length.toString(16).padStart(4, '0')} ${rest}`;
    const cases: [string, string, string, number, string][] = [
      [`${MARKER} 00`, 'truncated', 'length', 16, `BGP length at byte 16 needs 2 bytes but only 1 remain: ${cut}`],
      [`${'ff'.repeat(15)}fe 0013 04`, 'malformed', 'marker', 0, 'BGP marker at byte 0: the marker is not 16 bytes of 0xff'],
      [`fe${'ff'.repeat(15)} 0013 04`, 'malformed', 'marker', 0, 'BGP marker at byte 0: the marker is not 16 bytes of 0xff'],
      [`${MARKER} 0012 04`, 'malformed', 'length', 16, 'BGP length at byte 16: length 18 is outside 19..4096'],
      [`${MARKER} 1001 04`, 'malformed', 'length', 16, 'BGP length at byte 16: length 4097 is outside 19..4096'],
      [`${MARKER} 0014 04`, 'truncated', 'length', 16, `BGP length at byte 16 needs 20 bytes but only 19 remain: ${cut}`],
      [`${MARKER} 0014 04 00`, 'malformed', 'length', 16, 'BGP length at byte 16: a KEEPALIVE is 19 bytes, not 20'],
      [`${MARKER} 0013 05`, 'malformed', 'message.kind', 18, 'BGP message.kind at byte 18: message type 5 is not modelled; only OPEN (1), UPDATE (2), NOTIFICATION (3) and KEEPALIVE (4) are'],
      [`${MARKER} 0013 00`, 'malformed', 'message.kind', 18, 'BGP message.kind at byte 18: message type 0 is not modelled; only OPEN (1), UPDATE (2), NOTIFICATION (3) and KEEPALIVE (4) are'],
      // An OPEN without its optional parameters length byte.
      [withLength(28, open), 'malformed', 'length', 16, 'BGP length at byte 16: an OPEN is at least 29 bytes, not 28'],
      [withLength(20, '03 04'), 'malformed', 'length', 16, 'BGP length at byte 16: a NOTIFICATION is at least 21 bytes, not 20'],
      [withLength(31, `${open} 03 0200`), 'malformed', 'message.optionalParametersLength', 28, "BGP message.optionalParametersLength at byte 28: 3 bytes of optional parameters do not fill the OPEN's 2"],
      [withLength(31, `${open} 01 0200`), 'malformed', 'message.optionalParametersLength', 28, "BGP message.optionalParametersLength at byte 28: 1 bytes of optional parameters do not fill the OPEN's 2"],
      [withLength(30, `${open} 01 02`), 'malformed', 'message.optionalParameters.0', 29, 'BGP message.optionalParameters.0 at byte 29: an optional parameter needs a type and a length byte'],
      [withLength(31, `${open} 02 0201`), 'malformed', 'message.optionalParameters.0.length', 30, 'BGP message.optionalParameters.0.length at byte 30: parameter length 1 runs past the optional parameters (0 bytes left)'],
      [withLength(32, `${open} 03 020302`), 'malformed', 'message.optionalParameters.0.length', 30, 'BGP message.optionalParameters.0.length at byte 30: parameter length 3 runs past the optional parameters (1 bytes left)'],
      // A second parameter cut short after a whole first one: the index counts the parameters read.
      [withLength(33, `${open} 04 0200 01 05`), 'malformed', 'message.optionalParameters.1.length', 32, 'BGP message.optionalParameters.1.length at byte 32: parameter length 5 runs past the optional parameters (0 bytes left)'],
      [withLength(32, `${open} 03 020102`), 'malformed', 'message.optionalParameters.0.capabilities.0', 31, 'BGP message.optionalParameters.0.capabilities.0 at byte 31: a capability needs a code and a length byte'],
      [withLength(33, `${open} 04 02020104`), 'malformed', 'message.optionalParameters.0.capabilities.0.length', 32, 'BGP message.optionalParameters.0.capabilities.0.length at byte 32: capability length 4 runs past its parameter (0 bytes left)'],
      [withLength(35, `${open} 06 0204 0200 4103`), 'malformed', 'message.optionalParameters.0.capabilities.1.length', 34, 'BGP message.optionalParameters.0.capabilities.1.length at byte 34: capability length 3 runs past its parameter (0 bytes left)'],
    ];
    for (const [bytes, code, field, offset, message] of cases) {
      expect(errorOf(hex(bytes)), bytes).toEqual({ code, layer: 'bgp', field, offset, message });
    }
  });

  it('says exactly what is wrong with an UPDATE, and where', () => {
    const update = (body: string) => {
      const b = fromHex(`${MARKER} 0000 02 ${body}`);
      b[17] = b.length;
      return errorOf(b);
    };
    const cases: [string, string, string, number, string][] = [
      ['00', 'truncated', 'message.withdrawnLength', 19, 'BGP message.withdrawnLength at byte 19 needs 2 bytes but only 1 remain: the packet was cut short; check the length fields of the layers around it.'],
      ['0009 0000', 'malformed', 'message.withdrawnLength', 19, 'BGP message.withdrawnLength at byte 19: withdrawn routes length 9 leaves no room for the path attribute length'],
      // Withdrawn routes filling the message but for one byte: no room for the 2-byte attribute length.
      ['0002 0800 00', 'malformed', 'message.withdrawnLength', 19, 'BGP message.withdrawnLength at byte 19: withdrawn routes length 2 leaves no room for the path attribute length'],
      ['0000 0009', 'malformed', 'message.attributesLength', 21, 'BGP message.attributesLength at byte 21: total path attribute length 9 runs past the end of the message'],
      ['0001 00 0001', 'malformed', 'message.attributesLength', 22, 'BGP message.attributesLength at byte 22: total path attribute length 1 runs past the end of the message'],
      ['0000 0002 4001', 'malformed', 'message.attributes', 23, 'BGP message.attributes at byte 23: a path attribute header runs past the attribute length'],
      ['0000 0004 40000100', 'malformed', 'message.attributes', 24, 'BGP message.attributes at byte 24: path attribute type 0 is not modelled; only ORIGIN, AS_PATH and NEXT_HOP are'],
      ['0000 0007 80040400000001', 'malformed', 'message.attributes', 24, 'BGP message.attributes at byte 24: path attribute type 4 is not modelled; only ORIGIN, AS_PATH and NEXT_HOP are'],
      ['0000 0004 50010001', 'malformed', 'message.attributes.origin', 23, 'BGP message.attributes.origin at byte 23: attribute flags 0x50 are not 0x40 (well-known transitive, 1-byte length)'],
      ['0000 000b 400304c0a86406 40010100', 'malformed', 'message.attributes.origin', 31, 'BGP message.attributes.origin at byte 31: path attributes are repeated or out of type order'],
      ['0000 0008 40010100 40010100', 'malformed', 'message.attributes.origin', 28, 'BGP message.attributes.origin at byte 28: path attributes are repeated or out of type order'],
      ['0000 0004 40010200', 'malformed', 'message.attributes.origin', 25, 'BGP message.attributes.origin at byte 25: attribute length 2 runs past the attribute length'],
      ['0000 0005 4001020000', 'malformed', 'message.attributes.origin', 25, 'BGP message.attributes.origin at byte 25: ORIGIN is 1 byte, not 2'],
      ['0000 0004 40010103', 'malformed', 'message.attributes.origin', 26, 'BGP message.attributes.origin at byte 26: ORIGIN 3 is not 0 (IGP), 1 (EGP) or 2 (INCOMPLETE)'],
      ['0000 0007 40030300000000', 'malformed', 'message.attributes.nextHop', 25, 'BGP message.attributes.nextHop at byte 25: NEXT_HOP is 4 bytes, not 3'],
      ['0000 0007 4002040101fc74', 'malformed', 'message.attributes.asPath', 26, 'BGP message.attributes.asPath at byte 26: segment type 1 is not AS_SEQUENCE (2), the only one modelled'],
      ['0000 0009 4002060201fc740001', 'malformed', 'message.attributes.asPath', 25, 'BGP message.attributes.asPath at byte 25: length 6 is not one AS_SEQUENCE segment of 2-byte ASNs'],
      ['0000 0005 4002020200', 'malformed', 'message.attributes.asPath', 25, 'BGP message.attributes.asPath at byte 25: length 2 is not one AS_SEQUENCE segment of 2-byte ASNs'],
      ['0000 0000 21c0a8854a00', 'malformed', 'message.nlri.0', 23, 'BGP message.nlri.0 at byte 23: prefix length 33 is more than 32'],
      ['0000 0000 20c0a8854a 17c0a885', 'malformed', 'message.nlri.1', 28, 'BGP message.nlri.1 at byte 28: the prefix has bits set beyond its /23'],
      ['0001 21 0000', 'malformed', 'message.withdrawn.0', 21, 'BGP message.withdrawn.0 at byte 21: prefix length 33 is more than 32'],
    ];
    for (const [body, code, field, offset, message] of cases) {
      expect(update(body), body).toEqual({ code, layer: 'bgp', field, offset, message });
    }
  });

  it('names the OPEN or NOTIFICATION field whose value does not fit', () => {
    const open = (m: Partial<Extract<BgpMessage, { kind: 'open' }>>) => () => encodePacket([bgp({ ...(BGP_OPEN_MUX as Extract<BgpMessage, { kind: 'open' }>), ...m })]);
    expect(open({ version: 256 })).toThrow('bgp.message.version: 256 is not an integer from 0 to 255');
    expect(open({ myAs: 65536 })).toThrow('bgp.message.myAs: 65536 is not an integer from 0 to 65535');
    expect(open({ holdTime: -1 })).toThrow('bgp.message.holdTime: -1 is not an integer from 0 to 65535');
    expect(open({ bgpIdentifier: '192.168.100' })).toThrow('bgp.message.bgpIdentifier: "192.168.100" is not a dotted-quad IPv4 address such as "192.168.100.2"');
    const notification = (errorCode: number, errorSubcode: number) => () => encodePacket([bgp({ kind: 'notification', errorCode, errorSubcode })]);
    expect(notification(256, 0)).toThrow('bgp.message.errorCode: 256 is not an integer from 0 to 255');
    expect(notification(6, 256)).toThrow('bgp.message.errorSubcode: 256 is not an integer from 0 to 255');
  });

  it('encodes and decodes a message of exactly 4096 bytes, the most BGP allows, and refuses one byte more', () => {
    // 19 header + 2 + 2 + 18 attributes = 41; 1013 /24s of 4 bytes and a /16 of 3 make the other 4055.
    const nlri = [...Array.from({ length: 1013 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`), '172.16.0.0/16'];
    const update: BgpMessage = { ...(BGP_UPDATE_VIPS as Extract<BgpMessage, { kind: 'update' }>), nlri };
    const bytes = encodePacket([bgp(update)]);
    expect(bytes.length).toBe(4096);
    expect(toHex(bytes.subarray(16, 19))).toBe('100002');
    expect(decodeBgp(bytes)).toEqual([update]);
    expect(() => encodePacket([bgp({ ...update, nlri: [...nlri, '0.0.0.0/0'] })])).toThrow('bgp: the update message is 4097 bytes, more than the 4096 BGP allows; split it');
  });

  it('measures a second message of a segment from where it starts', () => {
    const keepalive = `${MARKER} 0013 04`;
    const cut = 'the packet was cut short; check the length fields of the layers around it.';
    // The second message starts at byte 19: 17 bytes of it are there, then 19 of a message that says 20.
    expect(errorOf(hex(`${keepalive} ${MARKER} 00`))).toEqual({ code: 'truncated', layer: 'bgp', field: 'length', offset: 35, message: `BGP length at byte 35 needs 2 bytes but only 1 remain: ${cut}` });
    expect(errorOf(hex(`${keepalive} ${MARKER} 0014 04`))).toEqual({ code: 'truncated', layer: 'bgp', field: 'length', offset: 35, message: `BGP length at byte 35 needs 20 bytes but only 19 remain: ${cut}` });
  });

  it('fits each message into a buffer of exactly its size, and names the size when the buffer is a byte short', () => {
    const messages: BgpMessage[] = [
      BGP_KEEPALIVE,
      BGP_OPEN_MUX,
      { ...(BGP_OPEN_MUX as Extract<BgpMessage, { kind: 'open' }>), optionalParameters: [{ type: 'capabilities', capabilities: [{ kind: 'multiprotocol', afi: 1, safi: 1 }, { kind: 'route-refresh' }, { kind: 'four-octet-as', asn: 64628 }, { kind: 'other', code: 128, data: Uint8Array.of(1) }] }, { type: 'other', code: 1, data: Uint8Array.of(2) }] },
      { kind: 'notification', errorCode: 4, errorSubcode: 0 },
      { kind: 'notification', errorCode: 2, errorSubcode: 2, data: Uint8Array.of(0xfc, 0x74) },
      { kind: 'update', withdrawn: [], attributes: {}, nlri: [] },
      { kind: 'update', withdrawn: ['10.0.0.0/8'], attributes: {}, nlri: [] },
      { kind: 'update', withdrawn: [], attributes: { origin: 0 }, nlri: [] },
      { kind: 'update', withdrawn: [], attributes: { asPath: [] }, nlri: [] },
      { kind: 'update', withdrawn: [], attributes: { asPath: [64628, 64647] }, nlri: [] },
      { kind: 'update', withdrawn: [], attributes: { nextHop: '192.168.100.6' }, nlri: [] },
      { kind: 'update', withdrawn: [], attributes: { origin: 0, asPath: [64628] }, nlri: [] },
      BGP_UPDATE_VIPS,
    ];
    for (const message of messages) {
      const expected = encodePacket([bgp(message)]);
      const n = expected.length;
      const out = new Uint8Array(n);
      expect(encodePacketInto([bgp(message)], out), message.kind).toBe(n);
      expect(out).toEqual(expected);
      expect(() => encodePacketInto([bgp(message)], new Uint8Array(n - 1)), message.kind).toThrow(`encodePacketInto: the packet needs ${n} bytes but only ${n - 1} remain from offset 0; give a larger buffer`);
    }
  });

  it('takes an AS_PATH of up to 126 ASNs, all its 1-byte attribute length can hold, and refuses a longer one', () => {
    const update = (asPath: number[]): BgpMessage => ({ kind: 'update', withdrawn: [], attributes: { asPath }, nlri: [] });
    const longest = update(Array.from({ length: 126 }, (_, i) => 64512 + i));
    const bytes = encodePacket([bgp(longest)]);
    // Flags 40, type 2, length 2 + 126 * 2 = 254 (fe), AS_SEQUENCE of 126 (7e).
    expect(toHex(bytes.subarray(23, 28))).toBe('4002fe027e');
    expect(decodeBgp(bytes)).toEqual([longest]);
    expect(() => encodePacket([bgp(update(Array.from({ length: 127 }, () => 64628)))])).toThrow(
      'bgp.message.attributes.asPath: 127 ASNs need 256 bytes, more than the 255 an attribute without the extended-length flag holds; at most 126',
    );
  });

  it('names the optional parameter, capability or attribute whose value does not fit', () => {
    type Params = Extract<BgpMessage, { kind: 'open' }>['optionalParameters'];
    const open = (optionalParameters: Params) => () => encodePacket([bgp({ ...(BGP_OPEN_MUX as Extract<BgpMessage, { kind: 'open' }>), optionalParameters })]);
    const caps = (capability: BgpCapability) =>
      open([{ type: 'capabilities', capabilities: [{ kind: 'route-refresh' }, capability] }]);
    expect(open([{ type: 'capabilities', capabilities: [] }, { type: 'other', code: 256, data: new Uint8Array(0) }])).toThrow('bgp.message.optionalParameters.1.code: 256 is not an integer from 0 to 255');
    expect(caps({ kind: 'multiprotocol', afi: 65536, safi: 1 })).toThrow('bgp.message.optionalParameters.0.capabilities.1.afi: 65536 is not an integer from 0 to 65535');
    expect(caps({ kind: 'multiprotocol', afi: 1, safi: 256 })).toThrow('bgp.message.optionalParameters.0.capabilities.1.safi: 256 is not an integer from 0 to 255');
    expect(caps({ kind: 'four-octet-as', asn: 2 ** 32 })).toThrow('bgp.message.optionalParameters.0.capabilities.1.asn: 4294967296 is not an integer from 0 to 4294967295');
    expect(caps({ kind: 'other', code: -1, data: new Uint8Array(0) })).toThrow('bgp.message.optionalParameters.0.capabilities.1.code: -1 is not an integer from 0 to 255');
    // 255 bytes of optional parameters in all (2 + 253) is the most an OPEN holds, and fits.
    expect(toHex(open([{ type: 'other', code: 1, data: new Uint8Array(253) }])().subarray(16, 19))).toBe('011c01');
    const update = (attributes: Extract<BgpMessage, { kind: 'update' }>['attributes']) => () => encodePacket([bgp({ kind: 'update', withdrawn: [], attributes, nlri: [] })]);
    expect(update({ nextHop: '192.168.100.256' })).toThrow('bgp.message.attributes.nextHop: "192.168.100.256" is not a dotted-quad IPv4 address such as "192.168.100.2"');
  });

  it('reads optional parameters and capabilities that are only their type and length', () => {
    // An empty capabilities parameter, then route refresh alone in a second one: 2 + 4 bytes.
    const bytes = fromHex(`${MARKER} 0023 01 04 fc74 00b4 c0a86406 06 0200 02020200`);
    expect(decodeBgp(bytes)).toEqual([{
      kind: 'open', version: 4, myAs: 64628, holdTime: 180, bgpIdentifier: '192.168.100.6',
      optionalParameters: [{ type: 'capabilities', capabilities: [] }, { type: 'capabilities', capabilities: [{ kind: 'route-refresh' }] }],
    }]);
    expect(encodePacket(decodeBgp(bytes).map(bgp))).toEqual(bytes);
  });

  it('names each capability as a summary line does', () => {
    expect([
      capabilityText({ kind: 'multiprotocol', afi: 1, safi: 1 }),
      capabilityText({ kind: 'multiprotocol', afi: 2, safi: 2 }),
      capabilityText({ kind: 'multiprotocol', afi: 25, safi: 128 }),
      capabilityText({ kind: 'route-refresh' }),
      capabilityText({ kind: 'four-octet-as', asn: 4200000000 }),
      capabilityText({ kind: 'other', code: 128, data: new Uint8Array(0) }),
    ]).toEqual(['MP IPv4 unicast', 'MP IPv6 multicast', 'MP AFI 25 SAFI 128', 'route refresh', '4-octet AS 4200000000', 'capability 128']);
  });

  it('an UPDATE body of only the withdrawn routes length, a capability of 255 bytes, the spans of a two-AS path', () => {
    const b = fromHex(`${MARKER} 0015 02 0000`);
    expect(errorOf(b)).toEqual({ code: 'malformed', layer: 'bgp', field: 'message.withdrawnLength', offset: 19, message: 'BGP message.withdrawnLength at byte 19: withdrawn routes length 0 leaves no room for the path attribute length' });
    // 255 bytes of data fit a capability; with its code and length, not the parameter holding it.
    const open = BGP_OPEN_MUX as Extract<BgpMessage, { kind: 'open' }>;
    expect(() => encodePacket([bgp({ ...open, optionalParameters: [{ type: 'capabilities', capabilities: [{ kind: 'other', code: 7, data: new Uint8Array(255) }] }] })])).toThrow(
      'bgp.message.optionalParameters.0: 257 bytes do not fit one parameter (255); split it',
    );
    const r = decodePacket(encodePacket([bgp({ kind: 'update', withdrawn: [], attributes: { asPath: [64628, 64647] }, nlri: [] })]), 'bgp');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.fields.filter((f) => f.field.startsWith('message.attributes.asPath.')).map((f) => `${f.field} ${f.start}-${f.end}`)).toEqual(['message.attributes.asPath.0 28-30', 'message.attributes.asPath.1 30-32']);
  });
});
