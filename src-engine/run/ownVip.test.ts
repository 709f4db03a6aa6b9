// A server that opens the VIP it serves, and answers that never come back: a trace never says "delivered" for a
// connection that did not come up.
import { describe, expect, it } from 'vitest';
import { pocTopology, runPoc } from './fixtures';
import { simulate } from './simulate';

const SW = 'CCI_External_vSwitch';
const RETRIES = 'Windows waits 3 s for a SYN-ACK, then doubles the wait, and retransmits the SYN at most 2 times';

describe('a server that opens its own VIP', () => {
  const BACK =
    "PortalVM receives its own SYN: the load balancer picked PortalVM itself as the server for PortalVM's connection to 192.168.133.74:443, " +
    'so the SYN arrives from 192.168.100.9:62878 to 192.168.100.9:443. PortalVM waits for an answer from 192.168.133.74:443, but its answer to this SYN ' +
    'would come from 192.168.100.9:443 and go to itself: the two halves of the connection do not match, so it never comes up. ' +
    "Azure's load balancer documents this as not supported: a server's connection to its own load-balanced VIP fails when the hash picks that same server";

  it('fails where the SYN comes back to its sender, saying why, and nothing answers on the wire', () => {
    const r = runPoc({ from: 'PortalVM' }).result;
    expect(r.trace.disposition).toBe('back-to-sender');
    expect(r.trace.hops.map((h) => h.node)).toEqual(['PortalVM', SW, 'BGPVM', SW, 'MuxVM', SW, 'PortalVM']);
    expect(r.trace.hops.at(-1)!.steps.at(-1)).toEqual({ kind: 'dropped', reason: 'back-to-sender', text: BACK });
    expect(r.trace.reason).toBe(
      `${BACK}. Each retransmitted SYN has the same addresses and ports, so the hash picks PortalVM again. ` +
        `PortalVM sent 3 SYNs (at 1 s, 4 s, 10 s: ${RETRIES}) and gave up at 22 s, 21 s after the first: the application sees a connection timeout`,
    );
    expect(r.trace.returnHops).toEqual([]);
    // The SYN itself died, at its last hop: PortalVM, carried there by the switch's transmission 68.
    expect(r.trace.diedAt).toEqual({ node: 'PortalVM', leg: 'forward', hop: 6, transmissionId: 68 });
    expect(r.trace.connection).toEqual({ outcome: 'gave-up', synTimes: [1_000_300, 4_000_300, 10_000_300], endedAt: 22_000_300 });
    // No SYN-ACK and no ARP for its own address: the only TCP PortalVM sends are its three SYNs.
    const fromPortal = r.transmissions.filter((t) => t.fromNode === 'PortalVM' && t.time > 1_000_000);
    expect(fromPortal.filter((t) => t.protocol === 'tcp' && t.summary.includes(':62878')).map((t) => t.summary)).toEqual(Array(3).fill('192.168.100.9:62878 -> 192.168.133.74:443 TCP SYN TTL 128'));
    expect(fromPortal.filter((t) => t.protocol === 'arp').map((t) => t.summary)).toEqual(['ARP who has 192.168.100.2? tell 192.168.100.9']);
    // Each of the three SYNs comes back and is dropped so, with an event the diagram marks.
    const drops = r.events.filter((e) => e.kind === 'drop' && e.node === 'PortalVM');
    expect(drops.map((e) => [e.time, e.kind === 'drop' && e.reason])).toEqual([
      [1_000_690, 'back-to-sender'],
      [4_000_540, 'back-to-sender'],
      [10_000_540, 'back-to-sender'],
    ]);
    expect(drops[0]!.summary).toBe('PortalVM drops its own SYN that the load balancer sent back to it: its connection to 192.168.133.74:443 waits for an answer from there, not from itself');
  });

  it('works when the hash picks another server (a second DIP, seed 2)', () => {
    const r = runPoc({ from: 'PortalVM', seed: 2, knobs: { secondDip: true } }).result;
    expect(r.trace.disposition).toBe('delivered');
    expect(r.trace.hops.at(-1)!.node).toBe('PortalVM2');
    expect(r.trace.connection?.outcome).toBe('established');
  });
});

describe('an answer that never comes back', () => {
  it('is not delivered: PortalVM without routes accepts the SYN, its SYN-ACK has no route, and the trace says so', () => {
    const t = pocTopology();
    const run = simulate({ ...t, nodes: t.nodes.map((n) => (n.id === 'PortalVM' ? { ...n, routes: [] } : n)) }, { from: 'ClientVM', to: 'https://portal.azurestack.local' });
    if (!run.ok) throw new Error(run.error.message);
    const r = run.value.result;
    expect(r.trace.disposition).toBe('no-route');
    expect(r.trace.reason).toBe(
      'PortalVM accepts the connection: a service listens on TCP 443, but the answer never came back: PortalVM has no route to 192.168.200.10. ' +
        `ClientVM sent 3 SYNs (at 1.001 s, 4.001 s, 10.001 s: ${RETRIES}) and gave up at 22.001 s, 21 s after the first: the application sees a connection timeout`,
    );
    expect(r.trace.returnHops.map((h) => h.node)).toEqual(['PortalVM']);
    // The answer died where it was made, before it left: at the moment the SYN arrived (the switch's transmission 97).
    expect(r.trace.diedAt).toEqual({ node: 'PortalVM', leg: 'return', hop: 0, transmissionId: 97 });
  });

  it('died where the answer died, not where the request arrived: PortalVM whose gateway is NCVM, which does not forward', () => {
    const t = pocTopology();
    // PortalVM's default route, through NCVM (192.168.100.5) instead of BGPVM.
    const run = simulate({ ...t, nodes: t.nodes.map((n) => (n.id === 'PortalVM' ? { ...n, routes: n.routes.map((r) => ({ ...r, via: '192.168.100.5' })) } : n)) }, { from: 'ClientVM', to: 'https://portal.azurestack.local' });
    if (!run.ok) throw new Error(run.error.message);
    const r = run.value.result;
    expect(r.trace.disposition).toBe('not-a-router');
    expect(r.trace.hops.at(-1)!.node).toBe('PortalVM');
    expect(r.trace.returnHops.map((h) => [h.node, h.transmissionId])).toEqual([['PortalVM', 108], [SW, 109], ['NCVM', undefined]]);
    expect(r.trace.diedAt).toEqual({ node: 'NCVM', leg: 'return', hop: 2, transmissionId: 109 });
  });

  it('a delivered flow did not die anywhere', () => {
    expect(runPoc().result.trace.diedAt).toBeUndefined();
  });
});
