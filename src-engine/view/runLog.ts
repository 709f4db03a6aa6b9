// A run's frames and events as columns: how the recorder keeps them and how they leave the worker. A
// flood sends one frame to hundreds of ports, so a run of the 4,000-VM topology holds half a million
// transmissions; as columns they are a few typed arrays and tables of names, not a million objects to
// build, trace and clone. `transmissionsOf` and `eventsOf` make the result's objects from them, on the
// side that reads them (the page, once the run has arrived; the engine, for its own readers).
import type { NodeId, Protocol, RunResult, SimEvent, Transmission } from '../protocol';
import { noteText, type Note } from './notes';

/** Transmissions per chunk of the columns: a long run adds chunks, and never copies the ones it has. */
export const LOG_CHUNK_BITS = 12;
export const LOG_CHUNK = 1 << LOG_CHUNK_BITS;
const MASK = LOG_CHUNK - 1;
/** Numbers per transmission in `RunLog.ints`: from, to, frame, flow, note. */
export const LOG_INTS = 5;
export const LOG_FROM = 0;
export const LOG_TO = 1;
export const LOG_FRAME = 2;
export const LOG_FLOW = 3;
export const LOG_NOTE = 4;
/** An absent end (the frame reached no one), flow or note. */
export const LOG_NONE = -1;

export interface RunLog {
  /** How many transmissions. */
  readonly count: number;
  /** Per transmission, in chunks of LOG_CHUNK: the time it left and the time it arrives, side by side. */
  readonly times: readonly Float64Array[];
  /** Per transmission, in chunks of LOG_CHUNK, LOG_INTS numbers: sending end, receiving end, frame, flow and note (LOG_NONE: none). */
  readonly ints: readonly Int32Array[];
  /** Each end of a link by its number: the node, and its interface (or the switch's port). */
  readonly endNode: readonly NodeId[];
  readonly endIface: readonly string[];
  /**
   * Per distinct frame (copies of one frame on many links share it): its bytes, as three numbers in
   * `frameSpans` (the buffer in `frameStores`, the offset, the length), and its protocol and summary.
   */
  readonly frameStores: readonly ArrayBuffer[];
  readonly frameSpans: Int32Array;
  readonly protocols: readonly Protocol[];
  readonly summaries: readonly string[];
  readonly flows: readonly string[];
  /** Each distinct note: a sentence, or its data and template key (notes.ts), made text when a transmission is read. */
  readonly notes: readonly Note[];
  /** The run's events in time order (equal times in the order recorded): n >= 0 is transmission n's event, -1 - p is `plainEvents[p]`. */
  readonly order: Int32Array;
  /** Every event but the transmissions', in time order, each numbered by its place in the whole list. */
  readonly plainEvents: readonly SimEvent[];
}

/** A run as it leaves the worker: the result, its frames and events as columns. */
export type RunWire = Omit<RunResult, 'transmissions' | 'events'> & { readonly log: RunLog };

/** What a log's readers have made of it so far: its notes as text, its frames as views, by index. */
interface Made {
  readonly texts: (string | undefined)[];
  readonly views: (Uint8Array | undefined)[];
}
const made = new WeakMap<Int32Array, Made>();
function madeOf(log: RunLog): Made {
  let m = made.get(log.frameSpans);
  if (m === undefined) made.set(log.frameSpans, (m = { texts: new Array<string | undefined>(log.notes.length), views: new Array<Uint8Array | undefined>(log.frameSpans.length / 3) }));
  return m;
}
/** Note `n` of a log as text (the two links of one frame, NIC -> switch -> NIC, share one). */
function noteIn(log: RunLog, m: Made, n: number): string {
  return (m.texts[n] ??= noteText(log.notes[n]!));
}
/** Frame `f`'s bytes: one view for every transmission of the frame. */
function frameIn(log: RunLog, m: Made, f: number): Uint8Array {
  const s = log.frameSpans;
  return (m.views[f] ??= new Uint8Array(log.frameStores[s[3 * f]!]!, s[3 * f + 1]!, s[3 * f + 2]!));
}

/** The bytes of a log's frame `f`. */
export function frameBytes(log: RunLog, f: number): Uint8Array {
  return frameIn(log, madeOf(log), f);
}

/** Transmission `i` of a log, as the result carries it. */
export function transmissionAt(log: RunLog, i: number): Transmission {
  return transmissionIn(log, i, madeOf(log));
}

