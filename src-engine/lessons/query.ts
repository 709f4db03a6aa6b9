// The questions a lesson asks of a run, answered from the engine's own records: the frames as decoded
// from their bytes, the events, and the hop-by-hop traces. Lessons bind to runs through these helpers.
import { decodePacket } from '../packets/decode';
import type { BgpMessage, Ipv4Layer, Layer, TcpLayer } from '../packets/layers';
import type { FlowTrace, Hop, HopStep, RunResult, SimEvent, Transmission } from '../protocol';
import type { Moment } from './model';

/** A transmission with its layers, decoded once. */
export interface Frame {
  readonly tx: Transmission;
  readonly layers: readonly Layer[];
}

export interface RunQuery {
  readonly result: RunResult;
  /** The switch's node id: frames through it are one L2 hop, not a device of their own. */
  readonly switchId: string;
  /** Every frame, in time order. */
  readonly frames: readonly Frame[];
  readonly events: readonly SimEvent[];
  /** Each attempt of the user's flow (several when the run sends it at several times), first to last. */
  readonly attempts: readonly FlowTrace[];
  frame(pred: (f: Frame) => boolean, after?: Moment): Frame | undefined;
  lastFrame(pred: (f: Frame) => boolean, before?: Moment): Frame | undefined;
  event(pred: (e: SimEvent) => boolean, after?: Moment): SimEvent | undefined;
  byTx(id: number): Frame | undefined;
}

export function createRunQuery(result: RunResult, switchId: string): RunQuery {
  const frames: Frame[] = [...result.transmissions]
    .sort((a, b) => a.time - b.time || a.id - b.id)
    .map((tx) => {
      const d = decodePacket(tx.bytes);
      return { tx, layers: d.ok ? d.value.layers : [] };
    });
  const index = new Map(frames.map((f) => [f.tx.id, f]));
  // Already in time order (RunResult.events).
  const events = result.events;
  const attempts = flowAttempts(result);
  const notBefore = (t: Transmission, m?: Moment) => m === undefined || t.time > m.time || (t.time === m.time && (m.txId === undefined || t.id >= m.txId));
  return {
    result,
    switchId,
    frames,
    events,
    attempts,
    frame: (pred, after) => frames.find((f) => notBefore(f.tx, after) && pred(f)),
    lastFrame: (pred, before) => {
      for (let i = frames.length - 1; i >= 0; i--) {
        const f = frames[i]!;
        if (before && (f.tx.time > before.time || (f.tx.time === before.time && before.txId !== undefined && f.tx.id > before.txId))) continue;
        if (pred(f)) return f;
      }
      return undefined;
    },
    event: (pred, after) => events.find((e) => (after === undefined || e.time >= after.time) && pred(e)),
    byTx: (id) => index.get(id),
  };
}

/** The run's flow attempts, first to last (a run with one attempt has just its trace). */
function flowAttempts(result: RunResult): readonly FlowTrace[] {
  return result.attempts.length > 0 ? result.attempts : [result.trace];
}

export const moment = (x: Frame | SimEvent): Moment =>
  'tx' in x ? { time: x.tx.time, txId: x.tx.id } : { time: x.time, eventId: x.id, ...(x.kind === 'transmission' ? { txId: x.transmissionId } : {}) };

// ---- Reading a frame ---------------------------------------------------------------------------------

export const ipv4 = (f: Frame, which: 'outer' | 'inner' = 'inner'): Ipv4Layer | undefined => pick(f.layers, 'ipv4', which) as Ipv4Layer | undefined;
export const tcp = (f: Frame): TcpLayer | undefined => pick(f.layers, 'tcp', 'inner') as TcpLayer | undefined;
export const bgpMessages = (f: Frame): readonly BgpMessage[] => f.layers.flatMap((l) => (l.type === 'bgp' ? [l.message] : []));
export const hasLayer = (f: Frame, type: Layer['type']) => f.layers.some((l) => l.type === type);
export const isSyn = (f: Frame) => {
  const t = tcp(f);
  return t !== undefined && t.flags.syn && !t.flags.ack;
};
export const isSynAck = (f: Frame) => {
  const t = tcp(f);
  return t !== undefined && t.flags.syn && t.flags.ack;
};

function pick(layers: readonly Layer[], type: Layer['type'], which: 'outer' | 'inner'): Layer | undefined {
  const all = layers.filter((l) => l.type === type);
  return which === 'outer' ? all[0] : all[all.length - 1];
}

// ---- Reading a trace ---------------------------------------------------------------------------------

/** A hop of a trace at a device other than the switch, in order. */
export const deviceHops = (hops: readonly Hop[], switchId: string): readonly Hop[] => hops.filter((h) => h.node !== switchId);

/** The first step of a kind in a hop. */
export function stepOf<K extends HopStep['kind']>(hop: Hop | undefined, kind: K): Extract<HopStep, { kind: K }> | undefined {
  return hop?.steps.find((s): s is Extract<HopStep, { kind: K }> => s.kind === kind);
}

/** The hop (in any trace of the run) whose frame is this transmission. */
export function hopOfTx(q: RunQuery, txId: number): Hop | undefined {
  for (const t of [q.result.dnsTrace, ...q.attempts]) {
    if (!t) continue;
    const h = [...t.hops, ...t.returnHops].find((x) => x.transmissionId === txId);
    if (h) return h;
  }
  return undefined;
}

/** The device after `node` on a trace's path (skipping the switch), and the hop where `node` decided. */
export function nextDevice(hops: readonly Hop[], node: string, switchId: string, occurrence = 0): { readonly at: Hop; readonly next: Hop } | undefined {
  const devices = deviceHops(hops, switchId);
  let seen = 0;
  for (let i = 0; i + 1 < devices.length; i++) {
    if (devices[i]!.node !== node) continue;
    if (seen++ === occurrence) return { at: devices[i]!, next: devices[i + 1]! };
  }
  return undefined;
}

/** Unique, in first-seen order. */
export const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
