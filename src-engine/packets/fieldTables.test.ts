// The byte inspector's field tables: for each header, every field's name, the label the page shows, its bytes
// relative to the header's first byte, and the bits it uses there. Checked against the RFC layouts (791, 768,
// 793, 826, 7348, 1035) and Wireshark's field names; a field that moves or loses its label changes this.
import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket } from './encode';
import type { Layer, LayerType } from './layers';
import { arpRequest, dnsResponse, vxlanSyn } from './samples';

/** Every field of the first `layer` header of the packet, as [field, label, start, end, bitMask?], offsets from the header's start. */
function table(layers: Layer[], layer: LayerType): (string | number)[][] {
  const r = decodePacket(encodePacket(layers));
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
});
