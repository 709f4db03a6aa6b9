// UDP at a node, on the POC's own stacks: a bound port gets each datagram's source, ports and payload layers; a
// port nobody bound (never bound, or unbound again) is answered with ICMP port unreachable, as a Windows host does,
// and a traced datagram ends there with that reason.
import { describe, expect, it } from 'vitest';
import { u32ToIp } from '../net/addr';
import { pocTopology } from '../run/fixtures';
import { buildWorld } from '../run/world';
import type { Datagram } from './udp';

/** NCVM and ACSVM of a fresh POC world that keeps every event and frame. */
function world() {
  const w = buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });
  const nc = w.nodes.get('NCVM')!;
  const acs = w.nodes.get('ACSVM')!;
  const acsIp = acs.ip.ifaces[0]!.ip;
  /** NCVM sends [1, 2, 3] from port 40000 to ACSVM's `port` (tagged `tag`), and the world runs 1 s. */
  const send = (port: number, tag = 0) => {
    nc.udp.send(acsIp, 40000, port, [{ type: 'raw', data: Uint8Array.of(1, 2, 3) }], tag, 'NCVM sends a test datagram.');
    w.ctx.sched.run(w.ctx.sched.now + 1_000_000, () => false);
  };
  /** What ACSVM said of each ICMP frame it sent. */
  const icmpFromAcs = () => w.ctx.rec.transmissions.filter((t) => t.fromNode === 'ACSVM' && t.protocol === 'icmp').map((t) => t.note);
  return { w, acs, send, icmpFromAcs };
}

describe('UdpStack', () => {
  it('knows which ports are bound: none at first, a port once bound, not once unbound', () => {
    const { acs } = world();
    expect(acs.udp.isBound(5000)).toBe(false);
    acs.udp.unbind(5000);
    acs.udp.bind(5000, () => {});
    expect([acs.udp.isBound(5000), acs.udp.isBound(5001)]).toEqual([true, false]);
    acs.udp.unbind(5000);
    expect(acs.udp.isBound(5000)).toBe(false);
  });

  it("hands a bound port's handler the datagram: source, both ports, the layers after the UDP header, the frame", () => {
    const { acs, send, icmpFromAcs } = world();
    const got: Datagram[] = [];
    acs.udp.bind(5000, (d) => got.push(d));
    send(5000);
    expect(got).toHaveLength(1);
    const d = got[0]!;
    expect([u32ToIp(d.src), d.srcPort, d.dstPort, d.tag]).toEqual(['192.168.100.5', 40000, 5000, 0]);
    expect(d.payload).toEqual([{ type: 'raw', data: Uint8Array.of(1, 2, 3) }]);
    // Ethernet (14), IPv4 (20), UDP (8) and the 3 payload bytes.
    expect(d.bytes.length).toBe(14 + 20 + 8 + 3);
    expect(icmpFromAcs()).toEqual([]);
  });

  it('answers a port nobody bound, or one unbound again, with ICMP port unreachable, and the handler hears nothing', () => {
    const { acs, send, icmpFromAcs } = world();
    const got: Datagram[] = [];
    acs.udp.bind(5000, (d) => got.push(d));
    acs.udp.unbind(5000);
    send(5000);
    send(5001);
    expect(got).toEqual([]);
    // NCVM is 192.168.100.5, ACSVM 192.168.100.3.
    const unreachable = 'ACSVM reports ICMP destination unreachable (code 3) about 192.168.100.5 -> 192.168.100.3 to its source. ACSVM sends it by route 192.168.100.0/24 on-link out of eth0, connected.';
    expect(icmpFromAcs()).toEqual([unreachable, unreachable]);
  });

  it('a traced datagram to a port nobody bound ends there: no listener, and the node says it answers with ICMP', () => {
    const { w, send } = world();
    w.ctx.tracer.open(1, 'probe', 'NCVM sends a test datagram');
    w.ctx.tracer.begin(1, 'NCVM', 'eth0');
    send(5002, 1);
    const trace = w.ctx.tracer.get(1)!;
    expect(trace.final).toMatchObject({ disposition: 'no-listener', reason: 'nothing listens on UDP port 5002 at ACSVM' });
    expect(trace.hops.at(-1)!.why).toBe('ACSVM answers with ICMP port unreachable.');
  });
});
