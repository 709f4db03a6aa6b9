// Outbound NAT through the SLB: PortalVM reaching outside its subnet leaves through the host's VFP with the
// VIP as its source (a port from the VIP's range), straight to its gateway, never through the MUX; the answer
// comes back to the VIP: BGPVM -> MuxVM -> VXLAN -> the host's VFP, which translates it back to PortalVM.
import { describe, expect, it } from 'vitest';
import { decodePacket } from '../packets/decode';
import type { Layer } from '../packets/layers';
import type { Transmission } from '../protocol';
import { pocTopology } from './fixtures';
import { simulate } from './simulate';

const SW = 'CCI_External_vSwitch';
const layersOf = (t: Transmission): readonly Layer[] => {
  const d = decodePacket(t.bytes);
  return d.ok ? d.value.layers : [];
};

function run(to: string) {
  const r = simulate(pocTopology(), { from: 'PortalVM', to });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('outbound NAT through the SLB', () => {
  it('a ping from PortalVM to ClientVM leaves as the VIP, without the MUX, and its answer comes back through the MUX and VFP', () => {
    const { result: r, tableLog } = run('ClientVM');
    const t = r.trace;
    expect(t.disposition).toBe('delivered');
    expect(t.hops.map((h) => h.node)).toEqual(['PortalVM', SW, 'BGPVM', SW, 'ClientVM']);
    const out = t.hops[1]!.steps.find((s) => s.kind === 'rewrite');
    expect(out).toMatchObject({ kind: 'rewrite', by: 'vfp', field: 'ipv4.src', after: '192.168.133.74:10000', rule: 'portal-outbound' });
    expect(t.hops[1]!.layers.find((l) => l.type === 'ipv4')).toMatchObject({ src: '192.168.133.74', dst: '192.168.200.10' });
    expect(t.hops[1]!.layers.find((l) => l.type === 'icmp')).toMatchObject({ kind: 'echo-request', identifier: 10000 });
    // The answer goes to the VIP: NATVM, BGPVM (its /32 route to the MUX), the MUX, VXLAN to the host, VFP.
    expect(t.returnHops.map((h) => h.node)).toEqual(['ClientVM', SW, 'NATVM', SW, 'BGPVM', SW, 'MuxVM', SW, 'PortalVM']);
    const mux = t.returnHops[6]!;
    expect(mux.steps.map((s) => s.kind)).toContain('encapsulate');
    expect(mux.steps.find((s) => s.kind === 'rewrite')!.text).toContain('192.168.133.74 echo identifier 10000 is in the range 10000-10999 the SLB manager gave HyperVHost for outbound NAT (rule portal-outbound)');
    expect(mux.layers.find((l) => l.type === 'vxlan')).toMatchObject({ vni: 4096 });
    const back = t.returnHops[7]!.steps.find((s) => s.kind === 'rewrite');
    expect(back).toMatchObject({ by: 'vfp', field: 'ipv4.dst', before: '192.168.133.74:10000', rule: 'portal-outbound' });
    const last = t.returnHops.at(-1)!;
    expect(last.layers.find((l) => l.type === 'ipv4')).toMatchObject({ src: '192.168.200.10', dst: '192.168.100.9' });
    expect(last.steps.at(-1)).toMatchObject({ kind: 'delivered' });
    // No frame of the request crosses the MUX; the answer does.
    const req = r.transmissions.filter((x) => x.flowId === 'flow');
    expect(req.some((x) => x.fromNode === 'MuxVM' || x.toNode === 'MuxVM')).toBe(false);
    expect(r.transmissions.some((x) => x.flowId === 'flow-reply' && x.fromNode === 'MuxVM')).toBe(true);
    const row = tableLog.find((c) => c.table === 'vfp-snat')!;
    expect(row.row!.cells).toMatchObject({ protocol: 'ICMP', DIP: expect.stringMatching(/^192\.168\.100\.9:\d+$/), VIP: '192.168.133.74:10000', remote: '192.168.200.10', rule: 'portal-outbound' });
  });

  it('TCP: the SYN leaves as VIP:10000, ClientVM (no listener) answers RST, which comes back through the MUX to PortalVM', () => {
    const r = run('ClientVM:8080').result;
    const t = r.trace;
    expect(t.disposition).toBe('no-listener');
    expect(t.hops[1]!.layers.find((l) => l.type === 'ipv4')).toMatchObject({ src: '192.168.133.74' });
    expect(t.hops[1]!.layers.find((l) => l.type === 'tcp')).toMatchObject({ srcPort: 10000, dstPort: 8080, flags: { syn: true } });
    expect(t.returnHops.map((h) => h.node)).toContain('MuxVM');
    const rst = r.transmissions.filter((x) => x.flowId === 'flow-reply' && x.toNode === 'PortalVM').map((x) => layersOf(x).find((l) => l.type === 'tcp'));
    expect(rst[0]).toMatchObject({ srcPort: 8080, flags: { rst: true } });
    expect(r.transmissions.filter((x) => x.flowId === 'flow-reply' && x.toNode === 'PortalVM').map((x) => layersOf(x).find((l) => l.type === 'ipv4'))[0]).toMatchObject({ dst: '192.168.100.9' });
  });

  it('inside its subnet, answering a connection from outside, or a load-balanced answer: nothing is translated', () => {
    // ClientVM straight to the DIP's closed port 80: PortalVM's RST answers a connection it did not open.
    const direct = simulate(pocTopology(), { from: 'ClientVM', to: '192.168.100.9:80' });
    if (!direct.ok) throw new Error(direct.error.message);
    expect(direct.value.result.trace.returnHops[0]!.layers.find((l) => l.type === 'ipv4')).toMatchObject({ src: '192.168.100.9' });
    expect(direct.value.result.trace.returnHops.flatMap((h) => h.steps).some((s) => s.kind === 'rewrite')).toBe(false);
    const local = run('ADVM').result.trace;
    expect(local.disposition).toBe('delivered');
    expect(local.hops.flatMap((h) => h.steps).some((s) => s.kind === 'rewrite')).toBe(false);
    // The portal's own answers (Direct Server Return) keep their VIP:443 source, not a NAT port.
    const portal = simulate(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local' });
    if (!portal.ok) throw new Error(portal.error.message);
    const dsr = portal.value.result.trace.returnHops.flatMap((h) => h.steps).find((s) => s.kind === 'rewrite');
    expect(dsr).toMatchObject({ by: 'vfp', after: '192.168.133.74:443' });
  });

  it('every checksum of the translated frames is right: each decodes and re-encodes to the same bytes', () => {
    const r = run('ClientVM').result;
    for (const x of r.transmissions.filter((y) => y.flowId?.startsWith('flow'))) {
      const d = decodePacket(x.bytes);
      expect(d.ok, x.summary).toBe(true);
    }
  });
});
