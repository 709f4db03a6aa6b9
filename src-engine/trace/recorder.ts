// Everything a run leaves behind: each frame on each link (Transmission), each thing that happened
// (SimEvent) and each table change (for `tables(node, time)`). Devices call it; nothing reads it
// back during the run, so recording can be thinned for the benchmark without changing behaviour.
import type { EventDataOf, EventKind, PlainEventKind, Protocol, SimEvent, SimTime, Transmission } from '../protocol';
import { eventsOf, LOG_CHUNK, LOG_CHUNK_BITS, LOG_FLOW, LOG_FRAME, LOG_FROM, LOG_INTS, LOG_NONE, LOG_NOTE, LOG_TO, transmissionsOf, type RunLog } from '../view/runLog';
import type { Scheduler } from '../sim/scheduler';
import { describeFrame } from './describe';
import { timeOrder } from './timeOrder';
import { nodeId, type NodeId } from '../view/ids';
import { LazyTableChange, type ChangeMaker, type TableChange, type TableId, type TableRowData } from './tableLog';
import type { Note } from '../view/notes';

export interface RecordOptions {
  /** Keep transmissions (with bytes), events and table history; false keeps counts only. */
  readonly full: boolean;
}

const INITIAL = 1024;
// The log's layout, as this module's own constants: `add` runs for every transmission, and where modules
// are CommonJS (tsx: the benchmark and the CLI) every read of an imported binding is a getter call.
const NONE = LOG_NONE;
const CHUNK = LOG_CHUNK;
const CHUNK_BITS = LOG_CHUNK_BITS;
const INTS = LOG_INTS;
const FROM = LOG_FROM;
const TO = LOG_TO;
const FRAME = LOG_FRAME;
const FLOW = LOG_FLOW;
const NOTE = LOG_NOTE;
const MASK = CHUNK - 1;
/** The `to` of a frame that reached no one (the link is down). */
export const NO_END = NONE;

/**
 * The recorder's own store of frame bytes, 64 KiB at a time (glibc serves that size from its heap; see
 * packets/slab.ts). A frame's bytes may be a view of a packet slab shared with other frames and with
 * packets never sent, so a kept frame is copied; copied here, it is a span of a buffer that holds kept
 * frames and nothing else: three numbers (buffer, offset, length), not an ArrayBuffer of its own
 * (allocating, tracking and freeing one per frame cost more than the copy) nor a view of its own (some
 * 40,000 objects a run, each kept to the end: the collector copied them all). A structured clone of the
 * run carries each buffer once, so what leaves the worker is the frames' bytes and at most one
 * part-filled buffer more; the views are made where the frames are read (view/runLog.ts).
 */
export const FRAME_STORE = 64 * 1024;

/** Read by `flat`, so that the read it makes cannot be left out. */
let _flatSink = 0;
/**
 * `text` as one run of characters. A sentence put together from parts is a tree of them in V8 (about 200
 * bytes for a frame's summary); reading a character joins it into one (about 100), and the parts become
 * garbage at once instead of being copied by every collection while the run is kept.
 */
function flat(text: string): string {
  _flatSink ^= text.charCodeAt(0);
  return text;
}

/**
 * The transmissions of a run, kept as columns of numbers while it runs (see view/runLog.ts): names
 * (nodes, interfaces, flows) by their index in one table, a frame's bytes, protocol and summary once per
 * distinct frame, notes once per distinct note. A frame flooded to hundreds of ports is a few numbers per
 * port, none of them an object the garbage collector would trace again and again.
 */
