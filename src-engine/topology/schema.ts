// The topology document: what a scenario file holds, validated with zod at the boundary.
// Every record carries a provenance mark (how sure we are of it), and may override it per field,
// so the app can show, next to each value, whether a source documents it or we chose it.
import { z } from 'zod';
import { LIMITS, MAX_MTU, MIN_MTU } from '../limits.ts';
import { dnsNameProblem } from '../net/dnsName.ts';
import { unsafeCharacter } from '../net/text.ts';

import { MARKS } from '../view/provenance.ts';
import { NAME_PATTERN } from '../view/ids.ts';

export { MARKS, markOf } from '../view/provenance.ts';
export type { Mark } from '../view/provenance.ts';

/** Text a person wrote, shown in the app: capped in length, with no bidi or invisible control characters. */
function text(max: number, what: string, min = 0) {
  return z
    .string()
    .min(min, `${what} may not be empty`)
    .max(max, `${what} is longer than ${max} characters; shorten it`)
    .superRefine((value, ctx) => {
      const bad = unsafeCharacter(value);
      if (bad) ctx.addIssue({ code: 'custom', message: `${what} contains ${bad}; remove it` });
    });
}

/** A DNS name within RFC 1035's lengths (labels of at most 63, names of at most 253 characters). */
const dnsName = (what: string) =>
  z.string().superRefine((value, ctx) => {
    const problem = dnsNameProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `${what} "${value.length > 40 ? `${value.slice(0, 40)}…` : value}" is not a DNS name: ${problem}` });
  });

/** An array of at most `max` items, with a message that names the limit. */
function list<T extends z.ZodType>(item: T, max: number, what: string) {
  return z.array(item).max(max, `more than ${max} ${what}; Hoplab handles at most ${max}`);
}

export const provenanceSchema = z.object({
  mark: z.enum(MARKS),
  /** Source keys of the reference (e.g. "S3, S8") or a short reason for inferred values. */
  source: text(LIMITS.labelLength, 'a provenance source').optional(),
});
export type Provenance = z.infer<typeof provenanceSchema>;

/** A record's own mark, with optional per-field overrides: `markOf(record, 'address')`. */
const marked = {
  prov: provenanceSchema,
  fieldProv: z.record(z.string().max(LIMITS.nameLength), provenanceSchema).optional(),
};

const mac = z
  .string()
  .regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/, 'a MAC address in lower-case colon form, e.g. 00:15:5d:00:01:02');
const ipv4 = z.ipv4({ message: 'an IPv4 address in dotted form, e.g. 192.168.100.2' });
/** An interface address with its prefix length: "192.168.100.2/24" (octets 0-255, no leading zeros, /0-/32). */
const ifaceCidr = z.cidrv4({ message: 'an address with prefix length, e.g. 192.168.100.2/24 (each number 0-255, no leading zeros)' });
const prefix = z.cidrv4({ message: 'a prefix in CIDR form, e.g. 192.168.100.0/24' });
export { DEFAULT_MTU, MAX_MTU, MIN_MTU } from '../limits.ts';

const name = z.string().regex(NAME_PATTERN, 'a name of letters, digits, "_", "." or "-"');

export const networkSchema = z.object({
  id: name,
  label: text(LIMITS.labelLength, 'a label', 1),
  prefix,
  kind: z.enum(['management', 'transit', 'vip', 'pa', 'outside']),
  /** VLAN id of the switch port group; absent for networks that live on no port (the VIP pool). */
  vlan: z.number().int().min(1).max(4094).optional(),
  gateway: ipv4.optional(),
  description: text(LIMITS.textLength, 'a description').optional(),
  /**
   * The largest IPv4 packet the network carries, in bytes (its MTU; the Ethernet frame is 14 bytes more).
   * Absent: 1500, Ethernet's (RFC 894). From 576 (what every IPv4 host must accept, RFC 791) to 9216 (jumbo).
   */
  mtu: z.number().int('an MTU is a whole number of bytes').min(MIN_MTU, `an MTU of at least ${MIN_MTU} bytes (RFC 791)`).max(MAX_MTU, `an MTU of at most ${MAX_MTU} bytes (a jumbo frame)`).optional(),
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
  role: text(LIMITS.labelLength, 'a role'),
  interfaces: list(interfaceSchema, LIMITS.interfacesPerNode, 'interfaces on one node'),
  routes: list(routeSchema, LIMITS.routesPerNode, 'routes on one node').default([]),
  dnsServer: ipv4.optional(),
  /** Forwards packets between its interfaces (RRAS on BGPVM and NATVM). */
  forwarding: z.boolean().default(false),
  /** TCP ports with a listening service. */
  listens: list(z.number().int().min(1).max(65535), 1_024, 'listening ports').default([]),
  ...marked,
});

export const switchSchema = z.object({
  id: name,
  host: name,
  /** Other names people use for it (the blog writes "CCI_External"). */
  aliases: list(text(LIMITS.labelLength, 'an alias', 1), 16, 'aliases').default([]),
  vfp: z.boolean(),
  ...marked,
});

export const dnsSchema = z.object({
  server: name,
  zone: dnsName('the zone'),
  records: list(z.object({ name: dnsName('the record name'), address: ipv4, ...marked }), LIMITS.dnsRecords, 'DNS records'),
});

