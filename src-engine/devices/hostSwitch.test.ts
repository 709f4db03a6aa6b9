// The host's switch (CCI_External_vSwitch) and its VFP as the student reads them: every switch hop of the canonical
// flow there and back (ports, VLANs, the VXLAN decapsulation, the VIP -> DIP rewrite and its Direct Server Return
// reversal), the MAC address and VFP flow tables, a broadcast flooded to its VLAN, and a link that is down: its MAC
// entry gone, the traced frame flooded into it, and each frame its NIC tries to send lost.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunRequest, RunResult } from '../protocol';
import { onesSum, sumPseudoHeader } from '../packets/checksum';
import { pocTopology } from '../run/fixtures';
import { createRunSession, type RunSession } from '../run/session';

const S = 1_000_000;
const SWITCH = 'CCI_External_vSwitch';

function session(request: Partial<RunRequest> = {}): { s: RunSession; r: RunResult } {
  const s = createRunSession();
  const ran = s.run(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local', ...request });
  if (!ran.ok) throw new Error(ran.error.message);
  return { s, r: ran.value };
}
function table(s: RunSession, title: string, time: number) {
  const t = s.tables(SWITCH, time);
  if (!t.ok) throw new Error(t.error.message);
  return t.value.tables.find((x) => x.title === title)?.rows.map((row) => row.cells);
}
/** A switch hop that only forwards: received on `from`, out of `to`, the port having learned `mac`. */
const forwarded = (from: string, to: string, vlan: number, mac: string) => ({
  interface: from,
  steps: [
    { kind: 'received', interface: from, text: `received on port ${from} (VLAN ${vlan})` },
    { kind: 'switch', vlan, port: to, text: `out of port ${to}` },
    { kind: 'sent', interface: to, text: `sent out of ${to}` },
  ],
  why: `The switch learned ${mac} on port ${to}, so it forwards the frame there (VLAN ${vlan}).`,
});

describe('the canonical flow through the host', () => {
  let s: RunSession;
  let r: RunResult;
  beforeEach(() => {
    ({ s, r } = session());
  });

  it('each switch hop there and back: ports, VLANs, VXLAN decapsulation, VIP -> DIP and back by Direct Server Return', () => {
    const a = r.attempts[0]!;
    const at = (hops: typeof a.hops) => hops.filter((h) => h.node === SWITCH).map(({ interface: i, steps, why }) => ({ interface: i, steps, why }));
    expect(at(a.hops)).toEqual([
      forwarded('ClientVM.eth0', 'NATVM.inside', 1002, '00:15:5d:c8:00:01'),
      forwarded('NATVM.inside', 'BGPVM.transit', 1002, '00:15:5d:c8:00:02'),
      forwarded('BGPVM.mgmt', 'MuxVM.mgmt', 1001, '00:15:5d:64:00:06'),
      {
        interface: 'MuxVM.pa',
        steps: [
          { kind: 'received', interface: 'MuxVM.pa', text: 'received on port MuxVM.pa (VLAN 1003)' },
          { kind: 'decapsulate', vni: 4096, text: 'VFP strips the outer Ethernet, IPv4 192.168.233.6 -> 192.168.233.21, UDP 4789 and VXLAN headers (VNI 4096)' },
          {
            kind: 'rewrite',
            by: 'vfp',
            field: 'ipv4.dst',
            before: '192.168.133.74:443',
            after: '192.168.100.9:443',
            rule: 'portal-https',
            text: 'VFP rewrites the destination VIP 192.168.133.74:443 to DIP 192.168.100.9:443 (rule portal-https) and records the flow',
          },
          { kind: 'switch', vlan: 1001, port: 'PortalVM.eth0', text: 'out of port PortalVM.eth0' },
          { kind: 'sent', interface: 'PortalVM.eth0', text: 'sent out of PortalVM.eth0' },
        ],
        why: "VFP decapsulates the VXLAN packet addressed to the host PA 192.168.233.21, rewrites VIP 192.168.133.74 to DIP 192.168.100.9:443 (rule portal-https) and delivers it to PortalVM's port.",
      },
    ]);
    expect(at(a.returnHops!)).toEqual([
      {
        interface: 'PortalVM.eth0',
        steps: [
          { kind: 'received', interface: 'PortalVM.eth0', text: 'received on port PortalVM.eth0 (VLAN 1001)' },
          {
            kind: 'rewrite',
            by: 'vfp',
            field: 'ipv4.src',
            before: '192.168.100.9:443',
            after: '192.168.133.74:443',
            text: 'VFP on PortalVM.eth0 matches the recorded flow and rewrites the source DIP 192.168.100.9:443 back to VIP 192.168.133.74:443 (Direct Server Return: no MUX on the way back)',
          },
          { kind: 'switch', vlan: 1001, port: 'BGPVM.mgmt', text: 'out of port BGPVM.mgmt' },
          { kind: 'sent', interface: 'BGPVM.mgmt', text: 'sent out of BGPVM.mgmt' },
        ],
        why: 'The switch learned 00:15:5d:64:00:01 on port BGPVM.mgmt, so it forwards the frame there (VLAN 1001).',
      },
      forwarded('BGPVM.transit', 'ClientVM.eth0', 1002, '00:15:5d:c8:00:0a'),
    ]);
  });

  it('the MAC address table: each MAC on the port and VLAN it was learned on; the VFP flow table: the one flow', () => {
    expect(table(s, 'MAC address table', 3 * S)).toEqual([
      { mac: '00:15:5d:64:00:06', port: 'MuxVM.mgmt', vlan: '1001' },
      { mac: '00:15:5d:64:00:01', port: 'BGPVM.mgmt', vlan: '1001' },
      { mac: '00:15:5d:64:00:09', port: 'PortalVM.eth0', vlan: '1001' },
      { mac: '00:15:5d:c8:00:0a', port: 'ClientVM.eth0', vlan: '1002' },
      { mac: '00:15:5d:c8:00:01', port: 'NATVM.inside', vlan: '1002' },
      { mac: '00:15:5d:c8:00:02', port: 'BGPVM.transit', vlan: '1002' },
      { mac: '00:15:5d:64:00:02', port: 'ADVM.eth0', vlan: '1001' },
      { mac: '00:15:5d:e9:00:06', port: 'MuxVM.pa', vlan: '1003' },
      { mac: '00:15:5d:e9:00:15', port: 'HyperVHost.pa', vlan: '1003' },
    ]);
    expect(table(s, 'VFP flow table', 3 * S)).toEqual([{ client: '192.168.200.10:64877', VIP: '192.168.133.74:443', DIP: '192.168.100.9:443', port: 'PortalVM', created: '1001445' }]);
    expect(r.events.filter((e) => e.kind === 'flow-created').map((e) => [e.time, e.node, e.summary])).toEqual([
      [1_001_445, SWITCH, 'VFP flow 192.168.200.10:64877 -> VIP 192.168.133.74:443 = DIP 192.168.100.9:443'],
    ]);
  });

  it("MuxVM's first ARP request is flooded to every other port of VLAN 1001, once each; the reply goes to MuxVM alone", () => {
    const flood = 'The switch floods the broadcast to every other port of VLAN 1001.';
    const first = r.transmissions.filter((t) => t.fromNode === SWITCH && t.time === 55).map((t) => [t.toNode, t.toInterface, t.note]);
    expect(first).toEqual(['ADVM', 'BGPVM', 'NCVM', 'PortalVM', 'ACSVM', 'SQLVM', 'xRPVM'].map((n) => [n, n === 'BGPVM' ? 'mgmt' : 'eth0', flood]));
    const reply = r.transmissions.filter((t) => t.fromNode === SWITCH && t.time === 130).map((t) => [t.toNode, t.note]);
    expect(reply).toEqual([['MuxVM', 'The switch learned 00:15:5d:64:00:06 on port MuxVM.mgmt, so it forwards the frame there (VLAN 1001).']]);
  });
});

describe("MuxVM's mgmt link fails at 1 s", () => {
  it('its MAC entry goes; the traced frame for MuxVM is flooded and lost on the down link', () => {
    const { s, r } = session({ to: '192.168.133.74', flowAt: [6 * S], whatIf: [{ action: 'fail', target: 'MuxVM:mgmt', at: 1 * S }] });
    expect(table(s, 'MAC address table', 3 * S)).toEqual([
      { mac: '00:15:5d:64:00:01', port: 'BGPVM.mgmt', vlan: '1001' },
      { mac: '00:15:5d:64:00:09', port: 'PortalVM.eth0', vlan: '1001' },
    ]);
    const last = r.attempts[0]!.hops.at(-1)!;
    const flood = 'The switch has not learned 00:15:5d:64:00:06 yet, so it floods the frame to every other port of VLAN 1001.';
    expect([last.node, last.interface, last.why]).toEqual([SWITCH, 'BGPVM.mgmt', flood]);
    expect(last.steps).toEqual([
      { kind: 'received', interface: 'BGPVM.mgmt', text: 'received on port BGPVM.mgmt (VLAN 1001)' },
      { kind: 'switch', vlan: 1001, port: 'flood', text: flood },
      { kind: 'switch', vlan: 1001, port: 'MuxVM.mgmt', text: 'out of port MuxVM.mgmt' },
      { kind: 'sent', interface: 'MuxVM.mgmt', text: 'sent out of MuxVM.mgmt' },
      { kind: 'dropped', reason: 'link-down', text: 'the link from port MuxVM.mgmt to MuxVM mgmt is down' },
    ]);
    expect(r.attempts[0]!.disposition).toBe('link-down');
  });

  it("each frame MuxVM tries to send on it is lost, and says so; MuxVM's ARP for BGPVM fails after 3 tries", () => {
    const { r } = session({ whatIf: [{ action: 'fail', target: 'MuxVM:mgmt', at: 1 * S }] });
    const mux = r.events.filter((e) => e.node === 'MuxVM' && e.time < 52 * S && (e.kind === 'drop' || e.kind === 'link-failed')).map(({ id: _id, ...e }) => e);
    const lost = (time: number) => ({ time, kind: 'drop', node: 'MuxVM', summary: 'MuxVM mgmt: link down, frame lost', reason: 'link-down' });
    expect(mux).toEqual([
      { time: 1 * S, kind: 'link-failed', node: 'MuxVM', summary: 'MuxVM mgmt: link down', interface: 'mgmt' },
      lost(48_019_421),
      lost(49_019_421),
      lost(50_019_421),
      { time: 51_019_421, kind: 'drop', node: 'MuxVM', summary: 'MuxVM: ARP for 192.168.100.1 failed after 3 tries', reason: 'neighbor-unreachable', protocol: 'arp' },
    ]);
    // Nothing MuxVM sends after the failure reaches the switch.
    expect(r.transmissions.some((t) => t.fromNode === 'MuxVM' && t.time > 1 * S && t.toNode !== undefined)).toBe(false);
  });
});

describe("outbound NAT in the host's VFP (PortalVM reaches ClientVM)", () => {
  /** The folded ones'-complement sum of a frame's IPv4 header and of its segment with the pseudo-header: 0xffff each when right. */
  const sums = (b: Uint8Array) => {
    const total = (b[16]! << 8) | b[17]!;
    const proto = b[23]!;
    return [onesSum(b, 14, 34), onesSum(b, 34, 14 + total, proto === 1 ? 0 : sumPseudoHeader(b, 14, proto, total - 20))];
  };
  const cases = [
    { to: 'ClientVM', proto: 'ICMP', what: 'the echo identifier from the range', remote: '192.168.200.10' },
    { to: 'ClientVM:8080', proto: 'TCP', what: 'a port from the range', remote: '192.168.200.10:8080' },
  ];
  for (const c of cases) {
    it(`${c.proto}: out as VIP:10000 without the MUX, back through VFP to the DIP's own port, each rewrite in words, checksums right`, () => {
      const { s, r } = session({ from: 'PortalVM', to: c.to });
      const t = r.trace;
      const out = t.hops[1]!.steps.find((x) => x.kind === 'rewrite');
      const dip = out?.kind === 'rewrite' ? out.before : '';
      expect(dip).toMatch(/^192\.168\.100\.9:\d+$/);
      expect(out).toEqual({
        kind: 'rewrite',
        by: 'vfp',
        field: 'ipv4.src',
        before: dip,
        after: '192.168.133.74:10000',
        rule: 'portal-outbound',
        text: `outbound NAT (rule portal-outbound): VFP on PortalVM.eth0 rewrites the source DIP ${dip} to VIP 192.168.133.74:10000, ${c.what} 10000-10999 the SLB manager gave this host; the packet leaves for the DIP's gateway without passing the MUX`,
      });
      const back = t.returnHops[7]!;
      expect(back.steps.slice(1, 3)).toEqual([
        { kind: 'decapsulate', vni: 4096, text: 'VFP strips the outer Ethernet, IPv4 192.168.233.6 -> 192.168.233.21, UDP 4789 and VXLAN headers (VNI 4096)' },
        {
          kind: 'rewrite',
          by: 'vfp',
          field: 'ipv4.dst',
          before: '192.168.133.74:10000',
          after: dip,
          rule: 'portal-outbound',
          text: `outbound NAT (rule portal-outbound): VFP finds the translation of 192.168.133.74:10000 and rewrites the destination back to DIP ${dip}`,
        },
      ]);
      expect(back.why).toBe(
        `VFP decapsulates the VXLAN packet addressed to the host PA 192.168.233.21: it answers PortalVM's outbound connection, translated to 192.168.133.74:10000; VFP rewrites it back to ${dip} and delivers it to PortalVM's port.`,
      );
      // The answer reaches PortalVM on the port (or echo identifier) it sent from.
      const port = Number(dip.split(':')[1]);
      const sent = t.hops[0]!.layers.find((l) => l.type === 'icmp' || l.type === 'tcp');
      const got = t.returnHops.at(-1)!.layers.find((l) => l.type === 'icmp' || l.type === 'tcp');
      if (sent?.type === 'icmp' && got?.type === 'icmp') expect([sent, got]).toMatchObject([{ kind: 'echo-request', identifier: port }, { kind: 'echo-reply', identifier: port }]);
      else if (sent?.type === 'tcp' && got?.type === 'tcp') expect([sent.srcPort, got.dstPort, got.flags.rst]).toEqual([port, port, true]);
      else throw new Error('no ICMP or TCP layer');
      expect(r.events.filter((e) => e.kind === 'flow-created').map((e) => [e.time, e.summary])).toEqual([
        [1_000_050, `VFP outbound NAT (portal-outbound): ${c.proto} ${dip} -> 192.168.200.10 leaves as VIP 192.168.133.74:10000`],
      ]);
      expect(table(s, 'VFP outbound NAT', 2 * S)).toEqual([
        { protocol: c.proto, DIP: dip, VIP: '192.168.133.74:10000', remote: c.remote, rule: 'portal-outbound', created: '1000050' },
      ]);
      // Every frame of the request and of its answer that the switch sends carries right IPv4 and ICMP/TCP checksums.
      const frames = r.transmissions.filter((x) => x.fromNode === SWITCH && (x.flowId === 'flow' || x.flowId === 'flow-reply') && x.protocol !== 'vxlan');
      expect(frames.length).toBeGreaterThanOrEqual(4);
      for (const f of frames) expect(sums(f.bytes)).toEqual([0xffff, 0xffff]);
    });
  }
});