class TransmissionColumns {
  length = 0;
  /** Per transmission, in chunks: the time it left and the time it arrives, side by side. */
  readonly timeChunks: Float64Array[] = [];
  /** Per transmission, in chunks, LOG_INTS numbers: from, to, frame, flow and note (NONE: none). */
  readonly intChunks: Int32Array[] = [];
  /** The last chunks, where `add` writes. */
  private times = new Float64Array(0);
  private ints = new Int32Array(0);
  // Per distinct frame: its bytes (a span of the frame stores: LOG_SPAN numbers), and its protocol and summary
  // once asked for (decoding every frame as it is sent would cost the run a decode per frame, and most runs'
  // frames are never read).
  frameCount = 0;
  spans = new Int32Array(3 * 1024);
  readonly stores: ArrayBuffer[] = [];
  readonly protocols: Protocol[] = [];
  readonly summaries: string[] = [];
  /** Each distinct note (consecutive transmissions of one frame share theirs): a sentence, or its data (view/notes.ts). */
  readonly notes: Note[] = [];
  private lastNote: Note | undefined;
  /** Each end of a link, by its number: the node and its interface (or switch and port). */
  readonly endNode: NodeId[] = [];
  readonly endIface: string[] = [];
  /** Flow ids, by index. */
  readonly flows: string[] = [];
  private readonly flowIndex = new Map<string, number>();

  /** The frame store's current buffer (a view of all of it), its index, and how much of it is used. */
  private store = new Uint8Array(0);
  private storeIndex = -1;
  private storeUsed = 0;

