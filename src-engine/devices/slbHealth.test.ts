// SLB health probing as the student reads it: the host agent probes PortalVM every 5 s and changes its verdict only
// after 11 probes in a row (not 10), tells the SLB manager, which pushes the DIP list to the MUX; a flow while the
// only DIP is out is dropped at the MUX, and says why; with a second DIP the MUX sends the flow to the healthy one and
// says which is out; with both out it says none is in rotation.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunRequest, RunResult } from '../protocol';
import { u32ToIp } from '../net/addr';
import { ETH_HLEN, ipSrc, ipTtl, l4DstPort, l4SrcPort, tcpFlags, tcpSeq, u16 } from '../net/frame';
import { pocTopology } from '../run/fixtures';
import { createRunSession, type RunSession } from '../run/session';

const S = 1_000_000;
const PORTAL = 'https://portal.azurestack.local';

function session(request: Partial<RunRequest>): { s: RunSession; r: RunResult } {
  const s = createRunSession();
  const ran = s.run(pocTopology(), { from: 'ClientVM', to: PORTAL, ...request });
  if (!ran.ok) throw new Error(ran.error.message);
  return { s, r: ran.value };
}
function rows(s: RunSession, node: string, title: string, time: number) {
  const t = s.tables(node, time);
  if (!t.ok) throw new Error(t.error.message);
  return t.value.tables.find((x) => x.title === title)?.rows.map((row) => row.cells);
}
const health = (r: RunResult) => r.events.filter((e) => e.kind === 'dip-health').map((e) => [e.time, e.node, e.summary]);

