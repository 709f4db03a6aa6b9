// buildWorld read directly: what it installs from a topology, on the POC and on edited copies of it.
import { describe, expect, it, vi } from 'vitest';
import type { VfpConfig } from '../devices/vfp';
import type { HostAgentEnv, ProbeTarget } from '../devices/slbHostAgent';
import { IPPROTO_UDP } from '../packets/layers';
import { POC_TOPOLOGY } from '../scenarios/poc';
import type { Topology } from '../topology/schema';
import { parseTopology } from '../topology/validate';
import { buildWorld } from './world';

type Raw = typeof POC_TOPOLOGY;
function edited(edit: (t: Raw) => void): Topology {
  const raw = structuredClone(POC_TOPOLOGY) as Raw;
  edit(raw);
  const t = parseTopology(raw);
  if (!t.ok) throw new Error(t.error.map((e) => e.message).join('\n'));
  return t.value;
}
const build = (t: Topology) => buildWorld(t, { seed: 1, icmpRedirects: false, record: { full: true } });
const vfpCfg = (w: ReturnType<typeof build>) => (w.sw.vfp as unknown as { cfg: VfpConfig }).cfg;
const agentOf = (w: ReturnType<typeof build>) => w.sw.probes as unknown as { env: HostAgentEnv; states: { target: ProbeTarget }[]; start(): void };

describe('buildWorld', () => {
  it("marks a connected route with its interface's address mark", () => {
    const address = { mark: 'documented', source: 'the address alone' } as const;
    const t = edited((raw) => Object.assign(raw.nodes.find((n) => n.id === 'NATVM')!.interfaces[1]!, { fieldProv: { address } }));
    const connected = build(t).nodes.get('NATVM')!.ip.routes.all().filter((r) => r.source === 'connected');
    expect(connected.map((r) => r.prov)).toEqual([t.nodes.find((n) => n.id === 'NATVM')!.interfaces[0]!.prov, address]);
  });

  it('installs a route named by its interface, with no gateway, out of that interface', () => {
    const w = build(edited((t) => (t.nodes.find((n) => n.id === 'NATVM')!.routes as unknown[]).push({ prefix: '172.16.0.0/16', interface: 'outside', prov: { mark: 'illustrative', source: 'test' } })));
    const r = w.nodes.get('NATVM')!.ip.routes.all().find((x) => x.source === 'static' && x.len === 16);
    expect(r && { ifIndex: r.ifIndex, nextHop: r.nextHop }).toEqual({ ifIndex: 1, nextHop: 0 });
  });

  it('starts NAT and a MUX on their first interface', () => {
    const w = build(
      edited((t) => {
        for (const id of ['NATVM', 'MuxVM']) {
          const n = t.nodes.find((x) => x.id === id)!;
          (n as { interfaces: unknown[] }).interfaces = [...n.interfaces].reverse();
        }
      }),
    );
    expect(w.nodes.get('NATVM')!.ip.nat).toBeDefined();
    expect(typeof w.nodes.get('MuxVM')!.ip.preRoute).toBe('function');
  });

  it("gives VFP and the host agent only the DIPs on the switch's host, and a UDP rule's protocol", () => {
    const w = build(
      edited((t) => {
        const rule = t.slb!.rules[0]! as { protocol: string; dips: unknown[] };
        rule.protocol = 'udp';
        rule.dips.push({ address: '192.168.100.6', port: 443, host: 'MuxVM' });
        (t.slb!.outboundNat![0]!.dips as unknown[]).push({ address: '192.168.100.6', host: 'MuxVM' });
      }),
    );
    const cfg = vfpCfg(w);
    expect(cfg.rules[0]!.protocol).toBe(IPPROTO_UDP);
    expect(cfg.rules[0]!.dips.map((d) => d.ip)).toEqual([0xc0a86409]);
    expect(cfg.outbound![0]!.dips.map((d) => d.ip)).toEqual([0xc0a86409]);
    expect(agentOf(w).states.map((s) => s.target.dip.ip)).toEqual([0xc0a86409]);
  });

  it('starts the host agent once however often its host boots, and says the manager is up when there is none', () => {
    const w = build(edited((t) => delete (t.slb as { manager?: string }).manager));
    const agent = agentOf(w);
    const start = vi.spyOn(agent, 'start').mockImplementation(() => {});
    const host = w.nodes.get(w.topology.switch.host)!;
    for (let i = 0; i < 2; i++) for (const b of host.boot) b();
    expect(start).toHaveBeenCalledTimes(1);
    expect(agent.env.managerUp()).toBe(true);
  });

  it("resets a node's BGP speaker and forgets its redirect routes, keeping its others", () => {
    const w = build(edited(() => {}));
    const [id, speaker] = [...w.bgp][0]!;
    const node = w.nodes.get(id)!;
    const reset = vi.spyOn(speaker, 'reset');
    const before = node.ip.routes.all().length;
    node.ip.routes.add({ network: 0x0a000000, len: 8, nextHop: 0, ifIndex: 0, source: 'redirect', metric: 0 });
    for (const r of node.resets) r();
    expect(reset).toHaveBeenCalledTimes(1);
    expect(node.ip.routes.all().length).toBe(before);
    expect(node.ip.routes.all().some((r) => r.source === 'redirect')).toBe(false);
  });
  it("writes a rotation into every MUX's row of that rule, marking the DIPs whose probes fail", () => {
    const w = build(
      edited((t) => {
        const first = t.slb!.rules[0]!;
        (t.slb!.rules as unknown[]).push({ ...structuredClone(first), name: 'portal-alt', port: 8443, dips: [{ address: '192.168.100.9', port: 8443, host: 'HyperVHost' }] });
      }),
    );
    const { env, states } = agentOf(w);
    const alt = states.find((s) => s.target.rule.name === 'portal-alt')!.target.rule;
    const log = (w.ctx.rec as unknown as { tableLog: { key: string; row?: { cells: Record<string, string> } }[] }).tableLog;
    const dipsCell = () => log.at(-1)!.row!.cells.DIPs;
    env.onRotation!({ ...alt, up: [] });
    expect([log.at(-1)!.key, dipsCell()]).toEqual(['portal-alt', '192.168.100.9:8443 (out: probes fail)']);
    env.onRotation!(alt);
    expect(dipsCell()).toBe('192.168.100.9:8443');
  });
  it('serves HTTPS on port 443 only: another listener accepts and stays silent', () => {
    const w = build(edited((t) => Object.assign(t.nodes.find((n) => n.id === 'PortalVM')!, { listens: [80, 443] })));
    const listeners = (w.nodes.get('PortalVM')!.tcp as unknown as { listeners: Map<number, (conn: unknown) => object> }).listeners;
    expect(Object.keys(listeners.get(80)!({}))).toEqual([]);
    expect(Object.keys(listeners.get(443)!({})).length).toBeGreaterThan(0);
  });
});
