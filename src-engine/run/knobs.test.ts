// The knobs that add devices: which of them change the drawing, and the topology each one builds, a second
// portal DIP (PortalVM2) placed at the first free address after PortalVM's and behind every rule that uses it.
import { describe, expect, it } from 'vitest';
import type { Topology } from '../topology/schema';
import { pocTopology, runPoc } from './fixtures';
import { addsDevices, knobNotes, withKnobs } from './knobs';
import { SECOND_DIP, whyNoSecondDip, withSecondDip } from './secondDip';
import { simulate } from './simulate';
import { describeMtu, withMtu } from './mtuWhatIf';

describe('addsDevices', () => {
  it('is true only when a knob adds a MUX or a DIP', () => {
    expect(addsDevices(undefined)).toBe(false);
    expect(addsDevices({})).toBe(false);
    expect(addsDevices({ icmpRedirects: true })).toBe(false);
    expect(addsDevices({ secondMux: false, secondDip: false })).toBe(false);
    expect(addsDevices({ secondMux: true })).toBe(true);
    expect(addsDevices({ secondDip: true })).toBe(true);
    expect(addsDevices({ secondMux: true, secondDip: true })).toBe(true);
  });
});

describe('withKnobs', () => {
  it('adds MuxVM2 for secondMux, PortalVM2 for secondDip, both for both, nothing otherwise', () => {
    const t = pocTopology();
    const ids = (x: Topology) => x.nodes.map((n) => n.id).filter((id) => id.endsWith('2'));
    expect(withKnobs(t, undefined)).toBe(t);
    expect(withKnobs(t, { icmpRedirects: true })).toBe(t);
    expect(ids(withKnobs(t, { secondMux: true }))).toEqual(['MuxVM2']);
    expect(ids(withKnobs(t, { secondDip: true }))).toEqual(['PortalVM2']);
    expect(ids(withKnobs(t, { secondMux: true, secondDip: true }))).toEqual(['MuxVM2', 'PortalVM2']);
  });
});

describe('withSecondDip', () => {
  it("copies PortalVM at the next free address, with its own MAC, marked illustrative, behind the portal rule", () => {
    const t = pocTopology();
    const out = withSecondDip(t);
    const vm = out.nodes.find((n) => n.id === SECOND_DIP)!;
    const portal = t.nodes.find((n) => n.id === 'PortalVM')!;
    expect(vm.role).toBe(`${portal.role} (a second DIP: what-if)`);
    expect(vm.interfaces.map((f) => [f.id, f.address, f.mac])).toEqual([['eth0', '192.168.100.10/24', '00:15:5d:64:00:0a']]);
    expect(vm.prov).toEqual({ mark: 'illustrative', source: 'what-if: a second portal DIP added by Hoplab' });
    expect(vm.interfaces[0]!.prov).toEqual(vm.prov);
    expect(out.slb!.rules[0]!.dips).toEqual([
      { address: '192.168.100.9', port: 443, host: 'HyperVHost' },
      { address: '192.168.100.10', port: 443, host: 'HyperVHost' },
    ]);
    expect(out.nodes.length).toBe(t.nodes.length + 1);
    // The document itself is left as it was.
    expect(t.nodes.some((n) => n.id === SECOND_DIP)).toBe(false);
    expect(t.slb!.rules[0]!.dips.length).toBe(1);
  });

  it('skips addresses already taken, leaves other NICs and rules alone, and adds nothing twice', () => {
    const t = pocTopology();
    const portal = t.nodes.find((n) => n.id === 'PortalVM')!;
    const taken: Topology = {
      ...t,
      // .10 and .11 taken; PortalVM with a second NIC on another network.
      nodes: t.nodes.map((n) =>
        n.id === 'SQLVM'
          ? { ...n, interfaces: [...n.interfaces, { ...n.interfaces[0]!, id: 'eth1', address: '192.168.100.10/24' }, { ...n.interfaces[0]!, id: 'eth2', address: '192.168.100.11/24' }] }
          : n.id === 'PortalVM'
            ? { ...n, interfaces: [...n.interfaces, { ...n.interfaces[0]!, id: 'eth1', address: '192.168.200.9/24', network: 'transit' }] }
            : n,
      ),
      slb: {
        ...t.slb!,
        rules: [
          { ...t.slb!.rules[0]!, dips: [...t.slb!.rules[0]!.dips, { address: '192.168.100.4', port: 443, host: 'HyperVHost' }] },
          { ...t.slb!.rules[0]!, name: 'sql', port: 1433, dips: [{ address: '192.168.100.4', port: 1433, host: 'HyperVHost' }] },
        ],
      },
    };
    const out = withSecondDip(taken);
    const vm = out.nodes.find((n) => n.id === SECOND_DIP)!;
    expect(vm.interfaces.map((f) => [f.id, f.address, f.mac])).toEqual([
      ['eth0', '192.168.100.12/24', '00:15:5d:64:00:0c'],
      ['eth1', '192.168.200.9/24', '00:15:5d:64:00:0c'],
    ]);
    expect(portal.interfaces.length).toBe(1);
    expect(out.slb!.rules.map((r) => [r.name, r.dips.map((d) => d.address)])).toEqual([
      ['portal-https', ['192.168.100.9', '192.168.100.4', '192.168.100.12']],
      ['sql', ['192.168.100.4']],
    ]);
    expect(withSecondDip(out)).toBe(out);
  });

  it('a topology without a load balancer, or whose DIP is no VM of it, is left as it is', () => {
    const t = pocTopology();
    const { slb: _slb, ...noSlb } = t;
    expect(withSecondDip(noSlb)).toBe(noSlb);
    const stray: Topology = { ...t, slb: { ...t.slb!, rules: [{ ...t.slb!.rules[0]!, dips: [{ address: '192.168.100.99', port: 443, host: 'HyperVHost' }] }] } };
    expect(withSecondDip(stray)).toBe(stray);
  });

  it('takes the last host address of the /24 when only it is free, and adds nothing when none is', () => {
    const t = pocTopology();
    // SQLVM given every address from .10 up to `top`.
    const upTo = (top: number): Topology => ({
      ...t,
      nodes: t.nodes.map((n) =>
        n.id === 'SQLVM' ? { ...n, interfaces: [...n.interfaces, ...Array.from({ length: top - 9 }, (_, i) => ({ ...n.interfaces[0]!, id: `eth${i + 1}`, address: `192.168.100.${10 + i}/24` }))] } : n,
      ),
    });
    const last = withSecondDip(upTo(253));
    expect(last.nodes.find((n) => n.id === SECOND_DIP)!.interfaces.map((f) => [f.address, f.mac])).toEqual([['192.168.100.254/24', '00:15:5d:64:00:fe']]);
    // .254 taken too: no free host address after PortalVM's, so no second DIP (not one at .255, the broadcast, nor
    // one sharing .254).
    const full = upTo(254);
    expect(withSecondDip(full)).toBe(full);
  });
});

