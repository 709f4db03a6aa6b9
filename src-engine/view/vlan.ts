// A network's VLAN as the page shows it, said once: the id of its switch port group with that value's own
// provenance mark (the POC's ids are illustrative: the reference knows none), or what the network has
// instead (the VIP pool lives on no port, so it has no VLAN).
import type { NetworkDef } from '../topology/schema';
import { markOf, type Provenance } from './provenance';

export interface VlanView {
  /** "VLAN 1001", "no VLAN". */
  readonly text: string;
  /** Why, in a sentence, for a tooltip and a screen reader. */
  readonly title: string;
  /** The VLAN id's own mark; absent when there is no id to mark. */
  readonly prov?: Provenance;
}

export function networkVlan(n: Pick<NetworkDef, 'kind' | 'vlan' | 'prov' | 'fieldProv'>): VlanView {
  if (n.vlan !== undefined) {
    const prov = markOf(n, 'vlan');
    return { text: `VLAN ${n.vlan}`, title: `Its switch ports are an access port group on VLAN ${n.vlan}; the NICs send untagged frames (${prov.mark}${prov.source ? `: ${prov.source}` : ''})`, prov };
  }
  if (n.kind === 'vip') return { text: 'no VLAN', title: 'On no switch port: its addresses exist only as /32 routes announced over BGP' };
  return { text: 'untagged', title: 'No VLAN id is given for its switch ports: their frames are untagged' };
}

/** A NIC's link to the switch, for its accessible name: "access port, VLAN 1001 (illustrative)". */
export function linkVlanText(n: Pick<NetworkDef, 'kind' | 'vlan' | 'prov' | 'fieldProv'> | undefined): string {
  if (!n) return 'untagged';
  const v = networkVlan(n);
  return v.prov ? `access port, ${v.text} (${v.prov.mark})` : v.text;
}
