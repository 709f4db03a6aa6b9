// IPv4 (RFC 791). The encoder fills in total length and header checksum when they are undefined; the
// decoder keeps the values on the wire, right or wrong, so a packet re-encodes to the same bytes.
import { readIpv4, writeIpv4 } from './addresses';
import { checkUint, get16, put16 } from './bytes';
import { finishChecksum, sumWords } from './checksum';
import { addFixedSpans, type Decoder, failShort, type FixedField } from './decoder';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Ipv4Layer } from './layers';
import { reserve, type Writer } from './writer';

const MIN_HEADER = 20;
const MAX_OPTIONS = 40;
const FLAG_RESERVED = 0x8000;
const FLAG_DF = 0x4000;
const FLAG_MF = 0x2000;

const FIELDS: readonly FixedField[] = [
  { field: 'version', label: 'Version', start: 0, end: 1, bitMask: 0xf0 },
  { field: 'headerLength', label: 'Header length', start: 0, end: 1, bitMask: 0x0f },
  { field: 'dscp', label: 'Differentiated services codepoint', start: 1, end: 2, bitMask: 0xfc },
  { field: 'ecn', label: 'Explicit congestion notification', start: 1, end: 2, bitMask: 0x03 },
  { field: 'totalLength', label: 'Total length', start: 2, end: 4 },
  { field: 'identification', label: 'Identification', start: 4, end: 6 },
  { field: 'flags', label: 'Flags', start: 6, end: 7, bitMask: 0xe0 },
  { field: 'reservedFlag', label: 'Reserved bit', start: 6, end: 7, bitMask: 0x80 },
  { field: 'dontFragment', label: "Don't fragment", start: 6, end: 7, bitMask: 0x40 },
  { field: 'moreFragments', label: 'More fragments', start: 6, end: 7, bitMask: 0x20 },
  { field: 'fragmentOffset', label: 'Fragment offset', start: 6, end: 8, bitMask: 0x1fff },
  { field: 'ttl', label: 'Time to live', start: 8, end: 9 },
  { field: 'protocol', label: 'Protocol', start: 9, end: 10 },
  { field: 'checksum', label: 'Header checksum', start: 10, end: 12 },
  { field: 'src', label: 'Source address', start: 12, end: 16 },
  { field: 'dst', label: 'Destination address', start: 16, end: 20 },
];

export function encodeIpv4(w: Writer, l: Ipv4Layer): void {
  const options = l.options;
  const optionLength = options === undefined ? 0 : (options.length + 3) & ~3;
  if (optionLength > MAX_OPTIONS) throw new Error(`ipv4.options: ${options!.length} bytes do not fit the ${MAX_OPTIONS} an IPv4 header allows`);
  const headerLength = MIN_HEADER + optionLength;
  const b = reserve(w, headerLength);
  const p = w.pos;
  checkUint(l.dscp, 63, 'ipv4.dscp');
  checkUint(l.ecn, 3, 'ipv4.ecn');
  checkUint(l.identification, 0xffff, 'ipv4.identification');
  checkUint(l.fragmentOffset, 0x1fff, 'ipv4.fragmentOffset');
  checkUint(l.ttl, 255, 'ipv4.ttl');
  checkUint(l.protocol, 255, 'ipv4.protocol');
  b[p] = 0x40 | (headerLength >>> 2);
  b[p + 1] = (l.dscp << 2) | l.ecn;
  if (l.totalLength === undefined) put16(b, p + 2, 0);
  else {
    checkUint(l.totalLength, 0xffff, 'ipv4.totalLength');
    put16(b, p + 2, l.totalLength);
  }
  put16(b, p + 4, l.identification);
  put16(b, p + 6, (l.dontFragment ? FLAG_DF : 0) | (l.moreFragments ? FLAG_MF : 0) | l.fragmentOffset);
  b[p + 8] = l.ttl;
  b[p + 9] = l.protocol;
  if (l.checksum === undefined) put16(b, p + 10, 0);
  else {
    checkUint(l.checksum, 0xffff, 'ipv4.checksum');
    put16(b, p + 10, l.checksum);
  }
  writeIpv4(b, p + 12, l.src, 'ipv4.src');
  writeIpv4(b, p + 16, l.dst, 'ipv4.dst');
  if (options !== undefined) {
    b.set(options, p + MIN_HEADER);
    b.fill(0, p + MIN_HEADER + options.length, p + headerLength);
  }
  w.pos = p + headerLength;
}

