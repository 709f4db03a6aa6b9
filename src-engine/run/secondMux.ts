// The "second MUX" what-if: a copy of MuxVM as MuxVM2 (192.168.100.8, PA 192.168.233.8), same AS,
// its own BGP session with BGPVM, the same rules. BGPVM then holds two equal /32 routes per VIP.
import type { Provenance, Topology } from '../topology/schema';

const illustrative: Provenance = { mark: 'illustrative', source: 'what-if: a second MUX added by Hoplab' };

export const SECOND_MUX = 'MuxVM2';

export function withSecondMux(t: Topology): Topology {
  const first = t.slb?.muxes[0];
  const mux = t.nodes.find((n) => n.id === first);
  const bgp = t.bgp;
  if (!t.slb || !mux || !bgp || t.nodes.some((n) => n.id === SECOND_MUX)) return t;
  const renumber = (cidr: string, last: number): string => cidr.replace(/\.\d+\//, `.${last}/`);
  const interfaces = mux.interfaces.map((f) => ({
    ...f,
    address: renumber(f.address, 8),
    mac: `${f.mac.slice(0, 15)}08`,
    prov: illustrative,
  }));
  const mgmt = interfaces.find((f) => f.network === 'mgmt') ?? interfaces[0];
  const address = mgmt ? mgmt.address.split('/')[0]! : '0.0.0.0';
  const firstSpeaker = bgp.speakers.find((s) => s.node === first);
  const speakers = bgp.speakers.map((s) => {
    if (!firstSpeaker || !s.peers.some((p) => p.address === firstSpeaker.routerId || p.asn === firstSpeaker.asn)) return s;
    return { ...s, peers: [...s.peers, { address, asn: firstSpeaker.asn }] };
  });
  if (firstSpeaker) speakers.push({ ...firstSpeaker, node: SECOND_MUX, routerId: address, prov: illustrative });
  return {
    ...t,
    nodes: [...t.nodes, { ...mux, id: SECOND_MUX, interfaces, prov: illustrative }],
    slb: { ...t.slb, muxes: [...t.slb.muxes, SECOND_MUX], paInterface: { ...t.slb.paInterface, [SECOND_MUX]: t.slb.paInterface[first!] ?? 'pa' } },
    bgp: { ...bgp, speakers },
  };
}
