// BGP prefixes (RFC 4271 4.3): a length in bits, then only the bytes that length needs ("192.168.133.74/32" is
// 5 bytes, "10.0.0.0/8" 2). Host bits must be zero, or the text form and the bytes would disagree.
import { readIpv4, writeIpv4 } from './addresses';
import { reserve, type Writer } from './writer';

const scratch = new Uint8Array(4);

export function writePrefix(w: Writer, text: string, what: string): void {
  const slash = text.indexOf('/');
  const lengthText = text.slice(slash + 1);
  const bits = Number(lengthText);
  if (slash < 0 || !/^\d{1,2}$/.test(lengthText) || bits > 32) {
    throw new Error(`${what}: ${JSON.stringify(text)} is not an IPv4 prefix such as "192.168.133.74/32"`);
  }
  writeIpv4(scratch, 0, text.slice(0, slash), what);
  const bytes = (bits + 7) >>> 3;
  if (hostBits(scratch, 0, bits)) throw new Error(`${what}: ${JSON.stringify(text)} has bits set beyond its /${bits}; write the network address`);
  const b = reserve(w, 1 + bytes);
  b[w.pos] = bits;
  for (let i = 0; i < bytes; i++) b[w.pos + 1 + i] = scratch[i]!;
  w.pos += 1 + bytes;
}

export type PrefixRead = { ok: true; text: string; next: number } | { ok: false; code: 'truncated' | 'malformed'; problem: string };

/** Reads the prefix at `at`, which must end by `end`. */
export function readPrefix(b: Uint8Array, at: number, end: number): PrefixRead {
  if (at >= end) return { ok: false, code: 'truncated', problem: 'the prefix length is missing' };
  const bits = b[at]!;
  if (bits > 32) return { ok: false, code: 'malformed', problem: `prefix length ${bits} is more than 32` };
  const bytes = (bits + 7) >>> 3;
  if (at + 1 + bytes > end) return { ok: false, code: 'truncated', problem: `a /${bits} prefix needs ${bytes} address bytes` };
  scratch.fill(0);
  for (let i = 0; i < bytes; i++) scratch[i] = b[at + 1 + i]!;
  if (hostBits(scratch, 0, bits)) return { ok: false, code: 'malformed', problem: `the prefix has bits set beyond its /${bits}` };
  return { ok: true, text: `${readIpv4(scratch, 0)}/${bits}`, next: at + 1 + bytes };
}

/** Whether any bit after the first `bits` of the 4 bytes at `at` is set. */
function hostBits(a: Uint8Array, at: number, bits: number): boolean {
  for (let i = 0; i < 4; i++) {
    const keep = Math.min(8, Math.max(0, bits - i * 8));
    if (a[at + i]! & (0xff >>> keep)) return true;
  }
  return false;
}
