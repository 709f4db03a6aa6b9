// The Virtual Filtering Platform in the host's switch, for the SLB: VXLAN from a MUX to the host's
// PA is decapsulated here and its destination rewritten VIP -> DIP; the flow is remembered so that
// the DIP's answer, leaving its port, gets its source rewritten DIP -> VIP (Direct Server Return:
// the answer goes straight to its gateway, never back through the MUX). Checksums are fixed
// incrementally after each rewrite.
import { numToMac, u32ToIp } from '../net/addr';
import { endpoint } from '../view/ids';
import { ETH_HLEN, etherType, ipDst, ipHeaderLen, ipProto, ipSrc, l4DstPort, l4SrcPort, mac48, setU16, setU32, u16, u32, setMac48, tcpFlags, TCP_SYN, TCP_ACK } from '../net/frame';
import { IPPROTO_TCP, IPPROTO_UDP, PORT_VXLAN } from '../packets/layers';
import { adjustChecksum16, adjustChecksum32, copyBytes, fixIpv4Checksum } from '../net/codec';
import { FlowMap } from '../net/flowMap';
import type { Ctx } from './context';
import type { Port } from './vswitch';
import type { Note } from '../view/notes';

export interface VfpDip {
  readonly ip: number;
  readonly port: number;
  readonly mac: number;
  readonly portIndex: number;
}

export interface VfpRule {
  readonly name: string;
  readonly vip: number;
  readonly protocol: number;
  readonly port: number;
  readonly dips: readonly VfpDip[];
}

/** An outbound NAT rule as VFP applies it on this host: its DIPs here, the VIP and the VIP's port range. */
export interface VfpOutboundRule {
  readonly name: string;
  readonly vip: number;
  readonly first: number;
  readonly last: number;
  readonly dips: readonly { readonly ip: number; readonly portIndex: number; readonly network: number; readonly len: number }[];
}

export interface VfpConfig {
  readonly host: string;
  readonly paIp: number;
  readonly paPortIndex: number;
  readonly vni: number;
  readonly rules: readonly VfpRule[];
  readonly outbound?: readonly VfpOutboundRule[];
}

/** A DIP's connection to the outside, translated: its VIP side and where answers go back to. */
interface Snat {
  readonly rule: VfpOutboundRule;
  readonly vip: number;
  readonly vipPort: number;
  readonly dip: number;
  readonly dipPort: number;
  readonly portIndex: number;
  /** The DIP's MAC, from its first packet: what the answer's inner frame must carry to reach its NIC. */
  readonly mac: number;
}

const IPPROTO_ICMP = 1;
const PROTO_TEXT: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP' };

interface Flow {
  readonly vip: number;
  readonly vipPort: number;
}

/** The flow's row key in the table history (text for people; lookups use the numbers). */
const flowKey = (proto: number, a: number, ap: number, b: number, bp: number): string => `${proto}|${a}:${ap}|${b}:${bp}`;

export class Vfp {
  /** Keyed by the DIP's answer direction: (DIP, client, DIP port * 65536 + client port, protocol). */
  private readonly flows = new FlowMap<Flow>();
  private readonly dipPorts: Set<number>;
  /** Rules by VIP: hundreds of VIPs, a handful of rules each, looked up for every packet. */
  private readonly byVip = new Map<number, VfpRule[]>();
  /** Outbound NAT: by (DIP, remote, DIP port * 65536 + remote port, protocol), and back by protocol|VIP|port. */
  private readonly snatOut = new FlowMap<Snat>();
  private readonly snatBack = new Map<string, Snat>();
  private readonly nextSnatPort = new Map<VfpOutboundRule, number>();
  private readonly outboundByDip = new Map<number, VfpOutboundRule>();
  private readonly vips = new Set<number>();

