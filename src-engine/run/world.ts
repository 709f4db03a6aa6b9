// Builds the running network from a validated topology: one NodeRt per node, every NIC a port of the
// switch (grouped by network), routes compiled to numeric form, and the services each node runs
// (DNS, listeners, NAT, the SLB MUX and VFP, BGP).
import { IPPROTO_TCP, IPPROTO_UDP, PORT_HTTPS } from '../packets/layers';
import { httpsServer } from '../devices/https';
import { cidrText, inPrefix, ipToU32, macToNum, parseCidr, u32ToIp } from '../net/addr';
import type { Ctx } from '../devices/context';
import { BgpSpeaker } from '../devices/bgp';
import { startDnsServer } from '../devices/dns';
import type { Iface } from '../devices/iface';
import { installMux, type MuxDip, type MuxRule, type MuxSnatRange } from '../devices/mux';
import { SlbHostAgent, type ProbeTarget } from '../devices/slbHostAgent';
import { createDeviceRng } from '../sim/rng';
import { SECOND } from '../sim/timing';
import { Nat } from '../devices/nat';
import { NodeRt } from '../devices/node';
import type { Route } from '../devices/routes';
import { routeKey } from '../devices/routes';
import { Vfp, type VfpOutboundRule, type VfpRule } from '../devices/vfp';
import { VSwitch } from '../devices/vswitch';
import { Scheduler } from '../sim/scheduler';
import { DEFAULT_MTU, type InterfaceDef, type Topology } from '../topology/schema';
import type { IpStack } from '../devices/ipstack';
import type { TableRowData } from '../trace/tableLog';
import { markOf } from '../view/provenance';
import { interfaceRow, slbRuleRow } from '../view/deviceTables';
import { portId } from '../view/ids';
import { Recorder, type RecordOptions } from '../trace/recorder';
import { Tracer } from '../trace/tracer';

export interface World {
  readonly ctx: Ctx;
  readonly sw: VSwitch;
  readonly nodes: ReadonlyMap<string, NodeRt>;
  readonly topology: Topology;
  readonly bgp: ReadonlyMap<string, BgpSpeaker>;
  /** VIP prefixes each MUX announces, for withdraw/re-announce when its PA link changes. */
  readonly muxAnnounce: ReadonlyMap<string, readonly string[]>;
}

export interface WorldOptions {
  readonly seed: number;
  readonly icmpRedirects: boolean;
  readonly record: RecordOptions;
}

