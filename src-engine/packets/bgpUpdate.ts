// The body of a BGP UPDATE (RFC 4271 4.3): withdrawn routes, path attributes, NLRI. Only ORIGIN, AS_PATH (one
// AS_SEQUENCE of 2-byte ASNs) and NEXT_HOP are modelled, each with flags 0x40 and in type order, which is how
// the encoder writes them; anything else decodes as malformed, so a decoded UPDATE re-encodes exactly.
import { readIpv4, writeIpv4 } from './addresses';
import { checkUint, get16, put16 } from './bytes';
import type { Decoder } from './decoder';
import { readPrefix, writePrefix } from './bgpPrefix';
import { BGP_ATTR_FLAGS_WELL_KNOWN, type BgpMessage, type BgpPathAttributes } from './layers';
import { reserve, type Writer } from './writer';

type Update = Extract<BgpMessage, { kind: 'update' }>;

const ATTR_ORIGIN = 1;
const ATTR_AS_PATH = 2;
const ATTR_NEXT_HOP = 3;
const AS_SEQUENCE = 2;
const ATTR_NAMES = ['', 'origin', 'asPath', 'nextHop'] as const;
const ATTR_LABELS = ['', 'Path attribute ORIGIN', 'Path attribute AS_PATH', 'Path attribute NEXT_HOP'] as const;

export function encodeUpdate(w: Writer, m: Update): void {
  const withdrawnAt = w.pos;
  reserve(w, 2);
  w.pos += 2;
  m.withdrawn.forEach((p, i) => writePrefix(w, p, `bgp.message.withdrawn.${i}`));
  put16(w.buf, withdrawnAt, w.pos - withdrawnAt - 2);

  // Each part reserves only the room it needs, so that an UPDATE fits a buffer of exactly its size.
  const attributesAt = w.pos;
  const a = m.attributes;
  let b = reserve(w, 2);
  let p = attributesAt + 2;
  if (a.origin !== undefined) {
    checkUint(a.origin, 2, 'bgp.message.attributes.origin');
    w.pos = p;
    b = reserve(w, 4);
    p = attributeHeader(b, p, ATTR_ORIGIN, 1);
    b[p++] = a.origin;
  }
  if (a.asPath !== undefined) {
    const path = a.asPath;
    // The attribute's length is one byte (flags 0x40, no extended length): 2 + 2 per ASN, so 126 ASNs at most.
    if (2 + path.length * 2 > 255) {
      throw new Error(`bgp.message.attributes.asPath: ${path.length} ASNs need ${2 + path.length * 2} bytes, more than the 255 an attribute without the extended-length flag holds; at most 126`);
    }
    w.pos = p;
    b = reserve(w, path.length === 0 ? 3 : 5 + path.length * 2);
    if (path.length === 0) p = attributeHeader(b, p, ATTR_AS_PATH, 0); // iBGP: an empty path, no segment
    else {
      p = attributeHeader(b, p, ATTR_AS_PATH, 2 + path.length * 2);
      b[p++] = AS_SEQUENCE;
      b[p++] = path.length;
      path.forEach((asn, i) => {
        checkUint(asn, 0xffff, `bgp.message.attributes.asPath.${i}`);
        put16(b, p, asn);
        p += 2;
      });
    }
  }
  if (a.nextHop !== undefined) {
    w.pos = p;
    b = reserve(w, 7);
    p = attributeHeader(b, p, ATTR_NEXT_HOP, 4);
    writeIpv4(b, p, a.nextHop, 'bgp.message.attributes.nextHop');
    p += 4;
  }
  put16(b, attributesAt, p - attributesAt - 2);
  w.pos = p;
  m.nlri.forEach((prefix, i) => writePrefix(w, prefix, `bgp.message.nlri.${i}`));
}

function attributeHeader(b: Uint8Array, p: number, type: number, length: number): number {
  b[p] = BGP_ATTR_FLAGS_WELL_KNOWN;
  b[p + 1] = type;
  b[p + 2] = length;
  return p + 3;
}

