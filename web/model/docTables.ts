// A node's tables as the topology document states them, for before a run (and for what the engine does
// not report): interfaces, static routes, BGP configuration, load-balancing rules, DNS records.
import type { DeviceTable } from '../../src-engine/protocol';
import { markOf, type Topology } from '../../src-engine/topology/schema';

export function docTables(t: Topology, nodeId: string): DeviceTable[] {
  const tables: DeviceTable[] = [];
  if (nodeId.startsWith('vip:')) {
    const vip = nodeId.slice(4);
    const rules = t.slb?.rules.filter((r) => r.vip === vip) ?? [];
    tables.push({
      title: 'Load-balancing rules',
      columns: ['rule', 'VIP', 'protocol', 'port', 'DIPs'],
      rows: rules.map((r) => ({ cells: { rule: r.name, VIP: r.vip, protocol: r.protocol.toUpperCase(), port: String(r.port), DIPs: r.dips.map((d) => `${d.address}:${d.port} on ${d.host}`).join(', ') }, prov: r.prov })),
    });
    return tables;
  }
  if (nodeId === t.switch.id) {
    tables.push({
      title: 'Switch',
      columns: ['name', 'host', 'VFP', 'also called'],
      rows: [{ cells: { name: t.switch.id, host: t.switch.host, VFP: t.switch.vfp ? 'yes' : 'no', 'also called': t.switch.aliases.join(', ') || '-' }, prov: t.switch.prov }],
    });
    tables.push({
      title: 'Port groups',
      columns: ['network', 'prefix', 'VLAN'],
      rows: t.networks.filter((n) => n.vlan !== undefined).map((n) => ({ cells: { network: n.label, prefix: n.prefix, VLAN: String(n.vlan) }, prov: markOf(n, 'vlan') })),
    });
    return tables;
  }
  const node = t.nodes.find((n) => n.id === nodeId);
  if (!node) return tables;
  const nets = new Map(t.networks.map((n) => [n.id, n]));
  tables.push({
    title: 'Interfaces',
    columns: ['interface', 'address', 'mac', 'network', 'vlan'],
    rows: node.interfaces.map((f) => ({
      cells: { interface: f.id, address: f.address, mac: f.mac, network: f.network, vlan: nets.get(f.network)?.vlan !== undefined ? String(nets.get(f.network)!.vlan) : '-' },
      prov: markOf(f, 'address'),
    })),
  });
  tables.push({
    title: 'Static routes',
    columns: ['prefix', 'next hop', 'interface', 'source', 'metric'],
    rows: node.routes.map((r) => ({ cells: { prefix: r.prefix, 'next hop': r.via ?? 'on-link', interface: r.interface ?? '-', source: 'static', metric: String(r.metric) }, prov: r.prov })),
  });
  const speaker = t.bgp?.speakers.find((s) => s.node === nodeId);
  if (speaker) {
    tables.push({
      title: 'BGP configuration',
      columns: ['peer', 'AS', 'my AS', 'router id', 'hold time'],
      rows: speaker.peers.map((p) => ({ cells: { peer: p.address, AS: String(p.asn), 'my AS': String(speaker.asn), 'router id': speaker.routerId, 'hold time': `${t.bgp!.holdTime} s` }, prov: speaker.prov })),
    });
  }
  if (t.slb?.muxes.includes(nodeId)) {
    tables.push({
      title: 'SLB rules (pushed by the Network Controller)',
      columns: ['rule', 'VIP', 'protocol', 'port', 'DIPs'],
      rows: t.slb.rules.map((r) => ({ cells: { rule: r.name, VIP: r.vip, protocol: r.protocol.toUpperCase(), port: String(r.port), DIPs: r.dips.map((d) => `${d.address}:${d.port}`).join(', ') }, prov: r.prov })),
    });
  }
  if (t.dns?.server === nodeId) {
    tables.push({
      title: `DNS zone ${t.dns.zone}`,
      columns: ['name', 'type', 'address'],
      rows: t.dns.records.map((r) => ({ cells: { name: r.name, type: 'A', address: r.address }, prov: r.prov })),
    });
  }
  return tables;
}
