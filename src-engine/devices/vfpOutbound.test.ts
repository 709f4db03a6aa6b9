// VFP's outbound NAT on the host, for what it must leave alone and what it cannot do: PortalVM's packets to its own
// subnet and to a VIP leave the DIP's port untranslated; with a range of one port, a second connection finds no free
// port and is dropped at the switch, saying so.
import { describe, expect, it } from 'vitest';
import type { Topology } from '../topology/schema';
import { pocTopology } from '../run/fixtures';
import { simulate } from '../run/simulate';

const S = 1_000_000;
const SW = 'CCI_External_vSwitch';

function fromPortal(to: string, topology: Topology = pocTopology(), flowAt?: number[]) {
  const r = simulate(topology, { from: 'PortalVM', to, ...(flowAt ? { flowAt } : {}) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
/** The first switch hop's steps after "received", as kind: text. */
const atSwitch = (hops: readonly { node: string; steps: readonly { kind: string; text: string }[] }[]) => hops.find((h) => h.node === SW)!.steps.slice(1).map((s) => `${s.kind}: ${s.text}`);

describe("VFP on PortalVM's port leaves untranslated", () => {
  it('a packet to its own subnet (ADVM): switched as it is, and no translation recorded', () => {
    const { result, tableLog } = fromPortal('ADVM');
    expect(atSwitch(result.trace.hops)).toEqual(['switch: out of port ADVM.eth0', 'sent: sent out of ADVM.eth0']);
    expect(tableLog.filter((c) => c.table === 'vfp-snat')).toEqual([]);
    expect(result.events.filter((e) => e.kind === 'flow-created')).toEqual([]);
  });

  it("a packet to a VIP (its own portal's): it goes to the gateway with PortalVM's address, and the MUX balances it", () => {
    const { result, tableLog } = fromPortal('192.168.133.74:443');
    expect(atSwitch(result.trace.hops)).toEqual(['switch: out of port BGPVM.mgmt', 'sent: sent out of BGPVM.mgmt']);
    expect(result.trace.hops.map((h) => h.node)).toEqual(['PortalVM', SW, 'BGPVM', SW, 'MuxVM', SW, 'PortalVM']);
    expect(tableLog.filter((c) => c.table === 'vfp-snat')).toEqual([]);
  });
});

describe('a range of one port (10000) for portal-outbound', () => {
  it('the first connection leaves as VIP:10000; the second finds no free port and is dropped at the switch, saying so', () => {
    const t = pocTopology();
    const one: Topology = { ...t, slb: { ...t.slb!, outboundNat: t.slb!.outboundNat.map((r) => ({ ...r, ports: [10000, 10000] as [number, number] })) } };
    const { result } = fromPortal('ClientVM:8080', one, [1 * S, 2 * S]);
    const [first, second] = result.attempts;
    expect(atSwitch(first!.hops)[0]).toBe(
      "rewrite: outbound NAT (rule portal-outbound): VFP on PortalVM.eth0 rewrites the source DIP 192.168.100.9:58290 to VIP 192.168.133.74:10000, a port from the range 10000-10000 the SLB manager gave this host; the packet leaves for the DIP's gateway without passing the MUX",
    );
    const reason = "VFP has no free port left in portal-outbound's range 10000-10000 of VIP 192.168.133.74";
    expect([second!.disposition, second!.reason]).toEqual(['no-rule', reason]);
    expect(second!.hops.at(-1)!.why).toBe(`${reason}, so it drops the packet.`);
    expect(result.events.filter((e) => e.node === SW && (e.kind === 'drop' || e.kind === 'flow-created')).map((e) => [e.time, e.kind, e.summary, 'reason' in e ? e.reason : undefined])).toEqual([
      [1_000_050, 'flow-created', 'VFP outbound NAT (portal-outbound): TCP 192.168.100.9:58290 -> 192.168.200.10 leaves as VIP 192.168.133.74:10000', undefined],
      [2_000_050, 'drop', reason, 'no-rule'],
    ]);
  });
});
