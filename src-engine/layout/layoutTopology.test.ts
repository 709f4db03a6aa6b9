import { describe, expect, it } from 'vitest';
import { POC_TOPOLOGY } from '../scenarios/poc';
import { parseTopology } from '../topology/validate';
import { layoutTopology } from './layoutTopology';

const parsed = parseTopology(POC_TOPOLOGY);
if (!parsed.ok) throw new Error('POC does not parse');
const layout = layoutTopology(parsed.value);
const box = (id: string) => layout.boxes.find((b) => b.id === id)!;

/** Absolute rectangles: parents' offsets added. */
function abs(id: string): { x: number; y: number; width: number; height: number } {
  const b = box(id);
  const p = b.parent ? abs(b.parent) : { x: 0, y: 0 };
  return { x: b.x + p.x, y: b.y + p.y, width: b.width, height: b.height };
}

describe('layoutTopology (POC)', () => {
  it('reads at 1280x800 with the panels open: the diagram area (860 x 538 px) shows it at 0.74 or more', () => {
    const right = Math.max(...layout.boxes.filter((b) => !b.parent).map((b) => b.x + b.width));
    const bottom = Math.max(...layout.boxes.filter((b) => !b.parent).map((b) => b.y + b.height));
    expect(Math.min(860 / right, 538 / bottom)).toBeGreaterThanOrEqual(0.74);
  });

  it('puts the BGP speakers side by side at the end of the back row, with nothing above them', () => {
    const bgp = abs('BGPVM');
    const mux = abs('MuxVM');
    expect(bgp.y).toBe(mux.y);
    expect(mux.x - bgp.x).toBeLessThan(250);
    const mgmt = abs('net:mgmt');
    expect(bgp.y - mgmt.y).toBeLessThan(40);
  });

  it('drops every NIC line through gaps: no node lies across a line from a node above it', () => {
    const switchY = abs('CCI_External_vSwitch').y;
    const nodes = layout.boxes.filter((b) => b.kind === 'node' && !b.id.startsWith('vip:')).map((b) => ({ id: b.id, ...abs(b.id) }));
    const above = nodes.filter((n) => n.y < switchY);
    for (const n of above) {
      const nics = parsed.value.nodes.find((x) => x.id === n.id)!.interfaces.length;
      const xs = Array.from({ length: nics }, (_, i) => n.x + n.width / 2 + (nics > 1 ? (i - (nics - 1) / 2) * 28 : 0));
      for (const other of above) {
        if (other.id === n.id || other.y <= n.y) continue;
        for (const x of xs) expect(x > other.x && x < other.x + other.width, `${n.id}'s line at ${x} crosses ${other.id}`).toBe(false);
      }
    }
  });

  it('keeps the VIP pool outside the host box', () => {
    const host = abs('host:HyperVHost');
    const pool = abs('net:vip');
    expect(pool.y + pool.height).toBeLessThanOrEqual(host.y);
    expect(box('vip:192.168.133.74').parent).toBe('net:vip');
  });

  it('is deterministic', () => {
    expect(layoutTopology(parsed.value)).toEqual(layout);
  });
});
