// The MUX's hop, word for word: the rule it matches, the DIP its hash picks, the inner MAC it rewrites, the VXLAN
// header it adds and why; and the sentence it drops a packet with when no rule matches.
import { describe, expect, it } from 'vitest';
import { ACK, ethernet, ipv4, SYN, tcp, udp } from '../net/build';
import { encodePacket } from '../net/codec';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Layer } from '../packets/layers';
import { pocTopology, runPoc } from '../run/fixtures';
import { withSecondDip } from '../run/secondDip';
import { simulate } from '../run/simulate';
import { buildWorld } from '../run/world';

/** MuxVM in a POC world that keeps everything, and a frame from BGPVM to MuxVM's MAC carrying `l4` to `dst`. */
function muxVm() {
  const w = buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });
  const frame = (dst: string, proto: number, l4: Layer[]) => encodePacket([ethernet('00:15:5d:64:00:01', '00:15:5d:64:00:06'), ipv4('192.168.200.10', dst, proto, 1), ...l4]);
  return { mux: w.nodes.get('MuxVM')!, rec: w.ctx.rec, sched: w.ctx.sched, tracer: w.ctx.tracer, frame };
}

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
        text: 'rule portal-https matches 192.168.133.74 TCP port 443; the 5-tuple hash of the connection, 4160994574, picks DIP 192.168.100.9:443 (1 DIP)',
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

  it('names UDP and its port when it drops UDP for a VIP it has no rule for', () => {
    const { mux, rec, frame } = muxVm();
    expect(mux.ip.preRoute!(0, frame('192.168.133.74', IPPROTO_UDP, [udp(50000, 53), { type: 'raw', data: new Uint8Array(4) }]), 0)).toBe(true);
    expect(rec.events.map((e) => [e.kind, e.node, e.summary, 'reason' in e ? e.reason : undefined])).toEqual([
      ['drop', 'MuxVM', 'MuxVM announces VIP 192.168.133.74 but has no load-balancing rule for UDP port 53', 'no-rule'],
    ]);
  });

  it('leaves a packet for an address that is not a VIP to the IP stack, and says nothing of it', () => {
    const { mux, rec, frame } = muxVm();
    expect(mux.ip.preRoute!(0, frame('192.168.100.9', IPPROTO_TCP, [tcp(50000, 443, 1, 0, SYN)]), 0)).toBe(false);
    expect(rec.events).toEqual([]);
  });

  it('explains a traced packet in a run that keeps no events as in one that keeps them', () => {
    const r = simulate(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local' }, { full: false });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.result.trace.hops.find((h) => h.node === 'MuxVM')!.why).toBe(
      "MuxVM matches VIP 192.168.133.74 TCP port 443 to rule portal-https, picks DIP 192.168.100.9:443 by 5-tuple hash (1 DIP), and wraps the whole frame in VXLAN to HyperVHost's PA 192.168.233.21 (VNI 4096); the inner packet still says 192.168.200.10 -> 192.168.133.74.",
    );
  });

  it('names a protocol it has no word for by its number', () => {
    const { mux, rec, frame } = muxVm();
    expect(mux.ip.preRoute!(0, frame('192.168.133.74', 47, [{ type: 'raw', data: new Uint8Array(8) }]), 0)).toBe(true);
    expect(rec.events.map((e) => e.summary)).toEqual(['MuxVM announces VIP 192.168.133.74 but has no load-balancing rule for protocol 47']);
  });

  // The POC's outbound NAT gives HyperVHost ports 10000-10999 of VIP 192.168.133.74 (rule portal-outbound).
  const SNAT = "is in the range 10000-10999 the SLB manager gave HyperVHost for outbound NAT (rule portal-outbound), so it wraps the whole frame in VXLAN to HyperVHost's PA 192.168.233.21 (VNI 4096); the host's VFP translates it back.";
  const vxlanNotes = (rec: ReturnType<typeof muxVm>['rec']) => rec.transmissions.filter((t) => t.fromNode === 'MuxVM' && t.protocol === 'vxlan').map((t) => t.note);

  it("sends an answer to a VIP port of the outbound-NAT range to the DIP's host, by its destination port (not its sequence number)", () => {
    const { mux, rec, sched, frame } = muxVm();
    // The sequence number's upper half (5) sits where an ICMP echo's identifier would, and the source port 80 starts
    // with a 0 byte, as an echo reply's type does: only the destination port may count.
    expect(mux.ip.preRoute!(0, frame('192.168.133.74', IPPROTO_TCP, [tcp(80, 10000, 0x0005_0000, 1, ACK)]), 0)).toBe(true);
    sched.run(1_000_000);
    expect(vxlanNotes(rec)).toEqual([`MuxVM: 192.168.133.74 port 10000 ${SNAT}`]);
    expect(rec.events.filter((e) => e.node === 'MuxVM' && e.kind === 'drop')).toEqual([]);
  });

  it("sends an echo reply whose identifier is in the range to the DIP's host, and drops an echo request with the same identifier", () => {
    const reply = muxVm();
    reply.mux.ip.preRoute!(0, reply.frame('192.168.133.74', IPPROTO_ICMP, [{ type: 'icmp', kind: 'echo-reply', code: 0, identifier: 10001, sequence: 9 }]), 0);
    reply.sched.run(1_000_000);
    expect(vxlanNotes(reply.rec)).toEqual([`MuxVM: 192.168.133.74 echo identifier 10001 ${SNAT}`]);
    const request = muxVm();
    request.mux.ip.preRoute!(0, request.frame('192.168.133.74', IPPROTO_ICMP, [{ type: 'icmp', kind: 'echo-request', code: 0, identifier: 10001, sequence: 9 }]), 0);
    request.sched.run(1_000_000);
    expect(vxlanNotes(request.rec)).toEqual([]);
    expect(request.rec.events.map((e) => e.summary)).toEqual(['MuxVM announces VIP 192.168.133.74 but has no load-balancing rule for ICMP']);
  });

  it("traces the answer to PortalVM's outbound ping hop by hop at the MUX: the range it is in, the inner MAC, VXLAN to the host", () => {
    const r = simulate(pocTopology(), { from: 'PortalVM', to: 'ClientVM' });
    if (!r.ok) throw new Error(r.error.message);
    const mux = r.value.result.trace.returnHops.find((h) => h.node === 'MuxVM')!;
    const range = '192.168.133.74 echo identifier 10000 is in the range 10000-10999 the SLB manager gave HyperVHost for outbound NAT (rule portal-outbound)';
    expect(mux.steps).toEqual([
      { kind: 'received', interface: 'mgmt', text: 'received on mgmt (192.168.100.6, 00:15:5d:64:00:06)' },
      {
        kind: 'rewrite',
        by: 'mux',
        field: 'inner ethernet.dst',
        before: '00:15:5d:64:00:06',
        after: '00:15:5d:64:00:09',
        rule: 'portal-outbound',
        text: `${range}: an answer to a DIP's outbound connection. The inner frame's destination MAC becomes the DIP's 00:15:5d:64:00:09; its IP addresses are unchanged`,
      },
      { kind: 'encapsulate', vni: 4096, outerSrc: '192.168.233.6', outerDst: '192.168.233.21', text: "VXLAN: outer IPv4 192.168.233.6 -> 192.168.233.21 (HyperVHost's PA), UDP 60917 -> 4789, VNI 4096" },
      { kind: 'route', prefix: '192.168.233.0/24', interface: 'pa', source: 'connected', text: 'route 192.168.233.0/24 on-link out of pa, source connected' },
      { kind: 'arp', target: '192.168.233.21', mac: '00:15:5d:e9:00:15', outcome: 'resolved', text: '192.168.233.21 is at 00:15:5d:e9:00:15 (ARP reply)' },
      { kind: 'sent', interface: 'pa', text: 'sent out of pa' },
    ]);
    expect(mux.why).toBe(`MuxVM: ${range}, so it wraps the whole frame in VXLAN to HyperVHost's PA 192.168.233.21 (VNI 4096); the host's VFP translates it back.`);
  });

  it("ends a traced packet at the MUX, claimed and dropped, when it has no route to the DIP host's PA (balanced, or an outbound-NAT answer)", () => {
    for (const port of [443, 10000]) {
      const { mux, rec, tracer, frame } = muxVm();
      mux.ip.routes.remove(() => true); // every route: the PA network's connected one and the default
      tracer.open(1, 'flow', 'the flow');
      tracer.begin(1, 'MuxVM', 'mgmt');
      expect(mux.ip.preRoute!(0, frame('192.168.133.74', IPPROTO_TCP, [tcp(50000, port, 1, 0, SYN)]), 1)).toBe(true);
      const trace = tracer.get(1)!;
      expect(trace.final).toEqual({ disposition: 'no-route', reason: 'MuxVM has no route to the PA 192.168.233.21', time: 0 });
      expect(trace.hops.at(-1)!.why).toBe('The MUX cannot reach the DIP host.');
      expect(trace.hops.at(-1)!.steps.map((s) => s.kind)).toEqual(port === 443 ? ['load-balance', 'rewrite', 'encapsulate', 'dropped'] : ['rewrite', 'encapsulate', 'dropped']);
      expect(rec.events).toEqual([]);
    }
  });

  it("drops each SYN for a rule whose only DIP is out of rotation once, and says nothing more of it (MuxVM is no router)", () => {
    const S = 1_000_000;
    const r = runPoc({ flowAt: [62 * S], whatIf: [{ action: 'fail', target: 'PortalVM', at: 1 * S }] }).result;
    const out = 'MuxVM matches VIP 192.168.133.74 TCP port 443 to rule portal-https, but its only DIP is not in rotation: the SLB manager took it out because its health probes fail';
    expect(r.events.filter((e) => e.node === 'MuxVM' && e.kind === 'drop').map((e) => [e.time, e.summary, 'reason' in e ? e.reason : undefined])).toEqual([
      [62_001_250, out, 'no-healthy-dip'],
      [65_001_250, out, 'no-healthy-dip'],
      [71_001_400, out, 'no-healthy-dip'],
    ]);
  });

  it('sends a 1610-byte packet in VXLAN (1660 bytes, the PA MTU) and drops a 1611-byte one, saying why', () => {
    const sent = (ipBytes: number) => {
      const { mux, rec, sched, frame } = muxVm();
      expect(mux.ip.preRoute!(0, frame('192.168.133.74', IPPROTO_TCP, [tcp(50000, 443, 1, 0, SYN), { type: 'raw', data: new Uint8Array(ipBytes - 40) }]), 0)).toBe(true);
      sched.run(1_000_000);
      return { vxlan: rec.transmissions.filter((t) => t.fromNode === 'MuxVM' && t.protocol === 'vxlan').map((t) => t.bytes.length - 14), drops: rec.events.filter((e) => e.kind === 'drop' && e.node === 'MuxVM').map((e) => [e.node, e.summary, 'reason' in e ? e.reason : undefined]) };
    };
    expect(sent(1610)).toEqual({ vxlan: [1660], drops: [] });
    expect(sent(1611)).toEqual({
      vxlan: [],
      drops: [['MuxVM', "MuxVM drops a 1661-byte VXLAN packet (a 1611-byte packet from 192.168.200.10 plus 50 bytes of encapsulation): the pa network's MTU is 1660", 'too-big']],
    });
  });

  it('sends a UDP answer to a VIP port of the outbound-NAT range to the DIP host too', () => {
    const { mux, rec, sched, frame } = muxVm();
    mux.ip.preRoute!(0, frame('192.168.133.74', IPPROTO_UDP, [udp(40000, 10002), { type: 'raw', data: new Uint8Array(4) }]), 0);
    sched.run(1_000_000);
    expect(vxlanNotes(rec)).toEqual([`MuxVM: 192.168.133.74 port 10002 ${SNAT}`]);
  });

  it('with two DIPs both in rotation, says so: "2 DIPs"', () => {
    const mux = runPoc({ knobs: { secondDip: true } }).result.trace.hops.find((h) => h.node === 'MuxVM')!;
    expect(mux.steps.find((s) => s.kind === 'load-balance')!.text).toBe('rule portal-https matches 192.168.133.74 TCP port 443; the 5-tuple hash of the connection, 4160994574, picks DIP 192.168.100.9:443 (2 DIPs)');
  });

  it('with three DIPs and two of them out, names both, comma-separated: "their health probes fail"', () => {
    // The second-DIP what-if twice: PortalVM3 (192.168.100.10, renamed from the first copy) and PortalVM2 (.11).
    const once = withSecondDip(pocTopology());
    const three = withSecondDip({ ...once, nodes: once.nodes.map((n) => (n.id === 'PortalVM2' ? { ...n, id: 'PortalVM3' } : n)) });
    const S = 1_000_000;
    const r = simulate(three, { from: 'ClientVM', to: 'https://portal.azurestack.local', flowAt: [62 * S], whatIf: ['PortalVM', 'PortalVM3'].map((target) => ({ action: 'fail' as const, target, at: 1 * S })) });
    if (!r.ok) throw new Error(r.error.message);
    const mux = r.value.result.attempts[0]!.hops.find((h) => h.node === 'MuxVM')!;
    expect(mux.steps.find((x) => x.kind === 'load-balance')!.text).toMatch(
      /^rule portal-https matches 192\.168\.133\.74 TCP port 443; the 5-tuple hash of the connection, \d+, picks DIP 192\.168\.100\.11:443 \(1 of 3 DIPs in rotation; 192\.168\.100\.9:443, 192\.168\.100\.10:443 out: their health probes fail\)$/,
    );
  });

  it('takes for outbound NAT only its own VIP, ports 10000 to 10999; and balances TCP 443 by the rule, not UDP 443', () => {
    const verdict = (dst: string, proto: number, l4: Layer[]) => {
      const { mux, rec, sched, frame } = muxVm();
      mux.ip.preRoute!(0, frame(dst, proto, l4), 0);
      sched.run(1_000_000);
      return vxlanNotes(rec).length === 1 ? 'to the host' : rec.events.filter((e) => e.kind === 'drop').map((e) => e.summary).join('; ');
    };
    const answer = (dst: string, port: number) => verdict(dst, IPPROTO_TCP, [tcp(40000, port, 1, 1, ACK)]);
    expect([answer('192.168.133.74', 9999), answer('192.168.133.74', 10999), answer('192.168.133.74', 11000), answer('192.168.133.1', 10000)]).toEqual([
      'MuxVM announces VIP 192.168.133.74 but has no load-balancing rule for TCP port 9999',
      'to the host',
      'MuxVM announces VIP 192.168.133.74 but has no load-balancing rule for TCP port 11000',
      'MuxVM announces VIP 192.168.133.1 but has no load-balancing rule for TCP port 10000',
    ]);
    expect(verdict('192.168.133.74', IPPROTO_UDP, [udp(40000, 443), { type: 'raw', data: new Uint8Array(4) }])).toBe('MuxVM announces VIP 192.168.133.74 but has no load-balancing rule for UDP port 443');
  });
});
