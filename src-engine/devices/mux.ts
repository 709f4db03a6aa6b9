// The SLB multiplexer on MuxVM: traffic to a VIP it announces is matched to a rule (VIP, protocol,
// port), a DIP is picked by a 5-tuple hash, and the whole frame is wrapped in VXLAN towards the PA of
// the DIP's host. The client's addresses stay inside; only the inner destination MAC becomes the DIP's
// (how VFP knows which port to deliver to).
import { vxlanSourcePort } from '../packets/vxlanSourcePort';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, PORT_VXLAN } from '../packets/layers';

const UDP = IPPROTO_UDP;
import { numToMac, u32ToIp } from '../net/addr';
import { endpoint } from '../view/ids';
import { ethernet, ipv4, udp, ZERO_MAC } from '../net/build';
import { copyBytes, encodePacket } from '../net/codec';
import { ETH_HLEN, ipDst, ipHeaderLen, ipProto, ipSrc, l4DstPort, l4SrcPort, mac48, setMac48, u16 } from '../net/frame';
import { flowHash } from '../net/hash';
import { Timing } from '../sim/timing';
import type { IpStack } from './ipstack';
import { recordOutcome } from './ipExplain';
import { tooBigForTunnel } from './mtu';
import type { Note } from '../view/notes';

export interface MuxDip {
  readonly ip: number;
  readonly port: number;
  readonly mac: number;
  /** The PA of the host whose VFP delivers to this DIP. */
  readonly hostPa: number;
  readonly host: string;
  /** Whether the SLB manager counts it healthy (its host agent's probes); set only by the manager's update. */
  healthy: boolean;
}

export interface MuxRule {
  readonly name: string;
  readonly vip: number;
  readonly protocol: number;
  readonly port: number;
  readonly dips: readonly MuxDip[];
  /** The DIPs in rotation: the healthy ones, as the SLB manager last pushed them (all of them at first). */
  up: readonly MuxDip[];
}

export interface MuxConfig {
  readonly vips: ReadonlySet<number>;
  readonly rules: readonly MuxRule[];
  readonly vni: number;
  /** The MUX's interface on the PA network, source of the VXLAN packets. */
  readonly paIfIndex: number;
  /** Outbound NAT: the VIP's port ranges the SLB manager gave each DIP's host, so answers find their way back. */
  readonly snat?: readonly MuxSnatRange[];
}

/** A range of a VIP's ports given to one DIP's host for outbound NAT (answers to them go to that host). */
export interface MuxSnatRange {
  readonly rule: string;
  readonly vip: number;
  readonly first: number;
  readonly last: number;
  readonly dipMac: number;
  readonly hostPa: number;
  readonly host: string;
}

const PROTO_NAME: Record<number, string> = { [IPPROTO_TCP]: 'TCP', [IPPROTO_UDP]: 'UDP', [IPPROTO_ICMP]: 'ICMP' };

