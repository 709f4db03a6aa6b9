// Device tables over time: devices append changes as the run goes; `tablesAt` replays them up to a
// simulated time, so the UI can show any node's tables at any moment of the last run.
import type { DeviceTable, SimTime, TableRow } from '../protocol';
import type { Provenance } from '../topology/schema';

export type TableId = 'interfaces' | 'arp' | 'routes' | 'nat' | 'bgp-neighbors' | 'bgp-rib' | 'slb-rules' | 'vfp-flows' | 'mac';

export const TABLE_COLUMNS: Record<TableId, { readonly title: string; readonly columns: readonly string[] }> = {
  interfaces: { title: 'Interfaces', columns: ['interface', 'address', 'mac', 'network', 'vlan', 'state'] },
  arp: { title: 'ARP cache', columns: ['address', 'mac', 'interface', 'state', 'learned', 'reachable until'] },
  routes: { title: 'Routing table', columns: ['prefix', 'next hop', 'interface', 'source', 'from', 'metric'] },
  nat: { title: 'NAT table (NAPT)', columns: ['protocol', 'inside', 'outside', 'remote', 'created'] },
  'bgp-neighbors': { title: 'BGP neighbours', columns: ['peer', 'AS', 'state', 'hold time', 'capabilities', 'since'] },
  'bgp-rib': { title: 'BGP RIB', columns: ['prefix', 'next hop', 'AS path', 'origin', 'peer', 'learned at'] },
  'slb-rules': { title: 'SLB rules', columns: ['rule', 'VIP', 'protocol', 'port', 'DIPs'] },
  'vfp-flows': { title: 'VFP flow table', columns: ['client', 'VIP', 'DIP', 'port', 'created'] },
  mac: { title: 'MAC address table', columns: ['mac', 'port', 'vlan'] },
};

export interface TableRowData {
  readonly cells: Readonly<Record<string, string>>;
  readonly prov?: Provenance;
}

export interface TableChange {
  readonly time: SimTime;
  readonly node: string;
  readonly table: TableId;
  readonly key: string;
  readonly row: TableRowData | undefined;
}

/** Replays a log up to `time` (inclusive) for one node: its tables in first-seen order. */
export function tablesAt(log: readonly TableChange[], node: string, time: SimTime): DeviceTable[] {
  const tables = new Map<TableId, Map<string, TableRowData>>();
  for (const change of log) {
    if (change.time > time) break;
    if (change.node !== node) continue;
    let rows = tables.get(change.table);
    if (!rows) {
      rows = new Map();
      tables.set(change.table, rows);
    }
    if (change.row) rows.set(change.key, change.row);
    else rows.delete(change.key);
  }
  return [...tables].map(([id, rows]) => ({
    title: TABLE_COLUMNS[id].title,
    columns: TABLE_COLUMNS[id].columns,
    rows: [...rows.values()].map((r): TableRow => (r.prov ? { cells: r.cells, prov: r.prov } : { cells: r.cells })),
  }));
}