describe('PortalVM fails at 1 s and is back at 70 s (flows at 62 s and 140 s)', () => {
  let s: RunSession;
  let r: RunResult;
  beforeEach(() => {
    ({ s, r } = session({ flowAt: [62 * S, 140 * S], whatIf: [{ action: 'fail', target: 'PortalVM', at: 1 * S }, { action: 'restore', target: 'PortalVM', at: 70 * S }] }));
  });

  it('the host agent, the SLB manager and the MUX each say what they decided, down at 60.5 s and up again at 120.5 s', () => {
    expect(health(r)).toEqual([
      [60_500_000, 'HyperVHost', 'SLB host agent on HyperVHost: DIP 192.168.100.9:443 (PortalVM) failed 11 probes in a row (no answer in 5 s): unhealthy; it tells the SLB manager'],
      [60_550_000, 'NCVM', 'SLB manager (NCVM): DIP 192.168.100.9:443 of rule portal-https is down; it pushes the new DIP list to MuxVM'],
      [60_600_000, 'MuxVM', 'MuxVM: DIP 192.168.100.9:443 is out of rotation for rule portal-https (in rotation: none)'],
      [120_500_080, 'HyperVHost', 'SLB host agent on HyperVHost: DIP 192.168.100.9:443 (PortalVM) answered 11 probes in a row: healthy again; it tells the SLB manager'],
      [120_550_080, 'NCVM', 'SLB manager (NCVM): DIP 192.168.100.9:443 of rule portal-https is healthy; it pushes the new DIP list to MuxVM'],
      [120_600_080, 'MuxVM', 'MuxVM: DIP 192.168.100.9:443 is back in rotation for rule portal-https (in rotation: 192.168.100.9:443)'],
    ]);
  });

  it('the verdict changes at the 11th probe in a row, not the 10th, both ways', () => {
    const probe = (time: number) => rows(s, 'HyperVHost', 'SLB health probes (host agent)', time)![0]!;
    const row = (state: string, inARow: string, last: string) => ({ rule: 'portal-https', DIP: '192.168.100.9:443 (PortalVM)', probe: 'TCP 443 every 5 s from 192.168.100.1', state, 'in a row': inARow, last });
    expect(probe(4 * S)).toEqual(row('healthy', '1 answered', 'SYN-ACK in 0.230 ms'));
    expect(probe(12 * S)).toEqual(row('healthy', '1 failed', 'no answer in 5 s'));
    expect(probe(56 * S)).toEqual(row('healthy', '10 failed', 'no answer in 5 s'));
    expect(probe(61 * S)).toEqual(row('down', '11 failed', 'no answer in 5 s'));
    expect(probe(116 * S)).toMatchObject({ state: 'down', 'in a row': '10 answered' });
    expect(probe(121 * S)).toMatchObject({ state: 'healthy', 'in a row': '11 answered' });
    expect(rows(s, 'MuxVM', 'SLB rules', 61 * S)).toEqual([{ rule: 'portal-https', VIP: '192.168.133.74', protocol: 'TCP', port: '443', DIPs: '192.168.100.9:443 (out: probes fail)' }]);
    expect(rows(s, 'MuxVM', 'SLB rules', 121 * S)).toEqual([{ rule: 'portal-https', VIP: '192.168.133.74', protocol: 'TCP', port: '443', DIPs: '192.168.100.9:443' }]);
  });

  it('the flow at 62 s is dropped at the MUX, which says why; the flow at 140 s is delivered', () => {
    const [first, second] = r.attempts;
    const reason = 'MuxVM matches VIP 192.168.133.74 TCP port 443 to rule portal-https, but its only DIP is not in rotation: the SLB manager took it out because its health probes fail';
    expect(first!.disposition).toBe('no-healthy-dip');
    const mux = first!.hops.at(-1)!;
    expect([mux.node, mux.steps.at(-1)]).toEqual(['MuxVM', { kind: 'dropped', reason: 'no-healthy-dip', text: reason }]);
    expect(mux.why).toBe(`${reason}. With no healthy DIP the MUX has nowhere to send the packet, so it drops it (what Windows SLB does then is not documented; Hoplab drops).`);
    expect(second!.disposition).toBe('delivered');
  });

  it('each probe says what it asks, and the agent resets the half-open connection of each answered one', () => {
    const probes = r.transmissions.filter((t) => t.flowId === 'probe' && t.fromNode === 'CCI_External_vSwitch' && t.time < 1 * S).map((t) => [t.time, t.toNode, t.note]);
    expect(probes).toEqual([
      [
        500_010,
        'PortalVM',
        "SLB health probe: HyperVHost's SLB host agent asks PortalVM (DIP 192.168.100.9) whether TCP 443 answers, for rule portal-https. VFP puts the SYN into PortalVM's port from 192.168.100.1, the first address of its subnet: the probe never passes the MUX.",
      ],
      [500_240, 'PortalVM', 'The SYN-ACK answers the probe: PortalVM is healthy. The host agent resets the half-open probe connection (RST).'],
    ]);
  });
});

