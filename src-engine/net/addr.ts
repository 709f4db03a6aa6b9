// Addresses as numbers for the per-packet paths (an IPv4 address is an unsigned 32-bit integer,
// a MAC a 48-bit integer in a double); text only at the edges. The text conversions are the codecs'
// own (packets/addresses.ts), under the names the devices use. Topologies are validated, prefixes
// included, through ip-num before they get here; what is left is arithmetic.
import { ipv4Text, macText, parseIpv4, parseMac } from '../packets/addresses';

/** "192.168.100.2" -> 3232261122; -1 when the text is not a dotted quad (leading zeros refused). */
export const ipToU32: (text: string) => number = parseIpv4;

/** 3232261122 -> "192.168.100.2" (cached: the same string object for a recent address). */
export const u32ToIp: (n: number) => string = ipv4Text;

/** "00:15:5d:c8:00:0a" -> 0x00155dc8000a; -1 when the text is not a MAC address. */
export const macToNum: (text: string) => number = parseMac;

/** 0x00155dc8000a -> "00:15:5d:c8:00:0a". */
export const numToMac: (n: number) => string = macText;

export const BROADCAST_MAC = 0xffffffffffff;

/** The network mask of a prefix length, as an unsigned integer. */
export function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

export interface Cidr {
  readonly network: number;
  readonly len: number;
}

/** "192.168.100.2/24" -> the network 192.168.100.0 and 24. Throws on text that is not address/length. */
export function parseCidr(text: string): Cidr {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? -1 : parseIpv4(text.slice(0, slash));
  const lenText = text.slice(slash + 1);
  const len = /^\d{1,2}$/.test(lenText) ? Number(lenText) : -1;
  if (addr < 0 || len < 0 || len > 32) throw new Error(`parseCidr: ${JSON.stringify(text)} is not an address with a prefix length, e.g. 192.168.100.2/24`);
  return { network: (addr & maskOf(len)) >>> 0, len };
}

export function cidrText(network: number, len: number): string {
  return `${u32ToIp(network)}/${len}`;
}

export function inPrefix(addr: number, network: number, len: number): boolean {
  return ((addr & maskOf(len)) >>> 0) === network;
}

/** Whether `prefix` (text such as 192.168.100.0/24) covers the address. */
export function inCidr(addr: number, prefix: string): boolean {
  const { network, len } = parseCidr(prefix);
  return inPrefix(addr, network, len);
}