/** Decodes the UPDATE body in [at, end); returns the message, or undefined after recording the error. */
export function decodeUpdate(d: Decoder, at: number, end: number): Update | undefined {
  const b = d.bytes;
  if (at + 2 > end) return void d.truncated('bgp', 'message.withdrawnLength', at, 2, end - at);
  const withdrawnEnd = at + 2 + get16(b, at);
  if (withdrawnEnd + 2 > end) return void d.malformed('bgp', 'message.withdrawnLength', at, `withdrawn routes length ${withdrawnEnd - at - 2} leaves no room for the path attribute length`);
  if (d.fields) d.span('bgp', 'message.withdrawnLength', 'Withdrawn routes length', at, at + 2);
  const withdrawn = readPrefixes(d, at + 2, withdrawnEnd, 'message.withdrawn', 'Withdrawn route');
  if (withdrawn === undefined) return undefined;

  const attributesEnd = withdrawnEnd + 2 + get16(b, withdrawnEnd);
  if (attributesEnd > end) return void d.malformed('bgp', 'message.attributesLength', withdrawnEnd, `total path attribute length ${attributesEnd - withdrawnEnd - 2} runs past the end of the message`);
  if (d.fields) d.span('bgp', 'message.attributesLength', 'Total path attribute length', withdrawnEnd, withdrawnEnd + 2);
  const attributes = readAttributes(d, withdrawnEnd + 2, attributesEnd);
  if (attributes === undefined) return undefined;

  const nlri = readPrefixes(d, attributesEnd, end, 'message.nlri', 'Announced route (NLRI)');
  if (nlri === undefined) return undefined;
  return { kind: 'update', withdrawn, attributes, nlri };
}

function readPrefixes(d: Decoder, at: number, end: number, field: string, label: string): string[] | undefined {
  const out: string[] = [];
  for (let p = at; p < end; ) {
    const read = readPrefix(d.bytes, p, end);
    if (!read.ok) return void d.fail('malformed', 'bgp', `${field}.${out.length}`, p, read.problem);
    if (d.fields) d.span('bgp', `${field}.${out.length}`, label, p, read.next);
    out.push(read.text);
    p = read.next;
  }
  return out;
}

function readAttributes(d: Decoder, at: number, end: number): BgpPathAttributes | undefined {
  const b = d.bytes;
  let origin: number | undefined;
  let asPath: number[] | undefined;
  let nextHop: string | undefined;
  let lastType = 0;
  for (let p = at; p < end; ) {
    if (p + 3 > end) return void d.malformed('bgp', 'message.attributes', p, 'a path attribute header runs past the attribute length');
    const flags = b[p]!;
    const type = b[p + 1]!;
    const length = b[p + 2]!;
    const name = ATTR_NAMES[type];
    if (type < ATTR_ORIGIN || type > ATTR_NEXT_HOP || name === undefined) return void d.malformed('bgp', 'message.attributes', p + 1, `path attribute type ${type} is not modelled; only ORIGIN, AS_PATH and NEXT_HOP are`);
    const field = `message.attributes.${name}`;
    if (flags !== BGP_ATTR_FLAGS_WELL_KNOWN) return void d.malformed('bgp', field, p, `attribute flags 0x${flags.toString(16)} are not 0x40 (well-known transitive, 1-byte length)`);
    if (type <= lastType) return void d.malformed('bgp', field, p + 1, 'path attributes are repeated or out of type order');
    lastType = type;
    const v = p + 3;
    if (v + length > end) return void d.malformed('bgp', field, p + 2, `attribute length ${length} runs past the attribute length`);
    if (type === ATTR_ORIGIN) {
      if (length !== 1) return void d.malformed('bgp', field, p + 2, `ORIGIN is 1 byte, not ${length}`);
      if (b[v]! > 2) return void d.malformed('bgp', field, v, `ORIGIN ${b[v]} is not 0 (IGP), 1 (EGP) or 2 (INCOMPLETE)`);
      origin = b[v]!;
    } else if (type === ATTR_NEXT_HOP) {
      if (length !== 4) return void d.malformed('bgp', field, p + 2, `NEXT_HOP is 4 bytes, not ${length}`);
      nextHop = readIpv4(b, v);
    } else {
      asPath = [];
      if (length > 0) {
        if (b[v] !== AS_SEQUENCE) return void d.malformed('bgp', field, v, `segment type ${b[v]} is not AS_SEQUENCE (2), the only one modelled`);
        const count = b[v + 1] ?? 0;
        if (count === 0 || length !== 2 + count * 2) return void d.malformed('bgp', field, p + 2, `length ${length} is not one AS_SEQUENCE segment of 2-byte ASNs`);
        for (let i = 0; i < count; i++) {
          asPath.push(get16(b, v + 2 + i * 2));
          if (d.fields) d.span('bgp', `${field}.${i}`, 'AS', v + 2 + i * 2, v + 4 + i * 2);
        }
      }
    }
    if (d.fields) d.span('bgp', field, ATTR_LABELS[type]!, p, v + length);
    p = v + length;
  }
  const attributes: { origin?: number; asPath?: number[]; nextHop?: string } = {};
  if (origin !== undefined) attributes.origin = origin;
  if (asPath !== undefined) attributes.asPath = asPath;
  if (nextHop !== undefined) attributes.nextHop = nextHop;
  return attributes;
}
