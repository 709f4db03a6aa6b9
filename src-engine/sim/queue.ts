// The event queue: event ids ordered by (time, insertion order). Ties break by insertion order, which keeps
// runs deterministic. Keys and ids live in typed arrays, so a push or pop allocates nothing once grown;
// the scheduler keeps what each id stands for.
//
// Two binary heaps: one for events due soon, one for those far ahead (retransmission and hold timers, most
// of them cancelled or moot by then). A frame's next hop is always due soon, so the heap it goes through
// stays a few hundred deep instead of holding every pending timer; popping takes the earlier of the two
// tops, so the order is exactly that of a single heap.

/** Events this far (µs) or more past the last one popped go to the far heap. */
const FAR = 100_000;

class Heap {
  times = new Float64Array(256);
  seqs = new Float64Array(256);
  ids = new Int32Array(256);
  count = 0;

  push(time: number, seq: number, id: number): void {
    if (this.count === this.times.length) this.grow();
    let i = this.count++;
    const times = this.times;
    const seqs = this.seqs;
    const ids = this.ids;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      ids[i] = ids[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    ids[i] = id;
  }

  /** Removes the top (the heap must not be empty) and returns its id. */
  pop(): number {
    const times = this.times;
    const seqs = this.seqs;
    const ids = this.ids;
    const top = ids[0]!;
    const last = --this.count;
    const time = times[last]!;
    const seq = seqs[last]!;
    const id = ids[last]!;
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < last && (times[right]! < times[child]! || (times[right] === times[child] && seqs[right]! < seqs[child]!))) child = right;
      const ct = times[child]!;
      if (time < ct || (time === ct && seq < seqs[child]!)) break;
      times[i] = ct;
      seqs[i] = seqs[child]!;
      ids[i] = ids[child]!;
      i = child;
    }
    if (last > 0) {
      times[i] = time;
      seqs[i] = seq;
      ids[i] = id;
    }
    return top;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    times.set(this.times);
    const seqs = new Float64Array(size);
    seqs.set(this.seqs);
    const ids = new Int32Array(size);
    ids.set(this.ids);
    this.times = times;
    this.seqs = seqs;
    this.ids = ids;
  }
}

export class EventQueue {
  private readonly near = new Heap();
  private readonly far = new Heap();
  private nextSeq = 0;
  /** Time of the last item popped: what "soon" is measured from. */
  private last = 0;
  private count = 0;
  // Runs: items pushed one after another at the same time (a frame flooded to a VLAN's ports) go in the
  // heap once, as a run whose later items hang off the first, chained by id. Nothing can come between
  // them in (time, insertion) order, so popping the first and then the rest in turn keeps the order
  // exact, and a broadcast to hundreds of ports costs one heap push and pop instead of hundreds.
  private chain = new Int32Array(1024).fill(-1);
  /** The run the next push may join: its first id (in the heap), last id and time; -1 when none. */
  private openHead = -1;
  private openTail = -1;
  private openTime = 0;
  /** The next id of the run being popped; -1 when none. */
  private draining = -1;

  get size(): number {
    return this.count;
  }

  /** Time of the earliest item; Infinity when empty. */
  peekTime(): number {
    if (this.draining >= 0) return this.last;
    const n = this.near.count > 0 ? this.near.times[0]! : Infinity;
    const f = this.far.count > 0 ? this.far.times[0]! : Infinity;
    return n < f ? n : f;
  }

  /** Adds `id` (a non-negative 32-bit integer, not already in the queue) at `time`. */
  push(time: number, id: number): void {
    if (id >= this.chain.length) this.growChain(id);
    this.chain[id] = -1;
    this.count++;
    if (this.openHead >= 0 && time === this.openTime) {
      this.chain[this.openTail] = id;
      this.openTail = id;
      return;
    }
    (time - this.last < FAR ? this.near : this.far).push(time, this.nextSeq++, id);
    this.openHead = id;
    this.openTail = id;
    this.openTime = time;
  }

  /** Removes the earliest item and returns its id; -1 when empty. */
  pop(): number {
    let id = this.draining;
    if (id < 0) {
      const near = this.near;
      const far = this.far;
      let from: Heap;
      if (far.count === 0) {
        if (near.count === 0) return -1;
        from = near;
      } else if (near.count === 0) {
        from = far;
      } else {
        const nt = near.times[0]!;
        const ft = far.times[0]!;
        from = nt < ft || (nt === ft && near.seqs[0]! < far.seqs[0]!) ? near : far;
      }
      this.last = from.times[0]!;
      id = from.pop();
      // Once its first item has left the heap, a run takes no more: later items come after all of it.
      if (id === this.openHead) this.openHead = -1;
    }
    this.draining = this.chain[id]!;
    this.count--;
    return id;
  }

  private growChain(id: number): void {
    const bigger = new Int32Array(Math.max(id + 1, this.chain.length * 2)).fill(-1);
    bigger.set(this.chain);
    this.chain = bigger;
  }
}
