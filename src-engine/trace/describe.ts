// One-line descriptions of frames for the event list, the transmission list and the pcapng comments:
// the view module's descriptors, read from the frame's bytes as the recorder keeps them.
import type { Protocol } from '../protocol';
import type { Layer } from '../packets/layers';
import { PORT_BGP } from '../packets/layers';
import { readIpv4, readMac } from '../packets/addresses';
import { decodeLayers } from '../view/frame';
import { arpSummary, frameProtocol, PROTOCOLS, tcpSegmentSummary } from '../view/protocols';

export { decodeLayers };

export interface FrameDescription {
  readonly protocol: Protocol;
  readonly summary: string;
}

export function describeFrame(bytes: Uint8Array): FrameDescription {
  return describePlain(bytes) ?? describeLayers(decodeLayers(bytes));
}

/** Protocol and summary of a decoded frame, describing the innermost interesting layer. */
export function describeLayers(layers: readonly Layer[]): FrameDescription {
  const protocol = frameProtocol(layers);
  return { protocol, summary: PROTOCOLS[protocol].summary(layers) };
}

/**
 * The description of the two commonest frames of a run, read from the bytes without decoding them into
 * layers: an untagged ARP packet, and an untagged, unfragmented IPv4 TCP segment without options in its
 * IP header, without payload and not to or from BGP's port. Most of a large run's frames are these (a
 * handshake's segments at each hop, the ARP that finds each hop), and decoding each into layers to write
 * one line cost the recorded run a fifth of its time. Each condition is one the decoder checks, so that
 * it would give these layers and the descriptors these words; anything else (undefined) is decoded.
 */
export function describePlain(b: Uint8Array): FrameDescription | undefined {
  const len = b.length;
  if (len < 14) return undefined;
  const etherType = (b[12]! << 8) | b[13]!;
  if (etherType === 0x0806) {
    // decodeArp: 28 bytes (more are the Ethernet trailer), 6-byte hardware and 4-byte protocol addresses.
    if (len < 42 || b[18] !== 6 || b[19] !== 4) return undefined;
    return { protocol: 'arp', summary: arpSummary((b[20]! << 8) | b[21]!, readIpv4(b, 28), readMac(b, 22), readIpv4(b, 38)) };
  }
  if (etherType !== 0x0800 || len < 34) return undefined;
  // decodeIpv4: version 4, a 20-byte header, a total length within the frame (the rest is trailer), the
  // reserved flag clear and no fragment; protocol TCP.
  const ip = 14;
  if (b[ip] !== 0x45) return undefined;
  const total = (b[ip + 2]! << 8) | b[ip + 3]!;
  if (total < 20 || total > len - ip) return undefined;
  if (((b[ip + 6]! << 8) | b[ip + 7]!) & 0xbfff) return undefined; // reserved flag, more fragments, offset
  if (b[ip + 9] !== 6) return undefined;
  // decodeTcp: a header of at least 20 bytes that ends where the packet does (no payload), reserved bits clear.
  const t = ip + 20;
  const end = ip + total;
  if (end - t < 20) return undefined;
  const offsetByte = b[t + 12]!;
  if ((offsetByte & 0x0f) !== 0 || (offsetByte >>> 4) * 4 < 20 || t + (offsetByte >>> 4) * 4 !== end) return undefined;
  const srcPort = (b[t]! << 8) | b[t + 1]!;
  const dstPort = (b[t + 2]! << 8) | b[t + 3]!;
  // The BGP descriptor claims a segment to or from 179 first; TLS claims one to or from 443 only with payload.
  if (srcPort === PORT_BGP || dstPort === PORT_BGP) return undefined;
  return { protocol: 'tcp', summary: tcpSegmentSummary(readIpv4(b, ip + 12), srcPort, readIpv4(b, ip + 16), dstPort, b[t + 13]!, b[ip + 8]!) };
}
