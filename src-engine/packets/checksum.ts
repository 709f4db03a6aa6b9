// The Internet checksum (RFC 1071), shared by the codecs (IPv4, ICMP, UDP, TCP) and the devices, and its
// incremental update (RFC 1624), so that a router, NAT or VFP that changes one field fixes the checksum
// the way real forwarding planes do, without summing the packet again.

/** Ones'-complement sum of the 16-bit words in [start, end), an odd last byte padded with zero; not folded. */
export function sumWords(b: Uint8Array, start: number, end: number, initial: number): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  if (i < end) sum += b[i]! << 8;
  return sum;
}

/** A sum of 16-bit words folded to 16 bits (end-around carry), not inverted. */
export function foldSum(sum: number): number {
  while (sum > 0xffffffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000); // only for sums over 128 KiB of data
  sum = (sum & 0xffff) + (sum >>> 16);
  return (sum & 0xffff) + (sum >>> 16);
}

/** Folds a sum of 16-bit words to 16 bits and inverts it: the value to store in the checksum field. */
export function finishChecksum(sum: number): number {
  return ~foldSum(sum) & 0xffff;
}

/** The folded sum of [start, end): 0xffff over a header or segment whose checksum is right. */
export function onesSum(b: Uint8Array, start: number, end: number, initial = 0): number {
  return foldSum(sumWords(b, start, end, initial));
}

/** Sum of the IPv4 pseudo-header (RFC 768, RFC 793) for a segment, the addresses read from the IPv4 header at `ip`. */
export function sumPseudoHeader(b: Uint8Array, ip: number, protocol: number, length: number): number {
  return sumWords(b, ip + 12, ip + 20, protocol + length);
}

/** Recomputes in place the header checksum of the IPv4 header at `ip`. */
export function fixIpv4Checksum(b: Uint8Array, ip: number): void {
  b[ip + 10] = 0;
  b[ip + 11] = 0;
  const c = finishChecksum(sumWords(b, ip, ip + (b[ip]! & 15) * 4, 0));
  b[ip + 10] = c >>> 8;
  b[ip + 11] = c & 255;
}

/** RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m') for one 16-bit word changing from m to m'. */
export function adjustChecksum(checksum: number, oldWord: number, newWord: number): number {
  return ~foldSum((~checksum & 0xffff) + (~oldWord & 0xffff) + newWord) & 0xffff;
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
