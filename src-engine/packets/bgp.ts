// BGP-4 messages (RFC 4271 4): the 19-byte header, then OPEN, UPDATE, NOTIFICATION or KEEPALIVE. A TCP
// segment may carry several messages; each is its own layer. An OPEN's optional parameters: bgpOpen.ts.
import { readIpv4, writeIpv4 } from './addresses';
import { checkUint, get16, put16 } from './bytes';
import { addFixedSpans, type Decoder, failShort, FAILED, type FixedField } from './decoder';
import { decodeOptionalParameters, encodeOptionalParameters } from './bgpOpen';
import { decodeUpdate, encodeUpdate } from './bgpUpdate';
import type { BgpLayer, BgpMessage } from './layers';
import { reserve, writeBytes, type Writer } from './writer';

const HEADER_LENGTH = 19;
const MAX_LENGTH = 4096;
const OPEN_LENGTH = 29;
const TYPE_OPEN = 1;
const TYPE_UPDATE = 2;
const TYPE_NOTIFICATION = 3;
const TYPE_KEEPALIVE = 4;
const TYPES = { open: TYPE_OPEN, update: TYPE_UPDATE, notification: TYPE_NOTIFICATION, keepalive: TYPE_KEEPALIVE } as const;

const HEADER: readonly FixedField[] = [
  { field: 'marker', label: 'Marker', start: 0, end: 16 },
  { field: 'length', label: 'Length', start: 16, end: 18 },
  { field: 'message.kind', label: 'Type', start: 18, end: 19 },
];
const OPEN: readonly FixedField[] = [
  { field: 'message.version', label: 'Version', start: 19, end: 20 },
  { field: 'message.myAs', label: 'My AS', start: 20, end: 22 },
  { field: 'message.holdTime', label: 'Hold time', start: 22, end: 24 },
  { field: 'message.bgpIdentifier', label: 'BGP identifier', start: 24, end: 28 },
  { field: 'message.optionalParametersLength', label: 'Optional parameters length', start: 28, end: 29 },
];
const NOTIFICATION: readonly FixedField[] = [
  { field: 'message.errorCode', label: 'Error code', start: 19, end: 20 },
  { field: 'message.errorSubcode', label: 'Error subcode', start: 20, end: 21 },
];

export function encodeBgp(w: Writer, l: BgpLayer): void {
  const start = w.pos;
  // Only the room each part needs, so that a message fits a buffer of exactly its size (encodePacketInto).
  let b = reserve(w, HEADER_LENGTH);
  b.fill(0xff, start, start + 16);
  const m = l.message;
  b[start + 18] = TYPES[m.kind];
  w.pos = start + HEADER_LENGTH;
  switch (m.kind) {
    case 'open':
      b = reserve(w, OPEN_LENGTH - HEADER_LENGTH);
      checkUint(m.version, 255, 'bgp.message.version');
      checkUint(m.myAs, 0xffff, 'bgp.message.myAs');
      checkUint(m.holdTime, 0xffff, 'bgp.message.holdTime');
      b[start + 19] = m.version;
      put16(b, start + 20, m.myAs);
      put16(b, start + 22, m.holdTime);
      writeIpv4(b, start + 24, m.bgpIdentifier, 'bgp.message.bgpIdentifier');
      w.pos = start + OPEN_LENGTH;
      w.buf[start + 28] = m.optionalParameters ? encodeOptionalParameters(w, m.optionalParameters) : 0;
      break;
    case 'update':
      encodeUpdate(w, m);
      break;
    case 'notification':
      checkUint(m.errorCode, 255, 'bgp.message.errorCode');
      checkUint(m.errorSubcode, 255, 'bgp.message.errorSubcode');
      b = reserve(w, 2);
      b[start + 19] = m.errorCode;
      b[start + 20] = m.errorSubcode;
      w.pos = start + 21;
      if (m.data !== undefined) writeBytes(w, m.data);
      break;
    case 'keepalive':
      break;
  }
  const length = w.pos - start;
  if (length > MAX_LENGTH) throw new Error(`bgp: the ${m.kind} message is ${length} bytes, more than the ${MAX_LENGTH} BGP allows; split it`);
  put16(w.buf, start + 16, length);
}

export function decodeBgp(d: Decoder, at: number, end: number): number {
  const b = d.bytes;
  if (end - at < HEADER_LENGTH) return failShort(d, 'bgp', HEADER, at, end);
  for (let i = 0; i < 16; i++) {
    if (b[at + i] !== 0xff) return d.malformed('bgp', 'marker', at, 'the marker is not 16 bytes of 0xff');
  }
  const length = get16(b, at + 16);
  if (length < HEADER_LENGTH || length > MAX_LENGTH) return d.malformed('bgp', 'length', at + 16, `length ${length} is outside 19..4096`);
  if (length > end - at) return d.truncated('bgp', 'length', at + 16, length, end - at);
  const type = b[at + 18]!;
  const messageEnd = at + length;
  if (d.fields) addFixedSpans(d, 'bgp', HEADER, at);
  const message = decodeMessage(d, type, at, messageEnd);
  if (message === undefined) return FAILED;
  d.push({ type: 'bgp', message }, at, messageEnd);
  d.next = messageEnd < end ? 'bgp' : null;
  d.end = end;
  return messageEnd;
}

function decodeMessage(d: Decoder, type: number, at: number, end: number): BgpMessage | undefined {
  const b = d.bytes;
  const length = end - at;
  switch (type) {
    case TYPE_OPEN: {
      if (length < OPEN_LENGTH) return void d.malformed('bgp', 'length', at + 16, `an OPEN is at least ${OPEN_LENGTH} bytes, not ${length}`);
      const paramsLength = b[at + 28]!;
      if (OPEN_LENGTH + paramsLength !== length) return void d.malformed('bgp', 'message.optionalParametersLength', at + 28, `${paramsLength} bytes of optional parameters do not fill the OPEN's ${length - OPEN_LENGTH}`);
      if (d.fields) addFixedSpans(d, 'bgp', OPEN, at);
      const open = { kind: 'open' as const, version: b[at + 19]!, myAs: get16(b, at + 20), holdTime: get16(b, at + 22), bgpIdentifier: readIpv4(b, at + 24) };
      if (paramsLength === 0) return open;
      const optionalParameters = decodeOptionalParameters(d, at + OPEN_LENGTH, end);
      return optionalParameters && { ...open, optionalParameters };
    }
    case TYPE_UPDATE:
      return decodeUpdate(d, at + HEADER_LENGTH, end);
    case TYPE_NOTIFICATION: {
      if (length < 21) return void d.malformed('bgp', 'length', at + 16, `a NOTIFICATION is at least 21 bytes, not ${length}`);
      if (d.fields) {
        addFixedSpans(d, 'bgp', NOTIFICATION, at);
        if (length > 21) d.span('bgp', 'message.data', 'Data', at + 21, end);
      }
      const base = { kind: 'notification' as const, errorCode: b[at + 19]!, errorSubcode: b[at + 20]! };
      return length > 21 ? { ...base, data: b.slice(at + 21, end) } : base;
    }
    case TYPE_KEEPALIVE:
      if (length !== HEADER_LENGTH) return void d.malformed('bgp', 'length', at + 16, `a KEEPALIVE is 19 bytes, not ${length}`);
      return { kind: 'keepalive' };
    default:
      return void d.malformed('bgp', 'message.kind', at + 18, `message type ${type} is not modelled; only OPEN (1), UPDATE (2), NOTIFICATION (3) and KEEPALIVE (4) are`);
  }
}
