// Turns an untrusted topology document into a Topology, or into errors that each name the path in the
// document and the reason. Shape comes from the zod schema; the checks here are the ones a schema cannot
// express: references between records, addresses inside their subnets, next hops on-link, uniqueness.
import { IPv4CidrRange } from 'ip-num';
import type { z } from 'zod';
import { engineError } from '../errors';
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
    return { ok: false, error: [engineError('invalid-json', (e as Error).message)] };
  }
  return parseTopology(doc);
}

export function parseTopology(doc: unknown): Result<Topology, readonly EngineError[]> {
  const parsed = topologySchema.safeParse(doc);
  if (!parsed.success) return { ok: false, error: zodErrors(parsed.error) };
  const errors = semanticErrors(parsed.data);
  return errors.length > 0 ? { ok: false, error: errors } : { ok: true, value: parsed.data };
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
  });

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
  if (t.dns) needNode(t.dns.server, 'dns.server');
  if (t.slb) {
    t.slb.muxes.forEach((m, i) => needNode(m, `slb.muxes[${i}]`));
    for (const [nodeId, ifaceId] of Object.entries(t.slb.paInterface)) {
      needNode(nodeId, `slb.paInterface.${nodeId}`);
      needInterface(nodeId, ifaceId, `slb.paInterface.${nodeId}`);
    }
    t.slb.rules.forEach((rule, ri) =>
      rule.dips.forEach((dip, di) => {
        needNode(dip.host, `slb.rules[${ri}].dips[${di}].host`);
        if (!addressOwner.has(dip.address)) {
          fail('unknown-reference', `DIP ${dip.address} is on no interface`, `slb.rules[${ri}].dips[${di}].address`);
        }
      }),
    );
  }
  if (t.bgp) {
    t.bgp.speakers.forEach((s, si) => {
      needNode(s.node, `bgp.speakers[${si}].node`);
      s.peers.forEach((p, pi) => {
        if (!addressOwner.has(p.address)) {
          fail('unknown-reference', `BGP peer ${p.address} is on no interface`, `bgp.speakers[${si}].peers[${pi}].address`);
        }
      });
    });
  }
  t.nat.forEach((n, i) => {
    needNode(n.node, `nat[${i}].node`);
    needInterface(n.node, n.inside, `nat[${i}].inside`);
    needInterface(n.node, n.outside, `nat[${i}].outside`);
  });
  return errors;
}