export function buildWorld(topology: Topology, options: WorldOptions): World {
  const sched = new Scheduler();
  const rec = new Recorder(sched, options.record);
  const tracer = new Tracer(sched);
  const owner = new Map<number, string>();
  for (const n of topology.nodes) for (const f of n.interfaces) owner.set(ipToU32(f.address.split('/')[0]!), n.id);
  const ctx: Ctx = { sched, seed: options.seed, rec, tracer, nameOf: (ip) => owner.get(ip) ?? u32ToIp(ip) };
  const sw = new VSwitch(topology.switch.id, ctx);
  const groupOf = new Map(topology.networks.map((n, i) => [n.id, i]));
  const vlanOf = new Map(topology.networks.map((n) => [n.id, n.vlan]));
  const mtuOf = new Map(topology.networks.map((n) => [n.id, n.mtu ?? DEFAULT_MTU]));
  const nodes = new Map<string, NodeRt>();
  const ifaceOf = new Map<number, { node: NodeRt; iface: Iface }>();

  for (const def of topology.nodes) {
    const node = new NodeRt(def.id, def, ctx, sw);
    nodes.set(def.id, node);
    const ip = node.ip;
    // Table rows are built only when someone keeps them (the app's runs, not the benchmark's).
    if (rec.full) ip.routes.onChange = (route, installed) => rec.tableFrom(def.id, 'routes', routeKey, installed ? routeRowOf : noRow, route, ip);
    def.interfaces.forEach((f, index) => {
      const [addr] = f.address.split('/') as [string];
      const { network, len } = parseCidr(f.address);
      const mac = macToNum(f.mac);
      const port = sw.addPort({ id: portId(def.id, f.id), node: def.id, iface: f.id, group: groupOf.get(f.network) ?? 0, vlan: vlanOf.get(f.network), nic: node, nicIndex: index, mac });
      const iface: Iface = { index, id: f.id, ip: ipToU32(addr), ipText: addr, len, network, mac, macText: f.mac, port, def: f, mtu: mtuOf.get(f.network) ?? DEFAULT_MTU };
      ip.addInterface(iface);
      ifaceOf.set(iface.ip, { node, iface });
      rec.tableFrom(def.id, 'interfaces', interfaceKey, interfaceUpRow, f, port.vlan);
      ip.routes.add({ network, len, nextHop: 0, ifIndex: index, source: 'connected', metric: 0, prov: markOf(f, 'address') });
    });
    for (const r of def.routes) {
      const { network, len } = parseCidr(r.prefix);
      const via = r.via !== undefined ? ipToU32(r.via) : 0;
      const byName = r.interface !== undefined ? ip.ifaces.find((f) => f.id === r.interface) : undefined;
      const onLink = byName ?? ip.ifaces.find((f) => via !== 0 && inPrefix(via, f.network, f.len));
      if (!onLink) continue;
      ip.routes.add({ network, len, nextHop: via, ifIndex: onLink.index, source: 'static', metric: r.metric, prov: r.prov });
    }
    ip.forwarding = def.forwarding;
    for (const port of def.listens) node.tcp.listen(port, port === PORT_HTTPS ? httpsServer(node) : () => ({}));
  }

  for (const n of topology.nat) {
    const node = nodes.get(n.node);
    const outside = node?.ip.ifaces.findIndex((f) => f.id === n.outside) ?? -1;
    if (!node || outside < 0) continue;
    node.ip.nat = new Nat(node.id, ctx, node.ip.ifaces[outside]!);
    node.ip.icmpRedirects = options.icmpRedirects;
  }

  const dns = topology.dns;
  const dnsNode = dns ? nodes.get(dns.server) : undefined;
  if (dns && dnsNode) startDnsServer(dnsNode.ip, dnsNode.udp, dns.zone, dns.records);

  const muxAnnounce = new Map<string, string[]>();
  const slb = topology.slb;
  if (slb) {
    const paOf = (host: string): number => {
      const ifaceId = slb.paInterface[host];
      return nodes.get(host)?.ip.ifaces.find((f) => f.id === ifaceId)?.ip ?? 0;
    };
    const rules: MuxRule[] = slb.rules.map((r) => ({
      name: r.name,
      vip: ipToU32(r.vip),
      protocol: r.protocol === 'tcp' ? IPPROTO_TCP : IPPROTO_UDP,
      port: r.port,
      dips: [] as MuxDip[],
      up: [] as MuxDip[],
    }));
    slb.rules.forEach((r, i) => {
      const dips = r.dips.map((d): MuxDip => ({ ip: ipToU32(d.address), port: d.port, mac: ifaceOf.get(ipToU32(d.address))?.iface.mac ?? 0, hostPa: paOf(d.host), host: d.host, healthy: true }));
      rules[i] = { ...rules[i]!, dips, up: dips };
    });
    // Outbound NAT: each rule's VIP port range belongs to the host of its DIPs (one range per rule here).
    const snat: MuxSnatRange[] = slb.outboundNat.flatMap((r) => {
      const dip = r.dips[0];
      const at = dip ? ifaceOf.get(ipToU32(dip.address)) : undefined;
      return dip && at ? [{ rule: r.name, vip: ipToU32(r.vip), first: r.ports[0], last: r.ports[1], dipMac: at.iface.mac, hostPa: paOf(dip.host), host: dip.host }] : [];
    });
    const vipTexts = [...new Set([...slb.rules.map((r) => r.vip), ...slb.outboundNat.map((r) => r.vip), ...slb.extraVips])];
    const vips = new Set(vipTexts.map(ipToU32));
    for (const muxId of slb.muxes) {
      const mux = nodes.get(muxId);
      const paIfIndex = mux?.ip.ifaces.findIndex((f) => f.id === slb.paInterface[muxId]) ?? -1;
      if (!mux || paIfIndex < 0) continue;
      installMux(mux.ip, { vips, rules, vni: slb.vni, paIfIndex, snat });
      muxAnnounce.set(muxId, vipTexts.map((v) => `${v}/32`));
      for (const r of slb.rules) {
        rec.table(muxId, 'slb-rules', r.name, slbRuleRow(r));
      }
    }
    const host = nodes.get(topology.switch.host);
    const hostPa = host?.ip.ifaces.find((f) => f.id === slb.paInterface[topology.switch.host]);
    if (topology.switch.vfp && hostPa) {
      const vfpRules: VfpRule[] = rules.map((r) => ({
        ...r,
        dips: r.dips.filter((d) => d.host === topology.switch.host).map((d) => ({ ip: d.ip, port: d.port, mac: d.mac, portIndex: ifaceOf.get(d.ip)?.iface.port.index ?? -1 })),
      }));
      const outbound: VfpOutboundRule[] = slb.outboundNat.map((r) => ({
        name: r.name,
        vip: ipToU32(r.vip),
        first: r.ports[0],
        last: r.ports[1],
        dips: r.dips.flatMap((d) => {
          const at = ifaceOf.get(ipToU32(d.address));
          return d.host === topology.switch.host && at ? [{ ip: at.iface.ip, portIndex: at.iface.port.index, network: at.iface.network, len: at.iface.len }] : [];
        }),
      }));
      sw.vfp = new Vfp(ctx, sw.id, { host: topology.switch.host, paIp: hostPa.ip, paPortIndex: hostPa.port.index, vni: slb.vni, rules: vfpRules, outbound });
      const agent = hostAgent(topology, nodes, ifaceOf, rules, ctx, sw, hostPa.mac);
      if (agent && host) {
        sw.probes = agent;
        let started = false;
        host.boot.push(() => {
          if (!started) agent.start();
          started = true;
        });
      }
    }
  }

  const bgp = new Map<string, BgpSpeaker>();
  if (topology.bgp) {
    const { holdTime, keepalive } = topology.bgp;
    for (const s of topology.bgp.speakers) {
      const node = nodes.get(s.node);
      if (!node) continue;
      const speaker = new BgpSpeaker(node.ip, node.tcp, { asn: s.asn, routerId: s.routerId, peers: s.peers, initiates: s.initiates, holdTime, keepalive, keepaliveProv: markOf(topology.bgp, 'keepalive'), announce: muxAnnounce.get(s.node) ?? [], prov: s.prov });
      bgp.set(s.node, speaker);
      node.boot.push(() => speaker.start());
      node.resets.push(() => speaker.reset());
    }
  }
  for (const node of nodes.values()) {
    node.resets.push(() => node.ip.routes.remove((r) => r.source === 'redirect'));
  }
  return { ctx, sw, nodes, topology, bgp, muxAnnounce };
}

