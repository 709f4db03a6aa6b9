// A node's tables at a time, replayed from the run's log of changes: the rows set up to that time (inclusive),
// a row set again replaced in place, a removed row gone, the node's own tables only, in first-seen order.
import { beforeEach, describe, expect, it } from 'vitest';
import { runPoc } from '../run/fixtures';
import type { SimRun } from '../run/simulate';
import { LazyTableChange, tablesAt } from './tableLog';

const S = 1_000_000;

describe('tables at a time', () => {
  // Simulated inside each test (beforeEach), not once for the file: mutation testing then knows which tests cover what.
  let run: SimRun;
  beforeEach(() => {
    run = runPoc({});
  });
  const rows = (node: string, time: number, title: string) =>
    tablesAt(run.tableLog, node, time)
      .find((t) => t.title === title)
      ?.rows.map((r) => r.cells);

  it("BGPVM's tables once the run is over: each table's title, columns and rows, in the order they first changed", () => {
    const tables = tablesAt(run.tableLog, 'BGPVM', run.result.endTime);
    expect(tables.map((t) => [t.title, t.columns])).toEqual([
      ['Interfaces', ['interface', 'address', 'mac', 'network', 'vlan', 'state']],
      ['Routing table', ['prefix', 'next hop', 'interface', 'source', 'from', 'metric']],
      ['BGP neighbours', ['peer', 'AS', 'state', 'hold time', 'capabilities', 'since']],
      ['ARP cache', ['address', 'mac', 'interface', 'state', 'learned', 'reachable until']],
      ['BGP RIB', ['prefix', 'next hop', 'AS path', 'origin', 'peer', 'learned at']],
    ]);
    expect(rows('BGPVM', run.result.endTime, 'Interfaces')).toEqual([
      { interface: 'mgmt', address: '192.168.100.1/24', mac: '00:15:5d:64:00:01', network: 'mgmt', vlan: '1001', state: 'up' },
      { interface: 'transit', address: '192.168.200.2/24', mac: '00:15:5d:c8:00:02', network: 'transit', vlan: '1002', state: 'up' },
    ]);
    expect(rows('BGPVM', run.result.endTime, 'Routing table')).toEqual([
      { prefix: '192.168.100.0/24', 'next hop': 'on-link', interface: 'mgmt', source: 'connected', from: '-', metric: '0' },
      { prefix: '192.168.200.0/24', 'next hop': 'on-link', interface: 'transit', source: 'connected', from: '-', metric: '0' },
      { prefix: '0.0.0.0/0', 'next hop': '192.168.200.1', interface: 'transit', source: 'static', from: '-', metric: '0' },
      { prefix: '192.168.133.74/32', 'next hop': '192.168.100.6', interface: 'mgmt', source: 'bgp', from: '192.168.100.6 (AS 64628)', metric: '0' },
      { prefix: '192.168.133.1/32', 'next hop': '192.168.100.6', interface: 'mgmt', source: 'bgp', from: '192.168.100.6 (AS 64628)', metric: '0' },
    ]);
  });

  it('a change at the asked time is in; one a microsecond later is not', () => {
    // MuxVM's UPDATE reaches BGPVM at 525 µs: the /32s are installed and the session is Established then.
    const added = run.tableLog.find((c) => c.node === 'BGPVM' && c.table === 'routes' && c.key.startsWith('192.168.133.74/32'))!;
    expect(added.time).toBe(525);
    expect(rows('BGPVM', 524, 'Routing table')?.map((r) => r.prefix)).toEqual(['192.168.100.0/24', '192.168.200.0/24', '0.0.0.0/0']);
    expect(rows('BGPVM', 525, 'Routing table')?.map((r) => r.prefix)).toEqual(['192.168.100.0/24', '192.168.200.0/24', '0.0.0.0/0', '192.168.133.74/32', '192.168.133.1/32']);
    // Set again under the same key: one row, the latest state.
    expect(rows('BGPVM', 524, 'BGP neighbours')?.map((r) => r.state)).toEqual(['OpenConfirm']);
    expect(rows('BGPVM', 525, 'BGP neighbours')?.map((r) => r.state)).toEqual(['Established']);
    // Before anything happened: no table at all.
    expect(tablesAt(run.tableLog, 'BGPVM', -1)).toEqual([]);
  });

  it("only the node's own tables; a row keeps its provenance when it has one and has no prov key when not", () => {
    expect(rows('NATVM', 0, 'Routing table')?.map((r) => `${r.prefix} ${r['next hop']}`)).toEqual([
      '192.168.200.0/24 on-link',
      '10.0.0.0/24 on-link',
      '0.0.0.0/0 10.0.0.1',
      '192.168.100.0/24 192.168.200.2',
      '192.168.133.0/24 192.168.200.2',
    ]);
    const bgpvm = tablesAt(run.tableLog, 'BGPVM', run.result.endTime);
    const inside = tablesAt(run.tableLog, 'NATVM', 0)[0]!.rows[0]!;
    expect(inside).toEqual({
      cells: { interface: 'inside', address: '192.168.200.1/24', mac: '00:15:5d:c8:00:01', network: 'transit', vlan: '1002', state: 'up' },
      prov: { mark: 'documented', source: 'S4' },
    });
    const rib = bgpvm.find((t) => t.title === 'BGP RIB')!.rows;
    expect(rib.length).toBe(2);
    for (const row of rib) expect(Object.keys(row)).toEqual(['cells']);
  });

  it("a BGP neighbour's capabilities carry their own mark: the least certain capability's, naming where each comes from", () => {
    const neighbours = (node: string, time: number) => tablesAt(run.tableLog, node, time).find((t) => t.title === 'BGP neighbours')!.rows;
    const established = neighbours('BGPVM', run.result.endTime)[0]!;
    expect(established.cells.capabilities).toBe('MP IPv4 unicast, route refresh');
    expect(established.cellProv).toEqual({
      capabilities: {
        mark: 'inferred',
        source:
          'MP IPv4 unicast: Windows BGP carries IPv4 and IPv6 routes (Get-BgpStatistics counts IPv4Route and IPv6Route; Add-BgpRouter -IPv6Routing), which takes RFC 4760 address-family negotiation; IPv4 unicast is what the POC uses; ' +
          'route refresh: Get-BgpStatistics (Windows Server 2016) counts RouteRefreshMessage sent and received: RFC 2918',
      },
    });
    // The row's own mark stays the speaker's; before the OPENs are in, nothing is negotiated and the cell has no mark.
    expect(established.prov).toEqual(neighbours('MuxVM', run.result.endTime)[0]!.prov);
    const before = neighbours('BGPVM', 0)[0]!;
    expect(before.cells.capabilities).toBe('-');
    expect(Object.keys(before)).toEqual(['cells', 'prov']);
  });

  it('a removed row is gone from then on', () => {
    const failed = runPoc({ whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }] });
    const removed = failed.tableLog.find((c) => c.node === 'BGPVM' && c.table === 'routes' && c.key.startsWith('192.168.133.74/32') && c.row === undefined)!;
    const prefixes = (t: number) => tablesAt(failed.tableLog, 'BGPVM', t).find((x) => x.title === 'Routing table')!.rows.map((r) => r.cells.prefix);
    expect(prefixes(removed.time - 1)).toContain('192.168.133.74/32');
    expect(prefixes(removed.time)).toEqual(['192.168.100.0/24', '192.168.200.0/24', '0.0.0.0/0']);
  });
});