export const probeSchema = z.object({
  /** Windows SLB probes TCP (a port answering) or HTTP (a URL answering 200); Hoplab sends TCP probes. */
  protocol: z.literal('tcp', { message: 'the probe protocol must be "tcp" (Hoplab sends TCP probes)' }),
  port: z.number().int().min(1).max(65535),
  intervalInSeconds: z.number().int().min(1, 'a probe interval is at least 1 second').max(3_600, 'a probe interval is at most 3600 seconds'),
  /** Consecutive answers for a DIP to count as healthy, and unanswered probes for it to count as down. */
  numberOfProbes: z.number().int().min(1).max(100, 'numberOfProbes is at most 100'),
  ...marked,
});

export const vipRuleSchema = z.object({
  name: text(LIMITS.labelLength, 'a rule name', 1),
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
    .min(1, 'a load-balancing rule needs at least one DIP')
    .max(LIMITS.dipsPerRule, `a load-balancing rule has at most ${LIMITS.dipsPerRule} DIPs`),
  /**
   * The health probe the SLB host agent on each DIP's host sends to the DIP (Network Controller's
   * LoadBalancerProbe: protocol, port, IntervalInSeconds, NumberOfProbes). Without one, every DIP counts
   * as healthy.
   */
  probe: probeSchema.optional(),
  ...marked,
});

/**
 * An outbound NAT rule (Network Controller's LoadBalancerOutboundNatRule): traffic a DIP starts towards an
 * address outside its subnet leaves through its host's VFP with the source rewritten to the VIP and a port
 * from `ports`, the VIP's range the SLB manager gives the DIP's host; answers come back to the VIP, through
 * the MUX. TCP and UDP by port, ICMP echo by identifier (protocol "ALL").
 */
export const outboundNatSchema = z.object({
  name: text(LIMITS.labelLength, 'an outbound NAT rule name', 1),
  vip: ipv4,
  dips: z
    .array(z.object({ address: ipv4, host: name }))
    .min(1, 'an outbound NAT rule needs at least one DIP')
    .max(LIMITS.dipsPerRule, `an outbound NAT rule has at most ${LIMITS.dipsPerRule} DIPs`),
  /** The VIP's source ports each DIP's host may use, first and last (both included). */
  ports: z
    .tuple([z.number().int().min(1024).max(65535), z.number().int().min(1024).max(65535)])
    .refine(([a, b]) => a <= b, 'the port range is [first, last] with first <= last'),
  ...marked,
});

export const slbSchema = z.object({
  muxes: list(name, 64, 'MUXes').min(1),
  /** VXLAN network identifier of the DIPs' virtual network. */
  vni: z.number().int().min(1).max(0xffffff),
  /** Which interface of a node carries its provider address (the VXLAN underlay). */
  paInterface: z.record(name, name),
  rules: list(vipRuleSchema, LIMITS.vipRules, 'load-balancing rules'),
  /** Outbound NAT rules: DIPs reaching outside with the VIP as their source. */
  outboundNat: list(outboundNatSchema, LIMITS.vipRules, 'outbound NAT rules').default([]),
  /** The node that runs the SLB manager (the Network Controller): host agents report DIP health to it, it updates the MUXes. */
  manager: name.optional(),
  /** VIPs announced with no load-balancing rule of their own (e.g. the SLB manager VIP). */
  extraVips: list(ipv4, LIMITS.vipRules, 'extra VIPs').default([]),
  ...marked,
});

export const bgpSpeakerSchema = z.object({
  node: name,
  asn: z.number().int().min(1).max(65535, 'TP1 speaks BGP with 2-byte AS numbers (1-65535)'),
  routerId: ipv4,
  peers: list(z.object({ address: ipv4, asn: z.number().int().min(1).max(65535) }), LIMITS.peersPerSpeaker, 'peers of one speaker'),
  /** Initiates the TCP connection to its peers. */
  initiates: z.boolean().default(false),
  ...marked,
});

export const bgpSchema = z.object({
  holdTime: z
    .number({ message: 'the hold time is a whole number of seconds' })
    .int('the hold time is a whole number of seconds')
    .min(3, 'the hold time is at least 3 seconds (RFC 4271 4.2); a short one, such as 9, makes failover fit in class')
    .max(65535, 'the hold time is at most 65535 seconds'),
  keepalive: z
    .number({ message: 'the keepalive is a whole number of seconds' })
    .int('the keepalive is a whole number of seconds')
    .min(1, 'the keepalive is at least 1 second (RFC 4271 suggests a third of the hold time)')
    .max(65535, 'the keepalive is at most 65535 seconds'),
  speakers: list(bgpSpeakerSchema, LIMITS.bgpSpeakers, 'BGP speakers'),
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
  name: text(LIMITS.labelLength, 'the topology name', 1),
  description: text(LIMITS.textLength, 'the description').default(''),
  networks: list(networkSchema, LIMITS.networks, 'networks').min(1),
  switch: switchSchema,
  nodes: list(nodeSchema, LIMITS.nodes, 'nodes').min(1),
  dns: dnsSchema.optional(),
  slb: slbSchema.optional(),
  bgp: bgpSchema.optional(),
  nat: list(natSchema, 256, 'NAT definitions').default([]),
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
