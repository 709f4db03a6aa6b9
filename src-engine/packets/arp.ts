// ARP for IPv4 over Ethernet (RFC 826): 28 bytes. Other address sizes cannot be held by the layer type.
import { readIpv4, readMac, writeIpv4, writeMac } from './addresses';
import { checkUint, get16, put16 } from './bytes';
import { addFixedSpans, type Decoder, failShort, type FixedField } from './decoder';
import type { ArpLayer } from './layers';
import { reserve, type Writer } from './writer';

const LENGTH = 28;

const FIELDS: readonly FixedField[] = [
  { field: 'hardwareType', label: 'Hardware type', start: 0, end: 2 },
  { field: 'protocolType', label: 'Protocol type', start: 2, end: 4 },
  { field: 'hardwareSize', label: 'Hardware size', start: 4, end: 5 },
  { field: 'protocolSize', label: 'Protocol size', start: 5, end: 6 },
  { field: 'opcode', label: 'Opcode', start: 6, end: 8 },
  { field: 'senderMac', label: 'Sender MAC address', start: 8, end: 14 },
  { field: 'senderIp', label: 'Sender IP address', start: 14, end: 18 },
  { field: 'targetMac', label: 'Target MAC address', start: 18, end: 24 },
  { field: 'targetIp', label: 'Target IP address', start: 24, end: 28 },
];

export function encodeArp(w: Writer, l: ArpLayer): void {
  const b = reserve(w, LENGTH);
  const p = w.pos;
  checkUint(l.hardwareType, 0xffff, 'arp.hardwareType');
  checkUint(l.protocolType, 0xffff, 'arp.protocolType');
  checkUint(l.opcode, 0xffff, 'arp.opcode');
  put16(b, p, l.hardwareType);
  put16(b, p + 2, l.protocolType);
  b[p + 4] = 6;
  b[p + 5] = 4;
  put16(b, p + 6, l.opcode);
  writeMac(b, p + 8, l.senderMac, 'arp.senderMac');
  writeIpv4(b, p + 14, l.senderIp, 'arp.senderIp');
  writeMac(b, p + 18, l.targetMac, 'arp.targetMac');
  writeIpv4(b, p + 24, l.targetIp, 'arp.targetIp');
  w.pos = p + LENGTH;
}

export function decodeArp(d: Decoder, at: number, end: number): number {
  const b = d.bytes;
  if (end - at < LENGTH) return failShort(d, 'arp', FIELDS, at, end);
  if (b[at + 4] !== 6) return d.malformed('arp', 'hardwareSize', at + 4, `hardware size ${b[at + 4]} is not 6: only Ethernet MAC addresses are modelled`);
  if (b[at + 5] !== 4) return d.malformed('arp', 'protocolSize', at + 5, `protocol size ${b[at + 5]} is not 4: only IPv4 addresses are modelled`);
  // Under Ethernet the frame's trailer takes any excess; decoded on its own, excess bytes have no home.
  if (end > at + LENGTH) return d.malformed('arp', 'trailer', at + LENGTH, `${end - at - LENGTH} bytes follow the 28-byte ARP packet; decode it inside its Ethernet frame`);
  const layer: ArpLayer = {
    type: 'arp',
    hardwareType: get16(b, at),
    protocolType: get16(b, at + 2),
    opcode: get16(b, at + 6),
    senderMac: readMac(b, at + 8),
    senderIp: readIpv4(b, at + 14),
    targetMac: readMac(b, at + 18),
    targetIp: readIpv4(b, at + 24),
  };
  if (d.fields) addFixedSpans(d, 'arp', FIELDS, at);
  d.push(layer, at, at + LENGTH);
  d.next = null;
  return at + LENGTH;
}
