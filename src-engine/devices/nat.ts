// RRAS NAT (NAPT) on NATVM: only packets leaving by the outside interface from another interface are
// translated (source -> the outside address and a mapped port); answers arriving on the outside
// address are translated back. Inside-to-inside traffic is routed unchanged.
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP } from '../packets/layers';
import { u32ToIp } from '../net/addr';
import { endpoint } from '../view/ids';
import { ETH_HLEN, ipDst, ipHeaderLen, ipProto, ipSrc, setU16, setU32, u16 } from '../net/frame';
import { adjustChecksum16, adjustChecksum32, copyBytes, fixIpv4Checksum } from '../net/codec';
import { FlowMap } from '../net/flowMap';
import type { HopStep } from '../protocol';
import type { Ctx } from './context';
import type { Iface } from './iface';

interface Mapping {
  readonly insideIp: number;
  readonly insidePort: number;
}

/** A translated packet, and what changed in it (for the trace). */
export interface NatTranslation {
  readonly bytes: Uint8Array;
  readonly direction: 'out' | 'in';
  readonly fromIp: number;
  readonly fromPort: number;
  readonly toIp: number;
  readonly toPort: number;
}

export class Nat {
  /** Mapped port by (inside address, inside port, protocol). */
  private readonly outbound = new FlowMap<number>();
  /** Inside address and port by protocol * 65536 + mapped port. */
  private readonly inbound = new Map<number, Mapping>();
  private nextPort = 61000;

  readonly outsideIndex: number;
  private readonly outsideIp: number;

  constructor(
    /** The node that translates, and its clock and recorder (for the mapping table's history). */
    private readonly node: string,
    private readonly ctx: Pick<Ctx, 'sched' | 'rec'>,
    outside: Pick<Iface, 'index' | 'ip'>,
  ) {
    this.outsideIndex = outside.index;
    this.outsideIp = outside.ip;
  }

  /** Inside -> outside: rewrite the source. Returns the translated copy, or undefined to drop. */
  translateOut(bytes: Uint8Array): NatTranslation | undefined {
    const o = ETH_HLEN;
    const proto = ipProto(bytes, o);
    const t = o + ipHeaderLen(bytes, o);
    const portAt = portOffset(proto, t, 'src');
    if (portAt < 0) return undefined;
    const src = ipSrc(bytes, o);
    const port = u16(bytes, portAt);
    let mapped = this.outbound.get(src, port, proto);
    if (mapped === undefined) {
      mapped = this.nextPort++;
      this.outbound.set(src, port, proto, 0, mapped);
      this.inbound.set(proto * 65536 + mapped, { insideIp: src, insidePort: port });
      const { rec } = this.ctx;
      if (rec.full) {
        rec.table(this.node, 'nat', `${proto}|${src}:${port}`, {
          cells: { protocol: protoName(proto), inside: `${u32ToIp(src)}:${port}`, outside: `${u32ToIp(this.outsideIp)}:${mapped}`, remote: u32ToIp(ipDst(bytes, o)), created: String(this.ctx.sched.now) },
        });
      }
    }
    const out = copyBytes(bytes);
    rewrite(out, proto, t, 'src', this.outsideIp, mapped);
    return { bytes: out, direction: 'out', fromIp: src, fromPort: port, toIp: this.outsideIp, toPort: mapped };
  }

  /** Outside -> inside: an answer to a mapping gets its destination restored. */
  translateIn(bytes: Uint8Array): NatTranslation | undefined {
    const o = ETH_HLEN;
    const proto = ipProto(bytes, o);
    const t = o + ipHeaderLen(bytes, o);
    const portAt = portOffset(proto, t, 'dst');
    if (portAt < 0) return undefined;
    const port = u16(bytes, portAt);
    const m = this.inbound.get(proto * 65536 + port);
    if (!m) return undefined;
    const out = copyBytes(bytes);
    rewrite(out, proto, t, 'dst', m.insideIp, m.insidePort);
    return { bytes: out, direction: 'in', fromIp: this.outsideIp, fromPort: port, toIp: m.insideIp, toPort: m.insidePort };
  }
}

/** The trace's rewrite step of a translation. */
export function natStep(t: NatTranslation): HopStep {
  const before = endpoint(u32ToIp(t.fromIp), t.fromPort);
  const after = endpoint(u32ToIp(t.toIp), t.toPort);
  return t.direction === 'out'
    ? { kind: 'rewrite', by: 'nat', field: 'ipv4.src', before, after, text: `NAPT: the packet leaves by the outside interface, so its source ${before} becomes ${after}` }
    : { kind: 'rewrite', by: 'nat', field: 'ipv4.dst', before, after, text: `NAPT: the answer to mapping ${t.fromPort} goes back to ${after}` };
}

function protoName(p: number): string {
  return p === IPPROTO_TCP ? 'TCP' : p === IPPROTO_UDP ? 'UDP' : 'ICMP';
}

/** Where the port (or the ICMP echo identifier, which NAPT maps like a port) sits; -1 if none. */
function portOffset(proto: number, t: number, which: 'src' | 'dst'): number {
  if (proto === IPPROTO_TCP || proto === IPPROTO_UDP) return t + (which === 'src' ? 0 : 2);
  if (proto === IPPROTO_ICMP) return t + 4;
  return -1;
}

function rewrite(b: Uint8Array, proto: number, t: number, which: 'src' | 'dst', ip: number, port: number): void {
  const ipAt = ETH_HLEN + (which === 'src' ? 12 : 16);
  const portAt = portOffset(proto, t, which);
  const oldIp = ((b[ipAt]! << 24) | (b[ipAt + 1]! << 16) | (b[ipAt + 2]! << 8) | b[ipAt + 3]!) >>> 0;
  const oldPort = u16(b, portAt);
  setU32(b, ipAt, ip);
  setU16(b, portAt, port);
  fixIpv4Checksum(b, ETH_HLEN);
  if (proto === IPPROTO_ICMP) {
    adjustChecksum16(b, t + 2, oldPort, port);
    return;
  }
  const csAt = t + (proto === IPPROTO_TCP ? 16 : 6);
  if (proto === IPPROTO_UDP && u16(b, csAt) === 0) return;
  adjustChecksum32(b, csAt, oldIp, ip);
  adjustChecksum16(b, csAt, oldPort, port);
}
