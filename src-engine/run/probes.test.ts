// SLB health probes: the host agent on HyperVHost probes PortalVM from the first address of its subnet
// every 5 s (TCP 443), never through the MUX; 11 unanswered probes take the DIP out of rotation through the
// SLB manager (NCVM); the MUX then has nowhere to send a new flow, or (with the second DIP) sends it to the
// healthy one.
import { describe, expect, it } from 'vitest';
import { decodePacket } from '../packets/decode';
import type { Layer } from '../packets/layers';
import type { SimEvent, Transmission } from '../protocol';
import { POC_TOPOLOGY } from '../scenarios/poc';
import { parseTopology } from '../topology/validate';
import { pocTopology, runPoc } from './fixtures';
import { simulate } from './simulate';

const S = 1_000_000;
const layers = (t: Transmission): readonly Layer[] => {
  const d = decodePacket(t.bytes);
  return d.ok ? d.value.layers : [];
};
const tcpOf = (t: Transmission) => layers(t).find((l) => l.type === 'tcp');
const ipOf = (t: Transmission) => layers(t).find((l) => l.type === 'ipv4');
const health = (events: readonly SimEvent[]) =>
  events.flatMap((e) => (e.kind === 'dip-health' ? [[e.time, e.node, e.by, e.dip, e.healthy, e.probes] as const] : []));

