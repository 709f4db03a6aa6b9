// VXLAN (RFC 7348): 8 bytes, the I flag, a 24-bit VNI, an Ethernet frame after it. The reserved bytes must be
// zero (RFC 7348 5); extensions that use them (GBP, GPE) are not modelled.
import { checkUint } from './bytes';
import { addFixedSpans, type Decoder, failShort, type FixedField } from './decoder';
import type { VxlanLayer } from './layers';
import { reserve, type Writer } from './writer';

const LENGTH = 8;

const FIELDS: readonly FixedField[] = [
  { field: 'flags', label: 'Flags', start: 0, end: 1 },
  { field: 'reserved1', label: 'Reserved', start: 1, end: 4 },
  { field: 'vni', label: 'VXLAN network identifier (VNI)', start: 4, end: 7 },
  { field: 'reserved2', label: 'Reserved', start: 7, end: 8 },
];

export function encodeVxlan(w: Writer, l: VxlanLayer): void {
  const b = reserve(w, LENGTH);
  const p = w.pos;
  checkUint(l.flags, 255, 'vxlan.flags');
  checkUint(l.vni, 0xffffff, 'vxlan.vni');
  b[p] = l.flags;
  b[p + 1] = 0;
  b[p + 2] = 0;
  b[p + 3] = 0;
  b[p + 4] = l.vni >>> 16;
  b[p + 5] = l.vni >>> 8;
  b[p + 6] = l.vni;
  b[p + 7] = 0;
  w.pos = p + LENGTH;
}

export function decodeVxlan(d: Decoder, at: number, end: number): number {
  const b = d.bytes;
  if (end - at < LENGTH) return failShort(d, 'vxlan', FIELDS, at, end);
  if (b[at + 1]! | b[at + 2]! | b[at + 3]!) return d.malformed('vxlan', 'reserved1', at + 1, 'reserved bytes are not zero (VXLAN-GBP and VXLAN-GPE are not modelled)');
  if (b[at + 7]) return d.malformed('vxlan', 'reserved2', at + 7, 'the reserved byte is not zero');
  const layer: VxlanLayer = { type: 'vxlan', flags: b[at]!, vni: (b[at + 4]! << 16) | (b[at + 5]! << 8) | b[at + 6]! };
  if (d.fields) addFixedSpans(d, 'vxlan', FIELDS, at);
  d.push(layer, at, at + LENGTH);
  d.next = 'ethernet';
  d.end = end;
  return at + LENGTH;
}
