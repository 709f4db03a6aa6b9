// Everything a run leaves behind: each frame on each link (Transmission), each thing that happened
// (SimEvent) and each table change (for `tables(node, time)`). Devices call it; nothing reads it
// back during the run, so recording can be thinned for the benchmark without changing behaviour.
import type { EventDataOf, EventKind, PlainEventKind, Protocol, SimEvent, SimTime, Transmission } from '../protocol';
import type { Scheduler } from '../sim/scheduler';
import { standalone } from '../net/codec';
import { describeFrame } from './describe';
import type { TableChange, TableId, TableRowData } from './tableLog';

export interface RecordOptions {
  /** Keep transmissions (with bytes), events and table history; false keeps counts only. */
  readonly full: boolean;
}

/** A growable column of numbers in a typed array: the garbage collector never walks it, and growing it is one copy. */
class NumberColumn<A extends Float64Array | Int32Array> {
  length = 0;
  constructor(
    private data: A,
    private readonly make: (size: number) => A,
  ) {}

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = this.make(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }

  at(i: number): number {
    return this.data[i]!;
  }
}

const INITIAL = 1024;
const f64 = (): NumberColumn<Float64Array> => new NumberColumn(new Float64Array(INITIAL), (n) => new Float64Array(n));
const i32 = (): NumberColumn<Int32Array> => new NumberColumn(new Int32Array(INITIAL), (n) => new Int32Array(n));
const NONE = -1;
/** The `to` of a frame that reached no one (the link is down). */
export const NO_END = NONE;

/**
 * The transmissions of a run, kept as columns of numbers while it runs: names (nodes, interfaces, flows)
 * by their index in one table, a frame's bytes, protocol and summary once per distinct frame, notes once
 * per distinct note. A frame flooded to hundreds of ports is a few numbers per port, none of them an
 * object the garbage collector would trace again and again. Objects are made once, when asked for.
 */
class TransmissionColumns {
  readonly time = f64();
  readonly arrive = f64();
  /** The sending end (see `endpoint`). */
  readonly from = i32();
  /** The receiving end; NONE when the frame went nowhere. */
  readonly to = i32();
  readonly frame = i32();
  readonly flowId = i32();
  readonly note = i32();
  /** The id of the 'transmission' event each one stands for, in the same sequence as the other events. */
  readonly eventId = i32();
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
  /** "MuxVM eth0 -> CCI_External_vSwitch MuxVM.eth0: " by (from, to) end pair: each link's words made once. */
  private readonly linkWords = new Map<number, string>();

  get length(): number {
    return this.time.length;
  }

  /** Frame `f`'s protocol and summary (described on first use, in frame order). */
  private describe(f: number): void {
    const { protocols, summaries, bytes } = this;
    for (let g = protocols.length; g <= f; g++) {
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

  transmission(i: number): Transmission {
    const f = this.frame.at(i);
    if (f >= this.protocols.length) this.describe(f);
    const from = this.from.at(i);
    const to = this.to.at(i);
    const flowId = this.flowId.at(i);
    const note = this.note.at(i);
    const id = i;
    const time = this.time.at(i);
    const arrive = this.arrive.at(i);
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

  event(i: number): SimEvent {
    const f = this.frame.at(i);
    if (f >= this.protocols.length) this.describe(f);
    return {
      id: this.eventId.at(i),
      time: this.time.at(i),
      kind: 'transmission',
      node: this.endNode[this.from.at(i)]!,
      protocol: this.protocols[f]!,
      summary: this.linkText(i) + this.summaries[f]!,
      transmissionId: i,
    };
  }

  /** "MuxVM eth0 -> CCI_External_vSwitch MuxVM.eth0: ", or "... -> (nowhere: link down): ". */
  private linkText(i: number): string {
    const from = this.from.at(i);
    const to = this.to.at(i);
    const key = from * 0x100000 + to + 1;
    let words = this.linkWords.get(key);
    if (words === undefined) {
      words = `${this.endNode[from]!} ${this.endIface[from]!} -> ${to === NONE ? '(nowhere: link down)' : `${this.endNode[to]!} ${this.endIface[to]!}`}: `;
      this.linkWords.set(key, words);
    }
    return words;
  }
}

export class Recorder {
  readonly tableLog: TableChange[] = [];
  transmissionCount = 0;
  /** options.full, read on every frame: callers skip building sentences and rows nobody keeps. */
  readonly full: boolean;
  private nextEventId = 0;
  private readonly tx = new TransmissionColumns();
  /** Every event but the transmissions' (those are made from the columns). */
  private readonly plainEvents: SimEvent[] = [];
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
    for (let i = made.length; i < this.tx.length; i++) made.push(this.tx.transmission(i));
    return made;
  }

  /** Everything that happened, transmissions included, in the order recorded (ids increasing). */
  get events(): readonly SimEvent[] {
    const { tx, plainEvents } = this;
    if (this.madeEventsFrom.tx === tx.length && this.madeEventsFrom.plain === plainEvents.length) return this.madeEvents;
    const out: SimEvent[] = [];
    let p = 0;
    for (let i = 0; i < tx.length; i++) {
      const id = tx.eventId.at(i);
      while (p < plainEvents.length && plainEvents[p]!.id < id) out.push(plainEvents[p++]!);
      out.push(tx.event(i));
    }
    while (p < plainEvents.length) out.push(plainEvents[p++]!);
    this.madeEvents = out;
    this.madeEventsFrom = { tx: tx.length, plain: plainEvents.length };
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
    tx.time.push(time);
    tx.arrive.push(arrive);
    tx.from.push(from);
    tx.to.push(to);
    tx.frame.push(this.lastFrame);
    tx.flowId.push(tx.flow(flowId));
    tx.note.push(tx.noteIndex(note));
    tx.eventId.push(this.nextEventId++);
    return id;
  }

  /** An event whose kind carries nothing but its sentence (see PlainEventKind). */
  event(kind: PlainEventKind, node: string, summary: string, protocol?: Protocol, time: SimTime = this.sched.now): void {
    if (!this.full) return;
    // A plain kind's data is its tag alone (the compiler checks that through PlainEventKind, not through this literal).
    const id = this.nextEventId++;
    this.plainEvents.push((protocol ? { id, time, kind, node, summary, protocol } : { id, time, kind, node, summary }) as SimEvent);
  }

  /** An event with its kind's own data (see EventData): what lessons and the page test, not the sentence. */
  eventWith<K extends Exclude<EventKind, PlainEventKind | 'transmission'>>(kind: K, node: string, summary: string, data: EventDataOf<K>, protocol?: Protocol): void {
    if (!this.full) return;
    // The spread puts the tag back on the data the caller gave for that tag: sound, though the compiler
    // cannot follow a generic through a spread.
    const e = { id: this.nextEventId++, time: this.sched.now, kind, node, summary, ...data, ...(protocol ? { protocol } : {}) } as unknown as SimEvent;
    this.plainEvents.push(e);
  }

  /** A row set (row given) or removed (row undefined) in one of a node's tables. */
  table(node: string, table: TableId, key: string, row: TableRowData | undefined): void {
    if (!this.full) return;
    this.tableLog.push({ time: this.sched.now, node, table, key, row });
  }
}
