import { describe, expect, it } from 'vitest';
import { withSecondMux } from '../run/secondMux';
import { POC_TOPOLOGY } from '../scenarios/poc';
import { parseTopology } from '../topology/validate';
import { BADGE_LANE, HEADER } from './grid';
import { layoutTopology } from './layoutTopology';

const parsed = parseTopology(POC_TOPOLOGY);
if (!parsed.ok) throw new Error('POC does not parse');
const layout = layoutTopology(parsed.value);
const box = (id: string, l = layout) => l.boxes.find((b) => b.id === id)!;

/** Absolute rectangles: parents' offsets added. */
function abs(id: string, l = layout): { x: number; y: number; width: number; height: number } {
  const b = box(id, l);
  const p = b.parent ? abs(b.parent, l) : { x: 0, y: 0 };
  return { x: b.x + p.x, y: b.y + p.y, width: b.width, height: b.height };
}
const inside = (a: ReturnType<typeof abs>, b: ReturnType<typeof abs>) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

describe('layoutTopology (POC)', () => {
  it('is about twice as wide as tall at most, so it reads in a landscape diagram area', () => {
    const right = Math.max(...layout.boxes.filter((b) => !b.parent).map((b) => b.x + b.width));
    const bottom = Math.max(...layout.boxes.filter((b) => !b.parent).map((b) => b.y + b.height));
    expect(right / bottom).toBeGreaterThan(1.6);
    expect(right / bottom).toBeLessThan(2.7);
    // Tall enough for the room beside the switch (see SWITCH_ROOM) and an envelope over the PA ports, no taller: at
    // the readable zoom (1 / 1.75) it takes 389 CSS px, and a laptop's diagram area grows to that (AutoFit's
    // --diagram-need). (674 before the PA ports moved 2 units down, under a pair of envelopes; 676 before they moved
    // 4 more, 5 units clear of it.)
    expect(bottom).toBeLessThanOrEqual(680);
  });

  it('draws each NIC in its own network: MuxVM in management, its PA NIC in the PA network', () => {
    expect(box('MuxVM').parent).toBe('net:mgmt');
    expect(box('port:MuxVM:pa')).toMatchObject({ kind: 'port', parent: 'net:pa', owner: 'MuxVM', interface: 'pa' });
    expect(box('port:BGPVM:transit')).toMatchObject({ kind: 'port', parent: 'net:transit', owner: 'BGPVM' });
    expect(inside(abs('port:MuxVM:pa'), abs('net:pa'))).toBe(true);
    expect(layout.edges.find((e) => e.id === 'nic:MuxVM:pa')).toMatchObject({ source: 'port:MuxVM:pa', owner: 'MuxVM' });
  });

  it('draws the host once: its box, with its PA as a port in the PA network and no second node', () => {
    expect(layout.boxes.filter((b) => b.id === 'HyperVHost')).toEqual([]);
    expect(box('host:HyperVHost').kind).toBe('host');
    expect(box('port:HyperVHost:pa')).toMatchObject({ parent: 'net:pa', owner: 'HyperVHost' });
  });

  it("runs the VXLAN tunnel from MuxVM's PA to the host's PA, whose drop ends in VFP right above it", () => {
    expect(layout.edges.find((e) => e.kind === 'tunnel')).toEqual({ id: 'tunnel:MuxVM:HyperVHost', kind: 'tunnel', source: 'port:MuxVM:pa', target: 'port:HyperVHost:pa', label: 'VXLAN VNI 4096', vni: 4096 });
    expect(layout.edges.find((e) => e.id === 'nic:HyperVHost:pa')?.target).toBe('vfp:CCI_External_vSwitch');
    const vfp = abs('vfp:CCI_External_vSwitch');
    const pa = abs('port:HyperVHost:pa');
    expect(inside(vfp, abs('CCI_External_vSwitch'))).toBe(true);
    expect(pa.x + 22).toBeGreaterThan(vfp.x);
    expect(pa.x + 22).toBeLessThan(vfp.x + vfp.width);
  });

  it('ties each VIP to the MUX announcing it and the portal VIP to its DIP', () => {
    const ties = layout.edges.filter((e) => e.kind === 'announce' || e.kind === 'dip').map((e) => e.id);
    expect(ties).toEqual(['announce:192.168.133.74:MuxVM', 'dip:192.168.133.74:PortalVM', 'announce:192.168.133.1:MuxVM']);
  });

  it('puts the BGP speakers side by side in the back row, with nothing above them but the title and the badge lane', () => {
    const bgp = abs('BGPVM');
    const mux = abs('MuxVM');
    expect(bgp.y).toBe(mux.y);
    expect(mux.x - bgp.x).toBeLessThan(250);
    expect(bgp.y - abs('net:mgmt').y).toBe(HEADER + BADGE_LANE);
  });

  it("puts the BGP speakers right of the host's title, so their session's arc rises beside it, not through it", () => {
    // The title "HyperVHost: Hyper-V host" (semibold 15 px, 1.75 times larger when zoomed out: about 0.62 em a
    // character) after its 12-unit padding; the arc's left leg reaches the title's height about a fifth of the
    // way from the left speaker's centre towards the right one's.
    const titleEnd = abs('host:HyperVHost').x + 12 + 'HyperVHost: Hyper-V host'.length * 0.62 * 15 * 1.75;
    const left = abs('BGPVM');
    const right = abs('MuxVM');
    expect(0.79 * (left.x + left.width / 2) + 0.21 * (right.x + right.width / 2)).toBeGreaterThan(titleEnd + 20);
  });

  it('leaves room between the management rows for a token resting under the back row above a badge of the front row', () => {
    // A token's label at the largest text: 5 units off the box, 12 x 1.75 + 14 tall; a badge: 12 x 1.75 + 4, 3 units off.
    const back = abs('BGPVM');
    const front = abs('PortalVM');
    expect(front.y).toBeGreaterThan(back.y);
    expect(front.y - (back.y + back.height)).toBeGreaterThanOrEqual(5 + 35 + 3 + 25);
  });

  it("leaves room between the switch and the rows beside it for a resting label clear of the links' VLAN tags", () => {
    // At the largest text (12 x 1.75): a tag's middle 22 units off the switch, 12 x 1.75 + 6 tall, so it reaches
    // 35.5 units out; a label resting at a device's edge, 5 units off it and 37 tall as drawn, keeps beyond it.
    const sw = abs('CCI_External_vSwitch');
    const tagReach = 22 + (12 * 1.75 + 6) / 2;
    const label = 5 + 37;
    for (const two of [false, true]) {
      const l = two ? layoutTopology(withSecondMux(parsed.value)) : layout;
      const s = abs('CCI_External_vSwitch', l);
      const devices = l.boxes.filter((b) => b.kind === 'node' || b.kind === 'port').map((b) => ({ id: b.id, ...abs(b.id, l) }));
      for (const d of devices.filter((b) => b.y + b.height <= s.y)) expect(s.y - (d.y + d.height), `under ${d.id}`).toBeGreaterThanOrEqual(label + tagReach);
      for (const d of devices.filter((b) => b.y >= s.y + s.height)) expect(d.y - (s.y + s.height), `over ${d.id}`).toBeGreaterThanOrEqual(label + tagReach);
    }
    expect(sw.height).toBe(56);
  });

  it('puts the DIP at the right end of the front row, under the VIP pool it is tied to', () => {
    const front = layout.boxes.filter((b) => b.parent === 'net:mgmt' && b.y === box('PortalVM').y);
    expect(Math.max(...front.map((b) => b.x))).toBe(box('PortalVM').x);
  });

  it('puts the titles of the networks below the switch at their bottom, under a badge lane, the titles in one line', () => {
    const below = layout.boxes.filter((b) => b.kind === 'network' && b.parent && abs(b.id).y > abs('CCI_External_vSwitch').y);
    expect(below.map((b) => [b.id, b.titleAt])).toEqual([['net:transit', 'bottom'], ['net:pa', 'bottom']]);
    expect(new Set(below.map((b) => abs(b.id).y + b.height)).size).toBe(1);
    expect(box('net:mgmt').titleAt).toBeUndefined();
    for (const vm of ['NATVM', 'ClientVM']) {
      const n = abs(vm);
      const net = abs('net:transit');
      expect(net.y + net.height - (n.y + n.height), `room under ${vm}`).toBeGreaterThanOrEqual(BADGE_LANE + HEADER);
    }
  });

  it('drops every NIC line through gaps: no node lies across a line from a node above it', () => {
    const switchY = abs('CCI_External_vSwitch').y;
    const nodes = layout.boxes.filter((b) => b.kind === 'node' && !b.id.startsWith('vip:')).map((b) => ({ id: b.id, ...abs(b.id) }));
    const above = nodes.filter((n) => n.y < switchY);
    for (const n of above) {
      const nics = layout.edges.filter((e) => e.kind === 'nic' && e.source === n.id).length;
      const xs = Array.from({ length: nics }, (_, i) => n.x + n.width / 2 + (nics > 1 ? (i - (nics - 1) / 2) * 28 : 0));
      for (const other of above) {
        if (other.id === n.id || other.y <= n.y) continue;
        for (const x of xs) expect(x > other.x && x < other.x + other.width, `${n.id}'s line at ${x} crosses ${other.id}`).toBe(false);
      }
    }
  });

  it('draws the VIP pool beside the management scope, above the switch and on no port of it (no wire)', () => {
    const pool = abs('net:vip');
    const mgmt = abs('net:mgmt');
    expect(pool.y).toBe(mgmt.y);
    expect(pool.height).toBe(mgmt.height);
    expect(pool.x).toBeGreaterThanOrEqual(mgmt.x + mgmt.width + 34);
    expect(pool.y + pool.height).toBeLessThan(abs('CCI_External_vSwitch').y);
    expect(box('vip:192.168.133.74').parent).toBe('net:vip');
    expect(layout.edges.filter((e) => e.kind === 'nic' && (e.source.startsWith('vip:') || e.target.startsWith('vip:')))).toEqual([]);
  });

  it('is no wider than a tablet in portrait (768 px, 2% margins) shows whole at the readable zoom, 1 / 1.75', () => {
    const right = Math.max(...layout.boxes.filter((b) => !b.parent).map((b) => b.x + b.width));
    expect(layout.boxes.filter((b) => !b.parent).map((b) => b.id)).toEqual(['host:HyperVHost']);
    expect(right).toBeLessThanOrEqual((768 * 0.96) * 1.75);
  });

  it("fits a small laptop's diagram area across (704 px at 1024x768, beside the side panel) at the readable zoom", () => {
    // Before, 1259 units: 719 px, and the host's title lay a few px past the area's left edge.
    const right = Math.max(...layout.boxes.filter((b) => !b.parent).map((b) => b.x + b.width));
    expect(right).toBeLessThanOrEqual(704 * 1.75);
  });

  it('makes a group no wider than its rows: with a second MUX, the staggered front row is the shorter one', () => {
    const two = layoutTopology(withSecondMux(parsed.value));
    const mgmt = abs('net:mgmt', two);
    const members = two.boxes.filter((b) => b.parent === 'net:mgmt').map((b) => abs(b.id, two));
    expect(mgmt.x + mgmt.width - Math.max(...members.map((m) => m.x + m.width))).toBe(14);
    // 1473 units wide before (841 px at the readable zoom); 1334 after (762 px: 58 px more than 1024x768 gives).
    expect(abs('host:HyperVHost', two).width).toBeLessThanOrEqual(1334);
  });

  it("with a second MUX, fits a small laptop's diagram area across (704 px at 1024x768) at the readable zoom, as the POC does", () => {
    // 1334 units before (762 px): the host's and the VIP pool's titles ran about 28 px past each side.
    const two = layoutTopology(withSecondMux(parsed.value));
    expect(abs('host:HyperVHost', two).width).toBeLessThanOrEqual(704 * 1.75);
    // The five columns of the management scope are narrower than the POC's four (a device's text, 151 units at the
    // largest, still fits), and every device keeps its own box: none overlaps another.
    const devices = two.boxes.filter((b) => b.kind === 'node' || b.kind === 'port').map((b) => ({ id: b.id, ...abs(b.id, two) }));
    for (const d of devices) expect(d.width, d.id).toBeGreaterThanOrEqual(166);
    for (const [i, a] of devices.entries()) for (const b of devices.slice(i + 1)) expect(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height, `${a.id} and ${b.id}`).toBe(false);
    // The POC keeps its drawing: four columns of full-width devices.
    expect(layout.boxes.filter((b) => b.kind === 'node').every((b) => b.width === 180)).toBe(true);
  });

  it("with a second MUX, the management title wraps before the BGP speakers, whose arcs rise beside it, and has its line's room", () => {
    // BGPVM, the middle of five columns, has its centre under the end of "Management 192.168.100.0/24 VLAN 1001" at the
    // largest text (about 484 units from the group's left): the VLAN wraps onto a second line above the badge lane.
    const two = layoutTopology(withSecondMux(parsed.value));
    const mgmt = abs('net:mgmt', two);
    const bgp = abs('BGPVM', two);
    const width = box('net:mgmt', two).titleWidth!;
    expect(width).toBeGreaterThan(0);
    expect(mgmt.x + width).toBeLessThanOrEqual(bgp.x + bgp.width / 2 - 20);
    // Two lines of 12 px text at 1.75 times (1.05 line height) and their padding, then the badge lane.
    expect(bgp.y - mgmt.y).toBeGreaterThanOrEqual(Math.ceil(2 * 12 * 1.75 * 1.05 + 6) + BADGE_LANE);
    // The VIPs stay level with the management rows, so each "announces" tie runs straight.
    expect(abs('vip:192.168.133.74', two).y).toBe(bgp.y);
    expect(box('net:mgmt').titleWidth).toBeUndefined();
  });

  it('draws and wires a second MUX: its box, its PA, its tunnel, its BGP session and its VIP ties', () => {
    const two = layoutTopology(withSecondMux(parsed.value));
    expect(box('MuxVM2', two).parent).toBe('net:mgmt');
    expect(box('port:MuxVM2:pa', two).parent).toBe('net:pa');
    const ids = two.edges.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['tunnel:MuxVM2:HyperVHost', 'announce:192.168.133.74:MuxVM2', 'bgp:BGPVM|MuxVM2', 'nic:MuxVM2:mgmt', 'nic:MuxVM2:pa']));
    // The second PA sits below and left of the first, so its drop, coming down from the switch, passes
    // beside the first, and the first's VLAN tag (71 units at the largest text) ends before it.
    const a = abs('port:MuxVM:pa', two);
    const b = abs('port:MuxVM2:pa', two);
    expect(b.y).toBeGreaterThan(a.y + a.height);
    expect(b.x + 22).toBeLessThan(a.x);
    expect(b.x + 22 + 71).toBeLessThan(a.x + 22);
  });

  it('names each BGP session by its two speakers, so two MUXes\' sessions read apart', () => {
    // Both read "eBGP AS64628 ↔ AS64647": the MUXes share an AS, and a student could not tell which session was which.
    const labels = (l: typeof layout) => l.edges.filter((e) => e.kind === 'bgp').map((e) => [e.id, e.label]);
    expect(labels(layout)).toEqual([['bgp:BGPVM|MuxVM', 'eBGP MuxVM AS64628 ↔ BGPVM AS64647']]);
    expect(labels(layoutTopology(withSecondMux(parsed.value)))).toEqual([
      ['bgp:BGPVM|MuxVM', 'eBGP MuxVM AS64628 ↔ BGPVM AS64647'],
      ['bgp:BGPVM|MuxVM2', 'eBGP MuxVM2 AS64628 ↔ BGPVM AS64647'],
    ]);
  });

  it("leaves a MUX's pair of VXLAN envelopes a stretch past the tags under the switch, clear of every device", () => {
    // A MUX sends two VXLAN frames at once (the ACK and the ClientHello): at the largest text their envelopes, side
    // by side, are 624 units wide and 76.1 tall, resting 36.5 units below the switch (past the links' VLAN tags). No
    // stretch clear of the tags beside the switch holds them, so they rest there, and need it clear of devices
    // (4 units of room at each end): before, the transit ports and the MUX's PA stood in it, and a "1003" tag yielded.
    // The devices below keep 5 units clear of it, as of any label resting beside one (the PA ports stood 1.4 below it).
    for (const l of [layout, layoutTopology(withSecondMux(parsed.value))]) {
      const sw = abs('CCI_External_vSwitch', l);
      const host = abs('host:HyperVHost', l);
      const top = sw.y + sw.height + 36.5;
      const bottom = top + 76.1 + 5;
      const inBand = l.boxes.filter((b) => b.kind === 'node' || b.kind === 'port').map((b) => abs(b.id, l)).filter((r) => r.y < bottom && r.y + r.height > top).sort((a, b) => a.x - b.x);
      let widest = 0;
      let from = host.x;
      for (const r of [...inBand, { x: host.x + host.width, width: 0 }]) {
        widest = Math.max(widest, r.x - from);
        from = Math.max(from, r.x + r.width);
      }
      expect(widest).toBeGreaterThanOrEqual(624 + 8);
    }
  });

  it('is deterministic', () => {
    expect(layoutTopology(parsed.value)).toEqual(layout);
  });
});
