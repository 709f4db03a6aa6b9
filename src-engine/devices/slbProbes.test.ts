// The SLB host agent's probes in the cases the POC's defaults never show: a probe port the DIP does not listen on
// (each probe refused with RST, counted as a failure), an SLB manager that is down when the agent reports (the MUX
// keeps its list until a report gets through), and no SLB manager at all (the agent's report reaches the MUX).
import { describe, expect, it } from 'vitest';
import type { RunRequest } from '../protocol';
import { ipToU32 } from '../net/addr';
import { pocTopology } from '../run/fixtures';
import { simulate } from '../run/simulate';
import { buildWorld } from '../run/world';
import type { Topology } from '../topology/schema';

const S = 1_000_000;
const OUT = 'MuxVM: DIP 192.168.100.9:443 is out of rotation for rule portal-https (in rotation: none)';
const SLB_MANAGER = 'SLB manager (NCVM): DIP 192.168.100.9:443 of rule portal-https is down; it pushes the new DIP list to MuxVM';
const FAILED_11 = 'SLB host agent on HyperVHost: DIP 192.168.100.9:443 (PortalVM) failed 11 probes in a row (no answer in 5 s): unhealthy; it tells the SLB manager';

function run(topology: Topology, request: Partial<RunRequest>) {
  const r = simulate(topology, { from: 'ClientVM', to: 'https://portal.azurestack.local', ...request });
  if (!r.ok) throw new Error(r.error.message);
  const { result, tableLog } = r.value;
  return {
    result,
    said: result.events.filter((e) => e.kind === 'dip-health' || (e.kind === 'info' && e.node === 'HyperVHost')).map((e) => [e.time, e.node, e.summary]),
    probeRows: tableLog.filter((c) => c.table === 'slb-probes').map((c) => c.row!.cells),
    probeTimes: tableLog.filter((c) => c.table === 'slb-probes').map((c) => c.time),
    probeKeys: [...new Set(tableLog.filter((c) => c.table === 'slb-probes').map((c) => c.key))],
  };
}

describe('probes of TCP 8443, where PortalVM does not listen (2 in a row decide)', () => {
  it('each is refused with RST; the second failure takes PortalVM out, and the MUX is told 100 ms later', () => {
    const t = pocTopology();
    const topology = { ...t, slb: { ...t.slb!, rules: t.slb!.rules.map((r) => ({ ...r, probe: { ...r.probe!, port: 8443, numberOfProbes: 2 } })) } };
    const { said, probeRows, result } = run(topology, { flowAt: [20 * S] });
    // VFP takes each RST off PortalVM's port: the switch sends it nowhere.
    expect(result.transmissions.filter((x) => x.flowId === 'probe-reply' && x.time < 6 * S).map((x) => [x.time, x.fromNode, x.toNode, x.summary])).toEqual([
      [500_210, 'PortalVM', 'CCI_External_vSwitch', '192.168.100.9:8443 -> 192.168.100.1:65057 TCP RST/ACK TTL 128'],
      [5_500_060, 'PortalVM', 'CCI_External_vSwitch', '192.168.100.9:8443 -> 192.168.100.1:62825 TCP RST/ACK TTL 128'],
    ]);
    expect(said).toEqual([
      [5_500_080, 'HyperVHost', 'SLB host agent on HyperVHost: DIP 192.168.100.9:443 (PortalVM) failed 2 probes in a row (TCP 8443 refused (RST)): unhealthy; it tells the SLB manager'],
      [5_550_080, 'NCVM', SLB_MANAGER],
      [5_600_080, 'MuxVM', OUT],
    ]);
    const row = { rule: 'portal-https', DIP: '192.168.100.9:443 (PortalVM)', probe: 'TCP 8443 every 5 s from 192.168.100.1' };
    expect(probeRows.slice(0, 3)).toEqual([
      { ...row, state: 'healthy', 'in a row': '0 answered', last: 'probing' },
      { ...row, state: 'healthy', 'in a row': '1 failed', last: 'TCP 8443 refused (RST)' },
      { ...row, state: 'down', 'in a row': '2 failed', last: 'TCP 8443 refused (RST)' },
    ]);
  });
});

describe('PortalVM fails at 1 s; the SLB manager (NCVM) is down from 2 s to 80 s', () => {
  it('the agent says at each probe that the manager is down and the MUX keeps its list; the report gets through once NCVM is back', () => {
    const { said } = run(pocTopology(), {
      flowAt: [100 * S],
      whatIf: [
        { action: 'fail', target: 'PortalVM', at: 1 * S },
        { action: 'fail', target: 'NCVM', at: 2 * S },
        { action: 'restore', target: 'NCVM', at: 80 * S },
      ],
    });
    const down = 'SLB host agent on HyperVHost: the SLB manager (NCVM) is down, so the MUXes keep their DIP list; it will report again with the next probe';
    expect(said).toEqual([
      [60_500_000, 'HyperVHost', FAILED_11],
      [60_550_000, 'HyperVHost', down],
      [65_550_000, 'HyperVHost', down],
      [70_550_000, 'HyperVHost', down],
      [75_550_000, 'HyperVHost', down],
      [80_550_000, 'NCVM', SLB_MANAGER],
      [80_600_000, 'MuxVM', OUT],
    ]);
  });
});

describe('no SLB manager in the topology', () => {
  it("the host agent's verdict reaches the MUX directly, 100 ms after it (two legs of 50 ms), with no manager event", () => {
    const t = pocTopology();
    const { said } = run({ ...t, slb: { ...t.slb!, manager: undefined } }, { flowAt: [62 * S], whatIf: [{ action: 'fail', target: 'PortalVM', at: 1 * S }] });
    expect(said).toEqual([
      [60_500_000, 'HyperVHost', FAILED_11],
      [60_600_000, 'MuxVM', OUT],
    ]);
  });
});

