// Dotted-quad and MAC text <-> bytes, here rather than through ip-num for speed: they run 8 times per VXLAN
// packet each way, and ip-num (BigInt, objects) is for the project's prefix math, not per-packet work. Both
// directions cache: a simulation sees a few dozen addresses millions of times, and in the benchmark parsing
// cost 300 ns a packet against 95 ns for the Map lookups, while building strings was most of decode's garbage.
import type { Ipv4Address, MacAddress } from './layers';

const DEC: readonly string[] = Array.from({ length: 256 }, (_, i) => String(i));
const HEX_CODES: readonly number[] = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));

// Text -> value, emptied when full so that an unusual run cannot grow it without bound.
const MAX_PARSED = 4096;
const parsedIps = new Map<string, number>();
const parsedMacs = new Map<string, number>();

// Value -> text: direct-mapped, a slot (from a hash of the address) remembers one address and its text.
const SLOTS = 1024;
const ipKeys = new Float64Array(SLOTS).fill(-1);
const ipTexts: string[] = new Array<string>(SLOTS).fill('');
const macKeys = new Float64Array(SLOTS).fill(-1);
const macTexts: string[] = new Array<string>(SLOTS).fill('');

/** "192.168.100.2" as 4 bytes at `at`. Throws on anything else: bad text is the caller's bug, not wire data. */
export function writeIpv4(b: Uint8Array, at: number, text: string, what: string): void {
  const known = parsedIps.get(text);
  if (known !== undefined) {
    b[at] = known >>> 24;
    b[at + 1] = known >>> 16;
    b[at + 2] = known >>> 8;
    b[at + 3] = known;
    return;
  }
  parseIpv4(b, at, text, what);
  if (parsedIps.size >= MAX_PARSED) parsedIps.clear();
  parsedIps.set(text, ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0);
}

function parseIpv4(b: Uint8Array, at: number, text: string, what: string): void {
  let octet = 0;
  let digits = 0;
  let part = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      // A leading zero ("010") reads as octal in some tools: refuse it rather than guess.
      if (digits === 1 && octet === 0) return badIpv4(text, what);
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return badIpv4(text, what);
    } else if (c === 46 && digits > 0 && part < 3) {
      b[at + part++] = octet;
      octet = 0;
      digits = 0;
    } else {
      return badIpv4(text, what);
    }
  }
  if (part !== 3 || digits === 0) return badIpv4(text, what);
  b[at + 3] = octet;
}

/** The 4 bytes at `at` as "a.b.c.d". */
export function readIpv4(b: Uint8Array, at: number): Ipv4Address {
  const key = ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
  const slot = Math.imul(key, 0x9e3779b1) >>> 22;
  if (ipKeys[slot] === key) return ipTexts[slot]!;
  const text = DEC[b[at]!]! + '.' + DEC[b[at + 1]!]! + '.' + DEC[b[at + 2]!]! + '.' + DEC[b[at + 3]!]!;
  ipKeys[slot] = key;
  ipTexts[slot] = text;
  return text;
}

/** "00:15:5d:c8:00:0a" (either case) as 6 bytes at `at`. Throws on anything else. */
export function writeMac(b: Uint8Array, at: number, text: string, what: string): void {
  const known = parsedMacs.get(text);
  if (known !== undefined) {
    const hi = Math.floor(known / 0x1000000);
    b[at] = hi >>> 16;
    b[at + 1] = hi >>> 8;
    b[at + 2] = hi;
    b[at + 3] = known >>> 16;
    b[at + 4] = known >>> 8;
    b[at + 5] = known;
    return;
  }
  parseMac(b, at, text, what);
  if (parsedMacs.size >= MAX_PARSED) parsedMacs.clear();
  parsedMacs.set(text, ((b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!) * 0x1000000 + ((b[at + 3]! << 16) | (b[at + 4]! << 8) | b[at + 5]!));
}

function parseMac(b: Uint8Array, at: number, text: string, what: string): void {
  if (text.length !== 17) return badMac(text, what);
  for (let i = 0; i < 6; i++) {
    const j = i * 3;
    const hi = hexValue(text.charCodeAt(j));
    const lo = hexValue(text.charCodeAt(j + 1));
    if (hi < 0 || lo < 0 || (i < 5 && text.charCodeAt(j + 2) !== 58)) return badMac(text, what);
    b[at + i] = (hi << 4) | lo;
  }
}

/** The 6 bytes at `at` as "00:15:5d:c8:00:0a", lower case. */
export function readMac(b: Uint8Array, at: number): MacAddress {
  const hi = (b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!;
  const lo = (b[at + 3]! << 16) | (b[at + 4]! << 8) | b[at + 5]!;
  const key = hi * 0x1000000 + lo;
  const slot = Math.imul(hi ^ Math.imul(lo, 0x9e3779b1), 0x85ebca6b) >>> 22;
  if (macKeys[slot] === key) return macTexts[slot]!;
  const h = HEX_CODES;
  // One flat string from 17 char codes, rather than 11 concatenations.
  const text = String.fromCharCode(
    h[b[at]! >>> 4]!, h[b[at]! & 15]!, 58, h[b[at + 1]! >>> 4]!, h[b[at + 1]! & 15]!, 58,
    h[b[at + 2]! >>> 4]!, h[b[at + 2]! & 15]!, 58, h[b[at + 3]! >>> 4]!, h[b[at + 3]! & 15]!, 58,
    h[b[at + 4]! >>> 4]!, h[b[at + 4]! & 15]!, 58, h[b[at + 5]! >>> 4]!, h[b[at + 5]! & 15]!,
  );
  macKeys[slot] = key;
  macTexts[slot] = text;
  return text;
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
