// UDP (RFC 768). Checksum undefined: computed over the IPv4 pseudo-header; 0: none, as VXLAN's outer UDP
// sends (RFC 7348 5). A computed 0 goes on the wire as 0xffff, since 0 means "none".
import { checkUint, get16, put16 } from './bytes';
import { finishChecksum, sumPseudoHeader, sumWords } from './checksum';
import { addFixedSpans, type Decoder, failShort, type FixedField } from './decoder';
import { IPPROTO_UDP, PORT_DNS, PORT_VXLAN, type UdpLayer } from './layers';
import { reserve, type Writer } from './writer';

const LENGTH = 8;

const FIELDS: readonly FixedField[] = [
  { field: 'srcPort', label: 'Source port', start: 0, end: 2 },
  { field: 'dstPort', label: 'Destination port', start: 2, end: 4 },
  { field: 'length', label: 'Length', start: 4, end: 6 },
  { field: 'checksum', label: 'Checksum', start: 6, end: 8 },
];

export function encodeUdp(w: Writer, l: UdpLayer): void {
  const b = reserve(w, LENGTH);
  const p = w.pos;
  checkUint(l.srcPort, 0xffff, 'udp.srcPort');
  checkUint(l.dstPort, 0xffff, 'udp.dstPort');
  put16(b, p, l.srcPort);
  put16(b, p + 2, l.dstPort);
  if (l.length === undefined) put16(b, p + 4, 0);
  else {
    checkUint(l.length, 0xffff, 'udp.length');
    put16(b, p + 4, l.length);
  }
  if (l.checksum === undefined) put16(b, p + 6, 0);
  else {
    checkUint(l.checksum, 0xffff, 'udp.checksum');
    put16(b, p + 6, l.checksum);
  }
  w.pos = p + LENGTH;
}

/** Fills in length and checksum; `ip` is where the enclosing IPv4 header starts, or -1 when there is none. */
export function finishUdp(b: Uint8Array, start: number, end: number, l: UdpLayer, ip: number): void {
  if (l.length === undefined) {
    if (end - start > 0xffff) throw new Error(`udp: the datagram is ${end - start} bytes, more than the 65535 UDP allows`);
    put16(b, start + 4, end - start);
  }
  if (l.checksum !== undefined) return;
  if (ip < 0) throw new Error('udp.checksum: computing it needs the IPv4 layer right before UDP; give the checksum explicitly, or 0 for none');
  const sum = sumWords(b, start, end, sumPseudoHeader(b, ip, IPPROTO_UDP, get16(b, start + 4)));
  put16(b, start + 6, finishChecksum(sum) || 0xffff);
}

export function decodeUdp(d: Decoder, at: number, end: number): number {
  const b = d.bytes;
  if (end - at < LENGTH) return failShort(d, 'udp', FIELDS, at, end);
  const length = get16(b, at + 4);
  if (length < LENGTH) return d.malformed('udp', 'length', at + 4, `length ${length} is less than the 8-byte header`);
  if (length > end - at) return d.truncated('udp', 'length', at + 4, length, end - at);
  if (length < end - at) return d.malformed('udp', 'length', at + 4, `length ${length} disagrees with the ${end - at} bytes the IPv4 header gives UDP`);
  const srcPort = get16(b, at);
  const dstPort = get16(b, at + 2);
  const layer: UdpLayer = { type: 'udp', srcPort, dstPort, length, checksum: get16(b, at + 6) };
  if (d.fields) addFixedSpans(d, 'udp', FIELDS, at);
  d.push(layer, at, at + LENGTH);
  d.end = end;
  d.next = at + LENGTH === end ? null : udpPayloadType(srcPort, dstPort);
  return at + LENGTH;
}

/** What a UDP payload holds, by port: the decoder's dispatch, and what the encoder checks stacks against. */
export function udpPayloadType(srcPort: number, dstPort: number): 'vxlan' | 'dns' | 'raw' {
  if (dstPort === PORT_VXLAN) return 'vxlan';
  if (srcPort === PORT_DNS || dstPort === PORT_DNS) return 'dns';
  return 'raw';
}