describe('HyperVHost, where the agent runs, is down from 1 s to 30 s', () => {
  it('the agent probes nothing and counts nothing while its host is down, and goes on every 5 s once it is back', () => {
    const { said, probeTimes, probeRows } = run(pocTopology(), { flowAt: [40 * S], whatIf: [{ action: 'fail', target: 'HyperVHost', at: 1 * S }, { action: 'restore', target: 'HyperVHost', at: 30 * S }] });
    expect(said).toEqual([]);
    // Rows at 0 s (probing) and 0.5 s (the first answer), then at 30.5 s and 35.5 s: none while the host is down.
    expect(probeTimes.filter((t) => t < 36 * S).map((t) => Math.floor(t / S))).toEqual([0, 0, 30, 35]);
    expect(probeRows.filter((r) => r['in a row'] !== '0 answered').map((r) => [r['in a row'], r.state]).slice(0, 3)).toEqual([
      ['1 answered', 'healthy'],
      ['2 answered', 'healthy'],
      ['3 answered', 'healthy'],
    ]);
  });
});

describe('PortalVM out, then NCVM down from 61 s: PortalVM is back at 70 s and fails again at 130 s, NCVM still down', () => {
  it('the agent reports its "healthy" verdict in vain at each probe; once PortalVM fails again the MUX has it out already, so nothing is left to report', () => {
    const { said } = run(pocTopology(), {
      flowAt: [200 * S],
      whatIf: [
        { action: 'fail', target: 'PortalVM', at: 1 * S },
        { action: 'fail', target: 'NCVM', at: 61 * S },
        { action: 'restore', target: 'PortalVM', at: 70 * S },
        { action: 'fail', target: 'PortalVM', at: 130 * S },
      ],
    });
    const down = 'SLB host agent on HyperVHost: the SLB manager (NCVM) is down, so the MUXes keep their DIP list; it will report again with the next probe';
    expect(said).toEqual([
      [60_500_000, 'HyperVHost', FAILED_11],
      [60_550_000, 'NCVM', SLB_MANAGER],
      [60_600_000, 'MuxVM', OUT],
      [120_500_080, 'HyperVHost', 'SLB host agent on HyperVHost: DIP 192.168.100.9:443 (PortalVM) answered 11 probes in a row: healthy again; it tells the SLB manager'],
      [120_550_080, 'HyperVHost', down],
      ...Array.from({ length: 12 }, (_, i) => [125_550_000 + i * 5 * S, 'HyperVHost', down]),
      [185_500_000, 'HyperVHost', FAILED_11],
    ]);
  });
});

describe('a second MUX and a second portal DIP', () => {
  it('the manager pushes to both MUXes; the DIP back in rotation joins the one still there; the agent keeps a row per DIP', () => {
    const { said, probeKeys } = run(pocTopology(), { knobs: { secondMux: true, secondDip: true }, flowAt: [130 * S], whatIf: [{ action: 'fail', target: 'PortalVM', at: 1 * S }, { action: 'restore', target: 'PortalVM', at: 70 * S }] });
    const rotation = (mux: string, change: string, inRotation: string) => `${mux}: DIP 192.168.100.9:443 ${change} rotation for rule portal-https (in rotation: ${inRotation})`;
    expect(said).toEqual([
      [60_500_000, 'HyperVHost', FAILED_11],
      [60_550_000, 'NCVM', `${SLB_MANAGER}, MuxVM2`],
      [60_600_000, 'MuxVM', rotation('MuxVM', 'is out of', '192.168.100.10:443')],
      [60_600_000, 'MuxVM2', rotation('MuxVM2', 'is out of', '192.168.100.10:443')],
      [120_500_080, 'HyperVHost', 'SLB host agent on HyperVHost: DIP 192.168.100.9:443 (PortalVM) answered 11 probes in a row: healthy again; it tells the SLB manager'],
      [120_550_080, 'NCVM', 'SLB manager (NCVM): DIP 192.168.100.9:443 of rule portal-https is healthy; it pushes the new DIP list to MuxVM, MuxVM2'],
      [120_600_080, 'MuxVM', rotation('MuxVM', 'is back in', '192.168.100.9:443, 192.168.100.10:443')],
      [120_600_080, 'MuxVM2', rotation('MuxVM2', 'is back in', '192.168.100.9:443, 192.168.100.10:443')],
    ]);
    // Rule and DIP address (as a number) key each row of HyperVHost's probe table: one row per DIP.
    expect(probeKeys).toEqual(['portal-https|3232261129', 'portal-https|3232261130']);
  });
});

describe('TCP from PortalVM to 192.168.100.1 (BGPVM), the address its probes come from', () => {
  it('is no answer to a probe: VFP lets the SYN by, and BGPVM, which has no such peer, resets the connection', () => {
    const w = buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });
    for (const node of w.nodes.values()) for (const boot of node.boot) w.ctx.sched.at(0, boot);
    const told: string[] = [];
    w.ctx.sched.at(1 * S, () => w.nodes.get('PortalVM')!.tcp.connect(ipToU32('192.168.100.1'), 179, { onEstablished: () => told.push('established'), onClose: (_c, reason) => told.push(`closed (${reason})`) }, 0));
    w.ctx.sched.run(2 * S);
    expect(told).toEqual(['established', 'closed (reset)']);
    expect(w.ctx.rec.events.filter((e) => e.node === 'BGPVM' && e.kind !== 'transmission' && e.time > 1 * S).map((e) => e.summary)).toEqual(['BGPVM: TCP 179 from 192.168.100.9, not a configured peer: closed']);
  });
});
