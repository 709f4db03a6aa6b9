// Turns an untrusted topology document into a Topology, or into errors that each name the path in the
// document and the reason. Shape comes from the zod schema; the checks here are the ones a schema cannot
// express: references between records, addresses inside their subnets, next hops on-link, uniqueness.
import { IPv4CidrRange } from 'ip-num';
import type { z } from 'zod';
import { engineError } from '../view/errors';
import type { EngineError, Result } from '../protocol';
import { topologySchema, type Topology } from './schema';

/** "nodes[3].interfaces[0].address" from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

function zodErrors(error: z.ZodError): EngineError[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    return engineError('invalid-document', `${path || 'document'}: ${issue.message}`, path);
  });
}

export function parseTopologyJson(text: string): Result<Topology, readonly EngineError[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: [engineError('invalid-json', `The document is not valid JSON (${(e as Error).message})`)] };
  }
  return parseTopology(doc);
}

/** At most this many errors are listed; a document broken everywhere gets a summary line for the rest. */
export const MAX_ERRORS = 50;

export function parseTopology(doc: unknown): Result<Topology, readonly EngineError[]> {
  const parsed = topologySchema.safeParse(doc);
  if (!parsed.success) return { ok: false, error: capped(zodErrors(parsed.error)) };
  const errors = semanticErrors(parsed.data);
  return errors.length > 0 ? { ok: false, error: capped(errors) } : { ok: true, value: parsed.data };
}

function capped(errors: EngineError[]): EngineError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  const rest = errors.length - MAX_ERRORS;
  return [...errors.slice(0, MAX_ERRORS), engineError('invalid-document', `and ${rest} more error${rest === 1 ? '' : 's'}: fix these first, then load the file again to see the rest`)];
}

function cidr(text: string): IPv4CidrRange {
  return IPv4CidrRange.fromCidr(text);
}

function hostRange(address: string): IPv4CidrRange {
  return cidr(`${address}/32`);
}

