// The topology document: what a scenario file holds, validated with zod at the boundary.
// Every record carries a provenance mark (how sure we are of it), and may override it per field,
// so the app can show, next to each value, whether a source documents it or we chose it.
import { z } from 'zod';

import { MARKS } from '../view/provenance';

export { MARKS, markOf } from '../view/provenance';
export type { Mark } from '../view/provenance';

export const provenanceSchema = z.object({
  mark: z.enum(MARKS),
  /** Source keys of the reference (e.g. "S3, S8") or a short reason for inferred values. */
  source: z.string().optional(),
});
export type Provenance = z.infer<typeof provenanceSchema>;

/** A record's own mark, with optional per-field overrides: `markOf(record, 'address')`. */
const marked = {
  prov: provenanceSchema,
  fieldProv: z.record(z.string(), provenanceSchema).optional(),
};

const mac = z
  .string()
  .regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/, 'a MAC address in lower-case colon form, e.g. 00:15:5d:00:01:02');
const ipv4 = z.ipv4({ message: 'an IPv4 address in dotted form, e.g. 192.168.100.2' });
/** An interface address with its prefix length: "192.168.100.2/24". */
const ifaceCidr = z
  .string()
  .regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, 'an address with prefix length, e.g. 192.168.100.2/24');
const prefix = z.cidrv4({ message: 'a prefix in CIDR form, e.g. 192.168.100.0/24' });
const name = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,62}$/, 'a name of letters, digits, "_", "." or "-"');

export const networkSchema = z.object({
  id: name,
  label: z.string().min(1),
  prefix,
  kind: z.enum(['management', 'transit', 'vip', 'pa', 'outside']),
  /** VLAN id of the switch port group; absent for networks that live on no port (the VIP pool). */
  vlan: z.number().int().min(1).max(4094).optional(),
  gateway: ipv4.optional(),
  description: z.string().optional(),
  ...marked,
});

export const interfaceSchema = z.object({
  id: name,
  mac,
  address: ifaceCidr,
  network: name,
  ...marked,
});

export const routeSchema = z.object({
  prefix,
  /** Next-hop address; absent for a route out of an interface with no gateway. */
  via: ipv4.optional(),
  interface: name.optional(),
  metric: z.number().int().min(0).default(0),
  ...marked,
});

export const nodeSchema = z.object({
  id: name,
  kind: z.enum(['host', 'vm']),
  role: z.string(),
  interfaces: z.array(interfaceSchema),
  routes: z.array(routeSchema).default([]),
  dnsServer: ipv4.optional(),
  /** Forwards packets between its interfaces (RRAS on BGPVM and NATVM). */
  forwarding: z.boolean().default(false),
  /** TCP ports with a listening service. */
  listens: z.array(z.number().int().min(1).max(65535)).default([]),
  ...marked,
});

export const switchSchema = z.object({
  id: name,
  host: name,
  /** Other names people use for it (the blog writes "CCI_External"). */
  aliases: z.array(z.string()).default([]),
  vfp: z.boolean(),
  ...marked,
});

export const dnsSchema = z.object({
  server: name,
  zone: z.string(),
  records: z.array(z.object({ name: z.string().min(1), address: ipv4, ...marked })),
});

export const vipRuleSchema = z.object({
  name: z.string().min(1),
  vip: ipv4,
  protocol: z.enum(['tcp', 'udp']),
  port: z.number().int().min(1).max(65535),
  dips: z
    .array(
      z.object({
        address: ipv4,
        port: z.number().int().min(1).max(65535),
        /** The Hyper-V host whose VFP delivers to this DIP; its PA is the VXLAN destination. */
        host: name,
      }),
    )
    .min(1, 'a load-balancing rule needs at least one DIP'),
  ...marked,
});

export const slbSchema = z.object({
  muxes: z.array(name).min(1),
  /** VXLAN network identifier of the DIPs' virtual network. */
  vni: z.number().int().min(1).max(0xffffff),
  /** Which interface of a node carries its provider address (the VXLAN underlay). */
  paInterface: z.record(name, name),
  rules: z.array(vipRuleSchema),
  /** VIPs announced with no load-balancing rule of their own (e.g. the SLB manager VIP). */
  extraVips: z.array(ipv4).default([]),
  ...marked,
});

export const bgpSpeakerSchema = z.object({
  node: name,
  asn: z.number().int().min(1).max(65535, 'TP1 speaks BGP with 2-byte AS numbers (1-65535)'),
  routerId: ipv4,
  peers: z.array(z.object({ address: ipv4, asn: z.number().int().min(1).max(65535) })),
  /** Initiates the TCP connection to its peers. */
  initiates: z.boolean().default(false),
  ...marked,
});

export const bgpSchema = z.object({
  holdTime: z.number().int().min(3).max(65535),
  keepalive: z.number().int().min(1),
  speakers: z.array(bgpSpeakerSchema),
  ...marked,
});

export const natSchema = z.object({
  node: name,
  inside: name,
  outside: name,
  ...marked,
});

export const topologySchema = z.object({
  schema: z.literal('hoplab/topology@1', { message: 'the "schema" field must be "hoplab/topology@1"' }),
  name: z.string().min(1),
  description: z.string().default(''),
  networks: z.array(networkSchema).min(1),
  switch: switchSchema,
  nodes: z.array(nodeSchema).min(1),
  dns: dnsSchema.optional(),
  slb: slbSchema.optional(),
  bgp: bgpSchema.optional(),
  nat: z.array(natSchema).default([]),
  knobs: z
    .object({
      icmpRedirects: z.boolean().default(false),
    })
    .default({ icmpRedirects: false }),
});

export type TopologyDocument = z.input<typeof topologySchema>;
export type Topology = z.output<typeof topologySchema>;
export type NetworkDef = Topology['networks'][number];
export type NodeDef = Topology['nodes'][number];
export type InterfaceDef = NodeDef['interfaces'][number];
export type RouteDef = NodeDef['routes'][number];
