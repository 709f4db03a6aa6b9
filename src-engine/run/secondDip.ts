// The "second portal DIP" what-if: PortalVM2 (192.168.100.10), a copy of the first rule's first DIP VM,
// added behind every rule that load-balances to that VM. No source gives TP1 a second portal DIP, so
// it is a what-if: with it, a DIP failure shows the MUX moving new flows to the healthy DIP.
import type { Provenance, Topology } from '../topology/schema';

const illustrative: Provenance = { mark: 'illustrative', source: 'what-if: a second portal DIP added by Hoplab' };

export const SECOND_DIP = 'PortalVM2';

/** Where PortalVM2 goes, or why the knob adds nothing to this topology (in the run's words). */
type Placement = { readonly vm: Topology['nodes'][number]; readonly dip: string; readonly last: number } | { readonly why: string };

function place(t: Topology): Placement {
  const no = (why: string) => ({ why: `What-if: no second portal DIP added: ${why}` });
  if (!t.slb) return no('this topology has no load balancer');
  const rule = t.slb.rules[0];
  if (!rule) return no('the load balancer has no rule');
  const dip = rule.dips[0];
  if (!dip) return no(`the load balancer's first rule, ${rule.name}, has no DIP`);
  const vm = t.nodes.find((n) => n.interfaces.some((f) => f.address.split('/')[0] === dip.address));
  if (!vm) return no(`no VM of this topology has the address of the rule ${rule.name}'s DIP, ${dip.address}`);
  if (t.nodes.some((n) => n.id === SECOND_DIP)) return no(`this topology already has a node named ${SECOND_DIP}`);
  const taken = new Set(t.nodes.flatMap((n) => n.interfaces.map((f) => f.address.split('/')[0]!)));
  const [a, b, c, d] = dip.address.split('.').map(Number) as [number, number, number, number];
  let last = d + 1;
  while (taken.has(`${a}.${b}.${c}.${last}`)) last++;
  // No free host address after the DIP's in its /24 (.255 is the broadcast): no second DIP, rather than one that
  // shares an address.
  const keeps = `so the rule ${rule.name} keeps its one DIP`;
  if (d >= 254) return no(`${vm.id}'s ${dip.address} is the last host address of its /24 (.255 is the broadcast), ${keeps}`);
  if (last > 254) return no(`every address after ${vm.id}'s ${dip.address}, from ${a}.${b}.${c}.${d + 1} to ${a}.${b}.${c}.254, is taken (.255 is the broadcast of its /24), ${keeps}`);
  return { vm, dip: dip.address, last };
}

/** Why the knob adds no PortalVM2 to this topology, as the run's event list says it; undefined when it adds one. */
export function whyNoSecondDip(t: Topology): string | undefined {
  const p = place(t);
  return 'why' in p ? p.why : undefined;
}

export function withSecondDip(t: Topology): Topology {
  const p = place(t);
  if ('why' in p) return t;
  const { vm, dip, last } = p;
  const [a, b, c] = dip.split('.');
  const address = `${a}.${b}.${c}.${last}`;
  const interfaces = vm.interfaces.map((f) => ({
    ...f,
    address: f.address.split('/')[0] === dip ? `${address}/${f.address.split('/')[1]}` : f.address,
    mac: `${f.mac.slice(0, 15)}${last.toString(16).padStart(2, '0')}`,
    prov: illustrative,
  }));
  const rules = t.slb!.rules.map((r) => (r.dips.some((x) => x.address === dip) ? { ...r, dips: [...r.dips, ...r.dips.filter((x) => x.address === dip).map((x) => ({ ...x, address }))] } : r));
  return {
    ...t,
    nodes: [...t.nodes, { ...vm, id: SECOND_DIP, role: `${vm.role} (a second DIP: what-if)`, interfaces, prov: illustrative }],
    slb: { ...t.slb!, rules },
  };
}
