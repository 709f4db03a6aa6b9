// A large, valid topology for benchmarks (here and in the web app), laid out as a data centre would be:
// VMs in subnets of `hostsPerSubnet` (default 250: /24s, so a VLAN port group of ~250 ports and an ARP
// broadcast that reaches ~250 NICs, not thousands), every subnet routed by BGPVM (one interface per
// subnet, like a core switch's VLAN interfaces), a MUX announcing hundreds of VIPs over BGP, each VIP
// balanced over DIPs drawn by the seeded RNG. Half the VMs are servers (DIPs, listening on 443), half clients.
import { createRng } from '../sim/rng';
import type { Provenance, TopologyDocument } from '../topology/schema';

export interface GenerateOptions {
  readonly vms: number;
  readonly vips: number;
  readonly seed: number;
  /** DIPs per VIP (default 2). */
  readonly dipsPerVip?: number;
  /**
   * VMs per subnet (default 250: /24 subnets). A large value (e.g. 5000) gives the flat layout of the first
   * generator, one big broadcast domain for all servers and one for all clients.
   */
  readonly hostsPerSubnet?: number;
}

const prov: Provenance = { mark: 'illustrative', source: 'generated for benchmarking' };

/** Hosts start at .4 of a subnet: .1 is the gateway, .2 and .3 stay free, as in the POC's ranges. */
const FIRST_HOST = 4;
const SERVER_BASE = ip(10, 1, 0, 0);
const CLIENT_BASE = ip(10, 2, 0, 0);
const SERVER_VLAN = 1000;
const CLIENT_VLAN = 2000;

