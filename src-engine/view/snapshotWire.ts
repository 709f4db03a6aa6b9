// A topology's snapshot as it leaves the worker: JSON text in parts, its long lists (a 4,000-VM topology's
// nodes, boxes and edges) in slices of SNAPSHOT_SLICE items. A snapshot sent as objects is rebuilt on the
// page in the one task that receives the message: at 4,000 VMs, tens of milliseconds of the page's thread
// in one piece. Text crosses as a copy of its characters, and the page reads it a slice at a time, with the
// page free between slices (`snapshotFromWire` pauses after each; the caller decides where to yield).
import type { TopologySnapshot } from '../protocol';

/** Items of a long list per part. */
export const SNAPSHOT_SLICE = 400;

/** One long list, taken out of the head and sent in parts: where it goes, and its items as JSON arrays. */
export interface SnapshotList {
  readonly in: 'topology' | 'layout';
  readonly key: string;
  readonly parts: readonly string[];
}

export interface SnapshotWire {
  /** The snapshot as JSON, each long list left empty. */
  readonly head: string;
  readonly lists: readonly SnapshotList[];
}

/** The snapshot as text, its lists of more than SNAPSHOT_SLICE items in parts. */
export function snapshotToWire(snapshot: TopologySnapshot): SnapshotWire {
  const lists: SnapshotList[] = [];
  const cut = (where: 'topology' | 'layout', from: object): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...from };
    for (const [key, value] of Object.entries(from)) {
      if (!Array.isArray(value) || value.length <= SNAPSHOT_SLICE) continue;
      const parts: string[] = [];
      for (let i = 0; i < value.length; i += SNAPSHOT_SLICE) parts.push(JSON.stringify(value.slice(i, i + SNAPSHOT_SLICE)));
      lists.push({ in: where, key, parts });
      out[key] = [];
    }
    return out;
  };
  const head = JSON.stringify({ topology: cut('topology', snapshot.topology), layout: cut('layout', snapshot.layout) });
  return { head, lists };
}

/**
 * Reads a snapshot back from its parts, pausing (`yield`) after the head and after each part, so the page can
 * end its task between them. Drive it with `snapshotFromWireSync` where no pause is wanted.
 */
export function* snapshotFromWire(wire: SnapshotWire): Generator<void, TopologySnapshot, void> {
  const snapshot = JSON.parse(wire.head) as { topology: Record<string, unknown[]>; layout: Record<string, unknown[]> };
  for (const list of wire.lists) {
    yield;
    const into: unknown[] = [];
    for (const part of list.parts) {
      for (const item of JSON.parse(part) as unknown[]) into.push(item);
      yield;
    }
    snapshot[list.in][list.key] = into;
  }
  return snapshot as unknown as TopologySnapshot;
}

/** The snapshot read back whole, in one go. */
export function snapshotFromWireSync(wire: SnapshotWire): TopologySnapshot {
  const reading = snapshotFromWire(wire);
  for (;;) {
    const step = reading.next();
    if (step.done) return step.value;
  }
}
