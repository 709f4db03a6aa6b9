// The deterministic 5-tuple hash used wherever a device spreads flows: the MUX picking a DIP,
// BGPVM picking among equal-cost routes. A per-device salt keeps the two choices independent.

/** FNV-1a over (src, dst, protocol, srcPort, dstPort, salt): a 32-bit unsigned result. */
export function flowHash(src: number, dst: number, protocol: number, srcPort: number, dstPort: number, salt = 0): number {
  let h = 0x811c9dc5 ^ salt;
  h = mix(h, src);
  h = mix(h, dst);
  h = mix(h, (protocol << 16) | 0);
  h = mix(h, ((srcPort & 0xffff) << 16) | (dstPort & 0xffff));
  return h >>> 0;
}

function mix(h: number, word: number): number {
  h = Math.imul(h ^ (word & 255), 0x01000193);
  h = Math.imul(h ^ ((word >>> 8) & 255), 0x01000193);
  h = Math.imul(h ^ ((word >>> 16) & 255), 0x01000193);
  return Math.imul(h ^ (word >>> 24), 0x01000193);
}