function ip(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function text(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function mac(prefix: number, k: number): string {
  const n = k + 10;
  const hex = (x: number) => x.toString(16).padStart(2, '0');
  return `00:15:5d:${hex(prefix)}:${hex((n >> 8) & 255)}:${hex(n & 255)}`;
}

/** The subnets of one class of VMs (servers or clients), `perSubnet` VMs each, inside a /16 from `base`. */
function subnets(base: number, count: number, perSubnet: number, what: string) {
  const len = prefixLength(perSubnet);
  const size = 2 ** (32 - len);
  const n = Math.ceil(count / perSubnet);
  if (n * size > 65536) throw new Error(`generateTopology: ${count} ${what} in subnets of ${perSubnet} do not fit a /16; give a larger hostsPerSubnet`);
  return {
    len,
    count: n,
    network: (s: number) => base + s * size,
    /** The k-th VM's subnet and address. */
    place: (k: number) => ({ subnet: Math.floor(k / perSubnet), address: base + Math.floor(k / perSubnet) * size + FIRST_HOST + (k % perSubnet) }),
  };
}

/** The longest prefix whose subnet holds `hosts` VMs after the network, gateway, spare and broadcast addresses. */
function prefixLength(hosts: number): number {
  let len = 30;
  while (len > 16 && 2 ** (32 - len) < hosts + FIRST_HOST + 1) len--;
  return len;
}

export function generateTopology({ vms, vips, seed, dipsPerVip = 2, hostsPerSubnet = 250 }: GenerateOptions): TopologyDocument {
  if (vms < 2 || vms > 100_000) throw new Error(`generateTopology: vms must be 2..100000, got ${vms}`);
  if (vips < 1 || vips > 60_000) throw new Error(`generateTopology: vips must be 1..60000, got ${vips}`);
  if (!Number.isInteger(hostsPerSubnet) || hostsPerSubnet < 50 || hostsPerSubnet > 60_000) throw new Error(`generateTopology: hostsPerSubnet must be 50..60000, got ${hostsPerSubnet}`);
  const rng = createRng(seed);
  const servers = Math.ceil(vms / 2);
  const clients = vms - servers;
  const serverNets = subnets(SERVER_BASE, servers, hostsPerSubnet, 'servers');
  const clientNets = subnets(CLIENT_BASE, clients, hostsPerSubnet, 'clients');
  const gateway = (network: number) => text(network + 1);

  const networks: TopologyDocument['networks'] = [
    { id: 'infra', label: 'Infrastructure 10.0.0.0/24', prefix: '10.0.0.0/24', kind: 'management', vlan: 10, prov },
    { id: 'pa', label: 'PA 10.3.0.0/24', prefix: '10.3.0.0/24', kind: 'pa', vlan: 11, prov },
    { id: 'vip', label: 'VIPs 10.4.0.0/16', prefix: '10.4.0.0/16', kind: 'vip', prov },
  ];
  const router: TopologyDocument['nodes'][number] = {
    id: 'BGPVM',
    kind: 'vm',
    role: 'router',
    interfaces: [{ id: 'infra', mac: '00:15:5d:00:00:01', address: '10.0.0.1/24', network: 'infra', prov }],
    forwarding: true,
    prov,
  };
  const addSubnets = (nets: ReturnType<typeof subnets>, idPrefix: string, label: string, kind: 'management' | 'transit', vlan: number, macPrefix: number) => {
    for (let s = 0; s < nets.count; s++) {
      const prefix = `${text(nets.network(s))}/${nets.len}`;
      networks.push({ id: `${idPrefix}${s}`, label: `${label} ${prefix}`, prefix, kind, vlan: vlan + s, prov });
      router.interfaces.push({ id: `${idPrefix}${s}`, mac: mac(macPrefix, s), address: `${gateway(nets.network(s))}/${nets.len}`, network: `${idPrefix}${s}`, prov });
    }
  };
  addSubnets(serverNets, 'servers', 'Servers', 'management', SERVER_VLAN, 0xf1);
  addSubnets(clientNets, 'clients', 'Clients', 'transit', CLIENT_VLAN, 0xf2);

  const nodes: TopologyDocument['nodes'] = [
    {
      id: 'Host',
      kind: 'host',
      role: 'Hyper-V host',
      interfaces: [{ id: 'pa', mac: '00:15:5d:03:00:15', address: '10.3.0.21/24', network: 'pa', prov }],
      prov,
    },
    router,
    {
      id: 'MuxVM',
      kind: 'vm',
      role: 'SLB MUX',
      interfaces: [
        { id: 'mgmt', mac: '00:15:5d:00:00:06', address: '10.0.0.6/24', network: 'infra', prov },
        { id: 'pa', mac: '00:15:5d:03:00:06', address: '10.3.0.6/24', network: 'pa', prov },
      ],
      routes: [{ prefix: '0.0.0.0/0', via: '10.0.0.1', prov }],
      prov,
    },
  ];
  const serverAddress: string[] = [];
  for (let i = 0; i < servers; i++) {
    const { subnet, address } = serverNets.place(i);
    serverAddress.push(text(address));
    nodes.push({
      id: `Server${i}`,
      kind: 'vm',
      role: 'DIP',
      interfaces: [{ id: 'eth0', mac: mac(1, i), address: `${text(address)}/${serverNets.len}`, network: `servers${subnet}`, prov }],
      routes: [{ prefix: '0.0.0.0/0', via: gateway(serverNets.network(subnet)), prov }],
      listens: [443],
      prov,
    });
  }
  for (let i = 0; i < clients; i++) {
    const { subnet, address } = clientNets.place(i);
    nodes.push({
      id: `Client${i}`,
      kind: 'vm',
      role: 'client',
      interfaces: [{ id: 'eth0', mac: mac(2, i), address: `${text(address)}/${clientNets.len}`, network: `clients${subnet}`, prov }],
      routes: [{ prefix: '0.0.0.0/0', via: gateway(clientNets.network(subnet)), prov }],
      prov,
    });
  }
  const rules = Array.from({ length: vips }, (_, v) => ({
    name: `vip${v}`,
    vip: text(ip(10, 4, 0, 0) + v + 10),
    protocol: 'tcp' as const,
    port: 443,
    dips: Array.from({ length: Math.min(dipsPerVip, servers) }, () => ({ address: serverAddress[rng.int(0, servers - 1)]!, port: 443, host: 'Host' })).filter(
      (d, i, all) => all.findIndex((x) => x.address === d.address) === i,
    ),
    prov,
  }));
  return {
    schema: 'hoplab/topology@1',
    name: `Generated: ${vms} VMs in subnets of ${hostsPerSubnet}, ${vips} VIPs (seed ${seed})`,
    networks,
    switch: { id: 'vSwitch', host: 'Host', vfp: true, prov },
    nodes,
    slb: { muxes: ['MuxVM'], vni: 4096, paInterface: { MuxVM: 'pa', Host: 'pa' }, rules, prov },
    bgp: {
      holdTime: 180,
      keepalive: 60,
      speakers: [
        { node: 'MuxVM', asn: 64628, routerId: '10.0.0.6', peers: [{ address: '10.0.0.1', asn: 64647 }], initiates: true, prov },
        { node: 'BGPVM', asn: 64647, routerId: '10.0.0.1', peers: [{ address: '10.0.0.6', asn: 64628 }], prov },
      ],
      prov,
    },
  };
}
