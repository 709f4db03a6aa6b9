// Everything a run leaves behind: each frame on each link (Transmission), each thing that happened
// (SimEvent) and each table change (for `tables(node, time)`). Devices call it; nothing reads it
// back during the run, so recording can be thinned for the benchmark without changing behaviour.
import type { EventDataOf, EventKind, PlainEventKind, Protocol, SimEvent, SimTime, Transmission } from '../protocol';
import type { Scheduler } from '../sim/scheduler';
import { standalone } from '../net/codec';
import { describeFrame } from './describe';
import { timeOrder } from './timeOrder';
import type { TableChange, TableId, TableRowData } from './tableLog';

export interface RecordOptions {
  /** Keep transmissions (with bytes), events and table history; false keeps counts only. */
  readonly full: boolean;
}

const INITIAL = 1024;
const NONE = -1;
/** Transmissions per chunk of the columns: a long run adds chunks, and never copies the ones it has. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;
/** The `to` of a frame that reached no one (the link is down). */
export const NO_END = NONE;

/** Numbers per transmission in `TransmissionColumns.ints`: from, to, frame, flow, note. */
const INTS = 5;
const FROM = 0;
const TO = 1;
const FRAME = 2;
const FLOW = 3;
const NOTE = 4;

/**
 * The transmissions of a run, kept as columns of numbers while it runs: names (nodes, interfaces, flows)
 * by their index in one table, a frame's bytes, protocol and summary once per distinct frame, notes once
 * per distinct note. A frame flooded to hundreds of ports is a few numbers per port, none of them an
 * object the garbage collector would trace again and again. Objects are made once, when asked for.
 */
class TransmissionColumns {
  length = 0;
  /** Per transmission, in chunks of CHUNK: the time it left and the time it arrives, side by side. */
  private readonly timeChunks: Float64Array[] = [];
  /** Per transmission, in chunks of CHUNK, INTS numbers: the sending end and the receiving end (see `endpoint`; NONE: the frame went nowhere), the frame, the flow and the note (NONE: none). */
  private readonly intChunks: Int32Array[] = [];
  /** The last chunks, where `add` writes. */
  private times = new Float64Array(0);
  private ints = new Int32Array(0);
  // Per distinct frame: its bytes (standalone), and its protocol and summary once asked for (decoding
  // every frame as it is sent would cost the run a decode per frame, and most runs' frames are never read).
  readonly bytes: Uint8Array[] = [];
  private readonly protocols: Protocol[] = [];
  private readonly summaries: string[] = [];
  /** Each distinct note (consecutive transmissions of one frame share theirs). */
  readonly notes: string[] = [];
  private lastNote: string | undefined;
  /** Each end of a link, by its number: the node and its interface (or switch and port). */
  readonly endNode: string[] = [];
  readonly endIface: string[] = [];
  /** Flow ids, by index. */
  readonly flows: string[] = [];
  private readonly flowIndex = new Map<string, number>();
  /**
   * "MuxVM eth0 -> CCI_External_vSwitch MuxVM.eth0: " by sending end, for the receiving end in `linkTo`
   * (an end has one peer, or none when the link is down): each link's words made once.
   */
  private linkWords: string[] = [];
  private linkTo = new Int32Array(0);

  add(from: number, to: number, time: SimTime, arrive: SimTime, frame: number, flow: number, note: number): void {
    const n = this.length;
    const o = n & MASK;
    if (o === 0) {
      this.times = new Float64Array(2 * CHUNK);
      this.ints = new Int32Array(INTS * CHUNK);
      this.timeChunks.push(this.times);
      this.intChunks.push(this.ints);
    }
    const times = this.times;
    times[2 * o] = time;
    times[2 * o + 1] = arrive;
    const ints = this.ints;
    const k = INTS * o;
    ints[k + FROM] = from;
    ints[k + TO] = to;
    ints[k + FRAME] = frame;
    ints[k + FLOW] = flow;
    ints[k + NOTE] = note;
    this.length = n + 1;
  }

  time(i: number): SimTime {
    return this.timeChunks[i >> CHUNK_BITS]![2 * (i & MASK)]!;
  }

  /** Every frame's protocol and summary (described on first use, in frame order). */
  describe(): void {
    const { protocols, summaries, bytes } = this;
    for (let g = protocols.length; g < bytes.length; g++) {
      const d = describeFrame(bytes[g]!);
      protocols.push(d.protocol);
      summaries.push(d.summary);
    }
  }

  flow(id: string | undefined): number {
    if (id === undefined) return NONE;
    let i = this.flowIndex.get(id);
    if (i === undefined) {
      i = this.flows.length;
      this.flows.push(id);
      this.flowIndex.set(id, i);
    }
    return i;
  }

  noteIndex(note: string | undefined): number {
    if (note === undefined) return NONE;
    if (note !== this.lastNote) {
      this.lastNote = note;
      this.notes.push(note);
    }
    return this.notes.length - 1;
  }

