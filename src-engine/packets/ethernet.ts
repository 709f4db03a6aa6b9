// Ethernet II with an optional 802.1Q tag. The frame's trailer (padding to 60 bytes) sits after everything
// the frame carries, so it is written last and found by asking the payload how long it is.
import { readMac, writeMac } from './addresses';
import { checkUint, get16, put16 } from './bytes';
import { addFixedSpans, type Decoder, failShort, type FixedField } from './decoder';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_VLAN, type EthernetLayer, type VlanTag } from './layers';
import { reserve, writeBytes, type Writer } from './writer';

const ARP_LENGTH = 28;

const UNTAGGED: readonly FixedField[] = [
  { field: 'dst', label: 'Destination', start: 0, end: 6 },
  { field: 'src', label: 'Source', start: 6, end: 12 },
  { field: 'etherType', label: 'Type', start: 12, end: 14 },
];

const TAGGED: readonly FixedField[] = [
  { field: 'dst', label: 'Destination', start: 0, end: 6 },
  { field: 'src', label: 'Source', start: 6, end: 12 },
  { field: 'vlan', label: '802.1Q virtual LAN tag', start: 12, end: 16 },
  { field: 'vlan.tpid', label: 'Tag protocol identifier', start: 12, end: 14 },
  { field: 'vlan.pcp', label: 'Priority', start: 14, end: 15, bitMask: 0xe0 },
  { field: 'vlan.dei', label: 'Drop eligible', start: 14, end: 15, bitMask: 0x10 },
  { field: 'vlan.vid', label: 'VLAN ID', start: 14, end: 16, bitMask: 0x0fff },
  { field: 'etherType', label: 'Type', start: 16, end: 18 },
];

export function encodeEthernet(w: Writer, l: EthernetLayer): void {
  const b = reserve(w, 18);
  const p = w.pos;
  writeMac(b, p, l.dst, 'ethernet.dst');
  writeMac(b, p + 6, l.src, 'ethernet.src');
  checkUint(l.etherType, 0xffff, 'ethernet.etherType');
  const v = l.vlan;
  if (v === undefined) {
    if (l.etherType === ETHERTYPE_VLAN) throw new Error('ethernet.etherType: 0x8100 marks an 802.1Q tag; set ethernet.vlan instead');
    put16(b, p + 12, l.etherType);
    w.pos = p + 14;
    return;
  }
  checkUint(v.pcp, 7, 'ethernet.vlan.pcp');
  checkUint(v.dei, 1, 'ethernet.vlan.dei');
  checkUint(v.vid, 0xfff, 'ethernet.vlan.vid');
  put16(b, p + 12, ETHERTYPE_VLAN);
  put16(b, p + 14, (v.pcp << 13) | (v.dei << 12) | v.vid);
  put16(b, p + 16, l.etherType);
  w.pos = p + 18;
}

/** Called once everything inside the frame is written. */
export function appendEthernetTrailer(w: Writer, l: EthernetLayer): void {
  if (l.trailer !== undefined) writeBytes(w, l.trailer);
}

export function decodeEthernet(d: Decoder, at: number, end: number): number {
  const b = d.bytes;
  if (end - at < 14) return failShort(d, 'ethernet', UNTAGGED, at, end);
  const dst = readMac(b, at);
  const src = readMac(b, at + 6);
  let etherType = get16(b, at + 12);
  let vlan: VlanTag | undefined;
  let header = at + 14;
  if (etherType === ETHERTYPE_VLAN) {
    if (end - at < 18) return failShort(d, 'ethernet', TAGGED, at, end);
    const tci = get16(b, at + 14);
    vlan = { pcp: tci >>> 13, dei: (tci >>> 12) & 1, vid: tci & 0xfff };
    etherType = get16(b, at + 16);
    header = at + 18;
  }

  // Ask the payload its length so that bytes beyond it become the trailer; a payload whose length field is
  // unusable is left to report that itself.
  let payloadEnd = end;
  if (etherType === ETHERTYPE_IPV4) {
    d.next = 'ipv4';
    if (end - header >= 4) {
      const total = get16(b, header + 2);
      if (total >= 20 && total <= end - header) payloadEnd = header + total;
    }
  } else if (etherType === ETHERTYPE_ARP) {
    d.next = 'arp';
    payloadEnd = Math.min(end, header + ARP_LENGTH);
  } else {
    d.next = header < end ? 'raw' : null;
  }
  d.end = payloadEnd;

  let layer: EthernetLayer =
    vlan === undefined ? { type: 'ethernet', dst, src, etherType } : { type: 'ethernet', dst, src, vlan, etherType };
  if (payloadEnd < end) layer = { ...layer, trailer: b.slice(payloadEnd, end) };
  if (d.fields) {
    addFixedSpans(d, 'ethernet', vlan === undefined ? UNTAGGED : TAGGED, at);
    if (payloadEnd < end) d.span('ethernet', 'trailer', 'Trailer (padding)', payloadEnd, end);
  }
  d.push(layer, at, header);
  return header;
}
