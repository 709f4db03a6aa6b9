// The Internet checksum (RFC 1071) and its incremental update (RFC 1624), so a router or VFP that
// changes a field fixes the checksum the way real forwarding planes do, without summing the packet again.

/** Ones'-complement sum of bytes [start, end), folded to 16 bits, not inverted. */
export function onesSum(b: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  if (i < end) sum += b[i]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** Recomputes the IPv4 header checksum in place. */
export function fixIpv4Checksum(b: Uint8Array, ipOff: number): void {
  const ihl = (b[ipOff]! & 15) * 4;
  b[ipOff + 10] = 0;
  b[ipOff + 11] = 0;
  const c = ~onesSum(b, ipOff, ipOff + ihl) & 0xffff;
  b[ipOff + 10] = c >>> 8;
  b[ipOff + 11] = c & 255;
}

/** RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m') for one 16-bit word changing from m to m'. */
export function adjustChecksum(checksum: number, oldWord: number, newWord: number): number {
  let sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + newWord;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** Adjusts the 16-bit checksum stored at `at` for a 32-bit value changing from `oldV` to `newV`. */
export function adjustChecksum32(b: Uint8Array, at: number, oldV: number, newV: number): void {
  let c = (b[at]! << 8) | b[at + 1]!;
  c = adjustChecksum(c, oldV >>> 16, newV >>> 16);
  c = adjustChecksum(c, oldV & 0xffff, newV & 0xffff);
  b[at] = c >>> 8;
  b[at + 1] = c & 255;
}

/** Adjusts the checksum at `at` for a 16-bit value changing from `oldV` to `newV`. */
export function adjustChecksum16(b: Uint8Array, at: number, oldV: number, newV: number): void {
  const c = adjustChecksum((b[at]! << 8) | b[at + 1]!, oldV, newV);
  b[at] = c >>> 8;
  b[at + 1] = c & 255;
}