  /** Transmission `i` as the result carries it (after `describe`). */
  transmission(i: number): Transmission {
    const ints = this.intChunks[i >> CHUNK_BITS]!;
    const times = this.timeChunks[i >> CHUNK_BITS]!;
    const o = i & MASK;
    const k = INTS * o;
    const from = ints[k + FROM]!;
    const to = ints[k + TO]!;
    const f = ints[k + FRAME]!;
    const flowId = ints[k + FLOW]!;
    const note = ints[k + NOTE]!;
    const id = i;
    const time = times[2 * o]!;
    const arrive = times[2 * o + 1]!;
    const fromNode = this.endNode[from]!;
    const fromInterface = this.endIface[from]!;
    const protocol = this.protocols[f]!;
    const summary = this.summaries[f]!;
    const bytes = this.bytes[f]!;
    // Optional fields present only when set, each shape one literal: an object made whole at once, not
    // grown field by field (this runs for every frame of a run). Untraced frames carry no flow id.
    if (flowId === NONE) {
      if (to !== NONE) {
        const toNode = this.endNode[to]!;
        const toInterface = this.endIface[to]!;
        return note !== NONE
          ? { id, time, arrive, fromNode, fromInterface, protocol, summary, bytes, toNode, toInterface, note: this.notes[note]! }
          : { id, time, arrive, fromNode, fromInterface, protocol, summary, bytes, toNode, toInterface };
      }
      return note !== NONE ? { id, time, arrive, fromNode, fromInterface, protocol, summary, bytes, note: this.notes[note]! } : { id, time, arrive, fromNode, fromInterface, protocol, summary, bytes };
    }
    const t: { -readonly [K in keyof Transmission]: Transmission[K] } = { id, time, arrive, fromNode, fromInterface, protocol, summary, bytes };
    if (to !== NONE) {
      t.toNode = this.endNode[to]!;
      t.toInterface = this.endIface[to]!;
    }
    t.flowId = this.flows[flowId]!;
    if (note !== NONE) t.note = this.notes[note]!;
    return t;
  }

  /** Transmission `i`'s event, numbered `id` (after `describe`). */
  event(i: number, id: number): SimEvent {
    const ints = this.intChunks[i >> CHUNK_BITS]!;
    const k = INTS * (i & MASK);
    const from = ints[k + FROM]!;
    const f = ints[k + FRAME]!;
    return {
      id,
      time: this.timeChunks[i >> CHUNK_BITS]![2 * (i & MASK)]!,
      kind: 'transmission',
      node: this.endNode[from]!,
      protocol: this.protocols[f]!,
      summary: this.linkText(from, ints[k + TO]!) + this.summaries[f]!,
      transmissionId: i,
    };
  }

  /** "MuxVM eth0 -> CCI_External_vSwitch MuxVM.eth0: ", or "... -> (nowhere: link down): ". */
  private linkText(from: number, to: number): string {
    if (this.linkTo.length !== this.endNode.length) {
      this.linkTo = new Int32Array(this.endNode.length).fill(-2);
      this.linkWords = new Array<string>(this.endNode.length).fill('');
    }
    if (this.linkTo[from] === to) return this.linkWords[from]!;
    const words = `${this.endNode[from]!} ${this.endIface[from]!} -> ${to === NONE ? '(nowhere: link down)' : `${this.endNode[to]!} ${this.endIface[to]!}`}: `;
    this.linkTo[from] = to;
    this.linkWords[from] = words;
    return words;
  }
}

/** An event other than a transmission's, as the recorder keeps it: numbered when the events are made. */
interface Kept {
  id: number;
  readonly time: SimTime;
}

export class Recorder {
  readonly tableLog: TableChange[] = [];
  transmissionCount = 0;
  /** options.full, read on every frame: callers skip building sentences and rows nobody keeps. */
  readonly full: boolean;
  private readonly tx = new TransmissionColumns();
  /** Every event but the transmissions' (those are made from the columns), with its id set when the events are made. */
  private readonly plainEvents: Kept[] = [];
  /** Per plain event: how many transmissions were recorded before it (its place among them). */
  private plainAfter = new Int32Array(INITIAL);
  private madeTransmissions: Transmission[] = [];
  private madeEvents: SimEvent[] = [];
  private madeEventsFrom = { tx: 0, plain: 0 };
  // The last frame kept and its index in the per-frame columns: the copies of a flooded frame (and a
  // frame's two links, NIC -> switch -> NIC) share one standalone copy and one description.
  private lastBytes: Uint8Array | undefined;
  private lastFrame = -1;

  constructor(
    private readonly sched: Scheduler,
    readonly options: RecordOptions,
  ) {
    this.full = options.full;
  }

  /** Each frame on each link, in the order recorded (made into objects once, on first use). */
  get transmissions(): readonly Transmission[] {
    const made = this.madeTransmissions;
    const { tx } = this;
    if (made.length === tx.length) return made;
    tx.describe();
    for (let i = made.length; i < tx.length; i++) made.push(tx.transmission(i));
    return made;
  }

