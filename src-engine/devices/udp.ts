// UDP for one node: bound ports receive the decoded datagram's payload layers; a datagram to a port
// nobody bound is answered with ICMP port unreachable, as a Windows host does.
import type { Layer } from '../packets/layers';
import { IPPROTO_UDP } from '../packets/layers';
import { udp } from '../net/build';
import { decodePacket } from '../net/codec';
import { ETH_HLEN, ipHeaderLen, ipSrc, l4DstPort, l4SrcPort } from '../net/frame';
import { icmpError } from './icmp';
import type { IpStack } from './ipstack';

export interface Datagram {
  readonly src: number;
  readonly srcPort: number;
  readonly dstPort: number;
  /** The layers after the UDP header. */
  readonly payload: readonly Layer[];
  readonly bytes: Uint8Array;
  readonly tag: number;
}

export class UdpStack {
  /** Made by the first bind(): most nodes never bind a port. */
  private bound: Map<number, (d: Datagram) => void> | undefined;

  constructor(private readonly ip: IpStack) {
    ip.udp = (ifIndex, bytes, tag) => this.input(ifIndex, bytes, tag);
  }

  bind(port: number, handler: (d: Datagram) => void): void {
    (this.bound ??= new Map()).set(port, handler);
  }

  unbind(port: number): void {
    this.bound?.delete(port);
  }

  isBound(port: number): boolean {
    return this.bound?.has(port) ?? false;
  }

  send(dst: number, srcPort: number, dstPort: number, payload: readonly Layer[], tag: number, why: string): void {
    this.ip.originate(dst, IPPROTO_UDP, [udp(srcPort, dstPort), ...payload], tag, why);
  }

  private input(_ifIndex: number, bytes: Uint8Array, tag: number): void {
    const t = ETH_HLEN + ipHeaderLen(bytes, ETH_HLEN);
    const dstPort = l4DstPort(bytes, t);
    const handler = this.bound?.get(dstPort);
    if (!handler) {
      const me = this.ip.node.id;
      if (tag) this.ip.ctx.tracer.end(tag, 'no-listener', `nothing listens on UDP port ${dstPort} at ${me}`, bytes, `${me} answers with ICMP port unreachable.`);
      icmpError(this.ip, bytes, 'destination-unreachable', 3, this.ip.ctx.tracer.replyTag(tag));
      return;
    }
    const decoded = decodePacket(bytes);
    const layers = decoded.ok ? decoded.value.layers : [];
    const at = layers.findIndex((l) => l.type === 'udp');
    handler({ src: ipSrc(bytes, ETH_HLEN), srcPort: l4SrcPort(bytes, t), dstPort, payload: layers.slice(at + 1), bytes, tag });
  }
}