/** Fills in total length and checksum once the payload, which ends at `end`, is written. */
export function finishIpv4(b: Uint8Array, start: number, end: number, l: Ipv4Layer): void {
  if (l.totalLength === undefined) {
    if (end - start > 0xffff) throw new Error(`ipv4: the packet is ${end - start} bytes, more than the 65535 IPv4 allows`);
    put16(b, start + 2, end - start);
  }
  if (l.checksum === undefined) {
    put16(b, start + 10, finishChecksum(sumWords(b, start, start + (b[start]! & 15) * 4, 0)));
  }
}

export function decodeIpv4(d: Decoder, at: number, end: number): number {
  const b = d.bytes;
  if (end - at < MIN_HEADER) return failShort(d, 'ipv4', FIELDS, at, end);
  const v0 = b[at]!;
  if (v0 >>> 4 !== 4) return d.malformed('ipv4', 'version', at, `version ${v0 >>> 4} is not 4; only IPv4 is modelled`);
  const headerLength = (v0 & 15) * 4;
  if (headerLength < MIN_HEADER) return d.malformed('ipv4', 'headerLength', at, `header length ${headerLength} is less than the minimum 20 bytes`);
  if (headerLength > end - at) return d.truncated('ipv4', 'options', at + MIN_HEADER, headerLength - MIN_HEADER, end - at - MIN_HEADER);
  const totalLength = get16(b, at + 2);
  if (totalLength < headerLength) return d.malformed('ipv4', 'totalLength', at + 2, `total length ${totalLength} is shorter than the ${headerLength}-byte header`);
  if (totalLength > end - at) return d.truncated('ipv4', 'totalLength', at + 2, totalLength, end - at);
  // Under Ethernet the frame's trailer takes bytes past the total length; decoded on its own, they have no home.
  if (totalLength < end - at) return d.malformed('ipv4', 'totalLength', at + 2, `total length ${totalLength} leaves ${end - at - totalLength} bytes unaccounted for; decode the packet inside its Ethernet frame`);
  const flags = get16(b, at + 6);
  if (flags & FLAG_RESERVED) return d.malformed('ipv4', 'reservedFlag', at + 6, 'the reserved flag bit is set; RFC 791 requires zero');

  const fragmentOffset = flags & 0x1fff;
  const moreFragments = (flags & FLAG_MF) !== 0;
  const protocol = b[at + 9]!;
  const base = {
    type: 'ipv4' as const,
    dscp: b[at + 1]! >>> 2,
    ecn: b[at + 1]! & 3,
    totalLength,
    identification: get16(b, at + 4),
    dontFragment: (flags & FLAG_DF) !== 0,
    moreFragments,
    fragmentOffset,
    ttl: b[at + 8]!,
    protocol,
    checksum: get16(b, at + 10),
    src: readIpv4(b, at + 12),
    dst: readIpv4(b, at + 16),
  };
  const layer: Ipv4Layer = headerLength > MIN_HEADER ? { ...base, options: b.slice(at + MIN_HEADER, at + headerLength) } : base;
  if (d.fields) {
    addFixedSpans(d, 'ipv4', FIELDS, at);
    if (headerLength > MIN_HEADER) d.span('ipv4', 'options', 'Options', at + MIN_HEADER, at + headerLength);
  }
  d.push(layer, at, at + headerLength);

  const payload = at + headerLength;
  d.end = at + totalLength;
  if (moreFragments || fragmentOffset !== 0) d.next = payload < d.end ? 'raw' : null; // a fragment: no whole header to read
  else if (protocol === IPPROTO_TCP) d.next = 'tcp';
  else if (protocol === IPPROTO_UDP) d.next = 'udp';
  else if (protocol === IPPROTO_ICMP) d.next = 'icmp';
  else d.next = payload < d.end ? 'raw' : null;
  return payload;
}
