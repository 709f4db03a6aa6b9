// The "second MUX" what-if as a change of the topology: MuxVM2 is MuxVM renumbered to .8 (addresses and MACs),
// marked illustrative, a MUX of the SLB with the same PA interface, and a BGP speaker in MuxVM's AS that BGPVM
// peers with too. Applied once: a topology that has MuxVM2, or no SLB or BGP, is left as it is.
import { describe, expect, it } from 'vitest';
import { pocTopology } from './fixtures';
import { SECOND_MUX, withSecondMux } from './secondMux';

const ILLUSTRATIVE = { mark: 'illustrative', source: 'what-if: a second MUX added by Hoplab' };

describe('the second MUX', () => {
  it('copies MuxVM as MuxVM2 at .8, each address and MAC renumbered, marked illustrative', () => {
    const t = pocTopology();
    const mux = t.nodes.find((n) => n.id === 'MuxVM')!;
    const added = withSecondMux(t).nodes.at(-1)!;
    expect(SECOND_MUX).toBe('MuxVM2');
    expect(added).toEqual({
      ...mux,
      id: 'MuxVM2',
      prov: ILLUSTRATIVE,
      interfaces: [
        { ...mux.interfaces[0]!, mac: '00:15:5d:64:00:08', address: '192.168.100.8/24', prov: ILLUSTRATIVE },
        { ...mux.interfaces[1]!, mac: '00:15:5d:e9:00:08', address: '192.168.233.8/24', prov: ILLUSTRATIVE },
      ],
    });
    expect(withSecondMux(t).nodes.slice(0, -1)).toEqual(t.nodes);
  });

  it('adds it to the SLB with the PA interface of MuxVM, and as a BGP speaker that BGPVM peers with', () => {
    const t = pocTopology();
    const s = withSecondMux(t);
    expect(s.slb!.muxes).toEqual(['MuxVM', 'MuxVM2']);
    expect(s.slb!.paInterface).toEqual({ ...t.slb!.paInterface, MuxVM2: 'pa' });
    expect(s.slb!.rules).toEqual(t.slb!.rules);
    const [mux, bgpvm, mux2] = s.bgp!.speakers;
    expect(mux).toEqual(t.bgp!.speakers[0]);
    expect(bgpvm).toEqual({ ...t.bgp!.speakers[1]!, peers: [{ address: '192.168.100.6', asn: 64628 }, { address: '192.168.100.8', asn: 64628 }] });
    expect(mux2).toEqual({ ...t.bgp!.speakers[0]!, node: 'MuxVM2', routerId: '192.168.100.8', prov: ILLUSTRATIVE });
    expect(s.bgp!.speakers.length).toBe(3);
    expect({ ...s, nodes: t.nodes, slb: t.slb, bgp: t.bgp }).toEqual(t);
  });

  it('renumbers any last octet, and takes its router id from the management interface, else the first', () => {
    const t = pocTopology();
    const withMux = (change: (f: (typeof t.nodes)[number]['interfaces'][number], i: number) => object) => ({
      ...t,
      nodes: t.nodes.map((n) => (n.id === 'MuxVM' ? { ...n, interfaces: n.interfaces.map((f, i) => ({ ...f, ...change(f, i) })) } : n)),
    });
    const wide = withSecondMux(withMux((f, i) => ({ address: i === 0 ? '192.168.100.16/24' : '192.168.233.106/24' })));
    expect(wide.nodes.at(-1)!.interfaces.map((f) => f.address)).toEqual(['192.168.100.8/24', '192.168.233.8/24']);
    // The PA interface listed first: still the management address; with no interface on mgmt, the first one's.
    const paFirst = pocTopology();
    const swapped = { ...paFirst, nodes: paFirst.nodes.map((n) => (n.id === 'MuxVM' ? { ...n, interfaces: [...n.interfaces].reverse() } : n)) };
    expect(withSecondMux(swapped).bgp!.speakers.at(-1)!.routerId).toBe('192.168.100.8');
    const noMgmt = { ...swapped, nodes: swapped.nodes.map((n) => (n.id === 'MuxVM' ? { ...n, interfaces: n.interfaces.map((f) => ({ ...f, network: f.network === 'mgmt' ? 'management' : f.network })) } : n)) };
    expect(withSecondMux(noMgmt).bgp!.speakers.at(-1)!.routerId).toBe('192.168.233.8');
    const bare = { ...t, nodes: t.nodes.map((n) => (n.id === 'MuxVM' ? { ...n, interfaces: [] } : n)) };
    // A MUX with no interface at all has no address to give.
    expect(withSecondMux(bare).bgp!.speakers.at(-1)!.routerId).toBe('0.0.0.0');
  });

  it("peers MuxVM2 with every speaker that peers with MuxVM's address or AS, and copies MuxVM's speaker wherever it is listed", () => {
    const t = pocTopology();
    const speaker = (node: string, peers: { address: string; asn: number }[]) => ({ ...t.bgp!.speakers[1]!, node, routerId: '10.9.0.1', asn: 65000, peers });
    const others = [
      speaker('ByAs', [{ address: '192.168.100.99', asn: 64628 }]),
      speaker('ByAddress', [{ address: '192.168.100.6', asn: 65001 }]),
      speaker('Elsewhere', [{ address: '10.9.9.9', asn: 65002 }]),
      speaker('Both', [{ address: '10.9.9.9', asn: 65002 }, { address: '192.168.100.6', asn: 64628 }]),
    ];
    // MuxVM's speaker listed last.
    const s = withSecondMux({ ...t, bgp: { ...t.bgp!, speakers: [t.bgp!.speakers[1]!, ...others, t.bgp!.speakers[0]!] } });
    const added = { address: '192.168.100.8', asn: 64628 };
    expect(s.bgp!.speakers.map((x) => [x.node, x.peers.some((p) => p.address === added.address && p.asn === added.asn)])).toEqual([
      ['BGPVM', true],
      ['ByAs', true],
      ['ByAddress', true],
      ['Elsewhere', false],
      ['Both', true],
      ['MuxVM', false],
      ['MuxVM2', false],
    ]);
    expect(s.bgp!.speakers.at(-1)).toMatchObject({ node: 'MuxVM2', asn: 64628, routerId: '192.168.100.8', peers: t.bgp!.speakers[0]!.peers });
    // A MUX whose PA interface is not named: MuxVM2's is "pa".
    const { MuxVM: _, ...paInterface } = t.slb!.paInterface;
    expect(withSecondMux({ ...t, slb: { ...t.slb!, paInterface } }).slb!.paInterface.MuxVM2).toBe('pa');
  });

  it('is applied once, and only to a topology with an SLB, its MUX and BGP', () => {
    const t = pocTopology();
    const once = withSecondMux(t);
    expect(withSecondMux(once)).toBe(once);
    const { slb: _slb, ...noSlb } = t;
    expect(withSecondMux(noSlb)).toBe(noSlb);
    const { bgp: _bgp, ...noBgp } = t;
    expect(withSecondMux(noBgp)).toBe(noBgp);
    const noMux = { ...t, slb: { ...t.slb!, muxes: ['NoSuchVM'] } };
    expect(withSecondMux(noMux)).toBe(noMux);
  });
});