export function installMux(ip: IpStack, cfg: MuxConfig): void {
  // Rules by VIP: hundreds of VIPs, a handful of rules each, looked up for every packet.
  const byVip = new Map<number, MuxRule[]>();
  for (const r of cfg.rules) byVip.set(r.vip, [...(byVip.get(r.vip) ?? []), r]);
  ip.preRoute = (_ifIndex, bytes, tag) => {
    const o = ETH_HLEN;
    const vip = ipDst(bytes, o);
    if (!cfg.vips.has(vip)) return false;
    const { tracer, rec } = ip.ctx;
    const me = ip.node.id;
    const proto = ipProto(bytes, o);
    const t = o + ipHeaderLen(bytes, o);
    const ports = proto === IPPROTO_TCP || proto === UDP;
    const srcPort = ports ? l4SrcPort(bytes, t) : 0;
    const dstPort = ports ? l4DstPort(bytes, t) : 0;
    const rule = findRule(byVip.get(vip), proto, dstPort);
    const explain = tag !== 0 || rec.full;
    const what = !rule || explain ? `${PROTO_NAME[proto] ?? `protocol ${proto}`}${ports ? ` port ${dstPort}` : ''}` : '';
    const snat = !rule && cfg.snat !== undefined ? findSnat(cfg.snat, vip, proto, proto === IPPROTO_ICMP && bytes[t] === 0 ? u16(bytes, t + 4) : dstPort) : undefined;
    if (snat) {
      // An answer to a DIP's outbound-NAT connection: to the host that owns this part of the VIP's ports.
      const inner = copyBytes(bytes);
      const beforeMac = tag ? numToMac(mac48(inner, 0)) : '';
      setMac48(inner, 0, snat.dipMac);
      const pa = ip.ifaces[cfg.paIfIndex]!;
      const sport = vxlanSourcePort(inner);
      const frame = encodePacket([ethernet(ZERO_MAC), ipv4(pa.ipText, u32ToIp(snat.hostPa), UDP, ip.nextIpId()), udp(sport, PORT_VXLAN, 0), { type: 'vxlan', flags: 0x08, vni: cfg.vni }, { type: 'raw', data: inner }]);
      setMac48(frame, 6, pa.mac);
      const port = proto === IPPROTO_ICMP ? u16(bytes, t + 4) : dstPort;
      const range = `${u32ToIp(vip)} ${proto === IPPROTO_ICMP ? 'echo identifier' : 'port'} ${port} is in the range ${snat.first}-${snat.last} the SLB manager gave ${snat.host} for outbound NAT (rule ${snat.rule})`;
      if (tag) {
        tracer.step(tag, { kind: 'rewrite', by: 'mux', field: 'inner ethernet.dst', before: beforeMac, after: numToMac(snat.dipMac), rule: snat.rule, text: `${range}: an answer to a DIP's outbound connection. The inner frame's destination MAC becomes the DIP's ${numToMac(snat.dipMac)}; its IP addresses are unchanged` });
        tracer.step(tag, { kind: 'encapsulate', vni: cfg.vni, outerSrc: pa.ipText, outerDst: u32ToIp(snat.hostPa), text: `VXLAN: outer IPv4 ${pa.ipText} -> ${u32ToIp(snat.hostPa)} (${snat.host}'s PA), UDP ${sport} -> 4789, VNI ${cfg.vni}` });
      }
      const route = ip.routes.lookup(snat.hostPa);
      if (!route) {
        if (tag) tracer.end(tag, 'no-route', `${me} has no route to the PA ${u32ToIp(snat.hostPa)}`, frame, 'The MUX cannot reach the DIP host.');
        return true;
      }
      if (tag) tracer.step(tag, ip.routeStep(route, snat.hostPa));
      const why = explain ? `${me}: ${range}, so it wraps the whole frame in VXLAN to ${snat.host}'s PA ${u32ToIp(snat.hostPa)} (VNI ${cfg.vni}); the host's VFP translates it back.` : '';
      ip.output(route, snat.hostPa, frame, tag, why, Timing.mux);
      return true;
    }
    if (!rule) {
      const reason = `${me} announces VIP ${u32ToIp(vip)} but has no load-balancing rule for ${what}`;
      rec.eventWith('drop', me, reason, { reason: 'no-rule' });
      if (tag) tracer.end(tag, 'no-rule', reason, bytes, `${reason}, so the MUX drops the packet.`);
      return true;
    }
    const src = ipSrc(bytes, o);
    const hash = flowHash(src, vip, proto, srcPort, dstPort);
    const pool = rule.up;
    if (pool.length === 0) {
      const many = rule.dips.length > 1;
      const reason = `${me} matches VIP ${u32ToIp(vip)} ${what} to rule ${rule.name}, but ${many ? `none of its ${rule.dips.length} DIPs is` : 'its only DIP is not'} in rotation: the SLB manager took ${many ? 'them' : 'it'} out because ${many ? 'their' : 'its'} health probes fail`;
      rec.eventWith('drop', me, reason, { reason: 'no-healthy-dip' });
      if (tag) tracer.end(tag, 'no-healthy-dip', reason, bytes, `${reason}. With no healthy DIP the MUX has nowhere to send the packet, so it drops it (what Windows SLB does then is not documented; Hoplab drops).`);
      return true;
    }
    const dip = pool[hash % pool.length]!;
    const inner = copyBytes(bytes);
    const beforeMac = tag ? numToMac(mac48(inner, 0)) : '';
    setMac48(inner, 0, dip.mac);
    const pa = ip.ifaces[cfg.paIfIndex]!;
    const sport = vxlanSourcePort(inner);
    const frame = encodePacket([
      ethernet(ZERO_MAC), // both MACs are set as numbers: the source here, the next hop's by output()
      ipv4(pa.ipText, u32ToIp(dip.hostPa), UDP, ip.nextIpId()),
      udp(sport, PORT_VXLAN, 0),
      { type: 'vxlan', flags: 0x08, vni: cfg.vni },
      { type: 'raw', data: inner },
    ]);
    setMac48(frame, 6, pa.mac);
    const dipText = tag ? endpoint(u32ToIp(dip.ip), dip.port) : '';
    if (tag) {
      tracer.step(tag, { kind: 'load-balance', rule: rule.name, vip: endpoint(u32ToIp(vip), dstPort), dip: dipText, hash, text: `rule ${rule.name} matches ${u32ToIp(vip)} ${what}; the 5-tuple hash of the connection, ${hash}, picks DIP ${dipText} (${rotationText(rule)})` });
      tracer.step(tag, { kind: 'rewrite', by: 'mux', field: 'inner ethernet.dst', before: beforeMac, after: numToMac(dip.mac), rule: rule.name, text: `the inner frame's destination MAC becomes the DIP's ${numToMac(dip.mac)}; its IP addresses are unchanged` });
      tracer.step(tag, { kind: 'encapsulate', vni: cfg.vni, outerSrc: pa.ipText, outerDst: u32ToIp(dip.hostPa), text: `VXLAN: outer IPv4 ${pa.ipText} -> ${u32ToIp(dip.hostPa)} (${dip.host}'s PA), UDP ${sport} -> 4789, VNI ${cfg.vni}` });
    }
    const route = ip.routes.lookup(dip.hostPa);
    if (!route) {
      if (tag) tracer.end(tag, 'no-route', `${me} has no route to the PA ${u32ToIp(dip.hostPa)}`, frame, 'The MUX cannot reach the DIP host.');
      return true;
    }
    if (tag) tracer.step(tag, ip.routeStep(route, dip.hostPa));
    const out = ip.ifaces[route.ifIndex]!;
    const size = frame.length - ETH_HLEN;
    if (size > out.mtu) {
      // The encapsulating device itself cannot send it: dropped, and no ICMP (RFC 7348 4.3).
      if (tag || rec.full) recordOutcome(ip.ctx, me, tag, tooBigForTunnel(me, inner, size, out.mtu, out.def.network), frame);
      return true;
    }
    const why: Note = !explain ? '' : { key: 'mux-dip', node: me, vip, what, rule: rule.name, dip: dip.ip, dipPort: dip.port, rotation: rotationText(rule), host: dip.host, hostPa: dip.hostPa, vni: cfg.vni, src };
    ip.output(route, dip.hostPa, frame, tag, why, Timing.mux);
    return true;
  };
}

