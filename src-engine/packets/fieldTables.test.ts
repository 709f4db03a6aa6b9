// The byte inspector's field tables: for each header, every field's name, the label the page shows, its bytes
// relative to the header's first byte, and the bits it uses there. Checked against the RFC layouts (791, 768,
// 793, 826, 7348, 1035, 792, 4271, 5492) and Wireshark's field names; a field that moves or loses its label changes this.
import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket } from './encode';
import type { BgpMessage, Layer, LayerType } from './layers';
import { arpRequest, BGP_OPEN_MUX, BGP_UPDATE_VIPS, dnsResponse, vxlanSyn } from './samples';

/**
 * Every field of the first `layer` header of the packet, as [field, label, start, end, bitMask?], offsets from the header's start.
 * The packet is decoded from its first layer's type (Ethernet for a frame, or a bare ICMP or BGP message).
 */
function table(layers: Layer[], layer: LayerType): (string | number)[][] {
  const r = decodePacket(encodePacket(layers), layers[0]!.type);
  if (!r.ok) throw new Error(r.error.message);
  const index = r.value.layers.findIndex((l) => l.type === layer);
  const at = r.value.layerSpans[index]!.start;
  return r.value.fields
    .filter((f) => f.layerIndex === index)
    .map((f) => {
      expect(f.layer).toBe(layer);
      return f.bitMask === undefined ? [f.field, f.label, f.start - at, f.end - at] : [f.field, f.label, f.start - at, f.end - at, f.bitMask];
    });
}

