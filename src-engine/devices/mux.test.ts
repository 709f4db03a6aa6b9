// The MUX's hop, word for word: the rule it matches, the DIP its hash picks, the inner MAC it rewrites, the VXLAN
// header it adds and why; and the sentence it drops a packet with when no rule matches.
import { describe, expect, it } from 'vitest';
import { runPoc } from '../run/fixtures';

describe('the MUX', () => {
  it("balances the portal's SYN: rule, DIP, inner MAC rewritten, VXLAN to the host's PA, and why, each exactly", () => {
    const mux = runPoc().result.trace.hops.find((h) => h.node === 'MuxVM')!;
    expect(mux.steps).toEqual([
      { kind: 'received', interface: 'mgmt', text: 'received on mgmt (192.168.100.6, 00:15:5d:64:00:06)' },
      {
        kind: 'load-balance',
        rule: 'portal-https',
        vip: '192.168.133.74:443',
        dip: '192.168.100.9:443',
        hash: 4160994574,
        text: 'rule portal-https matches 192.168.133.74 TCP port 443; 5-tuple hash 4160994574 picks DIP 192.168.100.9:443 (1 DIP)',
      },
      {
        kind: 'rewrite',
        by: 'mux',
        field: 'inner ethernet.dst',
        before: '00:15:5d:64:00:06',
        after: '00:15:5d:64:00:09',
        rule: 'portal-https',
        text: "the inner frame's destination MAC becomes the DIP's 00:15:5d:64:00:09; its IP addresses are unchanged",
      },
      { kind: 'encapsulate', vni: 4096, outerSrc: '192.168.233.6', outerDst: '192.168.233.21', text: "VXLAN: outer IPv4 192.168.233.6 -> 192.168.233.21 (HyperVHost's PA), UDP 62771 -> 4789, VNI 4096" },
      { kind: 'route', prefix: '192.168.233.0/24', interface: 'pa', source: 'connected', text: 'route 192.168.233.0/24 on-link out of pa, source connected' },
      { kind: 'arp', target: '192.168.233.21', mac: '00:15:5d:e9:00:15', outcome: 'resolved', text: '192.168.233.21 is at 00:15:5d:e9:00:15 (ARP reply)' },
      { kind: 'sent', interface: 'pa', text: 'sent out of pa' },
    ]);
    expect(mux.why).toBe(
      "MuxVM matches VIP 192.168.133.74 TCP port 443 to rule portal-https, picks DIP 192.168.100.9:443 by 5-tuple hash (1 DIP), and wraps the whole frame in VXLAN to HyperVHost's PA 192.168.233.21 (VNI 4096); the inner packet still says 192.168.200.10 -> 192.168.133.74.",
    );
  });

  it('drops a packet for a VIP it announces but has no rule for, saying which protocol and port', () => {
    const last = runPoc({ to: '192.168.133.74:80' }).result.trace.hops.at(-1)!;
    expect(last.node).toBe('MuxVM');
    expect(last.why).toBe('MuxVM announces VIP 192.168.133.74 but has no load-balancing rule for TCP port 80, so the MUX drops the packet.');
    const ping = runPoc({ to: '192.168.133.74' }).result.trace;
    expect(ping.disposition).toBe('no-rule');
    expect(ping.reason).toBe('MuxVM announces VIP 192.168.133.74 but has no load-balancing rule for ICMP. On Windows, ClientVM\'s ping prints "Request timed out."');
  });
});
