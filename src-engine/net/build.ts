// Small constructors for the typed headers devices put on the wire, with Windows defaults
// (TTL 128, DF set on TCP, window 64240, MSS 1460). Checksums and lengths are left for the encoder.
import type { EthernetLayer, Ipv4Layer, RawLayer, TcpFlags, TcpLayer, UdpLayer } from '../packets/layers';
import { ETHERTYPE_IPV4 } from '../packets/layers';

export const ZERO_MAC = '00:00:00:00:00:00';
export const DEFAULT_TTL = 128;

export function ethernet(src: string, dst: string = ZERO_MAC, etherType: number = ETHERTYPE_IPV4): EthernetLayer {
  return { type: 'ethernet', dst, src, etherType };
}

export function ipv4(src: string, dst: string, protocol: number, identification: number, ttl = DEFAULT_TTL, dontFragment = false): Ipv4Layer {
  return { type: 'ipv4', dscp: 0, ecn: 0, identification, dontFragment, moreFragments: false, fragmentOffset: 0, ttl, protocol, src, dst };
}

export const NO_FLAGS: TcpFlags = { fin: false, syn: false, rst: false, psh: false, ack: false, urg: false, ece: false, cwr: false };

/** A full set of TCP flags from the ones given. */
export function tcpFlags(set: Partial<TcpFlags>): TcpFlags {
  return { ...NO_FLAGS, ...set };
}

// The combinations devices send, made once: layers never change, so every segment can share them.
export const SYN = tcpFlags({ syn: true });
export const SYN_ACK = tcpFlags({ syn: true, ack: true });
export const ACK = tcpFlags({ ack: true });
export const PSH_ACK = tcpFlags({ ack: true, psh: true });
export const FIN_ACK = tcpFlags({ fin: true, ack: true });
export const RST = tcpFlags({ rst: true });
export const RST_ACK = tcpFlags({ rst: true, ack: true });

export function tcp(srcPort: number, dstPort: number, seq: number, ack: number, flags: TcpFlags, mss?: number): TcpLayer {
  return mss === undefined
    ? { type: 'tcp', srcPort, dstPort, seq: seq >>> 0, ack: ack >>> 0, flags, window: 64240, urgentPointer: 0 }
    : { type: 'tcp', srcPort, dstPort, seq: seq >>> 0, ack: ack >>> 0, flags, window: 64240, urgentPointer: 0, mss };
}

export function udp(srcPort: number, dstPort: number, checksum?: number): UdpLayer {
  return checksum === undefined ? { type: 'udp', srcPort, dstPort } : { type: 'udp', srcPort, dstPort, checksum };
}

/** Bytes a device already has (a stream's next segment, an inner frame), as the last layer of a packet. */
export function rawPayload(data: Uint8Array): RawLayer {
  return { type: 'raw', data };
}
