// A large, valid topology for benchmarks (here and in the web app): one host's switch with thousands
// of VMs, a two-armed router (BGPVM), a MUX announcing hundreds of VIPs over BGP, each VIP balanced
// over DIPs drawn by the seeded RNG. Half the VMs are servers (DIPs, listening on 443), half clients.
import { createRng } from '../sim/rng';
import type { Provenance, TopologyDocument } from '../topology/schema';

export interface GenerateOptions {
  readonly vms: number;
  readonly vips: number;
  readonly seed: number;
  /** DIPs per VIP (default 2). */
  readonly dipsPerVip?: number;
}

const prov: Provenance = { mark: 'illustrative', source: 'generated for benchmarking' };

/** The k-th host address of a /16 whose first two octets are `net` (k from 0; .0.0 is never used). */
function host(net: string, k: number): string {
  const n = k + 10;
  return `${net}.${(n >> 8) & 255}.${n & 255}`;
}

function mac(prefix: number, k: number): string {
  const n = k + 10;
  const hex = (x: number) => x.toString(16).padStart(2, '0');
  return `00:15:5d:${hex(prefix)}:${hex((n >> 8) & 255)}:${hex(n & 255)}`;
}

export function generateTopology({ vms, vips, seed, dipsPerVip = 2 }: GenerateOptions): TopologyDocument {
  if (vms < 2 || vms > 100_000) throw new Error(`generateTopology: vms must be 2..100000, got ${vms}`);
  if (vips < 1 || vips > 60_000) throw new Error(`generateTopology: vips must be 1..60000, got ${vips}`);
  const rng = createRng(seed);
  const servers = Math.ceil(vms / 2);
  const clients = vms - servers;
  const nodes: TopologyDocument['nodes'] = [
    {
      id: 'Host',
      kind: 'host',
      role: 'Hyper-V host',
      interfaces: [{ id: 'pa', mac: '00:15:5d:03:00:15', address: '10.3.0.21/16', network: 'pa', prov }],
      prov,
    },
    {
      id: 'BGPVM',
      kind: 'vm',
      role: 'router',
      interfaces: [
        { id: 'mgmt', mac: '00:15:5d:01:00:01', address: '10.1.0.1/16', network: 'mgmt', prov },
        { id: 'transit', mac: '00:15:5d:02:00:01', address: '10.2.0.1/16', network: 'transit', prov },
      ],
      forwarding: true,
      prov,
    },
    {
      id: 'MuxVM',
      kind: 'vm',
      role: 'SLB MUX',
      interfaces: [
        { id: 'mgmt', mac: '00:15:5d:01:00:06', address: '10.1.0.6/16', network: 'mgmt', prov },
        { id: 'pa', mac: '00:15:5d:03:00:06', address: '10.3.0.6/16', network: 'pa', prov },
      ],
      routes: [{ prefix: '0.0.0.0/0', via: '10.1.0.1', prov }],
      prov,
    },
  ];
  for (let i = 0; i < servers; i++) {
    nodes.push({ id: `Server${i}`, kind: 'vm', role: 'DIP', interfaces: [{ id: 'eth0', mac: mac(1, i), address: `${host('10.1', i)}/16`, network: 'mgmt', prov }], routes: [{ prefix: '0.0.0.0/0', via: '10.1.0.1', prov }], listens: [443], prov });
  }
  for (let i = 0; i < clients; i++) {
    nodes.push({ id: `Client${i}`, kind: 'vm', role: 'client', interfaces: [{ id: 'eth0', mac: mac(2, i), address: `${host('10.2', i)}/16`, network: 'transit', prov }], routes: [{ prefix: '0.0.0.0/0', via: '10.2.0.1', prov }], prov });
  }
  const rules = Array.from({ length: vips }, (_, v) => ({
    name: `vip${v}`,
    vip: host('10.4', v),
    protocol: 'tcp' as const,
    port: 443,
    dips: Array.from({ length: Math.min(dipsPerVip, servers) }, () => {
      const s = rng.int(0, servers - 1);
      return { address: host('10.1', s), port: 443, host: 'Host' };
    }).filter((d, i, all) => all.findIndex((x) => x.address === d.address) === i),
    prov,
  }));
  return {
    schema: 'hoplab/topology@1',
    name: `Generated: ${vms} VMs, ${vips} VIPs (seed ${seed})`,
    networks: [
      { id: 'mgmt', label: 'Servers 10.1.0.0/16', prefix: '10.1.0.0/16', kind: 'management', vlan: 101, prov },
      { id: 'transit', label: 'Clients 10.2.0.0/16', prefix: '10.2.0.0/16', kind: 'transit', vlan: 102, prov },
      { id: 'pa', label: 'PA 10.3.0.0/16', prefix: '10.3.0.0/16', kind: 'pa', vlan: 103, prov },
      { id: 'vip', label: 'VIPs 10.4.0.0/16', prefix: '10.4.0.0/16', kind: 'vip', prov },
    ],
    switch: { id: 'vSwitch', host: 'Host', vfp: true, prov },
    nodes,
    slb: { muxes: ['MuxVM'], vni: 4096, paInterface: { MuxVM: 'pa', Host: 'pa' }, rules, prov },
    bgp: {
      holdTime: 180,
      keepalive: 60,
      speakers: [
        { node: 'MuxVM', asn: 64628, routerId: '10.1.0.6', peers: [{ address: '10.1.0.1', asn: 64647 }], initiates: true, prov },
        { node: 'BGPVM', asn: 64647, routerId: '10.1.0.1', peers: [{ address: '10.1.0.6', asn: 64628 }], prov },
      ],
      prov,
    },
  };
}