  /**
   * Everything that happened, transmissions included, in time order (events of the same time in the
   * order recorded), each numbered by its place: the run's event list as the result carries it.
   */
  get events(): readonly SimEvent[] {
    const { tx, plainEvents } = this;
    const txCount = tx.length;
    const plainCount = plainEvents.length;
    if (this.madeEventsFrom.tx === txCount && this.madeEventsFrom.plain === plainCount) return this.madeEvents;
    tx.describe();
    const n = txCount + plainCount;
    // The order recorded, as numbers: `who` is a transmission's index, or -1 - p for plain event p.
    const who = new Int32Array(n);
    const times = new Float64Array(n);
    const plainAfter = this.plainAfter;
    let inOrder = true;
    let last = -Infinity;
    for (let r = 0, i = 0, p = 0; r < n; r++) {
      let t: number;
      if (p < plainCount && plainAfter[p]! <= i) {
        who[r] = -1 - p;
        t = plainEvents[p++]!.time;
      } else {
        who[r] = i;
        t = tx.time(i++);
      }
      times[r] = t;
      if (t < last) inOrder = false;
      last = t;
    }
    const order = inOrder ? undefined : timeOrder(times);
    const out = new Array<SimEvent>(n);
    for (let id = 0; id < n; id++) {
      const w = who[order === undefined ? id : order[id]!]!;
      if (w >= 0) out[id] = tx.event(w, id);
      else {
        // The recorder's own object, numbered in place: nothing else holds it.
        const e = plainEvents[-1 - w]!;
        e.id = id;
        out[id] = e as unknown as SimEvent;
      }
    }
    this.madeEvents = out;
    this.madeEventsFrom = { tx: txCount, plain: plainCount };
    return out;
  }

  /** Numbers one end of a link (a node's interface, or the switch's port), once, for `transmit`. */
  endpoint(node: string, iface: string): number {
    const { tx } = this;
    tx.endNode.push(node);
    tx.endIface.push(iface);
    return tx.endNode.length - 1;
  }

  /**
   * Records a frame leaving end `from` at `time`, arriving at end `to` (NO_END: lost) at `arrive`.
   * Numbers, not names or objects: a flood records hundreds of these per frame.
   */
  transmit(from: number, to: number, time: SimTime, arrive: SimTime, bytes: Uint8Array, flowId: string | undefined, note: string | undefined): number {
    const id = this.transmissionCount++;
    if (!this.full) return id;
    const tx = this.tx;
    if (bytes !== this.lastBytes) {
      // Kept as a standalone array: the frame's own may be a view of a slab shared with other frames
      // (packets/slab.ts), and a transmission leaves the engine as it is kept here.
      this.lastBytes = bytes;
      this.lastFrame = tx.bytes.length;
      tx.bytes.push(standalone(bytes));
    }
    tx.add(from, to, time, arrive, this.lastFrame, flowId === undefined ? NONE : tx.flow(flowId), note === undefined ? NONE : tx.noteIndex(note));
    return id;
  }

  /** A plain event or one with data, kept in the order recorded (its id is its place, set when the events are made). */
  private keep(e: SimEvent): void {
    const p = this.plainEvents.length;
    if (p === this.plainAfter.length) {
      const grown = new Int32Array(2 * p);
      grown.set(this.plainAfter);
      this.plainAfter = grown;
    }
    this.plainAfter[p] = this.tx.length;
    this.plainEvents.push(e as Kept);
  }

  /** An event whose kind carries nothing but its sentence (see PlainEventKind). */
  event(kind: PlainEventKind, node: string, summary: string, protocol?: Protocol, time: SimTime = this.sched.now): void {
    if (!this.full) return;
    // A plain kind's data is its tag alone (the compiler checks that through PlainEventKind, not through this literal).
    const id = 0;
    this.keep((protocol ? { id, time, kind, node, summary, protocol } : { id, time, kind, node, summary }) as SimEvent);
  }

  /** An event with its kind's own data (see EventData): what lessons and the page test, not the sentence. */
  eventWith<K extends Exclude<EventKind, PlainEventKind | 'transmission'>>(kind: K, node: string, summary: string, data: EventDataOf<K>, protocol?: Protocol): void {
    if (!this.full) return;
    // The spread puts the tag back on the data the caller gave for that tag: sound, though the compiler
    // cannot follow a generic through a spread.
    const e = { id: 0, time: this.sched.now, kind, node, summary, ...data, ...(protocol ? { protocol } : {}) } as unknown as SimEvent;
    this.keep(e);
  }

  /** A row set (row given) or removed (row undefined) in one of a node's tables. */
  table(node: string, table: TableId, key: string, row: TableRowData | undefined): void {
    if (!this.full) return;
    this.tableLog.push({ time: this.sched.now, node, table, key, row });
  }
}
