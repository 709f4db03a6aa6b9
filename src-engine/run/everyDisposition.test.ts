// Every way a flow can end, one run each, with its exact disposition and reason: an outcome turned into
// another (a drop into a delivery, a checksum failure into "no route") fails here. The table is a complete
// record of the dispositions, so a new one does not compile until it has its run.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../limits';
import type { Disposition } from '../view/dispositions';
import { DISPOSITIONS } from '../view/dispositions';
import { pocTopology, runPoc } from './fixtures';
import { simulate } from './simulate';
import { buildWorld } from './world';

const S = 1_000_000;

interface Ending {
  readonly disposition: Disposition;
  readonly reason: string;
  /** Where the traced packet ended. */
  readonly at: string | undefined;
}

const ending = (t: { disposition: Disposition; reason: string; hops: readonly { node: string }[] }): Ending => ({ disposition: t.disposition, reason: t.reason, at: t.hops.at(-1)?.node });

/** The SYN or ping of the first attempt, or its ClientHello when the handshake came up. */
const flow = (request: Parameters<typeof runPoc>[0]) => ending(runPoc(request).result.trace);

const RETRIES = 'Windows waits 3 s for a SYN-ACK, then doubles the wait, and retransmits the SYN at most 2 times';

/** Each disposition: the run that ends in it, and what it must say. */
const ENDINGS: Record<Disposition, { readonly run: () => Ending; readonly reason: string | RegExp; readonly at: string | undefined }> = {
  delivered: {
    run: () => flow({}),
    reason: 'PortalVM accepts the connection: a service listens on TCP 443',
    at: 'PortalVM',
  },
  'no-route': {
    run: () => {
      const t = pocTopology();
      const r = simulate({ ...t, nodes: t.nodes.map((n) => (n.id === 'ClientVM' ? { ...n, routes: [] } : n)) }, { from: 'ClientVM', to: '192.168.133.74:443' });
      if (!r.ok) throw new Error(r.error.message);
      return ending(r.value.result.trace);
    },
    reason: 'ClientVM has no route to 192.168.133.74',
    at: 'ClientVM',
  },
  'ttl-exceeded': {
    run: () => flow({ to: '192.168.133.50' }),
    reason: /^the TTL ran out at (NATVM|BGPVM): routing loop between NATVM and BGPVM/,
    at: undefined,
  },
  'node-down': {
    run: () => flow({ whatIf: [{ action: 'fail', target: 'PortalVM', at: 0.5 * S }], flowAt: [5 * S] }),
    reason: /^PortalVM is down: nothing processes the packet/,
    at: 'PortalVM',
  },
  'neighbor-unreachable': {
    run: () => flow({ to: '10.0.0.99' }),
    reason: 'NATVM had no answer to ARP for its next hop 10.0.0.99: no device in Outside LAN 10.0.0.0/24 has the address 10.0.0.99. On Windows, ClientVM\'s ping prints "Reply from 192.168.200.1: Destination host unreachable."',
    at: 'NATVM',
  },
  'no-listener': {
    run: () => flow({ to: '192.168.100.9:80' }),
    reason: 'nothing listens on TCP port 80 at PortalVM (192.168.100.9): connection refused',
    at: 'PortalVM',
  },
  'no-dns-answer': {
    run: () => flow({ to: 'https://nothing.azurestack.local' }),
    reason: 'ClientVM: nothing.azurestack.local does not exist (NXDOMAIN); the SOA says to remember this for 3600 s',
    at: undefined,
  },
  'no-rule': {
    run: () => flow({ to: '192.168.133.74:80' }),
    reason: /^MuxVM announces VIP 192\.168\.133\.74 but has no load-balancing rule for TCP port 80\. ClientVM sent 3 SYNs/,
    at: 'MuxVM',
  },
  'no-healthy-dip': {
    run: () => flow({ whatIf: [{ action: 'fail', target: 'PortalVM:eth0', at: 0.5 * S }], flowAt: [100 * S] }),
    reason: /^MuxVM matches VIP 192\.168\.133\.74 TCP port 443 to rule portal-https, but its only DIP is not in rotation/,
    at: 'MuxVM',
  },
  'link-down': {
    run: () => flow({ whatIf: [{ action: 'fail', target: 'PortalVM:eth0', at: 0.5 * S }], flowAt: [5 * S] }),
    reason: `the link from port PortalVM.eth0 to PortalVM eth0 is down. ClientVM sent 3 SYNs (at 5.001 s, 8.001 s, 14.001 s: ${RETRIES}) and gave up at 26.001 s, 21 s after the first: the application sees a connection timeout`,
    at: 'CCI_External_vSwitch',
  },
  'too-big': {
    run: () => flow({ mtu: [{ network: 'pa', mtu: 1500 }] }),
    reason: /^PortalVM accepts the connection: a service listens on TCP 443\. After the handshake the ClientHello failed: MuxVM cannot send the 1500-byte packet through VXLAN/,
    at: 'PortalVM',
  },
  timeout: {
    // The source itself is down when the flow is due: it never starts, and nothing ever answers.
    run: () => flow({ whatIf: [{ action: 'fail', target: 'ClientVM', at: 0.5 * S }], flowAt: [5 * S] }),
    reason: 'the flow never started',
    at: undefined,
  },
  'back-to-sender': {
    // PortalVM opens the VIP it serves; with one DIP the hash can only pick PortalVM itself.
    run: () => flow({ from: 'PortalVM' }),
    reason: /^PortalVM receives its own SYN: the load balancer picked PortalVM itself as the server for PortalVM's connection to 192\.168\.133\.74:443/,
    at: 'PortalVM',
  },
  'bad-checksum': {
    run: () => {
      // No run corrupts a frame on its own: NATVM is handed ClientVM's ping with its header checksum flipped.
      const frame = runPoc({ to: 'PortalVM' }).result.transmissions.find((x) => x.fromNode === 'ClientVM' && x.protocol === 'icmp')!;
      const bytes = frame.bytes.slice();
      bytes[14 + 10]! ^= 0xff;
      const world = buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });
      world.ctx.tracer.open(1, 'probe', 'a corrupted ping');
      world.ctx.tracer.begin(1, 'NATVM', 'inside');
      world.nodes.get('NATVM')!.ip.input(0, bytes, 1);
      const b = world.ctx.tracer.get(1)!;
      return { disposition: b.final!.disposition, reason: b.final!.reason, at: b.hops.at(-1)?.node };
    },
    reason: 'NATVM received the packet with a wrong IPv4 header checksum',
    at: 'NATVM',
  },
  'not-a-router': {
    // SQLVM's gateway mistyped as ADVM's address: ADVM is a DNS server, not a router, and drops the ping.
    run: () => {
      const t = pocTopology();
      const nodes = t.nodes.map((n) => (n.id === 'SQLVM' ? { ...n, routes: n.routes.map((r) => ({ ...r, via: '192.168.100.2' })) } : n));
      const r = simulate({ ...t, nodes }, { from: 'SQLVM', to: 'ClientVM' });
      if (!r.ok) throw new Error(r.error.message);
      return ending(r.value.result.trace);
    },
    reason: 'ADVM does not forward packets and 192.168.200.10 is not its address. On Windows, SQLVM\'s ping prints "Request timed out."',
    at: 'ADVM',
  },
  'budget-exceeded': {
    run: () => {
      const r = simulate(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local' }, { full: true }, { simTime: LIMITS.simTime, events: 50 });
      if (!r.ok) throw new Error(r.error.message);
      return ending(r.value.result.trace);
    },
    reason: /the run stopped after 50 simulated events/,
    at: undefined,
  },
};

describe('every disposition', () => {
  it('has its run here', () => {
    expect(Object.keys(ENDINGS).sort()).toEqual([...DISPOSITIONS].sort());
  });

  it.each(DISPOSITIONS.map((d) => [d]))('%s: the run ends so, where it should, saying why', (d) => {
    const want = ENDINGS[d];
    const got = want.run();
    expect(got.disposition).toBe(d);
    if (typeof want.reason === 'string') expect(got.reason).toBe(want.reason);
    else expect(got.reason).toMatch(want.reason);
    if (want.at !== undefined) expect(got.at).toBe(want.at);
  });
});
