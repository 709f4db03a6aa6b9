// VFP on the host's PA port, given the MUX's own VXLAN frame and three broken copies of it: a VNI the host has no
// virtual network for, a header whose I flag says it carries no valid VNI (RFC 7348), and an inner packet for a VIP
// port no rule balances. Each is dropped at the host with its reason; the intact frame reaches PortalVM, also when
// the switch floods it, not having learned the host's PA MAC yet.
import { beforeEach, describe, expect, it } from 'vitest';
import { fixIpv4Checksum } from '../net/codec';
import type { Transmission } from '../protocol';
import { pocTopology, runPoc } from '../run/fixtures';
import { withSecondMux } from '../run/secondMux';
import { buildWorld } from '../run/world';

const SW = 'CCI_External_vSwitch';
/** Offsets in the MUX's frame: outer Ethernet 14, IPv4 20, UDP 8, then VXLAN (flags, 3 reserved, VNI 3, 1 reserved). */
const VXLAN = 14 + 20 + 8;
const INNER = VXLAN + 8;

// Each test runs the POC itself (about 20 ms): a run shared across tests (beforeAll) would count every device line it
// reaches as reached outside any test, and mutation testing would then run each such mutant against every test.
let frames: { vxlan: Transmission; hostArp: Transmission };
beforeEach(() => {
  const r = runPoc().result;
  frames = { vxlan: r.transmissions.find((x) => x.fromNode === 'MuxVM' && x.protocol === 'vxlan')!, hostArp: r.transmissions.find((x) => x.fromNode === 'HyperVHost' && x.protocol === 'arp')! };
});

/**
 * Sends `bytes` from MuxVM's PA port, traced, once the switch has learned the host's PA MAC (unless `learned` is
 * false: then the switch floods it); returns the trace and the events.
 */
function send(bytes: Uint8Array, learned = true) {
  const world = buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });
  const { sw, ctx } = world;
  if (learned) sw.fromNic(sw.ports.find((p) => p.id === 'HyperVHost.pa')!, frames.hostArp.bytes.slice(), 0, 0, 'the host answers an ARP request');
  ctx.sched.run(100, () => false);
  ctx.tracer.open(1, 'probe', 'the MUX sends VXLAN to the host');
  ctx.tracer.begin(1, 'MuxVM', 'pa');
  sw.fromNic(sw.ports.find((p) => p.id === 'MuxVM.pa')!, bytes, 1, ctx.sched.now, 'the MUX sends VXLAN to the host');
  ctx.sched.run(1_000_000, () => false);
  const trace = ctx.tracer.get(1)!;
  const atSwitch = trace.hops.find((h) => h.node === SW)!;
  const drops = ctx.rec.events.filter((e) => e.kind === 'drop' && e.node === SW).map((e) => [e.summary, e.kind === 'drop' ? e.reason : '']);
  const delivered = ctx.rec.events.filter((e) => e.kind === 'flow-created').map((e) => e.summary);
  return { final: trace.final, steps: atSwitch.steps.slice(1).map((s) => s.text), why: atSwitch.why, drops, delivered };
}
const copy = (edit: (b: Uint8Array) => void) => {
  const b = frames.vxlan.bytes.slice();
  edit(b);
  return b;
};
const DECAP = 'VFP strips the outer Ethernet, IPv4 192.168.233.6 -> 192.168.233.21, UDP 4789 and VXLAN headers (VNI 4096)';

