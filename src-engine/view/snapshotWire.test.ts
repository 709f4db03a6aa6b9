import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine';
import type { TopologySnapshot } from '../protocol';
import { generateTopology } from '../scenarios/generate';
import { SNAPSHOT_SLICE, snapshotFromWire, snapshotFromWireSync, snapshotToWire } from './snapshotWire';

async function snapshotOf(doc?: unknown): Promise<TopologySnapshot> {
  const loaded = await createEngine().loadTopology(doc);
  if (!loaded.ok) throw new Error(loaded.error[0]?.message);
  return loaded.value;
}

describe('a snapshot as text in parts', () => {
  it('reads back equal to the snapshot, for the POC (no list long enough to cut) and for 1,000 VMs', async () => {
    const poc = await snapshotOf();
    const pocWire = snapshotToWire(poc);
    expect(pocWire.lists).toEqual([]);
    expect(snapshotFromWireSync(pocWire)).toEqual(poc);

    const large = await snapshotOf(generateTopology({ vms: 1000, vips: 20, seed: 1 }));
    const wire = snapshotToWire(large);
    expect(snapshotFromWireSync(wire)).toEqual(large);
    // The long lists leave the head and travel in slices; nothing else does.
    expect(wire.lists.map((l) => `${l.in}.${l.key}`).sort()).toEqual(['layout.boxes', 'layout.edges', 'topology.nodes']);
    for (const list of wire.lists) {
      const whole = (large[list.in] as unknown as Record<string, unknown[]>)[list.key]!;
      expect(list.parts).toHaveLength(Math.ceil(whole.length / SNAPSHOT_SLICE));
      expect(list.parts.every((p) => (JSON.parse(p) as unknown[]).length <= SNAPSHOT_SLICE)).toBe(true);
    }
  });

  it('pauses after the head and after every part, so the reader can end its task between them', async () => {
    const large = await snapshotOf(generateTopology({ vms: 1000, vips: 20, seed: 1 }));
    const wire = snapshotToWire(large);
    const reading = snapshotFromWire(wire);
    let pauses = 0;
    let step = reading.next();
    while (!step.done) {
      pauses += 1;
      step = reading.next();
    }
    expect(pauses).toBe(wire.lists.length + wire.lists.reduce((n, l) => n + l.parts.length, 0));
    expect(step.value).toEqual(large);
  });
});