describe('a second portal DIP that cannot be added says why', () => {
  const t = pocTopology();
  // SQLVM given every address from .10 to .254: none is free after PortalVM's .9 in its /24.
  const full: Topology = {
    ...t,
    nodes: t.nodes.map((n) => (n.id === 'SQLVM' ? { ...n, interfaces: [...n.interfaces, ...Array.from({ length: 245 }, (_, i) => ({ ...n.interfaces[0]!, id: `eth${i + 1}`, address: `192.168.100.${10 + i}/24` }))] } : n)),
  };

  it('names the reason for each topology it leaves as it is, and nothing when it adds PortalVM2', () => {
    expect(whyNoSecondDip(t)).toBeUndefined();
    expect(whyNoSecondDip(full)).toBe(
      "What-if: no second portal DIP added: every address after PortalVM's 192.168.100.9, from 192.168.100.10 to 192.168.100.254, is taken (.255 is the broadcast of its /24), so the rule portal-https keeps its one DIP",
    );
    // PortalVM at .254, the last host address: nothing after it to take.
    const at254 = JSON.parse(JSON.stringify(t).replaceAll('"192.168.100.9"', '"192.168.100.254"').replaceAll('"192.168.100.9/24"', '"192.168.100.254/24"')) as Topology;
    expect(whyNoSecondDip(at254)).toBe("What-if: no second portal DIP added: PortalVM's 192.168.100.254 is the last host address of its /24 (.255 is the broadcast), so the rule portal-https keeps its one DIP");
    expect(withSecondDip(at254)).toBe(at254);
    // At .253, .254 is free: PortalVM2 goes there, and nothing is said.
    const at253 = JSON.parse(JSON.stringify(t).replaceAll('"192.168.100.9"', '"192.168.100.253"').replaceAll('"192.168.100.9/24"', '"192.168.100.253/24"')) as Topology;
    expect(whyNoSecondDip(at253)).toBeUndefined();
    expect(withSecondDip(at253).nodes.find((n) => n.id === SECOND_DIP)!.interfaces[0]!.address).toBe('192.168.100.254/24');
    const { slb: _slb, ...noSlb } = t;
    expect(whyNoSecondDip(noSlb)).toBe('What-if: no second portal DIP added: this topology has no load balancer');
    const noDip: Topology = { ...t, slb: { ...t.slb!, rules: [] } };
    expect(whyNoSecondDip(noDip)).toBe('What-if: no second portal DIP added: the load balancer has no rule');
    const emptyRule: Topology = { ...t, slb: { ...t.slb!, rules: [{ ...t.slb!.rules[0]!, dips: [] }, ...t.slb!.rules.slice(1)] } };
    expect(whyNoSecondDip(emptyRule)).toBe("What-if: no second portal DIP added: the load balancer's first rule, portal-https, has no DIP");
    expect(withSecondDip(emptyRule)).toBe(emptyRule);
    const stray: Topology = { ...t, slb: { ...t.slb!, rules: [{ ...t.slb!.rules[0]!, dips: [{ address: '192.168.100.99', port: 443, host: 'HyperVHost' }] }] } };
    expect(whyNoSecondDip(stray)).toBe('What-if: no second portal DIP added: no VM of this topology has the address of the rule portal-https\'s DIP, 192.168.100.99');
    const twice = withSecondDip(t);
    expect(whyNoSecondDip(twice)).toBe('What-if: no second portal DIP added: this topology already has a node named PortalVM2');
  });

  it('knobNotes says it only when the knob is on, after the second MUX is added', () => {
    expect(knobNotes(full, undefined)).toEqual([]);
    expect(knobNotes(full, { secondMux: true })).toEqual([]);
    expect(knobNotes(t, { secondDip: true })).toEqual([]);
    expect(knobNotes(full, { secondDip: true })).toEqual([whyNoSecondDip(full)]);
    // MuxVM2 takes .8, below PortalVM's .9: the reason is the same.
    expect(knobNotes(full, { secondMux: true, secondDip: true })).toEqual([whyNoSecondDip(full)]);
    // A topology whose last free address after PortalVM's is .254 gets PortalVM2 there: no note.
    const oneFree: Topology = { ...full, nodes: full.nodes.map((n) => (n.id === 'SQLVM' ? { ...n, interfaces: n.interfaces.slice(0, -1) } : n)) };
    expect(knobNotes(oneFree, { secondMux: true, secondDip: true })).toEqual([]);
    // The portal rule's DIP at xRPVM's .7: .8 is its one free address after it, until MuxVM2 takes .8.
    const atSeven: Topology = { ...full, slb: { ...full.slb!, rules: full.slb!.rules.map((r, i) => (i === 0 ? { ...r, dips: [{ ...r.dips[0]!, address: '192.168.100.7' }] } : r)) } };
    expect(knobNotes(atSeven, { secondDip: true })).toEqual([]);
    expect(withKnobs(atSeven, { secondDip: true }).nodes.find((n) => n.id === SECOND_DIP)!.interfaces[0]!.address).toBe('192.168.100.8/24');
    expect(knobNotes(atSeven, { secondMux: true, secondDip: true })).toEqual([
      "What-if: no second portal DIP added: every address after xRPVM's 192.168.100.7, from 192.168.100.8 to 192.168.100.254, is taken (.255 is the broadcast of its /24), so the rule portal-https keeps its one DIP",
    ]);
    expect(withKnobs(atSeven, { secondMux: true, secondDip: true }).nodes.map((n) => n.id)).not.toContain(SECOND_DIP);
  });

  it("the run says it at 0 s in its event list, on the switch, as the MTU what-if's note is", () => {
    const r = simulate(full, { from: 'ClientVM', to: 'https://portal.azurestack.local', knobs: { secondDip: true } });
    if (!r.ok) throw new Error(r.error.message);
    const said = r.value.result.events.filter((e) => e.summary.startsWith('What-if:')).map((e) => [e.time, e.kind, e.node, e.summary]);
    expect(said).toEqual([[0, 'info', r.value.switchId, whyNoSecondDip(full)]]);
    expect(r.value.nodes).not.toContain(SECOND_DIP);
    // With room for PortalVM2: no such note.
    const ok = runPoc({ knobs: { secondDip: true } });
    expect(ok.result.events.filter((e) => e.summary.startsWith('What-if:'))).toEqual([]);
    expect(ok.nodes).toContain(SECOND_DIP);
  });
});

