// Flows that are dropped on the way, each with its exact disposition, reason and last hop: a drop that turned
// into a delivery, or a drop at the wrong place, fails here.
import { describe, expect, it } from 'vitest';
import { runPoc } from './fixtures';

const S = 1_000_000;
const SW = 'CCI_External_vSwitch';
const TO_MUX = ['ClientVM', SW, 'NATVM', SW, 'BGPVM', SW, 'MuxVM'];

describe('flows that are not delivered', () => {
  it('no-rule: MuxVM announces the VIP but balances only TCP 443, so a SYN to port 80 dies at the MUX', () => {
    const r = runPoc({ to: '192.168.133.74:80' }).result;
    expect(r.trace.disposition).toBe('no-rule');
    expect(r.trace.reason).toBe(
      'MuxVM announces VIP 192.168.133.74 but has no load-balancing rule for TCP port 80. ClientVM sent 3 SYNs (at 1 s, 4 s, 10 s: ' +
        'Windows waits 3 s for a SYN-ACK, then doubles the wait, and retransmits the SYN at most 2 times) and gave up at 22 s, ' +
        '21 s after the first: the application sees a connection timeout',
    );
    expect(r.trace.hops.map((h) => h.node)).toEqual(TO_MUX);
    expect(r.trace.hops.at(-1)!.steps.at(-1)).toEqual({
      kind: 'dropped',
      reason: 'no-rule',
      text: 'MuxVM announces VIP 192.168.133.74 but has no load-balancing rule for TCP port 80',
    });
    expect(r.trace.returnHops).toEqual([]);
    // Nothing is encapsulated towards a DIP, and ClientVM hears nothing back.
    expect(r.transmissions.filter((t) => t.fromNode === 'MuxVM' && t.protocol === 'vxlan')).toEqual([]);
    expect(r.transmissions.filter((t) => t.toNode === 'ClientVM' && t.summary.includes('TCP'))).toEqual([]);
    // Unanswered, ClientVM sends the SYN again 3 s and then 6 s later (the first waited for ARP and DNS).
    const syns = r.transmissions.filter((t) => t.fromNode === 'ClientVM' && t.protocol === 'tcp').map((t) => t.time);
    expect(syns).toEqual([1_000_180, 4_000_030, 10_000_030]);
  });

  it('link-down: with PortalVM eth0 down (before its health probes gave up on it), the switch has the frame for the DIP and no link to send it on', () => {
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'PortalVM:eth0', at: 0.5 * S }], flowAt: [5 * S] }).result;
    expect(r.trace.disposition).toBe('link-down');
    expect(r.trace.reason).toBe(
      'the link from port PortalVM.eth0 to PortalVM eth0 is down. ClientVM sent 3 SYNs (at 5.001 s, 8.001 s, 14.001 s: ' +
        'Windows waits 3 s for a SYN-ACK, then doubles the wait, and retransmits the SYN at most 2 times) and gave up at 26.001 s, ' +
        '21 s after the first: the application sees a connection timeout',
    );
    expect(r.trace.hops.map((h) => h.node)).toEqual([...TO_MUX, SW]);
    // The switch sends the frame out of the port; the wire beyond it is down, so it reaches no NIC: the hop says both.
    const last = r.trace.hops.at(-1)!;
    expect(last.steps.slice(-2)).toEqual([
      { kind: 'sent', interface: 'PortalVM.eth0', text: 'sent out of PortalVM.eth0' },
      { kind: 'dropped', reason: 'link-down', text: 'the link from port PortalVM.eth0 to PortalVM eth0 is down' },
    ]);
    const lost = r.transmissions.filter((t) => t.flowId === r.trace.id && t.fromInterface === 'PortalVM.eth0');
    // The SYN and its two retransmissions, each lost the same way.
    expect(lost.map((t) => [t.fromNode, t.protocol, t.toNode])).toEqual(Array(3).fill([SW, 'tcp', undefined]));
    // The hop names the transmission the SYN was lost in, so the page can show where it went.
    expect(last.transmissionId).toBe(lost[0]!.id);
    expect(r.trace.returnHops).toEqual([]);
    expect(r.transmissions.filter((t) => t.toNode === 'PortalVM' && t.time > 0.5 * S)).toEqual([]);
  });

  it("link-down behind a flood: with MuxVM's mgmt link down, the switch has forgotten its MAC and floods; the trace follows the copy towards MuxVM and ends at the dead link", () => {
    const r = runPoc({ to: '192.168.133.74', flowAt: [6 * S], whatIf: [{ action: 'fail', target: 'MuxVM:mgmt', at: 1 * S }] }).result;
    expect(r.trace.disposition).toBe('link-down');
    expect(r.trace.hops.map((h) => h.node)).toEqual(['ClientVM', SW, 'NATVM', SW, 'BGPVM', SW]);
    const last = r.trace.hops.at(-1)!;
    expect(last.interface).toBe('BGPVM.mgmt');
    expect(last.steps.map((s) => s.text)).toEqual([
      'received on port BGPVM.mgmt (VLAN 1001)',
      'The switch has not learned 00:15:5d:64:00:06 yet, so it floods the frame to every other port of VLAN 1001.',
      'out of port MuxVM.mgmt',
      'sent out of MuxVM.mgmt',
      'the link from port MuxVM.mgmt to MuxVM mgmt is down',
    ]);
    expect(last.steps.at(-1)).toMatchObject({ kind: 'dropped', reason: 'link-down' });
    // Every other port of VLAN 1001 still gets its copy of the flooded frame, in the flow; none of them takes it.
    const copies = r.transmissions.filter((t) => t.flowId === r.trace.id && t.fromNode === SW && t.time === r.transmissions.find((x) => x.id === last.transmissionId)!.time);
    expect(copies.map((t) => t.fromInterface)).toEqual(['ADVM.eth0', 'MuxVM.mgmt', 'NCVM.eth0', 'PortalVM.eth0', 'ACSVM.eth0', 'SQLVM.eth0', 'xRPVM.eth0']);
    expect(copies.find((t) => t.fromInterface === 'MuxVM.mgmt')!.toNode).toBeUndefined();
  });

  it("a flooded copy lost on another port's dead link is not the packet's fate: with ADVM eth0 down, the flood towards MuxVM still arrives", () => {
    // MuxVM's link is back just before the flow, so the switch has not relearned its MAC and floods; ADVM's port,
    // the first of VLAN 1001, is down.
    const whatIf = [
      { action: 'fail', target: 'MuxVM:mgmt', at: 1 * S },
      { action: 'fail', target: 'ADVM:eth0', at: 3 * S },
      { action: 'restore', target: 'MuxVM:mgmt', at: 5.99 * S },
    ] as const;
    const r = runPoc({ to: '192.168.133.74:443', flowAt: [6 * S], whatIf: [...whatIf] }).result;
    const flood = r.trace.hops.find((h) => h.interface === 'BGPVM.mgmt')!;
    expect(flood.steps.map((s) => s.text).slice(1)).toEqual([
      'The switch has not learned 00:15:5d:64:00:06 yet, so it floods the frame to every other port of VLAN 1001.',
      'out of port MuxVM.mgmt',
      'sent out of MuxVM.mgmt',
    ]);
    expect(r.trace.disposition).toBe('delivered');
    expect(r.trace.hops.at(-1)!.node).toBe('PortalVM');
  });
});
