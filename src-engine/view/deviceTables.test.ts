import { describe, expect, it } from 'vitest';
import { POC_TOPOLOGY } from '../scenarios/poc';
import { parseTopology } from '../topology/validate';
import { docTables } from './deviceTables';

const parsed = parseTopology(POC_TOPOLOGY);
if (!parsed.ok) throw new Error('POC does not parse');
const poc = parsed.value;

describe('docTables', () => {
  it('gives MuxVM its interfaces, routes, BGP peer and SLB rules, each row with its provenance', () => {
    const tables = docTables(poc, 'MuxVM');
    expect(tables.map((t) => t.title)).toEqual(['Interfaces', 'Static routes', 'BGP configuration', 'SLB rules (pushed by the Network Controller)']);
    expect(tables[0]!.rows.map((r) => r.cells.address)).toEqual(['192.168.100.6/24', '192.168.233.6/24']);
    expect(tables[2]!.rows[0]!.cells).toMatchObject({ peer: '192.168.100.1', AS: '64647', 'my AS': '64628' });
    expect(tables.every((t) => t.rows.every((r) => r.prov !== undefined))).toBe(true);
  });
  it('describes a VIP by its rule and the switch by its port groups', () => {
    expect(docTables(poc, 'vip:192.168.133.74')[0]!.rows[0]!.cells.DIPs).toBe('192.168.100.9:443 on HyperVHost');
    expect(docTables(poc, 'CCI_External_vSwitch').map((t) => t.title)).toEqual(['Switch', 'Port groups']);
    expect(docTables(poc, 'nobody')).toEqual([]);
  });
});
