// Small constructors for the typed headers devices put on the wire, with Windows defaults
// (TTL 128, DF set on TCP, window 64240, MSS 1460). Checksums and lengths are left for the encoder.
import type { EthernetLayer, Ipv4Layer, TcpFlags, TcpLayer, UdpLayer } from '../packets/layers';
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

export function tcp(srcPort: number, dstPort: number, seq: number, ack: number, flags: Partial<TcpFlags>, mss?: number): TcpLayer {
  const layer: TcpLayer = { type: 'tcp', srcPort, dstPort, seq: seq >>> 0, ack: ack >>> 0, flags: { ...NO_FLAGS, ...flags }, window: 64240, urgentPointer: 0 };
  return mss === undefined ? layer : { ...layer, mss };
}

export function udp(srcPort: number, dstPort: number, checksum?: number): UdpLayer {
  return checksum === undefined ? { type: 'udp', srcPort, dstPort } : { type: 'udp', srcPort, dstPort, checksum };
}