describe('the MTU what-if', () => {
  it('with no change, the same topology; a name is matched whatever its case and spaces', () => {
    const t = pocTopology();
    const same = withMtu(t, []);
    expect(same.ok && same.value).toBe(t);
    const out = withMtu(t, [{ network: ' PA ', mtu: 1500 }]);
    expect(out.ok && out.value.networks.map((n) => [n.id, n.mtu])).toEqual(t.networks.map((n) => [n.id, n.id === 'pa' ? 1500 : n.mtu]));
    // The document keeps its own MTU.
    expect(t.networks.find((n) => n.id === 'pa')!.mtu).toBe(1660);
  });

  it('an unknown network is refused, naming it and the known ones, on the mtu field', () => {
    const r = withMtu(pocTopology(), [{ network: 'nope', mtu: 1500 }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'bad-mtu', path: 'mtu' });
    expect(r.error.message.startsWith('"nope" names no network of this topology (networks: mgmt, transit, vip, pa, outside). ')).toBe(true);
  });

  it("tells each change against the document's MTU, or Ethernet's 1500 when the document names none", () => {
    const t = pocTopology();
    const mgmt = t.networks.find((n) => n.id === 'mgmt')!;
    expect(describeMtu(t, [{ network: ' PA ', mtu: 1500 }, { network: 'mgmt', mtu: 9000 }])).toEqual([
      "What-if: the pa network's MTU is 1500 bytes (its document says 1660)",
      `What-if: the mgmt network's MTU is 9000 bytes (its document says ${mgmt.mtu ?? 1500})`,
    ]);
    expect(describeMtu(t, [{ network: 'lab', mtu: 1400 }])).toEqual(["What-if: the lab network's MTU is 1400 bytes (its document says 1500)"]);
  });
});
