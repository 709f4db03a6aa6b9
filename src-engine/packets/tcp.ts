// TCP (RFC 9293). The data offset is computed from the options: MSS first when given, then any other option
// bytes as they are, then zero padding to a multiple of 4.
import { checkUint, get16, get32, put16, put32 } from './bytes';
import { finishChecksum, sumPseudoHeader, sumWords } from './checksum';
import { addFixedSpans, type Decoder, failShort, type FixedField } from './decoder';
import { IPPROTO_TCP, PORT_BGP, PORT_HTTPS, type TcpFlags, type TcpLayer } from './layers';
import { reserve, type Writer } from './writer';

const MIN_HEADER = 20;
const MAX_OPTIONS = 40;
const OPTION_MSS = 2;
const MSS_LENGTH = 4;

const FIELDS: readonly FixedField[] = [
  { field: 'srcPort', label: 'Source port', start: 0, end: 2 },
  { field: 'dstPort', label: 'Destination port', start: 2, end: 4 },
  { field: 'seq', label: 'Sequence number', start: 4, end: 8 },
  { field: 'ack', label: 'Acknowledgment number', start: 8, end: 12 },
  { field: 'dataOffset', label: 'Header length', start: 12, end: 13, bitMask: 0xf0 },
  { field: 'reserved', label: 'Reserved', start: 12, end: 13, bitMask: 0x0f },
  { field: 'flags', label: 'Flags', start: 13, end: 14 },
  { field: 'flags.cwr', label: 'Congestion window reduced', start: 13, end: 14, bitMask: 0x80 },
  { field: 'flags.ece', label: 'ECN-Echo', start: 13, end: 14, bitMask: 0x40 },
  { field: 'flags.urg', label: 'Urgent', start: 13, end: 14, bitMask: 0x20 },
  { field: 'flags.ack', label: 'Acknowledgment', start: 13, end: 14, bitMask: 0x10 },
  { field: 'flags.psh', label: 'Push', start: 13, end: 14, bitMask: 0x08 },
  { field: 'flags.rst', label: 'Reset', start: 13, end: 14, bitMask: 0x04 },
  { field: 'flags.syn', label: 'Syn', start: 13, end: 14, bitMask: 0x02 },
  { field: 'flags.fin', label: 'Fin', start: 13, end: 14, bitMask: 0x01 },
  { field: 'window', label: 'Window', start: 14, end: 16 },
  { field: 'checksum', label: 'Checksum', start: 16, end: 18 },
  { field: 'urgentPointer', label: 'Urgent pointer', start: 18, end: 20 },
];

export function encodeTcp(w: Writer, l: TcpLayer): void {
  const other = l.otherOptions;
  const optionLength = ((l.mss === undefined ? 0 : MSS_LENGTH) + (other === undefined ? 0 : other.length) + 3) & ~3;
  if (optionLength > MAX_OPTIONS) throw new Error(`tcp: ${optionLength} bytes of options do not fit the ${MAX_OPTIONS} a TCP header allows`);
  const headerLength = MIN_HEADER + optionLength;
  const b = reserve(w, headerLength);
  const p = w.pos;
  checkUint(l.srcPort, 0xffff, 'tcp.srcPort');
  checkUint(l.dstPort, 0xffff, 'tcp.dstPort');
  checkUint(l.seq, 0xffffffff, 'tcp.seq');
  checkUint(l.ack, 0xffffffff, 'tcp.ack');
  checkUint(l.window, 0xffff, 'tcp.window');
  checkUint(l.urgentPointer, 0xffff, 'tcp.urgentPointer');
  put16(b, p, l.srcPort);
  put16(b, p + 2, l.dstPort);
  put32(b, p + 4, l.seq);
  put32(b, p + 8, l.ack);
  b[p + 12] = headerLength << 2; // data offset in 32-bit words, in the high nibble
  b[p + 13] = flagsByte(l.flags);
  put16(b, p + 14, l.window);
  if (l.checksum === undefined) put16(b, p + 16, 0);
  else {
    checkUint(l.checksum, 0xffff, 'tcp.checksum');
    put16(b, p + 16, l.checksum);
  }
  put16(b, p + 18, l.urgentPointer);
  let o = p + MIN_HEADER;
  if (l.mss !== undefined) {
    checkUint(l.mss, 0xffff, 'tcp.mss');
    b[o] = OPTION_MSS;
    b[o + 1] = MSS_LENGTH;
    put16(b, o + 2, l.mss);
    o += MSS_LENGTH;
  }
  if (other !== undefined) {
    b.set(other, o);
    o += other.length;
  }
  while (o < p + headerLength) b[o++] = 0; // padding to a multiple of 4
  w.pos = p + headerLength;
}

