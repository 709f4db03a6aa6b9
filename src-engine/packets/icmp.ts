// ICMP (RFC 792): echo, destination unreachable, time exceeded, redirect. What follows the 8-byte header
// (echo data, or the quoted IP header + 8 bytes of an error) is a raw layer; the checksum covers it too.
import { readIpv4, writeIpv4 } from './addresses';
import { checkUint, get16, put16 } from './bytes';
import { finishChecksum, sumWords } from './checksum';
import { addFixedSpans, type Decoder, failShort, type FixedField } from './decoder';
import type { IcmpLayer } from './layers';
import { reserve, type Writer } from './writer';

const LENGTH = 8;
const TYPE_ECHO_REPLY = 0;
const TYPE_UNREACHABLE = 3;
const TYPE_REDIRECT = 5;
const TYPE_ECHO_REQUEST = 8;
const TYPE_TIME_EXCEEDED = 11;

const COMMON: readonly FixedField[] = [
  { field: 'kind', label: 'Type', start: 0, end: 1 },
  { field: 'code', label: 'Code', start: 1, end: 2 },
  { field: 'checksum', label: 'Checksum', start: 2, end: 4 },
];
const ECHO: readonly FixedField[] = [
  ...COMMON,
  { field: 'identifier', label: 'Identifier', start: 4, end: 6 },
  { field: 'sequence', label: 'Sequence number', start: 6, end: 8 },
];
const UNREACHABLE: readonly FixedField[] = [
  ...COMMON,
  { field: 'unused', label: 'Unused', start: 4, end: 6 },
  { field: 'nextHopMtu', label: 'Next-hop MTU', start: 6, end: 8 },
];
const TIME_EXCEEDED: readonly FixedField[] = [...COMMON, { field: 'unused', label: 'Unused', start: 4, end: 8 }];
const REDIRECT: readonly FixedField[] = [...COMMON, { field: 'gateway', label: 'Gateway address', start: 4, end: 8 }];

export function encodeIcmp(w: Writer, l: IcmpLayer): void {
  const b = reserve(w, LENGTH);
  const p = w.pos;
  checkUint(l.code, 255, 'icmp.code');
  b[p + 1] = l.code;
  if (l.checksum === undefined) put16(b, p + 2, 0);
  else {
    checkUint(l.checksum, 0xffff, 'icmp.checksum');
    put16(b, p + 2, l.checksum);
  }
  switch (l.kind) {
    case 'echo-request':
    case 'echo-reply':
      checkUint(l.identifier, 0xffff, 'icmp.identifier');
      checkUint(l.sequence, 0xffff, 'icmp.sequence');
      b[p] = l.kind === 'echo-request' ? TYPE_ECHO_REQUEST : TYPE_ECHO_REPLY;
      put16(b, p + 4, l.identifier);
      put16(b, p + 6, l.sequence);
      break;
    case 'destination-unreachable':
    case 'time-exceeded': {
      const mtu = l.nextHopMtu ?? 0;
      checkUint(mtu, 0xffff, 'icmp.nextHopMtu');
      if (l.kind === 'time-exceeded' && mtu !== 0) throw new Error('icmp.nextHopMtu: only destination-unreachable carries a next-hop MTU');
      b[p] = l.kind === 'time-exceeded' ? TYPE_TIME_EXCEEDED : TYPE_UNREACHABLE;
      put16(b, p + 4, 0);
      put16(b, p + 6, mtu);
      break;
    }
    case 'redirect':
      b[p] = TYPE_REDIRECT;
      writeIpv4(b, p + 4, l.gateway, 'icmp.gateway');
      break;
  }
  w.pos = p + LENGTH;
}

/** Fills in the checksum over the header and everything after it, which ends at `end`. */
export function finishIcmp(b: Uint8Array, start: number, end: number, l: IcmpLayer): void {
  if (l.checksum === undefined) put16(b, start + 2, finishChecksum(sumWords(b, start, end, 0)));
}

export function decodeIcmp(d: Decoder, at: number, end: number): number {
  const b = d.bytes;
  if (end - at < LENGTH) return failShort(d, 'icmp', ECHO, at, end);
  const type = b[at]!;
  const code = b[at + 1]!;
  const checksum = get16(b, at + 2);
  let layer: IcmpLayer;
  let table: readonly FixedField[];
  if (type === TYPE_ECHO_REQUEST || type === TYPE_ECHO_REPLY) {
    const kind = type === TYPE_ECHO_REQUEST ? 'echo-request' : 'echo-reply';
    layer = { type: 'icmp', kind, code, checksum, identifier: get16(b, at + 4), sequence: get16(b, at + 6) };
    table = ECHO;
  } else if (type === TYPE_UNREACHABLE) {
    if (get16(b, at + 4) !== 0) return d.malformed('icmp', 'unused', at + 4, 'the unused bytes are not zero (RFC 4884 extensions are not modelled)');
    const mtu = get16(b, at + 6);
    layer = mtu === 0
      ? { type: 'icmp', kind: 'destination-unreachable', code, checksum }
      : { type: 'icmp', kind: 'destination-unreachable', code, checksum, nextHopMtu: mtu };
    table = UNREACHABLE;
  } else if (type === TYPE_TIME_EXCEEDED) {
    if (get16(b, at + 4) !== 0 || get16(b, at + 6) !== 0) return d.malformed('icmp', 'unused', at + 4, 'the unused bytes are not zero (RFC 4884 extensions are not modelled)');
    layer = { type: 'icmp', kind: 'time-exceeded', code, checksum };
    table = TIME_EXCEEDED;
  } else if (type === TYPE_REDIRECT) {
    layer = { type: 'icmp', kind: 'redirect', code, checksum, gateway: readIpv4(b, at + 4) };
    table = REDIRECT;
  } else {
    return d.malformed('icmp', 'kind', at, `ICMP type ${type} is not modelled; only echo (0, 8), unreachable (3), redirect (5) and time exceeded (11) are`);
  }
  if (d.fields) addFixedSpans(d, 'icmp', table, at);
  d.push(layer, at, at + LENGTH);
  d.next = at + LENGTH < end ? 'raw' : null;
  d.end = end;
  return at + LENGTH;
}
