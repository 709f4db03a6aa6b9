// Reading and writing header fields straight from frame bytes, as a switch or router does: the
// per-packet paths never build objects. Frames here are untagged Ethernet II (VM ports are access
// ports); a tagged frame is still read correctly through `l3Offset`.

export const ETH_HLEN = 14;

export function u16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

export function u32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

export function setU16(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 8) & 255;
  b[at + 1] = v & 255;
}

export function setU32(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 24) & 255;
  b[at + 1] = (v >>> 16) & 255;
  b[at + 2] = (v >>> 8) & 255;
  b[at + 3] = v & 255;
}

/** A 48-bit MAC read as a number. */
export function mac48(b: Uint8Array, at: number): number {
  return ((b[at]! << 8) | b[at + 1]!) * 0x100000000 + u32(b, at + 2);
}

export function setMac48(b: Uint8Array, at: number, mac: number): void {
  const hi = Math.floor(mac / 0x100000000);
  setU16(b, at, hi);
  setU32(b, at + 2, mac >>> 0);
}

export const ethDst = (b: Uint8Array): number => mac48(b, 0);
export const ethSrc = (b: Uint8Array): number => mac48(b, 6);

/** The EtherType after any 802.1Q tag. */
export function etherType(b: Uint8Array): number {
  const t = u16(b, 12);
  return t === 0x8100 ? u16(b, 16) : t;
}

export function l3Offset(b: Uint8Array): number {
  return u16(b, 12) === 0x8100 ? 18 : ETH_HLEN;
}

// IPv4, at offset `o` (the start of the IP header).
export const ipHeaderLen = (b: Uint8Array, o: number): number => (b[o]! & 15) * 4;
export const ipTotalLen = (b: Uint8Array, o: number): number => u16(b, o + 2);
export const ipTtl = (b: Uint8Array, o: number): number => b[o + 8]!;
export const ipProto = (b: Uint8Array, o: number): number => b[o + 9]!;
export const ipSrc = (b: Uint8Array, o: number): number => u32(b, o + 12);
export const ipDst = (b: Uint8Array, o: number): number => u32(b, o + 16);

/** Source and destination ports of TCP or UDP at the transport offset. */
export const l4SrcPort = (b: Uint8Array, t: number): number => u16(b, t);
export const l4DstPort = (b: Uint8Array, t: number): number => u16(b, t + 2);

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;
export const tcpFlags = (b: Uint8Array, t: number): number => b[t + 13]!;
export const tcpSeq = (b: Uint8Array, t: number): number => u32(b, t + 4);
export const tcpAck = (b: Uint8Array, t: number): number => u32(b, t + 8);
export const tcpHeaderLen = (b: Uint8Array, t: number): number => (b[t + 12]! >>> 4) * 4;

/** The MSS a SYN or SYN-ACK announces (its options' kind 2), or 536 when it announces none (RFC 9293 3.7.1). */
export function tcpMss(b: Uint8Array, t: number): number {
  const end = t + tcpHeaderLen(b, t);
  let p = t + 20;
  while (p < end) {
    const kind = b[p]!;
    if (kind === 0) break;
    if (kind === 1) {
      p++;
      continue;
    }
    const len = b[p + 1]!;
    if (kind === 2 && len === 4 && p + 4 <= end) return u16(b, p + 2);
    if (len < 2) break;
    p += len;
  }
  return 536;
}
