// A server that opens the VIP it serves, and answers that never come back: a trace never says "delivered" for a
// connection that did not come up.
import { describe, expect, it } from 'vitest';
import { pocTopology } from './fixtures';
import { simulate } from './simulate';

const RETRIES = 'Windows waits 3 s for a SYN-ACK, then doubles the wait, and retransmits the SYN at most 2 times';

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
  });
});