describe('a change written when first read', () => {
  it('makes its key and row once, from the data it was given, only when read', () => {
    const made: string[] = [];
    const keyOf = (a: { id: string }, b: number) => (made.push(`key ${a.id}`), `${a.id}/${b}`);
    const rowOf = (a: { id: string }, b: number) => (made.push(`row ${a.id}`), { cells: { id: a.id, n: String(b) } });
    const change = new LazyTableChange(7, 'BGPVM', 'interfaces', keyOf, rowOf, { id: 'infra' }, 3);
    expect(made).toEqual([]);
    expect([change.time, change.node, change.table]).toEqual([7, 'BGPVM', 'interfaces']);
    expect(change.row).toEqual({ cells: { id: 'infra', n: '3' } });
    expect(change.row).toBe(change.row);
    expect(change.key).toBe('infra/3');
    expect(change.key).toBe('infra/3');
    expect(made).toEqual(['row infra', 'key infra']);
    expect(tablesAt([change], 'BGPVM', 7)[0]!.rows).toEqual([{ cells: { id: 'infra', n: '3' } }]);
  });

  it('a removal made lazily has no row, asked once', () => {
    let asked = 0;
    const change = new LazyTableChange(1, 'NATVM', 'routes', () => 'k', () => void asked++, 0, 0);
    expect(change.row).toBeUndefined();
    expect(change.row).toBeUndefined();
    expect(asked).toBe(1);
  });

  it("the world's interface and route rows, written when read, are the rows the run sets", () => {
    const run = runPoc({});
    const natvm = tablesAt(run.tableLog, 'NATVM', 0);
    expect(natvm.find((t) => t.title === 'Interfaces')!.rows.map((r) => r.cells)).toEqual([
      { interface: 'inside', address: '192.168.200.1/24', mac: '00:15:5d:c8:00:01', network: 'transit', vlan: '1002', state: 'up' },
      { interface: 'outside', address: '10.0.0.20/24', mac: '00:15:5d:0a:00:14', network: 'outside', vlan: '-', state: 'up' },
    ]);
    expect(natvm.find((t) => t.title === 'Routing table')!.rows.map((r) => r.cells)).toEqual([
      { prefix: '192.168.200.0/24', 'next hop': 'on-link', interface: 'inside', source: 'connected', from: '-', metric: '0' },
      { prefix: '10.0.0.0/24', 'next hop': 'on-link', interface: 'outside', source: 'connected', from: '-', metric: '0' },
      { prefix: '0.0.0.0/0', 'next hop': '10.0.0.1', interface: 'outside', source: 'static', from: '-', metric: '0' },
      { prefix: '192.168.100.0/24', 'next hop': '192.168.200.2', interface: 'inside', source: 'static', from: '-', metric: '0' },
      { prefix: '192.168.133.0/24', 'next hop': '192.168.200.2', interface: 'inside', source: 'static', from: '-', metric: '0' },
    ]);
  });
});
