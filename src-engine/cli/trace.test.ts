// The command line, run as a person runs it: JSON for programs, clear errors and non-zero exits.
// The first test runs it as `npm run trace` does (tsx, which compiles the engine as it loads); the others run the
// same source bundled once by esbuild, as the CLI fuzz test does: a process then starts 2 to 5 times sooner
// (an argument error 0.8 to 1.6 s against 3.9 s, a whole run 2.9 s against 6.0 s, at load 22), and this file
// spawns fourteen.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(new URL('.', import.meta.url).pathname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const BUNDLE = join(ROOT, '.cache', 'trace-test', 'trace.mjs');
const spawnOptions = { cwd: ROOT, encoding: 'utf8', timeout: 180_000 } as const;
const viaTsx = (...args: string[]) => spawnSync(TSX, ['src-engine/cli/trace.ts', ...args], spawnOptions);
const cli = (...args: string[]) => spawnSync(process.execPath, [BUNDLE, ...args], spawnOptions);

beforeAll(async () => {
  await build({ entryPoints: [join(ROOT, 'src-engine/cli/trace.ts')], bundle: true, platform: 'node', format: 'esm', outfile: BUNDLE, logLevel: 'error' });
}, 120_000);

interface JsonHop {
  node: string;
  interface: string;
  steps: { kind: string }[];
  layers: ({ type: string } & Record<string, unknown>)[];
}

