// Everything a run leaves behind: each frame on each link (Transmission), each thing that happened
// (SimEvent) and each table change (for `tables(node, time)`). Devices call it; nothing reads it
// back during the run, so recording can be thinned for the benchmark without changing behaviour.
import type { EventDetail, EventKind, Protocol, SimEvent, SimTime, Transmission } from '../protocol';
import type { Scheduler } from '../sim/scheduler';
import { standalone } from '../net/codec';
import { describeFrame } from './describe';
import type { TableChange, TableId, TableRowData } from './tableLog';

export interface RecordOptions {
  /** Keep transmissions (with bytes), events and table history; false keeps counts only. */
  readonly full: boolean;
}

export interface LinkEnd {
  readonly node: string;
  readonly iface: string;
}

export class Recorder {
  readonly transmissions: Transmission[] = [];
  readonly events: SimEvent[] = [];
  readonly tableLog: TableChange[] = [];
  transmissionCount = 0;
  /** options.full, read on every frame: callers skip building sentences and rows nobody keeps. */
  readonly full: boolean;
  private nextEventId = 0;
  // The last frame kept and its standalone copy: the copies of a flooded frame share one.
  private lastBytes: Uint8Array | undefined;
  private lastKept: Uint8Array | undefined;

  constructor(
    private readonly sched: Scheduler,
    readonly options: RecordOptions,
  ) {
    this.full = options.full;
  }

  /** Records a frame leaving `from` at `time`, arriving at `to` (undefined: lost) at `arrive`. */
  transmit(from: LinkEnd, to: LinkEnd | undefined, time: SimTime, arrive: SimTime, bytes: Uint8Array, flowId: string | undefined, note: string | undefined): number {
    const id = this.transmissionCount++;
    if (!this.full) return id;
    const { protocol, summary } = describeFrame(bytes);
    this.transmissions.push({
      id,
      time,
      arrive,
      fromNode: from.node,
      fromInterface: from.iface,
      ...(to ? { toNode: to.node, toInterface: to.iface } : {}),
      protocol,
      summary,
      bytes: this.keep(bytes),
      ...(flowId !== undefined ? { flowId } : {}),
      ...(note !== undefined ? { note } : {}),
    });
    this.events.push({
      id: this.nextEventId++,
      time,
      kind: 'transmission',
      node: from.node,
      protocol,
      summary: `${from.node} ${from.iface} -> ${to ? `${to.node} ${to.iface}` : '(nowhere: link down)'}: ${summary}`,
      transmissionId: id,
    });
    return id;
  }

  /**
   * The bytes as a standalone array: the frame's own may be a view of a slab shared with other frames
   * (packets/slab.ts), and a transmission leaves the engine (postMessage, pcapng) as it is kept here.
   */
  private keep(bytes: Uint8Array): Uint8Array {
    if (bytes !== this.lastBytes) {
      this.lastBytes = bytes;
      this.lastKept = standalone(bytes);
    }
    return this.lastKept!;
  }

  event(kind: EventKind, node: string, summary: string, protocol?: Protocol, time: SimTime = this.sched.now): void {
    if (!this.full) return;
    this.events.push({ id: this.nextEventId++, time, kind, node, summary, ...(protocol ? { protocol } : {}) });
  }

  /** An event with its data (see EventDetail): what lessons and the page test, not the sentence. */
  eventWith(kind: EventKind, node: string, summary: string, detail: EventDetail, protocol?: Protocol): void {
    if (!this.full) return;
    this.events.push({ id: this.nextEventId++, time: this.sched.now, kind, node, summary, detail, ...(protocol ? { protocol } : {}) });
  }

  /** A BGP session changing state, with the state as data (the UI draws the session from it). */
  bgpState(node: string, peer: string, state: string, summary: string): void {
    if (!this.full) return;
    this.events.push({ id: this.nextEventId++, time: this.sched.now, kind: 'bgp-state', node, summary, protocol: 'bgp', bgp: { peer, state } });
  }

  /** A row set (row given) or removed (row undefined) in one of a node's tables. */
  table(node: string, table: TableId, key: string, row: TableRowData | undefined): void {
    if (!this.full) return;
    this.tableLog.push({ time: this.sched.now, node, table, key, row });
  }
}
