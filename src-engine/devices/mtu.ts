// A packet larger than the MTU of the link it must leave by, and what each kind of device does with it:
// a router drops a packet marked Don't Fragment and tells the sender the next hop's MTU (ICMP destination
// unreachable, code 4, RFC 1191 4 and RFC 1812 5.2.7.1), which is how Path MTU Discovery learns; a VXLAN
// tunnel endpoint that cannot fit its encapsulated packet drops it (it must not fragment, RFC 7348 4.3),
// and the sender learns nothing: a black hole its TCP can only retransmit into.
import { u32ToIp } from '../net/addr';
import { ETH_HLEN, ipDst, ipSrc, ipTotalLen } from '../net/frame';
import type { Outcome } from './ipExplain';

/** Outer IPv4 (20) + UDP (8) + VXLAN (8) + the inner frame's Ethernet header (14) (RFC 7348 5). */
export const VXLAN_OVERHEAD = 50;

/** ICMP destination unreachable code 4: fragmentation needed and DF set. */
export const FRAGMENTATION_NEEDED = 4;

/** True when the IPv4 packet in `frame` says Don't Fragment. */
export const dontFragment = (frame: Uint8Array): boolean => (frame[ETH_HLEN + 6]! & 0x40) !== 0;

/** The IPv4 packet's size in `frame` (its total length). */
export const packetSize = (frame: Uint8Array): number => ipTotalLen(frame, ETH_HLEN);

/** The MUX's encapsulated packet does not fit the PA network's MTU. */
export function tooBigForTunnel(me: string, inner: Uint8Array, size: number, mtu: number, network: string): Outcome {
  const innerSize = packetSize(inner);
  const src = u32ToIp(ipSrc(inner, ETH_HLEN));
  const reason = `${me} cannot send the ${innerSize}-byte packet through VXLAN: with the ${VXLAN_OVERHEAD} bytes of encapsulation it is ${size} bytes, more than the ${mtu}-byte MTU of the ${network} network`;
  return {
    disposition: 'too-big',
    reason,
    why:
      `${me} wraps the ${innerSize}-byte packet from ${src} in VXLAN: outer IPv4 (20), UDP (8) and VXLAN (8) headers plus the inner Ethernet header (14) add ${VXLAN_OVERHEAD} bytes, making ${size}, ` +
      `but the ${network} network's MTU is ${mtu}. A VXLAN endpoint must not fragment (RFC 7348 4.3) and the inner packet says Don't Fragment, so ${me} drops it. ` +
      `No router sees the packet too big for its next hop, so no ICMP "fragmentation needed" goes back: ${src} learns nothing, and its TCP can only send the same full-size segment again into the same drop (a Path MTU black hole). ` +
      `This is why Microsoft's SDN wants 160 bytes of room for encapsulation on the PA network (EncapOverhead 160, or JumboPacket 1674: SdnDiagnostics' Test-SdnEncapOverhead).`,
    event: { summary: `${me} drops a ${size}-byte VXLAN packet (a ${innerSize}-byte packet from ${src} plus ${VXLAN_OVERHEAD} bytes of encapsulation): the ${network} network's MTU is ${mtu}`, reason: 'too-big' },
  };
}

/** A router's next hop cannot carry the packet. */
export function tooBigAtRouter(me: string, frame: Uint8Array, mtu: number, egress: string): Outcome {
  const size = packetSize(frame);
  const src = u32ToIp(ipSrc(frame, ETH_HLEN));
  const dst = u32ToIp(ipDst(frame, ETH_HLEN));
  const df = dontFragment(frame);
  return {
    disposition: 'too-big',
    reason: `${me} cannot forward the ${size}-byte packet out of ${egress}: its MTU is ${mtu}${df ? ' and the packet says Don\'t Fragment' : ''}`,
    why: df
      ? `The packet ${src} -> ${dst} is ${size} bytes, more than the ${mtu}-byte MTU of ${me}'s ${egress}, and it says Don't Fragment. ${me} drops it and sends ${src} an ICMP destination unreachable, code 4 (fragmentation needed), with the next hop's MTU ${mtu} (RFC 1191), so the sender can send smaller packets (Path MTU Discovery).`
      : `The packet ${src} -> ${dst} is ${size} bytes, more than the ${mtu}-byte MTU of ${me}'s ${egress}. A router would cut it into fragments; Hoplab does not model fragmentation, so the packet is dropped here.`,
    event: { summary: `${me} drops a ${size}-byte packet ${src} -> ${dst}: ${egress}'s MTU is ${mtu}${df ? '; ICMP fragmentation needed goes back' : ''}`, reason: 'too-big' },
  };
}