describe('npm run trace', { timeout: 180_000 }, () => {
  it('prints one JSON object with the hops, the return path and every event', () => {
    const r = viaTsx('--from', 'ClientVM', '--to', 'https://portal.azurestack.local', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { disposition: string; diedAt: unknown; hops: JsonHop[]; returnHops: JsonHop[]; events: { kind: string; protocol: string | null; summary: string }[] };
    expect(out.disposition).toBe('delivered');
    expect(out.diedAt).toBeNull();
    expect(out.hops.map((h) => h.node)).toEqual(['ClientVM', 'CCI_External_vSwitch', 'NATVM', 'CCI_External_vSwitch', 'BGPVM', 'CCI_External_vSwitch', 'MuxVM', 'CCI_External_vSwitch', 'PortalVM']);
    expect(out.returnHops.map((h) => h.node)).toEqual(['PortalVM', 'CCI_External_vSwitch', 'BGPVM', 'CCI_External_vSwitch', 'ClientVM']);
    const mux = out.hops[6]!;
    expect(mux.layers.map((l) => l.type)).toEqual(['ethernet', 'ipv4', 'udp', 'vxlan', 'ethernet', 'ipv4', 'tcp']);
    expect(mux.layers[1]).toMatchObject({ type: 'ipv4', src: '192.168.233.6', dst: '192.168.233.21' });
    expect(mux.layers[3]).toMatchObject({ type: 'vxlan', vni: 4096 });
    const protocols = new Set(out.events.map((e) => e.protocol));
    for (const p of ['dns', 'arp', 'bgp', 'vxlan', 'tcp']) expect(protocols).toContain(p);
    expect(out.events.some((e) => e.kind === 'route-installed')).toBe(true);
  });

  it('shows the SLB health probes: PortalVM failing, the MUX moving the flow to the second DIP (--second-dip), in the text and in --json', () => {
    const text = cli('--from', 'ClientVM', '--to', 'https://portal.azurestack.local', '--fail', 'PortalVM', '--second-dip');
    expect(text.status).toBe(0);
    const section = text.stdout.slice(text.stdout.indexOf('== SLB health probes (host agent -> DIP) =='), text.stdout.indexOf('== DNS lookup =='));
    expect(section).toContain('PortalVM: 38 probes sent, 1 answered');
    expect(section).toContain('PortalVM2: 38 probes sent, 38 answered');
    expect(section).toMatch(/60\.600000 s\s+MuxVM\s+MuxVM: DIP 192\.168\.100\.9:443 is out of rotation for rule portal-https \(in rotation: 192\.168\.100\.10:443\)/);
    expect(text.stdout).toContain('picks DIP 192.168.100.10:443 (1 of 2 DIPs in rotation; 192.168.100.9:443 out: its health probes fail)');
    const r = cli('--from', 'ClientVM', '--to', 'https://portal.azurestack.local', '--fail', 'PortalVM', '--second-dip', '--json');
    const out = JSON.parse(r.stdout) as { disposition: string; hops: JsonHop[]; events: { node: string; kind: string; by?: string; healthy?: boolean }[] };
    expect(out.disposition).toBe('delivered');
    expect(out.hops.at(-1)!.node).toBe('PortalVM2');
    expect(out.events.filter((e) => e.kind === 'dip-health').map((e) => [e.node, e.by, e.healthy])).toEqual([
      ['HyperVHost', 'host-agent', false],
      ['NCVM', 'slb-manager', false],
      ['MuxVM', 'mux', false],
    ]);
    const alone = JSON.parse(cli('--from', 'ClientVM', '--to', 'https://portal.azurestack.local', '--fail', 'PortalVM', '--json').stdout) as { disposition: string; diedAt: { node: string; leg: string; hop: number } };
    expect(alone.disposition).toBe('no-healthy-dip');
    expect(alone.diedAt).toMatchObject({ node: 'MuxVM', leg: 'forward', hop: 6 });
  });

  it('shows outbound NAT: PortalVM to ClientVM leaves as the VIP and its answer comes back through the MUX', () => {
    const r = cli('--from', 'PortalVM', '--to', 'ClientVM', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { disposition: string; hops: JsonHop[]; returnHops: JsonHop[] };
    expect(out.disposition).toBe('delivered');
    expect(out.hops[1]!.steps).toContainEqual(expect.objectContaining({ kind: 'rewrite', by: 'vfp', after: '192.168.133.74:10000' }));
    expect(out.returnHops.map((h) => h.node)).toContain('MuxVM');
    const text = cli('--from', 'PortalVM', '--to', 'ClientVM').stdout;
    expect(text).toContain('outbound NAT (rule portal-outbound): VFP on PortalVM.eth0 rewrites the source DIP 192.168.100.9');
  });

  it('lists the BGP sessions coming up, state by state, before the flow', () => {
    const r = cli('--from', 'ClientVM', '--to', 'https://portal.azurestack.local');
    expect(r.status).toBe(0);
    const section = r.stdout.slice(r.stdout.indexOf('== Control plane (BGP) =='), r.stdout.indexOf('== DNS lookup =='));
    const states = section.split('\n').slice(2).filter((l) => /^\d/.test(l)).map((l) => l.split(/\s{2,}/).slice(1, 4).join(' '));
    expect(states.slice(0, 4)).toEqual(['BGPVM 192.168.100.6 Idle', 'BGPVM 192.168.100.6 Active', 'MuxVM 192.168.100.1 Idle', 'MuxVM 192.168.100.1 Connect']);
    expect(states).toContain('MuxVM 192.168.100.1 Established');
    expect(section).toContain('BGPVM installs 192.168.133.74/32 via 192.168.100.6');
  });

  it('shows the failure when MuxVM is failed', () => {
    const r = cli('--from', 'ClientVM', '--to', 'https://portal.azurestack.local', '--fail', 'MuxVM');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('== Attempt 1 at 6 s: Flow ==');
    expect(r.stdout).toContain('Disposition: node-down: MuxVM is down: nothing processes the packet: black hole');
    expect(r.stdout).toContain('black hole: BGPVM still routes');
    expect(r.stdout).toContain('\nDied at: MuxVM, hop 7 of the path\n');
    expect(r.stdout).toContain('\nDied at: BGPVM, hop 257 of the path\n');
    expect(r.stdout).toContain('== Attempt 2 at 186 s: Flow ==');
    expect(r.stdout).toContain('Disposition: ttl-exceeded');
    expect(r.stdout).toContain('routing loop between NATVM and BGPVM');
    expect(r.stdout).toContain('more hops like the ones above');
  });

  it('exits non-zero with a clear message for an unknown node or a bad destination or argument', () => {
    const a = cli('--from', 'Nowhere', '--to', 'PortalVM');
    expect(a.status).not.toBe(0);
    expect(a.stderr).toContain('"Nowhere" is not a node of this topology');
    const b = cli('--from', 'ClientVM', '--to', 'ftp://portal');
    expect(b.status).not.toBe(0);
    expect(b.stderr).toContain('Hoplab opens only http:// and https:// URLs');
    const c = cli('--from', 'ClientVM', '--to', 'PortalVM', '--seed', 'abc');
    expect(c.status).toBe(2);
    expect(c.stderr).toContain('--seed must be a whole number');
    const d = cli('--from', 'ClientVM');
    expect(d.status).toBe(2);
    expect(d.stderr).toContain('--to is missing');
    const f = cli('--from', 'ClientVM', '--to', 'PortalVM', '--flow-at', '5s,soon');
    expect(f.status).toBe(2);
    expect(f.stderr).toContain('--flow-at: "soon" is not a time');
    const e = cli('--from', 'ClientVM', '--to', 'PortalVM', '--bogus');
    expect(e.status).toBe(2);
    expect(e.stderr).toContain("--bogus");
  });
});
