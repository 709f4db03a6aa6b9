// Addresses as numbers for the per-packet paths (an IPv4 address is an unsigned 32-bit integer,
// a MAC a 48-bit integer in a double); text only at the edges. Prefix math at load goes through ip-num.
import { IPv4CidrRange } from 'ip-num';

/** "192.168.100.2" -> 3232261122; -1 when the text is not a dotted quad. */
export function ipToU32(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) return -1;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return -1;
    const v = Number(p);
    if (v > 255) return -1;
    n = n * 256 + v;
  }
  return n;
}

export function u32ToIp(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function macToNum(text: string): number {
  return parseInt(text.replace(/:/g, ''), 16);
}

export function numToMac(n: number): string {
  return n.toString(16).padStart(12, '0').replace(/(..)(?=.)/g, '$1:');
}

export const BROADCAST_MAC = 0xffffffffffff;

/** The network mask of a prefix length, as an unsigned integer. */
export function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

export interface Cidr {
  readonly network: number;
  readonly len: number;
}

/** "192.168.100.2/24" -> the network 192.168.100.0 and 24, through ip-num. */
export function parseCidr(text: string): Cidr {
  const range = IPv4CidrRange.fromCidr(text);
  return { network: Number(range.getFirst().getValue()), len: Number(range.getPrefix().getValue()) };
}

export function cidrText(network: number, len: number): string {
  return `${u32ToIp(network)}/${len}`;
}

export function inPrefix(addr: number, network: number, len: number): boolean {
  return ((addr & maskOf(len)) >>> 0) === network;
}