describe('SLB health probes', () => {
  it('the host agent probes PortalVM every 5 s from 192.168.100.1, the first address of its subnet, straight into its port', () => {
    const r = runPoc({ flowAt: [12 * S] }).result;
    const probes = r.transmissions.filter((t) => t.flowId === 'probe');
    const syns = probes.filter((t) => (tcpOf(t) as { flags: { syn: boolean } } | undefined)?.flags.syn);
    // Injected by VFP at PortalVM's switch port: the probe never crosses the MUX or any router.
    expect(syns.map((t) => [t.time, t.fromNode, t.fromInterface, t.toNode])).toEqual([
      [0.5 * S + 10, 'CCI_External_vSwitch', 'PortalVM.eth0', 'PortalVM'],
      [5.5 * S + 10, 'CCI_External_vSwitch', 'PortalVM.eth0', 'PortalVM'],
      [10.5 * S + 10, 'CCI_External_vSwitch', 'PortalVM.eth0', 'PortalVM'],
    ]);
    const first = syns[0]!;
    expect(ipOf(first)).toMatchObject({ src: '192.168.100.1', dst: '192.168.100.9', ttl: 128 });
    expect(tcpOf(first)).toMatchObject({ dstPort: 443, flags: { syn: true, ack: false } });
    // PortalVM answers with SYN-ACK into its port; VFP hands it to the agent, which resets the half-open probe.
    const answer = r.transmissions.find((t) => t.flowId === 'probe-reply' && t.time > first.time)!;
    expect([answer.fromNode, answer.toNode]).toEqual(['PortalVM', 'CCI_External_vSwitch']);
    expect(tcpOf(answer)).toMatchObject({ srcPort: 443, dstPort: (tcpOf(first) as { srcPort: number }).srcPort, flags: { syn: true, ack: true } });
    expect(r.transmissions.some((t) => t.fromNode === 'CCI_External_vSwitch' && t.flowId === 'probe-reply')).toBe(false);
    const rst = probes.find((t) => t.time > answer.time)!;
    expect(tcpOf(rst)).toMatchObject({ flags: { rst: true, syn: false } });
    expect(r.transmissions.filter((t) => t.flowId?.startsWith('probe')).every((t) => t.fromNode !== 'MuxVM' && t.toNode !== 'MuxVM' && t.toNode !== 'BGPVM')).toBe(true);
    // Healthy all along: nothing changed, nothing reported.
    expect(health(r.events)).toEqual([]);
  });

  it('PortalVM fails: 11 unanswered probes later the agent reports it down, the SLB manager tells the MUX, and a new flow has no healthy DIP', () => {
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'PortalVM', at: 1 * S }] }).result;
    // Probes at 5.5, 10.5, ... 55.5 s go unanswered; the 11th is counted lost when the next one is due at 60.5 s.
    expect(health(r.events)).toEqual([
      [60.5 * S, 'HyperVHost', 'host-agent', '192.168.100.9:443', false, 11],
      [60.55 * S, 'NCVM', 'slb-manager', '192.168.100.9:443', false, 11],
      [60.6 * S, 'MuxVM', 'mux', '192.168.100.9:443', false, 11],
    ]);
    const t = r.trace;
    expect(t.disposition).toBe('no-healthy-dip');
    expect(t.hops.at(-1)!.node).toBe('MuxVM');
    expect(t.hops.at(-1)!.steps.at(-1)).toMatchObject({ kind: 'dropped', reason: 'no-healthy-dip' });
    expect(t.reason).toContain("its only DIP is not in rotation: the SLB manager took it out because its health probes fail. PortalVM failed at 1 s; HyperVHost's SLB host agent had no answer to 11 health probes in a row and reported DIP 192.168.100.9:443 down at 60.5 s; the SLB manager (NCVM) took it out of MuxVM's rotation for rule portal-https at 60.6 s");
    expect(r.transmissions.some((t) => t.flowId === 'flow' && t.toNode === 'PortalVM')).toBe(false);
  });

  it('before the probes give up, the MUX still sends the flow to the dead DIP (node-down)', () => {
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'PortalVM', at: 1 * S }], flowAt: [30 * S] }).result;
    expect(r.trace.disposition).toBe('node-down');
    expect(health(r.events)).toEqual([]);
  });

  it('with the SLB manager down, the agent knows but the MUX is never told: it keeps sending to the dead DIP', () => {
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'NCVM', at: 0.2 * S }, { action: 'fail', target: 'PortalVM', at: 1 * S }], flowAt: [100 * S] }).result;
    expect(health(r.events)).toEqual([[60.5 * S, 'HyperVHost', 'host-agent', '192.168.100.9:443', false, 11]]);
    expect(r.events.some((e) => e.node === 'HyperVHost' && e.summary.includes('the SLB manager (NCVM) is down'))).toBe(true);
    expect(r.trace.disposition).toBe('node-down');
  });

  it('PortalVM back: 11 answers in a row put it back in rotation', () => {
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'PortalVM', at: 1 * S }, { action: 'restore', target: 'PortalVM', at: 100 * S }], flowAt: [200 * S] }).result;
    // Answers from 100.5 s on; the 11th, its SYN-ACK back 80 µs after the probe of 150.5 s, makes it healthy.
    expect(health(r.events).filter(([, , , , healthy]) => healthy)).toEqual([
      [150.5 * S + 80, 'HyperVHost', 'host-agent', '192.168.100.9:443', true, 11],
      [150.55 * S + 80, 'NCVM', 'slb-manager', '192.168.100.9:443', true, 11],
      [150.6 * S + 80, 'MuxVM', 'mux', '192.168.100.9:443', true, 11],
    ]);
    expect(r.trace.disposition).toBe('delivered');
  });

  it('second portal DIP (what-if): the MUX moves new flows to the healthy DIP and says why', () => {
    const healthy = runPoc({ knobs: { secondDip: true } }).result;
    const lb = (x: typeof healthy) => x.trace.hops.flatMap((h) => h.steps).find((s) => s.kind === 'load-balance');
    expect(lb(healthy)).toMatchObject({ dip: '192.168.100.9:443' });
    expect(lb(healthy)!.text).toContain('(2 DIPs)');
    const r = runPoc({ knobs: { secondDip: true }, whatIf: [{ action: 'fail', target: 'PortalVM', at: 1 * S }] }).result;
    expect(lb(r)).toMatchObject({ dip: '192.168.100.10:443' });
    expect(lb(r)!.text).toContain('1 of 2 DIPs in rotation; 192.168.100.9:443 out: its health probes fail');
    expect(r.trace.disposition).toBe('delivered');
    expect(r.trace.hops.at(-1)!.node).toBe('PortalVM2');
    expect(r.trace.reason).toContain('took it out of MuxVM\'s rotation for rule portal-https at 60.6 s');
    // Both DIPs are probed; only the dead one is reported.
    const probed = new Set(r.transmissions.filter((t) => t.flowId === 'probe').map((t) => t.toNode));
    expect([...probed].sort()).toEqual(['PortalVM', 'PortalVM2']);
    expect(health(r.events).map(([, , , dip]) => dip)).toEqual(['192.168.100.9:443', '192.168.100.9:443', '192.168.100.9:443']);
  });

  it('a rule without a probe: no probe frames, every DIP in rotation', () => {
    const doc = structuredClone(POC_TOPOLOGY);
    delete (doc.slb!.rules[0] as { probe?: unknown }).probe;
    const t = parseTopology(doc);
    if (!t.ok) throw new Error(t.error[0]!.message);
    const r = simulate(t.value, { from: 'ClientVM', to: 'https://portal.azurestack.local', whatIf: [{ action: 'fail', target: 'PortalVM', at: 1 * S }] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.result.transmissions.some((x) => x.flowId === 'probe')).toBe(false);
    expect(r.value.result.trace.disposition).toBe('node-down');
    expect(pocTopology().slb!.rules[0]!.probe).toMatchObject({ protocol: 'tcp', port: 443, intervalInSeconds: 5, numberOfProbes: 11 });
  });

  it('the host keeps a probe table: one row per DIP with its state', () => {
    const run = runPoc({ whatIf: [{ action: 'fail', target: 'PortalVM', at: 1 * S }] });
    const rows = run.tableLog.filter((c) => c.node === 'HyperVHost' && c.table === 'slb-probes');
    expect(rows[0]!.row!.cells).toMatchObject({ rule: 'portal-https', DIP: '192.168.100.9:443 (PortalVM)', probe: 'TCP 443 every 5 s from 192.168.100.1', state: 'healthy' });
    const down = rows.find((c) => c.row?.cells.state === 'down')!;
    expect(down.time).toBe(60.5 * S);
    expect(down.row!.cells['in a row']).toBe('11 failed');
    const mux = run.tableLog.filter((c) => c.node === 'MuxVM' && c.table === 'slb-rules').at(-1)!;
    expect(mux.row!.cells.DIPs).toBe('192.168.100.9:443 (out: probes fail)');
  });
});