describe('with a second portal DIP (PortalVM2)', () => {
  it('PortalVM out: the MUX picks PortalVM2 and says which DIP is out and why', () => {
    const { r } = session({ knobs: { secondDip: true }, flowAt: [62 * S], whatIf: [{ action: 'fail', target: 'PortalVM', at: 1 * S }] });
    expect(health(r).at(-1)).toEqual([60_600_000, 'MuxVM', 'MuxVM: DIP 192.168.100.9:443 is out of rotation for rule portal-https (in rotation: 192.168.100.10:443)']);
    const mux = r.attempts[0]!.hops.find((h) => h.node === 'MuxVM')!;
    const lb = mux.steps.find((x) => x.kind === 'load-balance');
    expect(lb).toMatchObject({ rule: 'portal-https', vip: '192.168.133.74:443', dip: '192.168.100.10:443' });
    expect(lb!.text).toMatch(/^rule portal-https matches 192\.168\.133\.74 TCP port 443; the 5-tuple hash of the connection, \d+, picks DIP 192\.168\.100\.10:443 \(1 of 2 DIPs in rotation; 192\.168\.100\.9:443 out: its health probes fail\)$/);
    expect(mux.why).toMatch(/^MuxVM matches VIP 192\.168\.133\.74 TCP port 443 to rule portal-https, picks DIP 192\.168\.100\.10:443 by 5-tuple hash \(1 of 2 DIPs in rotation; 192\.168\.100\.9:443 out: its health probes fail\), and wraps the whole frame in VXLAN to HyperVHost's PA 192\.168\.233\.21 \(VNI 4096\)/);
    expect(r.attempts[0]!.disposition).toBe('delivered');
    expect(r.attempts[0]!.hops.at(-1)!.node).toBe('PortalVM2');
  });

  it('both out: none of the 2 DIPs is in rotation, and the MUX drops the flow', () => {
    const { s, r } = session({ knobs: { secondDip: true }, flowAt: [62 * S], whatIf: ['PortalVM', 'PortalVM2'].map((target) => ({ action: 'fail' as const, target, at: 1 * S })) });
    expect(health(r).slice(-2)).toEqual([
      [60_600_000, 'MuxVM', 'MuxVM: DIP 192.168.100.9:443 is out of rotation for rule portal-https (in rotation: 192.168.100.10:443)'],
      [60_600_000, 'MuxVM', 'MuxVM: DIP 192.168.100.10:443 is out of rotation for rule portal-https (in rotation: none)'],
    ]);
    const last = r.attempts[0]!.hops.at(-1)!;
    expect([last.node, last.steps.at(-1)]).toEqual([
      'MuxVM',
      { kind: 'dropped', reason: 'no-healthy-dip', text: 'MuxVM matches VIP 192.168.133.74 TCP port 443 to rule portal-https, but none of its 2 DIPs is in rotation: the SLB manager took them out because their health probes fail' },
    ]);
    expect(rows(s, 'MuxVM', 'SLB rules', 61 * S)).toEqual([
      { rule: 'portal-https', VIP: '192.168.133.74', protocol: 'TCP', port: '443', DIPs: '192.168.100.9:443 (out: probes fail), 192.168.100.10:443 (out: probes fail)' },
    ]);
  });
});

describe('the probe frames themselves (a flow at 12 s keeps the run going)', () => {
  it("SYN, RST, SYN, ...: one IP id after the other, Don't Fragment set, TTL 128, from 192.168.100.1 to TCP 443", () => {
    const { r } = session({ flowAt: [12 * S] });
    const frames = r.transmissions.filter((t) => t.flowId === 'probe' && t.fromNode === 'CCI_External_vSwitch' && t.time < 11 * S);
    const T = ETH_HLEN + 20;
    const SYN = 0x02;
    const RST = 0x04;
    const seen = frames.map(({ time, bytes: b }) => [time, u16(b, ETH_HLEN + 4), u16(b, ETH_HLEN + 6), ipTtl(b, ETH_HLEN), u32ToIp(ipSrc(b, ETH_HLEN)), l4SrcPort(b, T), l4DstPort(b, T), tcpFlags(b, T)]);
    // The RST's sequence number is the SYN's plus one: the number the SYN-ACK acknowledged.
    expect(frames.map(({ bytes: b }) => tcpSeq(b, T)).map((seq, i, all) => (i % 2 ? (seq - all[i - 1]!) >>> 0 : 0))).toEqual([0, 1, 0, 1, 0, 1]);
    // IP id, fragment field (0x4000: DF, offset 0), TTL, source, ports, TCP flags; each probe from a new source port.
    expect(seen).toEqual([
      [500_010, 19288, 0x4000, 128, '192.168.100.1', 65057, 443, SYN],
      [500_240, 19289, 0x4000, 128, '192.168.100.1', 65057, 443, RST],
      [5_500_010, 19290, 0x4000, 128, '192.168.100.1', 62825, 443, SYN],
      [5_500_090, 19291, 0x4000, 128, '192.168.100.1', 62825, 443, RST],
      [10_500_010, 19292, 0x4000, 128, '192.168.100.1', 61661, 443, SYN],
      [10_500_090, 19293, 0x4000, 128, '192.168.100.1', 61661, 443, RST],
    ]);
  });
});
