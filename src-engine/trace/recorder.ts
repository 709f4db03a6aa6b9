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

/**
 * The transmissions of a run, kept as columns while it runs: a frame flooded to hundreds of ports is
 * hundreds of array slots that share one byte copy, one summary and the nodes' own names, not hundreds of
 * objects the garbage collector would trace again and again. Objects are made once, when asked for.
 */
class TransmissionColumns {
  readonly time: number[] = [];
  readonly arrive: number[] = [];
  readonly fromNode: string[] = [];
  readonly fromIface: string[] = [];
  readonly toNode: (string | undefined)[] = [];
  readonly toIface: (string | undefined)[] = [];
  readonly frame: number[] = [];
  readonly flowId: (string | undefined)[] = [];
  readonly note: (string | undefined)[] = [];
  /** The id of the 'transmission' event each one stands for, in the same sequence as the other events. */
  readonly eventId: number[] = [];
  // Per distinct frame: its bytes (standalone), protocol and summary.
  readonly bytes: Uint8Array[] = [];
  readonly protocol: Protocol[] = [];
  readonly summary: string[] = [];

  get length(): number {
    return this.time.length;
  }

  transmission(i: number): Transmission {
    const f = this.frame[i]!;
    const toNode = this.toNode[i];
    const flowId = this.flowId[i];
    const note = this.note[i];
    // Optional fields added only when present (no spreads: this runs for every frame of a run).
    const t: { -readonly [K in keyof Transmission]: Transmission[K] } = {
      id: i,
      time: this.time[i]!,
      arrive: this.arrive[i]!,
      fromNode: this.fromNode[i]!,
      fromInterface: this.fromIface[i]!,
      protocol: this.protocol[f]!,
      summary: this.summary[f]!,
      bytes: this.bytes[f]!,
    };
    if (toNode !== undefined) {
      t.toNode = toNode;
      t.toInterface = this.toIface[i]!;
    }
    if (flowId !== undefined) t.flowId = flowId;
    if (note !== undefined) t.note = note;
    return t;
  }

  event(i: number): SimEvent {
    const f = this.frame[i]!;
    const toNode = this.toNode[i];
    const from = this.fromNode[i]!;
    return {
      id: this.eventId[i]!,
      time: this.time[i]!,
      kind: 'transmission',
      node: from,
      protocol: this.protocol[f]!,
      summary: `${from} ${this.fromIface[i]!} -> ${toNode !== undefined ? `${toNode} ${this.toIface[i]!}` : '(nowhere: link down)'}: ${this.summary[f]!}`,
      transmissionId: i,
    };
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
      const id = tx.eventId[i]!;
      while (p < plainEvents.length && plainEvents[p]!.id < id) out.push(plainEvents[p++]!);
      out.push(tx.event(i));
    }
    while (p < plainEvents.length) out.push(plainEvents[p++]!);
    this.madeEvents = out;
    this.madeEventsFrom = { tx: tx.length, plain: plainEvents.length };
    return out;
  }

  /**
   * Records a frame leaving `fromNode`'s `fromIface` at `time`, arriving at `toNode`'s `toIface` (undefined:
   * lost) at `arrive`. Plain arguments, not end objects: a flood records hundreds of these per frame.
   */
  transmit(fromNode: string, fromIface: string, toNode: string | undefined, toIface: string | undefined, time: SimTime, arrive: SimTime, bytes: Uint8Array, flowId: string | undefined, note: string | undefined): number {
    const id = this.transmissionCount++;
    if (!this.full) return id;
    const tx = this.tx;
    if (bytes !== this.lastBytes) {
      // Kept as a standalone array: the frame's own may be a view of a slab shared with other frames
      // (packets/slab.ts), and a transmission leaves the engine as it is kept here.
      this.lastBytes = bytes;
      this.lastFrame = tx.bytes.length;
      const { protocol, summary } = describeFrame(bytes);
      tx.bytes.push(standalone(bytes));
      tx.protocol.push(protocol);
      tx.summary.push(summary);
    }
    tx.time.push(time);
    tx.arrive.push(arrive);
    tx.fromNode.push(fromNode);
    tx.fromIface.push(fromIface);
    tx.toNode.push(toNode);
    tx.toIface.push(toIface);
    tx.frame.push(this.lastFrame);
    tx.flowId.push(flowId);
    tx.note.push(note);
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
