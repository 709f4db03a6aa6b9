// The "second portal DIP" what-if: PortalVM2 (192.168.100.10), a copy of the first rule's first DIP VM,
// added behind every rule that load-balances to that VM. No source gives TP1 a second portal DIP, so
// it is a what-if: with it, a DIP failure shows the MUX moving new flows to the healthy DIP.
import type { Provenance, Topology } from '../topology/schema';

const illustrative: Provenance = { mark: 'illustrative', source: 'what-if: a second portal DIP added by Hoplab' };

export const SECOND_DIP = 'PortalVM2';

export function withSecondDip(t: Topology): Topology {
  const dip = t.slb?.rules[0]?.dips[0];
  const vm = dip ? t.nodes.find((n) => n.interfaces.some((f) => f.address.split('/')[0] === dip.address)) : undefined;
  if (!t.slb || !dip || !vm || t.nodes.some((n) => n.id === SECOND_DIP)) return t;
  const taken = new Set(t.nodes.flatMap((n) => n.interfaces.map((f) => f.address.split('/')[0]!)));
  const [a, b, c, d] = dip.address.split('.').map(Number) as [number, number, number, number];
  let last = d + 1;
  while (taken.has(`${a}.${b}.${c}.${last}`)) last++;
  // No free host address after the DIP's in its /24 (.255 is the broadcast): no second DIP, rather than one that
  // shares an address.
  if (last > 254) return t;
  const address = `${a}.${b}.${c}.${last}`;
  const interfaces = vm.interfaces.map((f) => ({
    ...f,
    address: f.address.split('/')[0] === dip.address ? `${address}/${f.address.split('/')[1]}` : f.address,
    mac: `${f.mac.slice(0, 15)}${last.toString(16).padStart(2, '0')}`,
    prov: illustrative,
  }));
  const rules = t.slb.rules.map((r) => (r.dips.some((x) => x.address === dip.address) ? { ...r, dips: [...r.dips, ...r.dips.filter((x) => x.address === dip.address).map((x) => ({ ...x, address }))] } : r));
  return {
    ...t,
    nodes: [...t.nodes, { ...vm, id: SECOND_DIP, role: `${vm.role} (a second DIP: what-if)`, interfaces, prov: illustrative }],
    slb: { ...t.slb, rules },
  };
}
