// The outer UDP source port of a VXLAN packet: a hash of the inner flow, so one flow always takes one path
// through ECMP underlays while different flows spread (RFC 7348 5, "recommended ... 49152-65535").
import { get16 } from './bytes';
import { ETHERTYPE_IPV4, ETHERTYPE_VLAN, IPPROTO_TCP, IPPROTO_UDP } from './layers';

const PORT_MIN = 49152;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * From an unsigned 32-bit flow hash, or from the inner Ethernet frame itself (then hashed with
 * innerFlowHash). Maps like Linux's udp_flow_src_port: min + ((hash * range) >> 32), i.e. the high 14 bits.
 */
export function vxlanSourcePort(flow: number | Uint8Array): number {
  const hash = typeof flow === 'number' ? flow : innerFlowHash(flow);
  if (hash >>> 0 !== hash) throw new Error(`vxlanSourcePort: ${hash} is not an unsigned 32-bit flow hash`);
  return PORT_MIN + (hash >>> 18);
}

/**
 * FNV-1a over the inner frame's flow key: for IPv4, source and destination address and protocol, plus the
 * ports of an unfragmented TCP or UDP packet; otherwise the two MAC addresses and the EtherType.
 */
export function innerFlowHash(frame: Uint8Array): number {
  let l3 = 14;
  let etherType = frame.length >= 14 ? get16(frame, 12) : -1;
  if (etherType === ETHERTYPE_VLAN && frame.length >= 18) {
    etherType = get16(frame, 16);
    l3 = 18;
  }
  if (etherType !== ETHERTYPE_IPV4 || frame.length < l3 + 20) return fnv(frame, 0, Math.min(frame.length, 14), FNV_OFFSET);
  let h = fnv(frame, l3 + 12, l3 + 20, FNV_OFFSET); // addresses
  const protocol = frame[l3 + 9]!;
  h = Math.imul(h ^ protocol, FNV_PRIME);
  const l4 = l3 + (frame[l3]! & 15) * 4;
  const fragment = (get16(frame, l3 + 6) & 0x3fff) !== 0;
  if ((protocol === IPPROTO_TCP || protocol === IPPROTO_UDP) && !fragment && frame.length >= l4 + 4) h = fnv(frame, l4, l4 + 4, h);
  return h >>> 0;
}

function fnv(b: Uint8Array, start: number, end: number, h: number): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, FNV_PRIME);
  return h;
}
