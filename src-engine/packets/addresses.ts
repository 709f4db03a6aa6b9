// Dotted-quad and MAC text <-> numbers and bytes: the one place both the codecs and the simulator (through
// net/addr.ts) convert addresses. Not through ip-num, for speed: they run 8 times per VXLAN packet each
// way, and ip-num (BigInt, objects) is for validating topologies. Both directions cache: a simulation sees
// a few thousand addresses millions of times, and in the benchmark parsing cost 300 ns a packet against
// 95 ns for the Map lookups, while building strings was most of decode's garbage.
import type { Ipv4Address, MacAddress } from './layers';

const DEC: readonly string[] = Array.from({ length: 256 }, (_, i) => String(i));
const HEX_CODES: readonly number[] = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));

// Text -> value, for the encoders (what they see again and again), emptied when full so that an unusual run
// cannot grow it without bound: big enough for every address of a topology of thousands of VMs, since one
// that thrashes costs more than none. The values are small integers, which a Map holds inline: an address
// as a signed 32-bit integer, a MAC as an index into two arrays of 24-bit halves. (A number beyond 31 bits
// would be a separate heap object, one more memory access per lookup.)
const MAX_PARSED = 16384;
const parsedIps = new Map<string, number>();
const parsedMacs = new Map<string, number>();
const macHi = new Int32Array(MAX_PARSED);
const macLo = new Int32Array(MAX_PARSED);

// Value -> text: direct-mapped, a slot (from a hash of the address) remembers one address and its text.
const SLOT_BITS = 12;
const SLOTS = 1 << SLOT_BITS;
const ipKeys = new Float64Array(SLOTS).fill(-1);
const ipTexts: string[] = new Array<string>(SLOTS).fill('');
const macKeys = new Float64Array(SLOTS).fill(-1);
const macTexts: string[] = new Array<string>(SLOTS).fill('');

/** "192.168.100.2" -> 3232261122 (unsigned); -1 for anything but a dotted quad without leading zeros. */
export function parseIpv4(text: string): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      // A leading zero ("010") reads as octal in some tools: refuse it rather than guess.
      if (digits === 1 && octet === 0) return -1;
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46 && digits > 0 && parts < 3) {
      value = value * 256 + octet;
      parts++;
      octet = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  if (parts !== 3 || digits === 0) return -1;
  return value * 256 + octet;
}

/** 3232261122 -> "192.168.100.2", the same string object each time while the address stays cached. */
export function ipv4Text(value: number): Ipv4Address {
  const key = value >>> 0;
  const slot = Math.imul(key, 0x9e3779b1) >>> (32 - SLOT_BITS);
  if (ipKeys[slot] === key) return ipTexts[slot]!;
  const text = DEC[key >>> 24]! + '.' + DEC[(key >>> 16) & 255]! + '.' + DEC[(key >>> 8) & 255]! + '.' + DEC[key & 255]!;
  ipKeys[slot] = key;
  ipTexts[slot] = text;
  return text;
}

/** "192.168.100.2" as 4 bytes at `at`. Throws on anything else: bad text is the caller's bug, not wire data. */
export function writeIpv4(b: Uint8Array, at: number, text: string, what: string): void {
  let v = parsedIps.get(text);
  if (v === undefined) {
    v = parseIpv4(text);
    if (v < 0) badIpv4(text, what);
    if (parsedIps.size >= MAX_PARSED) parsedIps.clear();
    parsedIps.set(text, v | 0);
  }
  b[at] = v >>> 24;
  b[at + 1] = v >>> 16;
  b[at + 2] = v >>> 8;
  b[at + 3] = v;
}

/** The 4 bytes at `at` as "a.b.c.d". */
export function readIpv4(b: Uint8Array, at: number): Ipv4Address {
  return ipv4Text(((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0);
}

/** Where the MAC's halves are cached (parsing it first if need be); -1 when the text is not a MAC. */
function macIndex(text: string): number {
  const known = parsedMacs.get(text);
  if (known !== undefined) return known;
  const value = parseMac(text);
  if (value < 0) return -1;
  if (parsedMacs.size >= MAX_PARSED) parsedMacs.clear();
  const i = parsedMacs.size;
  const hi = (value / 0x1000000) | 0;
  macHi[i] = hi;
  macLo[i] = value - hi * 0x1000000;
  parsedMacs.set(text, i);
  return i;
}

/** "00:15:5d:c8:00:0a" (either case) -> the 48-bit number 0x00155dc8000a; -1 for anything else. */
export function parseMac(text: string): number {
  if (text.length !== 17) return -1;
  let value = 0;
  for (let i = 0; i < 6; i++) {
    const j = i * 3;
    const hi = hexValue(text.charCodeAt(j));
    const lo = hexValue(text.charCodeAt(j + 1));
    if (hi < 0 || lo < 0 || (i < 5 && text.charCodeAt(j + 2) !== 58)) return -1;
    value = value * 256 + ((hi << 4) | lo);
  }
  return value;
}

/** The 48-bit number 0x00155dc8000a -> "00:15:5d:c8:00:0a", lower case, cached like ipv4Text. */
export function macText(value: number): MacAddress {
  const hi = (value / 0x1000000) | 0;
  return macTextOf(hi, value - hi * 0x1000000); // not value % 2^24: on a double that is a call to fmod
}

/** The MAC whose first three bytes are `hi` and last three `lo`, as text. */
function macTextOf(hi: number, lo: number): MacAddress {
  const value = hi * 0x1000000 + lo;
  const slot = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b) >>> (32 - SLOT_BITS);
  if (macKeys[slot] === value) return macTexts[slot]!;
  const h = HEX_CODES;
  // One flat string from 17 char codes, rather than 11 concatenations.
  const text = String.fromCharCode(
    h[hi >>> 20]!, h[(hi >>> 16) & 15]!, 58, h[(hi >>> 12) & 15]!, h[(hi >>> 8) & 15]!, 58,
    h[(hi >>> 4) & 15]!, h[hi & 15]!, 58, h[lo >>> 20]!, h[(lo >>> 16) & 15]!, 58,
    h[(lo >>> 12) & 15]!, h[(lo >>> 8) & 15]!, 58, h[(lo >>> 4) & 15]!, h[lo & 15]!,
  );
  macKeys[slot] = value;
  macTexts[slot] = text;
  return text;
}

/** "00:15:5d:c8:00:0a" (either case) as 6 bytes at `at`. Throws on anything else. */
export function writeMac(b: Uint8Array, at: number, text: string, what: string): void {
  const i = macIndex(text);
  if (i < 0) badMac(text, what);
  const hi = macHi[i]!;
  const lo = macLo[i]!;
  b[at] = hi >>> 16;
  b[at + 1] = hi >>> 8;
  b[at + 2] = hi;
  b[at + 3] = lo >>> 16;
  b[at + 4] = lo >>> 8;
  b[at + 5] = lo;
}

/** The 6 bytes at `at` as "00:15:5d:c8:00:0a", lower case. */
export function readMac(b: Uint8Array, at: number): MacAddress {
  return macTextOf((b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!, (b[at + 3]! << 16) | (b[at + 4]! << 8) | b[at + 5]!);
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function badIpv4(text: string, what: string): never {
  throw new Error(`${what}: ${JSON.stringify(text)} is not a dotted-quad IPv4 address such as "192.168.100.2"`);
}

function badMac(text: string, what: string): never {
  throw new Error(`${what}: ${JSON.stringify(text)} is not a MAC address such as "00:15:5d:c8:00:0a"`);
}