  constructor(
    private readonly ctx: Ctx,
    private readonly switchId: string,
    private readonly cfg: VfpConfig,
  ) {
    this.dipPorts = new Set([...cfg.rules.flatMap((r) => r.dips.map((d) => d.portIndex)), ...(cfg.outbound ?? []).flatMap((r) => r.dips.map((d) => d.portIndex))]);
    for (const r of cfg.rules) this.byVip.set(r.vip, [...(this.byVip.get(r.vip) ?? []), r]);
    for (const r of cfg.outbound ?? []) for (const d of r.dips) this.outboundByDip.set(d.ip, r);
    for (const r of [...cfg.rules, ...(cfg.outbound ?? [])]) this.vips.add(r.vip);
  }

  isPaPort(port: Port): boolean {
    return port.index === this.cfg.paPortIndex;
  }

  /** The switch port of the host's PA, by index: where every frame to the host PA, forwarded or flooded, meets VFP. */
  get paPortIndex(): number {
    return this.cfg.paPortIndex;
  }

  /** Inbound: VXLAN to the host PA is decapsulated and delivered to the DIP's port. */
  decap(port: Port, bytes: Uint8Array, tag: number): { port: number; bytes: Uint8Array; why: Note } | 'drop' | undefined {
    if (etherType(bytes) !== 0x0800) return undefined;
    const o = ETH_HLEN;
    if (ipProto(bytes, o) !== IPPROTO_UDP || ipDst(bytes, o) !== this.cfg.paIp) return undefined;
    const t = o + ipHeaderLen(bytes, o);
    if (l4DstPort(bytes, t) !== PORT_VXLAN) return undefined;
    const { tracer, rec } = this.ctx;
    const vni = u32(bytes, t + 12) >>> 8;
    // RFC 7348: the I flag says the VNI field is valid; without it the frame names no virtual network at all.
    const valid = (bytes[t + 8]! & 0x08) !== 0;
    if (!valid || vni !== this.cfg.vni) {
      if (tag) {
        if (valid) tracer.end(tag, 'no-route', `VFP on ${port.id} has no virtual network with VNI ${vni}`, bytes, 'VFP drops VXLAN for an unknown virtual network.');
        else tracer.end(tag, 'no-route', `VFP on ${port.id} drops VXLAN whose I flag is clear: the header carries no valid VNI (RFC 7348)`, bytes, 'VFP drops VXLAN without a valid VNI.');
      }
      rec.eventWith('drop', this.switchId, valid ? `VFP: VXLAN with unknown VNI ${vni} dropped` : 'VFP: VXLAN without a valid VNI (I flag clear) dropped', { reason: 'unknown-vni' }, 'vxlan');
      return 'drop';
    }
    const inner = copyBytes(bytes, t + 16);
    if (tag) tracer.step(tag, { kind: 'decapsulate', vni, text: `VFP strips the outer Ethernet, IPv4 ${u32ToIp(ipSrc(bytes, o))} -> ${u32ToIp(this.cfg.paIp)}, UDP 4789 and VXLAN headers (VNI ${vni})` });
    const io = ETH_HLEN;
    const dstMac = mac48(inner, 0);
    const proto = ipProto(inner, io);
    const vip = ipDst(inner, io);
    const it = io + ipHeaderLen(inner, io);
    const vipPort = proto === IPPROTO_TCP || proto === IPPROTO_UDP ? l4DstPort(inner, it) : 0;
    const rule = findRule(this.byVip.get(vip), proto, vipPort);
    const dip = rule === undefined ? undefined : findDip(rule.dips, dstMac);
    if (!rule && this.snatBack.size > 0) {
      const back = this.snatBack.get(`${proto}|${vip}|${proto === IPPROTO_ICMP ? u16(inner, it + 4) : vipPort}`);
      if (back) return this.snatIn(inner, it, proto, back, tag);
    }
    if (!rule || !dip) {
      const reason = `VFP has no load-balancing policy for ${u32ToIp(vip)}:${vipPort} towards ${numToMac(dstMac)}`;
      if (tag) tracer.end(tag, 'no-rule', reason, inner, `${reason}, so it drops the packet.`);
      rec.eventWith('drop', this.switchId, reason, { reason: 'no-rule' });
      return 'drop';
    }
    this.rewrite(inner, it, proto, 'dst', dip.ip, dip.port);
    const client = ipSrc(inner, io);
    const clientPort = l4SrcPort(inner, it);
    const ports = dip.port * 65536 + clientPort;
    if (!this.flows.has(dip.ip, client, ports, proto)) {
      this.flows.set(dip.ip, client, ports, proto, { vip, vipPort });
      if (rec.full) {
        rec.table(this.switchId, 'vfp-flows', flowKey(proto, dip.ip, dip.port, client, clientPort), {
          cells: { client: `${u32ToIp(client)}:${clientPort}`, VIP: `${u32ToIp(vip)}:${vipPort}`, DIP: `${u32ToIp(dip.ip)}:${dip.port}`, port: this.ctx.nameOf(dip.ip), created: String(this.ctx.sched.now) },
        });
        rec.event('flow-created', this.switchId, `VFP flow ${u32ToIp(client)}:${clientPort} -> VIP ${u32ToIp(vip)}:${vipPort} = DIP ${u32ToIp(dip.ip)}:${dip.port}`);
      }
    }
    if (!tag && !rec.full) return { port: dip.portIndex, bytes: inner, why: '' };
    if (tag) {
      const dipText = endpoint(u32ToIp(dip.ip), dip.port);
      tracer.step(tag, { kind: 'rewrite', by: 'vfp', field: 'ipv4.dst', before: endpoint(u32ToIp(vip), vipPort), after: dipText, rule: rule.name, text: `VFP rewrites the destination VIP ${u32ToIp(vip)}:${vipPort} to DIP ${dipText} (rule ${rule.name}) and records the flow` });
    }
    return {
      port: dip.portIndex,
      bytes: inner,
      why: { key: 'vfp-dip', pa: this.cfg.paIp, vip, dip: dip.ip, dipPort: dip.port, rule: rule.name, name: this.ctx.nameOf(dip.ip) },
    };
  }