describe("VFP decapsulating the MUX's VXLAN", () => {
  it('the intact frame: decapsulated, VIP rewritten to the DIP, delivered to PortalVM', () => {
    const r = send(frames.vxlan.bytes.slice());
    expect(r.final).toMatchObject({ disposition: 'delivered', reason: 'PortalVM accepts the connection: a service listens on TCP 443' });
    expect(r.steps.slice(0, 2)).toEqual([DECAP, 'VFP rewrites the destination VIP 192.168.133.74:443 to DIP 192.168.100.9:443 (rule portal-https) and records the flow']);
    expect(r.drops).toEqual([]);
  });

  it('a VNI the host has no virtual network for (5000): dropped, and said so', () => {
    const r = send(copy((b) => b.set([0x00, 0x13, 0x88], VXLAN + 4)));
    expect(r.final).toMatchObject({ disposition: 'no-route', reason: 'VFP on HyperVHost.pa has no virtual network with VNI 5000' });
    expect([r.steps, r.why]).toEqual([['VFP on HyperVHost.pa has no virtual network with VNI 5000'], 'VFP drops VXLAN for an unknown virtual network.']);
    expect(r.drops).toEqual([['VFP: VXLAN with unknown VNI 5000 dropped', 'unknown-vni']]);
  });

  it('the I flag clear: the header carries no valid VNI (RFC 7348), whatever its VNI field holds; dropped, and said so', () => {
    const r = send(copy((b) => (b[VXLAN] = 0)));
    const reason = "VFP on HyperVHost.pa drops VXLAN whose I flag is clear: the header carries no valid VNI (RFC 7348)";
    expect(r.final).toMatchObject({ disposition: 'no-route', reason });
    expect([r.steps, r.why]).toEqual([[reason], 'VFP drops VXLAN without a valid VNI.']);
    expect(r.drops).toEqual([['VFP: VXLAN without a valid VNI (I flag clear) dropped', 'unknown-vni']]);
  });

  it('an inner packet for a VIP port no rule balances (8443): decapsulated, then dropped for want of a policy', () => {
    // The inner TCP destination port, after the inner Ethernet (14) and IPv4 (20) headers.
    const r = send(copy((b) => b.set([0x20, 0xfb], INNER + 14 + 20 + 2)));
    const reason = 'VFP has no load-balancing policy for 192.168.133.74:8443 towards 00:15:5d:64:00:09';
    expect(r.final).toMatchObject({ disposition: 'no-rule', reason });
    expect([r.steps, r.why]).toEqual([[DECAP, reason], `${reason}, so it drops the packet.`]);
    expect(r.drops).toEqual([[reason, 'no-rule']]);
  });

  it('UDP to the host PA on another port (4790) is not VXLAN: VFP leaves it, and the host itself refuses it', () => {
    const r = send(copy((b) => b.set([0x12, 0xb6], VXLAN - 6)));
    expect(r.steps).toEqual(['out of port HyperVHost.pa', 'sent out of HyperVHost.pa']);
    expect(r.final).toMatchObject({ disposition: 'no-listener', reason: 'nothing listens on UDP port 4790 at HyperVHost' });
    expect(r.drops).toEqual([]);
  });

  it('VXLAN to another PA (192.168.233.22) is not for this host: VFP leaves it, and the host drops it as an end host', () => {
    const r = send(
      copy((b) => {
        b[14 + 19] = 22; // the outer IPv4 destination's last byte
        fixIpv4Checksum(b, 14);
      }),
    );
    expect(r.steps).toEqual(['out of port HyperVHost.pa', 'sent out of HyperVHost.pa']);
    expect(r.final).toMatchObject({ disposition: 'not-a-router', reason: 'HyperVHost does not forward packets and 192.168.233.22 is not its address' });
  });

  it('flooded, the switch not having learned the host PA MAC yet: the copy to the host PA still goes through VFP', () => {
    const r = send(frames.vxlan.bytes.slice(), false);
    expect(r.final).toMatchObject({ disposition: 'delivered', reason: 'PortalVM accepts the connection: a service listens on TCP 443' });
    expect(r.steps.slice(0, 3)).toEqual([
      'The switch has not learned 00:15:5d:e9:00:15 yet, so it floods the frame to every other port of VLAN 1003.',
      DECAP,
      'VFP rewrites the destination VIP 192.168.133.74:443 to DIP 192.168.100.9:443 (rule portal-https) and records the flow',
    ]);
    expect(r.delivered).toEqual(['VFP flow 192.168.200.10:64877 -> VIP 192.168.133.74:443 = DIP 192.168.100.9:443']);
    expect(r.drops).toEqual([]);
  });

  it("VXLAN for the host PA switched to another PA port (MuxVM2's MAC): it leaves that port as it is; VFP sits on the host's port alone", () => {
    const world = buildWorld(withSecondMux(pocTopology()), { seed: 1, icmpRedirects: false, record: { full: true } });
    const { sw, ctx } = world;
    const port = (id: string) => sw.ports.find((p) => p.id === id)!;
    const MUX2 = [0x00, 0x15, 0x5d, 0xe9, 0x00, 0x08];
    // The switch learns MuxVM2's PA MAC on its port from a frame MuxVM2 sends (the host's ARP answer, as if its own).
    const learn = frames.hostArp.bytes.slice();
    learn.set(MUX2, 6);
    sw.fromNic(port('MuxVM2.pa'), learn, 0, 0, 'MuxVM2 sends a frame');
    ctx.sched.run(100, () => false);
    ctx.tracer.open(1, 'probe', 'the MUX sends VXLAN to MuxVM2');
    ctx.tracer.begin(1, 'MuxVM', 'pa');
    sw.fromNic(port('MuxVM.pa'), copy((b) => b.set(MUX2, 0)), 1, ctx.sched.now, 'the MUX sends VXLAN to MuxVM2');
    ctx.sched.run(1_000_000, () => false);
    const atSwitch = ctx.tracer.get(1)!.hops.find((h) => h.node === SW)!;
    expect(atSwitch.steps.slice(1).map((s) => s.text)).toEqual(['out of port MuxVM2.pa', 'sent out of MuxVM2.pa']);
    expect(ctx.rec.events.filter((e) => e.kind === 'flow-created')).toEqual([]);
  });

  it('flooded and untraced (a probe, or a frame of no flow): VFP takes the host PA copy all the same', () => {
    const world = buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });
    const { sw, ctx } = world;
    sw.fromNic(sw.ports.find((p) => p.id === 'MuxVM.pa')!, frames.vxlan.bytes.slice(), 0, 0, 'the MUX sends VXLAN to the host');
    ctx.sched.run(1_000_000, () => false);
    // What the switch sent of it: the VXLAN frame or what VFP made of it (the world's own ARP and BGP aside).
    const out = ctx.rec.transmissions.filter((t) => t.fromNode === SW && (t.protocol === 'vxlan' || t.note?.startsWith('VFP'))).map((t) => [t.time, t.toNode, t.protocol, t.bytes.length, t.note]);
    // No raw VXLAN copy reaches the host's PA NIC: PortalVM gets the inner frame, 50 bytes of outer headers fewer.
    // Sent at 0: 20 µs on MuxVM's link, 5 in the switch, 10 in VFP.
    expect(out).toEqual([[35, 'PortalVM', 'tcp', frames.vxlan.bytes.length - 50, 'VFP decapsulates the VXLAN packet addressed to the host PA 192.168.233.21, rewrites VIP 192.168.133.74 to DIP 192.168.100.9:443 (rule portal-https) and delivers it to PortalVM\'s port.']]);
    expect(ctx.rec.events.filter((e) => e.kind === 'flow-created').map((e) => e.summary)).toEqual(['VFP flow 192.168.200.10:64877 -> VIP 192.168.133.74:443 = DIP 192.168.100.9:443']);
  });
});