describe('field tables of the byte inspector', () => {
  it('Ethernet II: destination, source, type', () => {
    expect(table(arpRequest(), 'ethernet')).toEqual([
      ['dst', 'Destination', 0, 6],
      ['src', 'Source', 6, 12],
      ['etherType', 'Type', 12, 14],
    ]);
  });

  it('ARP (RFC 826)', () => {
    expect(table(arpRequest(), 'arp')).toEqual([
      ['hardwareType', 'Hardware type', 0, 2],
      ['protocolType', 'Protocol type', 2, 4],
      ['hardwareSize', 'Hardware size', 4, 5],
      ['protocolSize', 'Protocol size', 5, 6],
      ['opcode', 'Opcode', 6, 8],
      ['senderMac', 'Sender MAC address', 8, 14],
      ['senderIp', 'Sender IP address', 14, 18],
      ['targetMac', 'Target MAC address', 18, 24],
      ['targetIp', 'Target IP address', 24, 28],
    ]);
  });

  it('IPv4 (RFC 791): the nibbles, DSCP/ECN and flag bits with their masks', () => {
    expect(table(vxlanSyn(), 'ipv4')).toEqual([
      ['version', 'Version', 0, 1, 0xf0],
      ['headerLength', 'Header length', 0, 1, 0x0f],
      ['dscp', 'Differentiated services codepoint', 1, 2, 0xfc],
      ['ecn', 'Explicit congestion notification', 1, 2, 0x03],
      ['totalLength', 'Total length', 2, 4],
      ['identification', 'Identification', 4, 6],
      ['flags', 'Flags', 6, 7, 0xe0],
      ['reservedFlag', 'Reserved bit', 6, 7, 0x80],
      ['dontFragment', "Don't fragment", 6, 7, 0x40],
      ['moreFragments', 'More fragments', 6, 7, 0x20],
      ['fragmentOffset', 'Fragment offset', 6, 8, 0x1fff],
      ['ttl', 'Time to live', 8, 9],
      ['protocol', 'Protocol', 9, 10],
      ['checksum', 'Header checksum', 10, 12],
      ['src', 'Source address', 12, 16],
      ['dst', 'Destination address', 16, 20],
    ]);
  });

  it('IPv4 options get a span of their own', () => {
    const [eth, ip, ...rest] = vxlanSyn().slice(4);
    const withOptions = [eth!, { ...(ip as Extract<Layer, { type: 'ipv4' }>), options: Uint8Array.of(1, 1, 1, 0) }, ...rest];
    expect(table(withOptions, 'ipv4').slice(-2)).toEqual([
      ['dst', 'Destination address', 16, 20],
      ['options', 'Options', 20, 24],
    ]);
  });

  it('UDP (RFC 768)', () => {
    expect(table(vxlanSyn(), 'udp')).toEqual([
      ['srcPort', 'Source port', 0, 2],
      ['dstPort', 'Destination port', 2, 4],
      ['length', 'Length', 4, 6],
      ['checksum', 'Checksum', 6, 8],
    ]);
  });

  it('VXLAN (RFC 7348)', () => {
    expect(table(vxlanSyn(), 'vxlan')).toEqual([
      ['flags', 'Flags', 0, 1],
      ['reserved1', 'Reserved', 1, 4],
      ['vni', 'VXLAN network identifier (VNI)', 4, 7],
      ['reserved2', 'Reserved', 7, 8],
    ]);
  });

  it('TCP (RFC 793, RFC 3168 flags) with its MSS option', () => {
    expect(table(vxlanSyn(), 'tcp')).toEqual([
      ['srcPort', 'Source port', 0, 2],
      ['dstPort', 'Destination port', 2, 4],
      ['seq', 'Sequence number', 4, 8],
      ['ack', 'Acknowledgment number', 8, 12],
      ['dataOffset', 'Header length', 12, 13, 0xf0],
      ['reserved', 'Reserved', 12, 13, 0x0f],
      ['flags', 'Flags', 13, 14],
      ['flags.cwr', 'Congestion window reduced', 13, 14, 0x80],
      ['flags.ece', 'ECN-Echo', 13, 14, 0x40],
      ['flags.urg', 'Urgent', 13, 14, 0x20],
      ['flags.ack', 'Acknowledgment', 13, 14, 0x10],
      ['flags.psh', 'Push', 13, 14, 0x08],
      ['flags.rst', 'Reset', 13, 14, 0x04],
      ['flags.syn', 'Syn', 13, 14, 0x02],
      ['flags.fin', 'Fin', 13, 14, 0x01],
      ['window', 'Window', 14, 16],
      ['checksum', 'Checksum', 16, 18],
      ['urgentPointer', 'Urgent pointer', 18, 20],
      ['mss', 'Maximum segment size', 20, 24],
    ]);
  });

  it('DNS (RFC 1035): header bits, a question and a compressed answer', () => {
    expect(table(dnsResponse(), 'dns')).toEqual([
      ['id', 'Transaction ID', 0, 2],
      ['response', 'Response', 2, 3, 0x80],
      ['opcode', 'Opcode', 2, 3, 0x78],
      ['authoritative', 'Authoritative', 2, 3, 0x04],
      ['truncated', 'Truncated', 2, 3, 0x02],
      ['recursionDesired', 'Recursion desired', 2, 3, 0x01],
      ['recursionAvailable', 'Recursion available', 3, 4, 0x80],
      ['reserved', 'Z, AD, CD', 3, 4, 0x70],
      ['rcode', 'Reply code', 3, 4, 0x0f],
      ['questionCount', 'Questions', 4, 6],
      ['answerCount', 'Answer RRs', 6, 8],
      ['authorityCount', 'Authority RRs', 8, 10],
      ['additionalCount', 'Additional RRs', 10, 12],
      // portal.azurestack.local: 25 bytes of labels, then type and class.
      ['questions.0', 'Question', 12, 41],
      ['questions.0.name', 'Name', 12, 37],
      ['questions.0.qtype', 'Type', 37, 39],
      ['questions.0.qclass', 'Class', 39, 41],
      // The answer's name is a 2-byte pointer to the question's (0xc00c).
      ['answers.0', 'Answer', 41, 57],
      ['answers.0.name', 'Name', 41, 43],
      ['answers.0.namePointer', 'Name pointer', 41, 43],
      ['answers.0.rtype', 'Type', 43, 45],
      ['answers.0.rclass', 'Class', 45, 47],
      ['answers.0.ttl', 'Time to live', 47, 51],
      ['answers.0.dataLength', 'Data length', 51, 53],
      ['answers.0.address', 'Address', 53, 57],
    ]);
  });

  it('ICMP (RFC 792): the second word of each kind', () => {
    const data: Layer = { type: 'raw', data: Uint8Array.of(1, 2, 3, 4) };
    const common = [['kind', 'Type', 0, 1], ['code', 'Code', 1, 2], ['checksum', 'Checksum', 2, 4]];
    expect(table([{ type: 'icmp', kind: 'echo-request', code: 0, identifier: 1, sequence: 2 }, data], 'icmp')).toEqual([
      ...common,
      ['identifier', 'Identifier', 4, 6],
      ['sequence', 'Sequence number', 6, 8],
    ]);
    expect(table([{ type: 'icmp', kind: 'destination-unreachable', code: 4, nextHopMtu: 1450 }, data], 'icmp')).toEqual([
      ...common,
      ['unused', 'Unused', 4, 6],
      ['nextHopMtu', 'Next-hop MTU', 6, 8],
    ]);
    expect(table([{ type: 'icmp', kind: 'time-exceeded', code: 0 }, data], 'icmp')).toEqual([...common, ['unused', 'Unused', 4, 8]]);
    expect(table([{ type: 'icmp', kind: 'redirect', code: 1, gateway: '192.168.200.2' }, data], 'icmp')).toEqual([
      ...common,
      ['gateway', 'Gateway address', 4, 8],
    ]);
  });

  const BGP_HEADER = [['marker', 'Marker', 0, 16], ['length', 'Length', 16, 18], ['message.kind', 'Type', 18, 19]];

  it('BGP OPEN (RFC 4271 4.2) with capabilities (RFC 5492)', () => {
    const open = {
      ...(BGP_OPEN_MUX as Extract<BgpMessage, { kind: 'open' }>),
      optionalParameters: [
        { type: 'capabilities' as const, capabilities: [{ kind: 'multiprotocol' as const, afi: 1, safi: 1 }, { kind: 'route-refresh' as const }, { kind: 'four-octet-as' as const, asn: 64628 }, { kind: 'other' as const, code: 128, data: Uint8Array.of(7) }] },
        { type: 'other' as const, code: 1, data: Uint8Array.of(0xaa) },
      ],
    };
    const c = 'message.optionalParameters.0.capabilities';
    expect(table([{ type: 'bgp', message: open }], 'bgp')).toEqual([
      ...BGP_HEADER,
      ['message.version', 'Version', 19, 20],
      ['message.myAs', 'My AS', 20, 22],
      ['message.holdTime', 'Hold time', 22, 24],
      ['message.bgpIdentifier', 'BGP identifier', 24, 28],
      ['message.optionalParametersLength', 'Optional parameters length', 28, 29],
      ['message.optionalParameters.0.type', 'Optional parameter type (capabilities)', 29, 30],
      ['message.optionalParameters.0.length', 'Optional parameter length', 30, 31],
      [`${c}.0.kind`, 'Capability code', 31, 32],
      [`${c}.0.length`, 'Capability length', 32, 33],
      [`${c}.0.afi`, 'Address family', 33, 35],
      [`${c}.0.reserved`, 'Reserved', 35, 36],
      [`${c}.0.safi`, 'Subsequent address family', 36, 37],
      [`${c}.1.kind`, 'Capability code', 37, 38],
      [`${c}.1.length`, 'Capability length', 38, 39],
      [`${c}.2.kind`, 'Capability code', 39, 40],
      [`${c}.2.length`, 'Capability length', 40, 41],
      [`${c}.2.asn`, 'AS number (4 octets)', 41, 45],
      [`${c}.3.kind`, 'Capability code', 45, 46],
      [`${c}.3.code`, 'Capability code', 45, 46],
      [`${c}.3.data`, 'Capability length and value', 46, 48],
      ['message.optionalParameters.1.type', 'Optional parameter type', 48, 49],
      ['message.optionalParameters.1.code', 'Optional parameter type', 48, 49],
      ['message.optionalParameters.1.data', 'Optional parameter length and value', 49, 51],
    ]);
  });

  it('BGP UPDATE (RFC 4271 4.3): lengths, each attribute, each AS and prefix', () => {
    const update: BgpMessage = { ...(BGP_UPDATE_VIPS as Extract<BgpMessage, { kind: 'update' }>), withdrawn: ['10.0.0.0/8'] };
    expect(table([{ type: 'bgp', message: update }], 'bgp')).toEqual([
      ...BGP_HEADER,
      ['message.withdrawnLength', 'Withdrawn routes length', 19, 21],
      ['message.withdrawn.0', 'Withdrawn route', 21, 23],
      ['message.attributesLength', 'Total path attribute length', 23, 25],
      ['message.attributes.origin', 'Path attribute ORIGIN', 25, 29],
      ['message.attributes.asPath', 'Path attribute AS_PATH', 29, 36],
      ['message.attributes.asPath.0', 'AS', 34, 36],
      ['message.attributes.nextHop', 'Path attribute NEXT_HOP', 36, 43],
      ['message.nlri.0', 'Announced route (NLRI)', 43, 48],
      ['message.nlri.1', 'Announced route (NLRI)', 48, 53],
    ]);
  });

  it('BGP NOTIFICATION (RFC 4271 4.5), with its data', () => {
    const notification: BgpMessage = { kind: 'notification', errorCode: 2, errorSubcode: 2, data: Uint8Array.of(0xfc, 0x74) };
    expect(table([{ type: 'bgp', message: notification }], 'bgp')).toEqual([
      ...BGP_HEADER,
      ['message.errorCode', 'Error code', 19, 20],
      ['message.errorSubcode', 'Error subcode', 20, 21],
      ['message.data', 'Data', 21, 23],
    ]);
    expect(table([{ type: 'bgp', message: { kind: 'notification', errorCode: 4, errorSubcode: 0 } }], 'bgp')).toEqual([
      ...BGP_HEADER,
      ['message.errorCode', 'Error code', 19, 20],
      ['message.errorSubcode', 'Error subcode', 20, 21],
    ]);
  });

  it('TLS (RFC 5246 6.2, 7.4; RFC 6066 3): a record holding every handshake message the codec reads, and one it keeps as bytes', () => {
    const random = new Uint8Array(32).fill(0xaa);
    const record: Layer = {
      type: 'tls', contentType: 22, version: 0x0303,
      handshake: [
        {
          kind: 'client-hello', version: 0x0303, random, sessionId: Uint8Array.of(7), cipherSuites: [0x009c, 0x002f], compressionMethods: [0],
          extensions: [{ kind: 'server-name', hostName: 'a.b' }, { kind: 'other', type: 0x17, data: new Uint8Array(0) }],
        },
        { kind: 'server-hello', version: 0x0303, random, sessionId: new Uint8Array(0), cipherSuite: 0x009c, compressionMethod: 0 },
        { kind: 'certificate', certificates: [Uint8Array.of(0x30, 1, 0), new Uint8Array(0)] },
        { kind: 'server-hello-done' },
        { kind: 'other', msgType: 4, body: Uint8Array.of(1, 2) },
        { kind: 'other', msgType: 20, body: new Uint8Array(0) },
      ],
    };
    const [ch, sh, cert, done, ticket, finished] = ['handshake.0', 'handshake.1', 'handshake.2', 'handshake.3', 'handshake.4', 'handshake.5'];
    expect(table([record], 'tls')).toEqual([
      ['contentType', 'Content type', 0, 1],
      ['version', 'Version', 1, 3],
      ['length', 'Length', 3, 5],
      [`${ch}.kind`, 'Handshake type', 5, 6],
      [`${ch}.length`, 'Handshake length', 6, 9],
      [`${ch}.version`, 'Version', 9, 11],
      [`${ch}.random`, 'Random', 11, 43],
      [`${ch}.sessionId`, 'Session ID', 43, 45],
      [`${ch}.cipherSuites`, 'Cipher suites', 45, 51],
      [`${ch}.cipherSuites.0`, 'Cipher suite', 47, 49],
      [`${ch}.cipherSuites.1`, 'Cipher suite', 49, 51],
      [`${ch}.compressionMethods`, 'Compression methods', 51, 53],
      [`${ch}.compressionMethods.0`, 'Compression method', 52, 53],
      [`${ch}.extensions`, 'Extensions', 53, 71],
      [`${ch}.extensions.0`, 'Extension', 55, 67],
      [`${ch}.extensions.0.kind`, 'Extension type', 55, 57],
      [`${ch}.extensions.0.hostName`, 'Server name', 64, 67],
      [`${ch}.extensions.1`, 'Extension', 67, 71],
      [`${ch}.extensions.1.type`, 'Extension type', 67, 69],
      [`${ch}.extensions.1.kind`, 'Extension', 67, 69],
      // Empty data is spanned over its 2-byte length.
      [`${ch}.extensions.1.data`, 'Extension data', 69, 71],
      [`${sh}.kind`, 'Handshake type', 71, 72],
      [`${sh}.length`, 'Handshake length', 72, 75],
      [`${sh}.version`, 'Version', 75, 77],
      [`${sh}.random`, 'Random', 77, 109],
      [`${sh}.sessionId`, 'Session ID', 109, 110],
      [`${sh}.cipherSuite`, 'Cipher suite', 110, 112],
      [`${sh}.compressionMethod`, 'Compression method', 112, 113],
      [`${cert}.kind`, 'Handshake type', 113, 114],
      [`${cert}.length`, 'Handshake length', 114, 117],
      [`${cert}.certificates`, 'Certificates', 117, 129],
      [`${cert}.certificates.0`, 'Certificate (DER)', 123, 126],
      // An empty certificate is spanned over its 3-byte length.
      [`${cert}.certificates.1`, 'Certificate (DER)', 126, 129],
      [`${done}.kind`, 'Handshake type', 129, 130],
      [`${done}.length`, 'Handshake length', 130, 133],
      [`${ticket}.kind`, 'Handshake type', 133, 134],
      [`${ticket}.msgType`, 'Handshake type', 133, 134],
      [`${ticket}.length`, 'Handshake length', 134, 137],
      [`${ticket}.body`, 'Handshake body', 137, 139],
      [`${finished}.kind`, 'Handshake type', 139, 140],
      [`${finished}.msgType`, 'Handshake type', 139, 140],
      [`${finished}.length`, 'Handshake length', 140, 143],
      // An empty body is spanned over its 3-byte length.
      [`${finished}.body`, 'Handshake body', 140, 143],
    ]);
  });

  it('TLS records kept as bytes: an alert, a handshake fragment, an empty record', () => {
    const header = [['contentType', 'Content type', 0, 1], ['version', 'Version', 1, 3], ['length', 'Length', 3, 5]];
    expect(table([{ type: 'tls', contentType: 21, version: 0x0303, data: Uint8Array.of(1, 0) }], 'tls')).toEqual([...header, ['data', 'Data', 5, 7]]);
    // Half a Certificate message: its spans are dropped, the record's bytes are one field.
    expect(table([{ type: 'tls', contentType: 22, version: 0x0303, data: Uint8Array.of(0x0b, 0, 1, 0) }], 'tls')).toEqual([...header, ['data', 'Handshake fragment', 5, 9]]);
    // No bytes: the data is spanned over the record's length.
    expect(table([{ type: 'tls', contentType: 20, version: 0x0303, data: new Uint8Array(0) }], 'tls')).toEqual([...header, ['data', 'Data', 3, 5]]);
  });
});
