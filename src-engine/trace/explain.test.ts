// The routing-loop explanation of a TTL expiry, from the trace's hops: which routers, which of their routes,
// how many router hops. Built on the simulator's own loop (a VIP with no /32: NATVM <-> BGPVM).
import { beforeEach, describe, expect, it } from 'vitest';
import type { Hop } from '../protocol';
import { runPoc } from '../run/fixtures';
import { explainLoop } from './explain';

const TAIL = 'no more specific route exists, so the packet made';
const END = 'router hops, each taking 1 off its TTL, until the TTL reached 0 and an ICMP time exceeded was sent back';

describe('explaining a routing loop', () => {
  // Simulated inside each test (beforeEach), not once for the file: mutation testing then knows which tests cover what.
  let hops: readonly Hop[];
  beforeEach(() => {
    hops = runPoc({ to: '192.168.133.50' }).result.trace.hops;
  });

  it('names both routers, the route each matched and where it sent the packet, and counts every router hop', () => {
    expect(explainLoop(hops)).toBe(
      'routing loop between NATVM and BGPVM: for 192.168.133.50, NATVM matches 192.168.133.0/24 (static) via 192.168.200.2, ' +
        `while BGPVM matches 0.0.0.0/0 (static) via 192.168.200.1; ${TAIL} 127 ${END}`,
    );
    // The run's reason is the drop's, then the explanation, then what the sender's ping shows of it.
    expect(runPoc({ to: '192.168.133.50' }).result.trace.reason).toBe(`the TTL ran out at BGPVM: ${explainLoop(hops)}. On Windows, ClientVM's ping prints "Reply from 192.168.200.2: TTL expired in transit."`);
  });

  it('counts only hops that routed and took one off the TTL (not the sender, not the switch)', () => {
    // ClientVM (routes, no TTL step), switch, NATVM, switch, BGPVM, switch, NATVM, switch, BGPVM.
    expect(explainLoop(hops.slice(0, 9))).toContain(`${TAIL} 4 ${END}`);
    expect(explainLoop(hops.slice(0, 11))).toContain(`${TAIL} 5 ${END}`);
  });

  it('is no loop while fewer than two routers were visited twice', () => {
    // NATVM twice, BGPVM once.
    expect(explainLoop(hops.slice(0, 7))).toBeUndefined();
    // Only one router repeats.
    expect(explainLoop(hops.filter((h) => h.node !== 'BGPVM'))).toBeUndefined();
    // Hops that never route.
    expect(explainLoop(hops.map((h) => ({ ...h, steps: h.steps.filter((s) => s.kind !== 'route') })))).toBeUndefined();
    expect(explainLoop(hops.map((h) => ({ ...h, steps: h.steps.filter((s) => s.kind !== 'ttl') })))).toBeUndefined();
    expect(explainLoop([])).toBeUndefined();
  });

  it('says on-link for a route without a next hop, and "the destination" when the first hop has no IPv4 header', () => {
    const onLink = hops.map((h) => ({ ...h, steps: h.steps.map((s) => (s.kind === 'route' && h.node === 'BGPVM' ? { kind: s.kind, prefix: s.prefix, interface: s.interface, source: s.source, text: s.text } : s)) }));
    expect(explainLoop(onLink)).toContain('while BGPVM matches 0.0.0.0/0 (static) on-link;');
    const noIp = [{ ...hops[0]!, layers: hops[0]!.layers.filter((l) => l.type !== 'ipv4') }, ...hops.slice(1)];
    expect(explainLoop(noIp)).toContain('routing loop between NATVM and BGPVM: for the destination, NATVM matches');
  });
});