  /** Outbound from a DIP's port: the answer of a recorded flow gets its source DIP -> VIP. */
  fromPort(port: Port, bytes: Uint8Array, tag: number): Uint8Array | undefined {
    if ((this.flows.size === 0 && this.outboundByDip.size === 0) || !this.dipPorts.has(port.index) || etherType(bytes) !== 0x0800) return undefined;
    const o = ETH_HLEN;
    const proto = ipProto(bytes, o);
    if (proto !== IPPROTO_TCP && proto !== IPPROTO_UDP) return proto === IPPROTO_ICMP && this.outboundByDip.size > 0 ? this.snatOutbound(port, bytes, tag) : undefined;
    const t = o + ipHeaderLen(bytes, o);
    const src = ipSrc(bytes, o);
    const srcPort = l4SrcPort(bytes, t);
    const flow = this.flows.size === 0 ? undefined : this.flows.get(src, ipDst(bytes, o), srcPort * 65536 + l4DstPort(bytes, t), proto);
    if (!flow) return this.outboundByDip.size > 0 ? this.snatOutbound(port, bytes, tag) : undefined;
    const out = copyBytes(bytes);
    this.rewrite(out, t, proto, 'src', flow.vip, flow.vipPort);
    if (tag) {
      this.ctx.tracer.step(tag, {
        kind: 'rewrite',
        by: 'vfp',
        field: 'ipv4.src',
        before: endpoint(u32ToIp(src), srcPort),
        after: endpoint(u32ToIp(flow.vip), flow.vipPort),
        text: `VFP on ${port.id} matches the recorded flow and rewrites the source DIP ${u32ToIp(src)}:${srcPort} back to VIP ${u32ToIp(flow.vip)}:${flow.vipPort} (Direct Server Return: no MUX on the way back)`,
      });
    }
    return out;
  }