function semanticErrors(t: Topology): EngineError[] {
  const errors: EngineError[] = [];
  const fail = (code: Parameters<typeof engineError>[0], detail: string, path: string) =>
    errors.push(engineError(code, `${path}: ${detail}`, path));

  const unique = (ids: readonly string[], path: (i: number) => string, what: string) => {
    const seen = new Map<string, number>();
    ids.forEach((id, i) => {
      const first = seen.get(id);
      if (first !== undefined) fail('duplicate-id', `${what} "${id}" is also ${path(first)}`, path(i));
      else seen.set(id, i);
    });
  };

  unique(t.networks.map((n) => n.id), (i) => `networks[${i}].id`, 'network id');
  unique(
    [...t.nodes.map((n) => n.id), t.switch.id],
    (i) => (i < t.nodes.length ? `nodes[${i}].id` : 'switch.id'),
    'name',
  );

  const networks = new Map(t.networks.map((n) => [n.id, n]));
  const ranges = new Map<string, IPv4CidrRange>();
  t.networks.forEach((n, i) => {
    const [base] = n.prefix.split('/');
    const range = cidr(n.prefix);
    if (range.getFirst().toString() !== base) {
      fail('prefix-not-aligned', `${n.prefix} should be ${range.getFirst().toString()}/${range.getPrefix().getValue()}`, `networks[${i}].prefix`);
    }
    ranges.set(n.id, range);
    if (n.gateway !== undefined) {
      const gw = hostRange(n.gateway);
      if (!range.contains(gw)) fail('gateway-outside-prefix', `gateway ${n.gateway} is outside ${n.id} (${n.prefix})`, `networks[${i}].gateway`);
      else if (Number(range.getSize()) > 2 && (n.gateway === range.getFirst().toString() || n.gateway === range.getLast().toString())) {
        fail('gateway-outside-prefix', `gateway ${n.gateway} is the network or broadcast address of ${n.prefix}`, `networks[${i}].gateway`);
      }
    }
  });
  overlappingNetworks(t, fail);

  const nodes = new Map(t.nodes.map((n) => [n.id, n]));
  const addressOwner = new Map<string, string>();
  const macOwner = new Map<string, string>();

  t.nodes.forEach((node, ni) => {
    unique(node.interfaces.map((f) => f.id), (i) => `nodes[${ni}].interfaces[${i}].id`, `interface id of ${node.id}`);
    const onLink: IPv4CidrRange[] = [];
    node.interfaces.forEach((iface, ii) => {
      const path = `nodes[${ni}].interfaces[${ii}]`;
      const [address, lengthText] = iface.address.split('/') as [string, string];
      const network = networks.get(iface.network);
      const range = ranges.get(iface.network);
      if (!network || !range) {
        fail('unknown-reference', `network "${iface.network}" is not defined in "networks"`, `${path}.network`);
        return;
      }
      if (BigInt(lengthText) !== range.getPrefix().getValue()) {
        fail('address-outside-subnet', `prefix length /${lengthText} differs from network ${network.prefix}`, `${path}.address`);
      }
      if (!range.contains(hostRange(address))) {
        fail('address-outside-subnet', `${address} is outside ${network.id} (${network.prefix})`, `${path}.address`);
      } else if (Number(range.getSize()) > 2 && (address === range.getFirst().toString() || address === range.getLast().toString())) {
        fail('address-reserved', `${address} is the network or broadcast address of ${network.prefix}`, `${path}.address`);
      }
      const owner = addressOwner.get(address);
      if (owner) fail('duplicate-address', `${address} is also used by ${owner}`, `${path}.address`);
      else addressOwner.set(address, `${node.id} ${iface.id}`);
      const macUser = macOwner.get(iface.mac);
      if (macUser) fail('duplicate-mac', `${iface.mac} is also used by ${macUser}`, `${path}.mac`);
      else macOwner.set(iface.mac, `${node.id} ${iface.id}`);
      onLink.push(range);
    });

    node.routes.forEach((route, ri) => {
      const path = `nodes[${ni}].routes[${ri}]`;
      const routeRange = cidr(route.prefix);
      if (routeRange.getFirst().toString() !== route.prefix.split('/')[0]) {
        fail('prefix-not-aligned', `${route.prefix} should be ${routeRange.getFirst().toString()}/${routeRange.getPrefix().getValue()}`, `${path}.prefix`);
      }
      if (route.via !== undefined && node.interfaces.some((f) => f.address.split('/')[0] === route.via)) {
        fail('gateway-is-self', `next hop ${route.via} for ${route.prefix} is ${node.id}'s own address`, `${path}.via`);
      }
      if (route.interface !== undefined && !node.interfaces.some((f) => f.id === route.interface)) {
        fail('unknown-reference', `${node.id} has no interface "${route.interface}"`, `${path}.interface`);
      }
      if (route.via !== undefined && !onLink.some((r) => r.contains(hostRange(route.via!)))) {
        fail('gateway-not-on-link', `next hop ${route.via} for ${route.prefix} is on none of ${node.id}'s subnets`, `${path}.via`);
      }
      if (route.via === undefined && route.interface === undefined) {
        fail('unknown-reference', `route ${route.prefix} has neither "via" nor "interface": it leads nowhere`, path);
      }
    });
  });

  const needNode = (id: string, path: string) => {
    if (!nodes.has(id)) fail('unknown-reference', `node "${id}" is not defined in "nodes"`, path);
  };
  const needInterface = (nodeId: string, ifaceId: string, path: string) => {
    const node = nodes.get(nodeId);
    if (node && !node.interfaces.some((f) => f.id === ifaceId)) {
      fail('unknown-reference', `${nodeId} has no interface "${ifaceId}"`, path);
    }
  };

  needNode(t.switch.host, 'switch.host');
  if (t.slb) {
    const slb = t.slb;
    unique([...slb.muxes], (i) => `slb.muxes[${i}]`, 'MUX');
    if (slb.manager !== undefined) needNode(slb.manager, 'slb.manager');
    slb.muxes.forEach((m, i) => {
      needNode(m, `slb.muxes[${i}]`);
      if (nodes.has(m) && slb.paInterface[m] === undefined) fail('unknown-reference', `MUX ${m} has no entry in "slb.paInterface", so it cannot reach any DIP`, `slb.muxes[${i}]`);
    });
    unique(slb.rules.map((r) => r.name), (i) => `slb.rules[${i}].name`, 'rule name');
    unique(slb.rules.map((r) => `${r.vip} ${r.protocol} ${r.port}`), (i) => `slb.rules[${i}]`, 'VIP, protocol and port');
    const vipAt = (vip: string, path: string) => {
      const owner = addressOwner.get(vip);
      if (owner) fail('vip-is-interface-address', `VIP ${vip} is also the address of ${owner}`, path);
    };
    slb.rules.forEach((r, ri) => vipAt(r.vip, `slb.rules[${ri}].vip`));
    slb.extraVips.forEach((v, i) => vipAt(v, `slb.extraVips[${i}]`));
    for (const [nodeId, ifaceId] of Object.entries(t.slb.paInterface)) {
      needNode(nodeId, `slb.paInterface.${nodeId}`);
      needInterface(nodeId, ifaceId, `slb.paInterface.${nodeId}`);
    }
    t.slb.rules.forEach((rule, ri) =>
      rule.dips.forEach((dip, di) => {
        needNode(dip.host, `slb.rules[${ri}].dips[${di}].host`);
        if (nodes.has(dip.host) && t.slb!.paInterface[dip.host] === undefined) {
          fail('unknown-reference', `DIP host ${dip.host} has no entry in "slb.paInterface", so no VXLAN packet can reach it`, `slb.rules[${ri}].dips[${di}].host`);
        }
        if (!addressOwner.has(dip.address)) {
          fail('unknown-reference', `DIP ${dip.address} is on no interface`, `slb.rules[${ri}].dips[${di}].address`);
        }
      }),
    );
  }
  if (t.bgp) {
    const bgp = t.bgp;
    if (bgp.keepalive >= bgp.holdTime) {
      fail('keepalive-not-below-hold', `keepalive ${bgp.keepalive} s is not below the hold time ${bgp.holdTime} s`, 'bgp.keepalive');
    }
    unique(bgp.speakers.map((s) => s.node), (i) => `bgp.speakers[${i}].node`, 'BGP speaker node');
    unique(bgp.speakers.map((s) => s.routerId), (i) => `bgp.speakers[${i}].routerId`, 'BGP router id');
    const speakerAt = new Map<string, (typeof bgp.speakers)[number]>();
    for (const s of bgp.speakers) for (const f of nodes.get(s.node)?.interfaces ?? []) speakerAt.set(f.address.split('/')[0]!, s);
    bgp.speakers.forEach((s, si) => {
      needNode(s.node, `bgp.speakers[${si}].node`);
      unique(s.peers.map((p) => p.address), (i) => `bgp.speakers[${si}].peers[${i}].address`, `peer of ${s.node}`);
      s.peers.forEach((p, pi) => {
        const path = `bgp.speakers[${si}].peers[${pi}]`;
        if (!addressOwner.has(p.address)) {
          fail('unknown-reference', `BGP peer ${p.address} is on no interface`, `${path}.address`);
          return;
        }
        const remote = speakerAt.get(p.address);
        if (remote === s) fail('bgp-peer-is-self', `${s.node} lists its own address ${p.address} as a peer`, `${path}.address`);
        else if (remote && remote.asn !== p.asn) fail('bgp-asn-mismatch', `peer ${p.address} is ${remote.node}, which speaks AS ${remote.asn}, not AS ${p.asn}`, `${path}.asn`);
      });
    });
  }
  t.nat.forEach((n, i) => {
    needNode(n.node, `nat[${i}].node`);
    if (n.inside === n.outside) fail('nat-same-interface', `${n.node} uses interface "${n.inside}" as both inside and outside`, `nat[${i}].outside`);
    needInterface(n.node, n.inside, `nat[${i}].inside`);
    needInterface(n.node, n.outside, `nat[${i}].outside`);
  });
  if (t.dns) {
    needNode(t.dns.server, 'dns.server');
    unique(t.dns.records.map((r) => `${r.name.toLowerCase().replace(/\.$/, '')} ${r.address}`), (i) => `dns.records[${i}]`, 'DNS record');
  }
  return errors;
}

/** Networks whose prefixes overlap: sorted by first address, each is compared with the widest one before it. */
function overlappingNetworks(t: Topology, fail: (code: 'overlapping-subnets', detail: string, path: string) => void): void {
  const spans = t.networks
    .map((n, i) => {
      const r = cidr(n.prefix);
      return { i, n, first: Number(r.getFirst().getValue()), last: Number(r.getLast().getValue()) };
    })
    .sort((a, b) => a.first - b.first || b.last - a.last);
  let widest: (typeof spans)[number] | undefined;
  for (const s of spans) {
    if (widest && s.first <= widest.last) {
      fail('overlapping-subnets', `${s.n.id} (${s.n.prefix}) overlaps ${widest.n.id} (${widest.n.prefix})`, `networks[${s.i}].prefix`);
    }
    if (!widest || s.last > widest.last) widest = s;
  }
}
