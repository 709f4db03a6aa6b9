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
    // The switch sends the frame out of the port; the wire beyond it is down, so it reaches no NIC.
    expect(r.trace.hops.at(-1)!.steps.at(-1)).toMatchObject({ kind: 'sent', interface: 'PortalVM.eth0' });
    const lost = r.transmissions.filter((t) => t.flowId === r.trace.id && t.fromInterface === 'PortalVM.eth0');
    // The SYN and its two retransmissions, each lost the same way.
    expect(lost.map((t) => [t.fromNode, t.protocol, t.toNode])).toEqual(Array(3).fill([SW, 'tcp', undefined]));
    expect(r.trace.returnHops).toEqual([]);
    expect(r.transmissions.filter((t) => t.toNode === 'PortalVM' && t.time > 0.5 * S)).toEqual([]);
  });
});