  /**
   * Outbound NAT: a DIP's packet to an address outside its subnet (not a VIP, not an answer of a
   * load-balanced flow) leaves with the VIP as its source and a port from the VIP's range for this host
   * (an ICMP echo: its identifier). It then goes to the DIP's gateway like any packet: never to the MUX.
   */
  private snatOutbound(port: Port, bytes: Uint8Array, tag: number): Uint8Array | undefined {
    const o = ETH_HLEN;
    const src = ipSrc(bytes, o);
    const rule = this.outboundByDip.get(src);
    if (!rule) return undefined;
    const dst = ipDst(bytes, o);
    const me = rule.dips.find((d) => d.ip === src)!;
    const mask = me.len === 0 ? 0 : (0xffffffff << (32 - me.len)) >>> 0;
    if (((dst & mask) >>> 0) === me.network || this.vips.has(dst)) return undefined;
    const proto = ipProto(bytes, o);
    const t = o + ipHeaderLen(bytes, o);
    if (proto === IPPROTO_ICMP && bytes[t] !== 8) return undefined;
    const icmp = proto === IPPROTO_ICMP;
    const srcPort = icmp ? u16(bytes, t + 4) : l4SrcPort(bytes, t);
    const dstPort = icmp ? 0 : l4DstPort(bytes, t);
    let snat = this.snatOut.get(src, dst, srcPort * 65536 + dstPort, proto);
    const { rec, tracer, sched } = this.ctx;
    // Only a connection the DIP opens is translated: a TCP segment other than a first SYN with no
    // translation yet answers a connection from outside (a SYN-ACK, a RST) and leaves as it is.
    if (!snat && proto === IPPROTO_TCP && (tcpFlags(bytes, t) & (TCP_SYN | TCP_ACK)) !== TCP_SYN) return undefined;
    if (!snat) {
      const next = this.nextSnatPort.get(rule) ?? rule.first;
      if (next > rule.last) {
        const reason = `VFP has no free port left in ${rule.name}'s range ${rule.first}-${rule.last} of VIP ${u32ToIp(rule.vip)}`;
        rec.eventWith('drop', this.switchId, reason, { reason: 'no-rule' });
        if (tag) tracer.end(tag, 'no-rule', reason, bytes, `${reason}, so it drops the packet.`);
        return undefined;
      }
      this.nextSnatPort.set(rule, next + 1);
      snat = { rule, vip: rule.vip, vipPort: next, dip: src, dipPort: srcPort, portIndex: port.index, mac: mac48(bytes, 6) };
      this.snatOut.set(src, dst, srcPort * 65536 + dstPort, proto, snat);
      this.snatBack.set(`${proto}|${rule.vip}|${next}`, snat);
      if (rec.full) {
        rec.table(this.switchId, 'vfp-snat', `${proto}|${rule.vip}|${next}`, {
          cells: { protocol: PROTO_TEXT[proto] ?? String(proto), DIP: `${u32ToIp(src)}:${srcPort}`, VIP: `${u32ToIp(rule.vip)}:${next}`, remote: icmp ? u32ToIp(dst) : `${u32ToIp(dst)}:${dstPort}`, rule: rule.name, created: String(sched.now) },
        });
        rec.event('flow-created', this.switchId, `VFP outbound NAT (${rule.name}): ${PROTO_TEXT[proto] ?? proto} ${u32ToIp(src)}:${srcPort} -> ${u32ToIp(dst)} leaves as VIP ${u32ToIp(rule.vip)}:${next}`);
      }
    }
    const out = copyBytes(bytes);
    if (icmp) rewriteIcmpId(out, t, 'src', snat.vip, snat.vipPort);
    else this.rewrite(out, t, proto, 'src', snat.vip, snat.vipPort);
    if (tag) {
      tracer.step(tag, {
        kind: 'rewrite',
        by: 'vfp',
        field: 'ipv4.src',
        before: `${u32ToIp(src)}:${srcPort}`,
        after: `${u32ToIp(snat.vip)}:${snat.vipPort}`,
        rule: rule.name,
        text: `outbound NAT (rule ${rule.name}): VFP on ${port.id} rewrites the source DIP ${u32ToIp(src)}:${srcPort} to VIP ${u32ToIp(snat.vip)}:${snat.vipPort}, ${icmp ? 'the echo identifier' : 'a port'} from the range ${rule.first}-${rule.last} the SLB manager gave this host; the packet leaves for the DIP's gateway without passing the MUX`,
      });
    }
    return out;
  }