function transmissionIn(log: RunLog, i: number, texts: Made): Transmission {
  const ints = log.ints[i >> LOG_CHUNK_BITS]!;
  const times = log.times[i >> LOG_CHUNK_BITS]!;
  const o = i & MASK;
  const k = LOG_INTS * o;
  const from = ints[k + LOG_FROM]!;
  const to = ints[k + LOG_TO]!;
  const f = ints[k + LOG_FRAME]!;
  const flowId = ints[k + LOG_FLOW]!;
  const note = ints[k + LOG_NOTE]!;
  const id = i;
  const time = times[2 * o]!;
  const arrive = times[2 * o + 1]!;
  const fromNode = log.endNode[from]!;
  const fromInterface = log.endIface[from]!;
  const protocol = log.protocols[f]!;
  const summary = log.summaries[f]!;
  const bytes = frameIn(log, texts, f);
  // Optional fields present only when set, each shape one literal: an object made whole at once, not
  // grown field by field (this runs for every frame of a run). Untraced frames carry no flow id.
  if (flowId === LOG_NONE) {
    if (to !== LOG_NONE) {
      const toNode = log.endNode[to]!;
      const toInterface = log.endIface[to]!;
      return note !== LOG_NONE
        ? { id, time, arrive, fromNode, fromInterface, protocol, summary, bytes, toNode, toInterface, note: noteIn(log, texts, note) }
        : { id, time, arrive, fromNode, fromInterface, protocol, summary, bytes, toNode, toInterface };
    }
    return note !== LOG_NONE ? { id, time, arrive, fromNode, fromInterface, protocol, summary, bytes, note: noteIn(log, texts, note) } : { id, time, arrive, fromNode, fromInterface, protocol, summary, bytes };
  }
  const t: { -readonly [K in keyof Transmission]: Transmission[K] } = { id, time, arrive, fromNode, fromInterface, protocol, summary, bytes };
  if (to !== LOG_NONE) {
    t.toNode = log.endNode[to]!;
    t.toInterface = log.endIface[to]!;
  }
  t.flowId = log.flows[flowId]!;
  if (note !== LOG_NONE) t.note = noteIn(log, texts, note);
  return t;
}

/** Every transmission of a log, in the order sent (its id is its place). */
export function transmissionsOf(log: RunLog): Transmission[] {
  const out: Transmission[] = [];
  const texts = madeOf(log);
  for (let i = 0; i < log.count; i++) out.push(transmissionIn(log, i, texts));
  return out;
}

/** Every event of a log, in time order, numbered by place: the run's event list as the result carries it. */
export function eventsOf(log: RunLog): SimEvent[] {
  const { order, plainEvents, endNode, endIface, protocols, summaries } = log;
  // "MuxVM eth0 -> CCI_External_vSwitch MuxVM.eth0: " by sending end, for the receiving end in `linkTo`
  // (an end has one peer, or none when the link is down): each link's words made once.
  const linkTo = new Int32Array(endNode.length).fill(-2);
  const linkWords = new Array<string>(endNode.length).fill('');
  const out: SimEvent[] = [];
  for (let id = 0; id < order.length; id++) {
    const w = order[id]!;
    if (w < 0) {
      out.push(plainEvents[-1 - w]!);
      continue;
    }
    const ints = log.ints[w >> LOG_CHUNK_BITS]!;
    const o = w & MASK;
    const k = LOG_INTS * o;
    const from = ints[k + LOG_FROM]!;
    const to = ints[k + LOG_TO]!;
    const f = ints[k + LOG_FRAME]!;
    if (linkTo[from] !== to) {
      linkTo[from] = to;
      linkWords[from] = `${endNode[from]!} ${endIface[from]!} -> ${to === LOG_NONE ? '(nowhere: link down)' : `${endNode[to]!} ${endIface[to]!}`}: `;
    }
    out.push({ id, time: log.times[w >> LOG_CHUNK_BITS]![2 * o]!, kind: 'transmission', node: endNode[from]!, protocol: protocols[f]!, summary: linkWords[from]! + summaries[f]!, transmissionId: w });
  }
  return out;
}

/** The run a page reads, from the run the worker sent: its frames and events made into objects, in the result's field order. */
export function runFromWire(wire: RunWire): RunResult {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wire)) {
    if (key !== 'log') out[key] = value;
    else {
      out.transmissions = transmissionsOf(wire.log);
      out.events = eventsOf(wire.log);
    }
  }
  return out as unknown as RunResult;
}
