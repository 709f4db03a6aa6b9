// The plain-language reason of a failed trace, from its hops: for a TTL expiry, which routers the
// packet went round and which of their routes sent it back and forth.
import type { Hop, HopStep } from '../protocol';

type RouteStep = Extract<HopStep, { kind: 'route' }>;

export function explainLoop(hops: readonly Hop[]): string | undefined {
  const ip = hops[0]?.layers.find((l) => l.type === 'ipv4');
  const destination = ip && ip.type === 'ipv4' ? ip.dst : 'the destination';
  const visits = new Map<string, RouteStep>();
  const counts = new Map<string, number>();
  for (const hop of hops) {
    const route = hop.steps.find((s): s is RouteStep => s.kind === 'route');
    if (!route || !hop.steps.some((s) => s.kind === 'ttl')) continue;
    counts.set(hop.node, (counts.get(hop.node) ?? 0) + 1);
    visits.set(hop.node, route);
  }
  const looping = [...counts].filter(([, n]) => n > 1).map(([node]) => node);
  if (looping.length < 2) return undefined;
  const routers = [...counts.values()].reduce((a, b) => a + b, 0);
  const parts = looping.map((node) => {
    const r = visits.get(node)!;
    return `${node} matches ${r.prefix} (${r.source}) ${r.nextHop ? `via ${r.nextHop}` : 'on-link'}`;
  });
  return `routing loop between ${looping.join(' and ')}: for ${destination}, ${parts.join(', while ')}; no more specific route exists, so the packet made ${routers} router hops, each taking 1 off its TTL, until the TTL reached 0 and an ICMP time exceeded was sent back`;
}