function flagsByte(f: TcpFlags): number {
  return (
    (f.cwr ? 0x80 : 0) | (f.ece ? 0x40 : 0) | (f.urg ? 0x20 : 0) | (f.ack ? 0x10 : 0) |
    (f.psh ? 0x08 : 0) | (f.rst ? 0x04 : 0) | (f.syn ? 0x02 : 0) | (f.fin ? 0x01 : 0)
  );
}

/** Fills in the checksum over the pseudo-header and the segment; `ip` is the IPv4 header's start, or -1. */
export function finishTcp(b: Uint8Array, start: number, end: number, l: TcpLayer, ip: number): void {
  if (l.checksum !== undefined) return;
  if (ip < 0) throw new Error('tcp.checksum: computing it needs the IPv4 layer right before TCP; give the checksum explicitly');
  put16(b, start + 16, finishChecksum(sumWords(b, start, end, sumPseudoHeader(b, ip, IPPROTO_TCP, end - start))));
}

export function decodeTcp(d: Decoder, at: number, end: number): number {
  const b = d.bytes;
  if (end - at < MIN_HEADER) return failShort(d, 'tcp', FIELDS, at, end);
  const headerLength = (b[at + 12]! >>> 4) * 4;
  if (headerLength < MIN_HEADER) return d.malformed('tcp', 'dataOffset', at + 12, `header length ${headerLength} is less than the minimum 20 bytes`);
  if (headerLength > end - at) return d.truncated('tcp', 'options', at + MIN_HEADER, headerLength - MIN_HEADER, end - at - MIN_HEADER);
  if (b[at + 12]! & 0x0f) return d.malformed('tcp', 'reserved', at + 12, 'reserved bits are set (AccECN is not modelled); they must be zero');
  const fb = b[at + 13]!;
  const flags: TcpFlags = {
    fin: (fb & 0x01) !== 0,
    syn: (fb & 0x02) !== 0,
    rst: (fb & 0x04) !== 0,
    psh: (fb & 0x08) !== 0,
    ack: (fb & 0x10) !== 0,
    urg: (fb & 0x20) !== 0,
    ece: (fb & 0x40) !== 0,
    cwr: (fb & 0x80) !== 0,
  };
  const srcPort = get16(b, at);
  const dstPort = get16(b, at + 2);

  // Options: an MSS option first is modelled; anything else stays bytes, so the header re-encodes exactly.
  const o = at + MIN_HEADER;
  const optionsEnd = at + headerLength;
  const hasMss = optionsEnd - o >= MSS_LENGTH && b[o] === OPTION_MSS && b[o + 1] === MSS_LENGTH;
  const otherStart = hasMss ? o + MSS_LENGTH : o;
  const seq = get32(b, at + 4);
  const ack = get32(b, at + 8);
  const window = get16(b, at + 14);
  const checksum = get16(b, at + 16);
  const urgentPointer = get16(b, at + 18);
  // Literals rather than spreads: this runs for every segment and a spread costs several times as much.
  let layer: TcpLayer;
  if (!hasMss && otherStart === optionsEnd) layer = { type: 'tcp', srcPort, dstPort, seq, ack, flags, window, urgentPointer, checksum };
  else if (otherStart === optionsEnd) layer = { type: 'tcp', srcPort, dstPort, seq, ack, flags, window, urgentPointer, checksum, mss: get16(b, o + 2) };
  else {
    const otherOptions = b.slice(otherStart, optionsEnd);
    layer = hasMss
      ? { type: 'tcp', srcPort, dstPort, seq, ack, flags, window, urgentPointer, checksum, mss: get16(b, o + 2), otherOptions }
      : { type: 'tcp', srcPort, dstPort, seq, ack, flags, window, urgentPointer, checksum, otherOptions };
  }

  if (d.fields) {
    addFixedSpans(d, 'tcp', FIELDS, at);
    if (hasMss) d.span('tcp', 'mss', 'Maximum segment size', o, o + MSS_LENGTH);
    if (otherStart < optionsEnd) d.span('tcp', 'otherOptions', 'Options', otherStart, optionsEnd);
  }
  d.push(layer, at, optionsEnd);
  d.end = end;
  d.next = optionsEnd === end ? null : tcpPayloadType(srcPort, dstPort);
  return optionsEnd;
}

/** What a TCP payload holds, by port: BGP on 179, TLS records on 443 (HTTPS). */
export function tcpPayloadType(srcPort: number, dstPort: number): 'bgp' | 'tls' | 'raw' {
  if (srcPort === PORT_BGP || dstPort === PORT_BGP) return 'bgp';
  return srcPort === PORT_HTTPS || dstPort === PORT_HTTPS ? 'tls' : 'raw';
}