  /** Keeps a copy of `bytes` as the next distinct frame; returns its index. */
  keepFrame(bytes: Uint8Array): number {
    const n = bytes.length;
    let store: number;
    let offset = 0;
    if (n > FRAME_STORE >> 4) {
      // A large frame: a buffer of its own.
      store = this.stores.length;
      this.stores.push(bytes.slice().buffer);
    } else {
      if (this.storeUsed + n > this.store.length) {
        const buffer = new ArrayBuffer(FRAME_STORE);
        this.store = new Uint8Array(buffer);
        this.storeIndex = this.stores.length;
        this.stores.push(buffer);
        this.storeUsed = 0;
      }
      const kept = this.store;
      offset = this.storeUsed;
      if (n <= 64) for (let i = 0; i < n; i++) kept[offset + i] = bytes[i]!;
      else kept.set(bytes, offset);
      this.storeUsed = offset + n;
      store = this.storeIndex;
    }
    const f = this.frameCount;
    let spans = this.spans;
    if (3 * f + 3 > spans.length) {
      spans = new Int32Array(2 * spans.length);
      spans.set(this.spans);
      this.spans = spans;
    }
    spans[3 * f] = store;
    spans[3 * f + 1] = offset;
    spans[3 * f + 2] = n;
    this.frameCount = f + 1;
    return f;
  }

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
    const { protocols, summaries, spans, stores } = this;
    for (let g = protocols.length; g < this.frameCount; g++) {
      // A view for the reading only: it dies young.
      const d = describeFrame(new Uint8Array(stores[spans[3 * g]!]!, spans[3 * g + 1]!, spans[3 * g + 2]!));
      protocols.push(d.protocol);
      summaries.push(flat(d.summary));
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

  noteIndex(note: Note | undefined): number {
    if (note === undefined) return NONE;
    if (note !== this.lastNote) {
      this.lastNote = note;
      this.notes.push(typeof note === 'string' ? flat(note) : note);
    }
    return this.notes.length - 1;
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
  private madeLog: RunLog | undefined;
  private madeTransmissions: { readonly log: RunLog; readonly list: readonly Transmission[] } | undefined;
  private madeEvents: { readonly log: RunLog; readonly list: readonly SimEvent[] } | undefined;
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

  /**
   * The run's frames and events as columns (see view/runLog.ts), as the result carries them out of the
   * worker: every frame described, the events in time order (events of the same time in the order
   * recorded), each numbered by its place. Made once, and again only when more was recorded since.
   */
  log(): RunLog {
    const { tx, plainEvents } = this;
    const txCount = tx.length;
    const plainCount = plainEvents.length;
    const known = this.madeLog;
    if (known && known.count === txCount && known.plainEvents.length === plainCount) return known;
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
    const sorted = inOrder ? who : timeOrder(times);
    // In time order: `order` names each event (a transmission's index, or -1 - its place among the
    // plain events, which are renumbered in time order too).
    const order = inOrder ? who : new Int32Array(n);
    const plain: SimEvent[] = [];
    for (let id = 0; id < n; id++) {
      const w = inOrder ? who[id]! : who[sorted[id]!]!;
      if (w >= 0) order[id] = w;
      else {
        // The recorder's own object, numbered in place: nothing else holds it.
        const e = plainEvents[-1 - w]!;
        e.id = id;
        order[id] = -1 - plain.length;
        plain.push(e as unknown as SimEvent);
      }
    }
    const log: RunLog = {
      count: txCount,
      times: tx.timeChunks.slice(0, (txCount + CHUNK - 1) >> CHUNK_BITS),
      ints: tx.intChunks.slice(0, (txCount + CHUNK - 1) >> CHUNK_BITS),
      endNode: tx.endNode.slice(),
      endIface: tx.endIface.slice(),
      frameStores: tx.stores.slice(),
      frameSpans: tx.spans.slice(0, 3 * tx.frameCount),
      protocols: tx.protocols.slice(),
      summaries: tx.summaries.slice(),
      flows: tx.flows.slice(),
      notes: tx.notes.slice(),
      order,
      plainEvents: plain,
    };
    this.madeLog = log;
    return log;
  }

  /** Each frame on each link, in the order recorded (made into objects once, on first use). */
  get transmissions(): readonly Transmission[] {
    const log = this.log();
    if (this.madeTransmissions?.log !== log) this.madeTransmissions = { log, list: transmissionsOf(log) };
    return this.madeTransmissions.list;
  }

  /**
   * Everything that happened, transmissions included, in time order (events of the same time in the
   * order recorded), each numbered by its place: the run's event list as the result carries it.
   */
  get events(): readonly SimEvent[] {
    const log = this.log();
    if (this.madeEvents?.log !== log) this.madeEvents = { log, list: eventsOf(log) };
    return this.madeEvents.list;
  }

  /** Numbers one end of a link (a node's interface, or the switch's port), once, for `transmit`. */
  endpoint(node: string, iface: string): number {
    const { tx } = this;
    tx.endNode.push(nodeId(node));
    tx.endIface.push(iface);
    return tx.endNode.length - 1;
  }

  /**
   * Records a frame leaving end `from` at `time`, arriving at end `to` (NO_END: lost) at `arrive`.
   * Numbers, not names or objects: a flood records hundreds of these per frame.
   */
  transmit(from: number, to: number, time: SimTime, arrive: SimTime, bytes: Uint8Array, flowId: string | undefined, note: Note | undefined): number {
    const id = this.transmissionCount++;
    if (!this.full) return id;
    const tx = this.tx;
    if (bytes !== this.lastBytes) {
      // Copied: the frame's own may be a view of a slab shared with other frames (packets/slab.ts), and a
      // transmission leaves the engine as it is kept here.
      this.lastBytes = bytes;
      this.lastFrame = tx.keepFrame(bytes);
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
    const at = nodeId(node);
    this.keep((protocol ? { id, time, kind, node: at, summary, protocol } : { id, time, kind, node: at, summary }) as SimEvent);
  }

  /** An event with its kind's own data (see EventData): what lessons and the page test, not the sentence. */
  eventWith<K extends Exclude<EventKind, PlainEventKind | 'transmission'>>(kind: K, node: string, summary: string, data: EventDataOf<K>, protocol?: Protocol): void {
    if (!this.full) return;
    // The spread puts the tag back on the data the caller gave for that tag: sound, though the compiler
    // cannot follow a generic through a spread.
    const e = { id: 0, time: this.sched.now, kind, node: nodeId(node), summary, ...data, ...(protocol ? { protocol } : {}) } as unknown as SimEvent;
    this.keep(e);
  }

  /** A row set (row given) or removed (row undefined) in one of a node's tables. */
  table(node: string, table: TableId, key: string, row: TableRowData | undefined): void {
    if (!this.full) return;
    this.tableLog.push({ time: this.sched.now, node, table, key, row });
  }

  /** The same, with its key and row made from `a` and `b` when first read (see LazyTableChange). */
  tableFrom<A, B>(node: string, table: TableId, keyOf: ChangeMaker<A, B, string>, rowOf: ChangeMaker<A, B, TableRowData | undefined>, a: A, b: B): void {
    if (!this.full) return;
    this.tableLog.push(new LazyTableChange(this.sched.now, node, table, keyOf, rowOf, a, b));
  }
}