/** The host agent probing the DIPs on the switch's host, for every rule that has a probe; none if no rule has. */
function hostAgent(topology: Topology, nodes: ReadonlyMap<string, NodeRt>, ifaceOf: ReadonlyMap<number, { node: NodeRt; iface: Iface }>, rules: readonly MuxRule[], ctx: Ctx, sw: VSwitch, hostMac: number): SlbHostAgent | undefined {
  const slb = topology.slb!;
  const hostId = topology.switch.host;
  const targets: ProbeTarget[] = [];
  slb.rules.forEach((r, i) => {
    if (!r.probe) return;
    for (const dip of rules[i]!.dips) {
      const at = ifaceOf.get(dip.ip);
      if (dip.host !== hostId || !at) continue;
      // The first address of the DIP's subnet is where probes come from (S15); its MAC if a NIC has it.
      const src = (at.iface.network + 1) >>> 0;
      targets.push({ rule: rules[i]!, dip, port: at.iface.port, probePort: r.probe.port, interval: r.probe.intervalInSeconds * SECOND, count: r.probe.numberOfProbes, src, srcMac: ifaceOf.get(src)?.iface.mac ?? hostMac });
    }
  });
  if (targets.length === 0) return undefined;
  const manager = slb.manager !== undefined && nodes.has(slb.manager) ? slb.manager : undefined;
  return new SlbHostAgent(
    {
      ctx,
      sw,
      host: hostId,
      hostUp: () => nodes.get(hostId)?.up ?? false,
      manager,
      managerUp: () => (manager === undefined ? true : (nodes.get(manager)?.up ?? false)),
      muxes: slb.muxes.filter((m) => nodes.has(m)),
      rng: createDeviceRng(ctx.seed, `${hostId}/slb-host-agent`),
      onRotation: (rule) => {
        if (!ctx.rec.full) return;
        const def = slb.rules.find((x) => x.name === rule.name);
        if (!def) return;
        const up = new Set(rule.up.map((d) => d.ip));
        const dips = def.dips.map((d) => `${d.address}:${d.port}${up.has(ipToU32(d.address)) ? '' : ' (out: probes fail)'}`).join(', ');
        for (const m of slb.muxes) ctx.rec.table(m, 'slb-rules', rule.name, { ...slbRuleRow(def), cells: { ...slbRuleRow(def).cells, DIPs: dips } });
      },
    },
    targets,
  );
}

/** The row of an interface that is up, and its key (for Recorder.tableFrom). */
const interfaceKey = (f: InterfaceDef): string => f.id;
function interfaceUpRow(f: InterfaceDef, vlan: number | undefined): TableRowData {
  const row = interfaceRow(f, vlan);
  return { ...row, cells: { ...row.cells, state: 'up' } };
}

/** The row of an installed route, read from its node's stack (for Recorder.tableFrom); a removed one has none. */
const routeRowOf = (route: Route, ip: IpStack): TableRowData => routeRow(route, ip.ifaces[route.ifIndex]?.id ?? '?');
const noRow = (): undefined => undefined;

function routeRow(route: Route, iface: string): { cells: Record<string, string>; prov?: Route['prov'] } {
  const cells = {
    prefix: cidrText(route.network, route.len),
    'next hop': route.nextHop ? u32ToIp(route.nextHop) : 'on-link',
    interface: iface,
    source: route.source,
    from: route.peer ?? (route.source === 'bgp' ? '?' : '-'),
    metric: String(route.metric),
  };
  return route.prov ? { cells, prov: route.prov } : { cells };
}
