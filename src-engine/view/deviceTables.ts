// A device's tables: their titles and columns, the rows built from topology records (shared by the
// engine's live tables and the page's view before any run), and what the topology document states
// of a node, switch or VIP.
import type { DeviceTable, TableRow } from '../protocol';
import type { InterfaceDef, Topology } from '../topology/schema';
import { markOf } from './provenance';
import { readBoxId } from './ids';

export type TableId = 'interfaces' | 'arp' | 'routes' | 'nat' | 'bgp-neighbors' | 'bgp-rib' | 'slb-rules' | 'slb-probes' | 'vfp-flows' | 'vfp-snat' | 'mac';

/** Each live table's title and columns, in the order the engine's rows fill them. */
export const TABLE_COLUMNS: Readonly<Record<TableId, { readonly title: string; readonly columns: readonly string[] }>> = {
  interfaces: { title: 'Interfaces', columns: ['interface', 'address', 'mac', 'network', 'vlan', 'state'] },
  arp: { title: 'ARP cache', columns: ['address', 'mac', 'interface', 'state', 'learned', 'reachable until'] },
  routes: { title: 'Routing table', columns: ['prefix', 'next hop', 'interface', 'source', 'from', 'metric'] },
  nat: { title: 'NAT table (NAPT)', columns: ['protocol', 'inside', 'outside', 'remote', 'created'] },
  'bgp-neighbors': { title: 'BGP neighbours', columns: ['peer', 'AS', 'state', 'hold time', 'capabilities', 'since'] },
  'bgp-rib': { title: 'BGP RIB', columns: ['prefix', 'next hop', 'AS path', 'origin', 'peer', 'learned at'] },
  'slb-rules': { title: 'SLB rules', columns: ['rule', 'VIP', 'protocol', 'port', 'DIPs'] },
  'slb-probes': { title: 'SLB health probes (host agent)', columns: ['rule', 'DIP', 'probe', 'state', 'in a row', 'last'] },
  'vfp-flows': { title: 'VFP flow table', columns: ['client', 'VIP', 'DIP', 'port', 'created'] },
  'vfp-snat': { title: 'VFP outbound NAT', columns: ['protocol', 'DIP', 'VIP', 'remote', 'rule', 'created'] },
  mac: { title: 'MAC address table', columns: ['mac', 'port', 'vlan'] },
};

type SlbRule = NonNullable<Topology['slb']>['rules'][number];

/** An interface as its row reads, with its VLAN (undefined: the network has no port group). */
export function interfaceRow(f: InterfaceDef, vlan: number | undefined): TableRow {
  return { cells: { interface: f.id, address: f.address, mac: f.mac, network: f.network, vlan: vlan !== undefined ? String(vlan) : '-' }, prov: markOf(f, 'address') };
}

/** A load-balancing rule as its row reads; `hosts` adds the Hyper-V host behind each DIP. */
export function slbRuleRow(r: SlbRule, hosts = false): TableRow {
  const dips = r.dips.map((d) => `${d.address}:${d.port}${hosts ? ` on ${d.host}` : ''}`).join(', ');
  return { cells: { rule: r.name, VIP: r.vip, protocol: r.protocol.toUpperCase(), port: String(r.port), DIPs: dips }, prov: r.prov };
}

/**
 * A node's tables as the topology document states them, for before a run (and for what the engine does
 * not report): interfaces, static routes, BGP configuration, load-balancing rules, DNS records. A VIP
 * ("vip:192.168.133.74") gets its rules, the switch its port groups; an unknown id gets none.
 */
export function docTables(t: Topology, nodeId: string): DeviceTable[] {
  const tables: DeviceTable[] = [];
  const slbColumns = TABLE_COLUMNS['slb-rules'].columns;
  const box = readBoxId(nodeId);
  if (box.kind === 'vip') {
    const vip = box.vip;
    const rules = t.slb?.rules.filter((r) => r.vip === vip) ?? [];
    tables.push({ title: 'Load-balancing rules', columns: slbColumns, rows: rules.map((r) => slbRuleRow(r, true)) });
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
  const vlanOf = new Map(t.networks.map((n) => [n.id, n.vlan]));
  tables.push({ title: 'Interfaces', columns: TABLE_COLUMNS.interfaces.columns.filter((c) => c !== 'state'), rows: node.interfaces.map((f) => interfaceRow(f, vlanOf.get(f.network))) });
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
    tables.push({ title: 'SLB rules (pushed by the Network Controller)', columns: slbColumns, rows: t.slb.rules.map((r) => slbRuleRow(r)) });
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
