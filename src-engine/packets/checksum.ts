// The Internet checksum (RFC 1071), shared by IPv4, ICMP, UDP and TCP.

/** Ones'-complement sum of the 16-bit words in [start, end), an odd last byte padded with zero; not folded. */
export function sumWords(b: Uint8Array, start: number, end: number, initial: number): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  if (i < end) sum += b[i]! << 8;
  return sum;
}

/** Folds a sum of 16-bit words to 16 bits and inverts it: the value to store in the checksum field. */
export function finishChecksum(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return ~sum & 0xffff;
}

/** Sum of the IPv4 pseudo-header (RFC 768, RFC 793) for a segment, the addresses read from the IPv4 header at `ip`. */
export function sumPseudoHeader(b: Uint8Array, ip: number, protocol: number, length: number): number {
  return sumWords(b, ip + 12, ip + 20, protocol + length);
}