/** "2 DIPs", or "1 of 2 DIPs in rotation; 192.168.100.9:443 is out (health probes)". */
function rotationText(rule: MuxRule): string {
  const n = rule.dips.length;
  if (rule.up.length === n) return `${n} DIP${n > 1 ? 's' : ''}`;
  const out = rule.dips.filter((d) => !rule.up.includes(d)).map((d) => `${u32ToIp(d.ip)}:${d.port}`);
  return `${rule.up.length} of ${n} DIPs in rotation; ${out.join(', ')} out: ${out.length > 1 ? 'their' : 'its'} health probes fail`;
}

/** The outbound NAT range of the VIP holding `port` (TCP, UDP, or an ICMP echo reply's identifier). */
function findSnat(ranges: readonly MuxSnatRange[], vip: number, proto: number, port: number): MuxSnatRange | undefined {
  if (proto !== IPPROTO_TCP && proto !== IPPROTO_UDP && proto !== IPPROTO_ICMP) return undefined;
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    if (r.vip === vip && port >= r.first && port <= r.last) return r;
  }
  return undefined;
}

/** The first rule for the protocol and port (a loop: this runs for every packet to a VIP). */
function findRule(rules: readonly MuxRule[] | undefined, protocol: number, port: number): MuxRule | undefined {
  if (rules === undefined) return undefined;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]!;
    if (r.protocol === protocol && r.port === port) return r;
  }
  return undefined;
}