  /** An answer to an outbound-NAT connection, decapsulated: back to the DIP's address and port. */
  private snatIn(inner: Uint8Array, it: number, proto: number, back: Snat, tag: number): { port: number; bytes: Uint8Array; why: string } {
    const icmp = proto === IPPROTO_ICMP;
    setMac48(inner, 0, back.mac);
    if (icmp) rewriteIcmpId(inner, it, 'dst', back.dip, back.dipPort);
    else this.rewrite(inner, it, proto, 'dst', back.dip, back.dipPort);
    const vipText = `${u32ToIp(back.vip)}:${back.vipPort}`;
    const dipText = `${u32ToIp(back.dip)}:${back.dipPort}`;
    const text = `outbound NAT (rule ${back.rule.name}): VFP finds the translation of ${vipText} and rewrites the destination back to DIP ${dipText}`;
    if (tag) this.ctx.tracer.step(tag, { kind: 'rewrite', by: 'vfp', field: 'ipv4.dst', before: vipText, after: dipText, rule: back.rule.name, text });
    return {
      port: back.portIndex,
      bytes: inner,
      why: this.ctx.rec.full || tag ? `VFP decapsulates the VXLAN packet addressed to the host PA ${u32ToIp(this.cfg.paIp)}: it answers ${this.ctx.nameOf(back.dip)}'s outbound connection, translated to ${vipText}; VFP rewrites it back to ${dipText} and delivers it to ${this.ctx.nameOf(back.dip)}'s port.` : '',
    };
  }

  /** Rewrites the source or destination address and port, fixing the IP and TCP/UDP checksums. */
  private rewrite(b: Uint8Array, t: number, proto: number, which: 'src' | 'dst', ip: number, port: number): void {
    const o = ETH_HLEN;
    const ipAt = o + (which === 'src' ? 12 : 16);
    const portAt = t + (which === 'src' ? 0 : 2);
    const oldIp = u32(b, ipAt);
    const oldPort = u16(b, portAt);
    setU32(b, ipAt, ip);
    setU16(b, portAt, port);
    fixIpv4Checksum(b, o);
    const csAt = t + (proto === IPPROTO_TCP ? 16 : 6);
    if (proto === IPPROTO_UDP && u16(b, csAt) === 0) return;
    adjustChecksum32(b, csAt, oldIp, ip);
    adjustChecksum16(b, csAt, oldPort, port);
  }
}

/** An ICMP echo's address and identifier rewritten (the identifier stands for a port), checksums fixed. */
function rewriteIcmpId(b: Uint8Array, t: number, which: 'src' | 'dst', ip: number, id: number): void {
  const ipAt = ETH_HLEN + (which === 'src' ? 12 : 16);
  const oldId = u16(b, t + 4);
  setU32(b, ipAt, ip);
  fixIpv4Checksum(b, ETH_HLEN);
  setU16(b, t + 4, id);
  adjustChecksum16(b, t + 2, oldId, id);
}

// Loops rather than find() with a closure: these run for every decapsulated packet.
function findRule(rules: readonly VfpRule[] | undefined, protocol: number, port: number): VfpRule | undefined {
  if (rules === undefined) return undefined;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]!;
    if (r.protocol === protocol && r.port === port) return r;
  }
  return undefined;
}

function findDip(dips: readonly VfpDip[], mac: number): VfpDip | undefined {
  for (let i = 0; i < dips.length; i++) if (dips[i]!.mac === mac) return dips[i];
  return undefined;
}
