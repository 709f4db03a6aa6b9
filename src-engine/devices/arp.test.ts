// ARP ageing as Windows does it (KB 949589): an entry is Reachable for ReachableTime (30 s x [0.5, 1.5]),
// then Stale, and the next packet to that neighbour asks again.
import { describe, expect, it } from 'vitest';
import { createRunSession } from '../run/session';
import { pocTopology, runPoc } from '../run/fixtures';

const S = 1_000_000;

describe('ARP ageing', () => {
  it('MuxVM asks again for BGPVM once its entry has gone stale, before a later KEEPALIVE', () => {
    // SQLVM's failure at 100 s only keeps the run going for a few keepalive intervals.
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'SQLVM', at: 100 * S }] }).result;
    const asks = r.transmissions.filter((t) => t.fromNode === 'MuxVM' && t.summary.includes('ARP who has 192.168.100.1?')).map((t) => t.time);
    expect(asks.length).toBeGreaterThanOrEqual(2);
    expect(asks[1]! - asks[0]!).toBeGreaterThanOrEqual(15 * S);
    const stale = r.events.find((e) => e.node === 'MuxVM' && e.summary.startsWith("MuxVM's ARP entry for 192.168.100.1"))!;
    expect(stale.summary).toMatch(/is stale: its reachable time of \d+\.\d s has passed/);
    expect(r.events.some((e) => e.summary.includes('hold timer expired'))).toBe(false);
  });

  it('a flow within the reachable time uses the cache: one ARP request per neighbour', () => {
    const r = runPoc().result;
    expect(r.transmissions.filter((t) => t.fromNode === 'ClientVM' && t.summary.includes('ARP who has')).length).toBe(1);
  });

  it('each node draws its reachable time between 15 and 45 s, and the table shows until when', () => {
    const session = createRunSession();
    expect(session.run(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local' }).ok).toBe(true);
    const untils = new Set<number>();
    for (const node of ['ClientVM', 'NATVM', 'BGPVM', 'ADVM', 'PortalVM']) {
      const t = session.tables(node, 2 * S);
      if (!t.ok) throw new Error(t.error.message);
      const arp = t.value.tables.find((x) => x.title === 'ARP cache')!;
      for (const row of arp.rows) {
        expect(row.cells.state).toBe('reachable');
        const reachable = Number(row.cells['reachable until']) - Number(row.cells.learned);
        expect(reachable).toBeGreaterThanOrEqual(15 * S);
        expect(reachable).toBeLessThanOrEqual(45 * S);
        untils.add(reachable);
        expect(row.prov?.mark).toBe('documented');
      }
    }
    expect(untils.size).toBeGreaterThan(2);
  });
});
