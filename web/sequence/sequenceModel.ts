// The sequence (ladder) diagram as data: one lane per device, one row per frame (a flood's copies share a
// row), drops and TTL deaths as marks, and long repetitions folded. Pure, so its layout is tested with
// exact values; the d3 view only draws what this returns.
import type { Protocol, RunResult, SimTime, Transmission } from '../../src-engine/protocol';
import { filterOf } from '../../src-engine/view/index';
import type { Timeline } from '../model/timeline';
import type { FilterKey } from '../../src-engine/view/index';

export const LANE_W = 96;
export const ROW_H = 24;
export const GUTTER_W = 92;
export const HEAD_H = 40;

export interface SeqLane {
  readonly id: string;
  readonly label: string;
  /** What fits above the lane. */
  readonly short: string;
  readonly kind: 'device' | 'switch' | 'vfp';
  /** Centre of the lane's line. */
  readonly x: number;
}

/** What the engine's view of a frame says about it, for the diagram (its short label, its tunnel). */
export interface FrameLook {
  readonly label: string;
  readonly tunnel?: { readonly src: string; readonly dst: string; readonly vni: number };
}

interface RowBase {
  readonly key: string;
  readonly y: number;
  readonly step: number;
  readonly time: SimTime;
}

export interface FrameRow extends RowBase {
  readonly kind: 'frame';
  readonly txIds: readonly number[];
  readonly from: number;
  /** Receiving lanes; empty when the frame went nowhere. */
  readonly to: readonly number[];
  readonly protocol: Protocol;
  readonly label: string;
  readonly tunnel?: FrameLook['tunnel'];
}

export interface MarkRow extends RowBase {
  readonly kind: 'mark';
  readonly lane: number;
  /** 'ttl' for a packet whose TTL ran out, else any other drop. */
  readonly mark: 'drop' | 'ttl';
  readonly text: string;
}

export interface FoldRow extends RowBase {
  readonly kind: 'fold';
  readonly foldId: string;
  /** The rows folded away: `cycles` repetitions of a pattern of `period` rows. */
  readonly cycles: number;
  readonly period: number;
  readonly hiddenRows: number;
  readonly firstStep: number;
  readonly lastStep: number;
  readonly lanes: readonly number[];
}

export type SeqRow = FrameRow | MarkRow | FoldRow;

/** A row before it is placed. */
type Unplaced<R> = R extends SeqRow ? Omit<R, 'y'> : never;
type RawRow = Unplaced<FrameRow | MarkRow>;

export interface SequenceModel {
  readonly lanes: readonly SeqLane[];
  readonly rows: readonly SeqRow[];
  readonly width: number;
  readonly height: number;
  /** The first row of each step that has one (a folded step maps to its fold row). */
  readonly rowOfStep: ReadonlyMap<number, number>;
}

export interface SequenceInput {
  readonly result: RunResult;
  readonly timeline: Timeline;
  readonly switchId: string;
  /** The host whose switch runs VFP; undefined when the switch has none. */
  readonly vfpHost: string | undefined;
  readonly hidden: readonly FilterKey[];
  /** Folds the user opened. */
  readonly expanded: ReadonlySet<string>;
  readonly look: (tx: Transmission) => FrameLook;
}

/** Folds a pattern only when it repeats at least this often; the first and last repetition stay drawn. */
const MIN_CYCLES = 4;
const MAX_PERIOD = 8;

export const vfpLaneId = (switchId: string) => `${switchId}/VFP`;

export function buildSequence(input: SequenceInput): SequenceModel {
  const { result, timeline, switchId, vfpHost, hidden } = input;
  const vfpId = vfpLaneId(switchId);
  const vfpTx = vfpFrames(result, timeline, switchId, vfpHost);

  const senderOf = (t: Transmission) => (t.fromNode === switchId && vfpTx.out.has(t.id) ? vfpId : t.fromNode);
  const receiverOf = (t: Transmission) => (t.toNode === switchId && vfpTx.in.has(t.id) ? vfpId : t.toNode);

  // Lanes: the traced flow's devices in the order it meets them, then every other device in order of
  // first appearance; the VFP lane right after the switch.
  const order: string[] = [];
  const seen = new Set<string>();
  const add = (id: string | undefined) => {
    if (id === undefined || seen.has(id)) return;
    seen.add(id);
    order.push(id);
    if (id === switchId && vfpHost !== undefined) add(vfpId);
  };
  for (const trace of [result.dnsTrace, result.trace]) for (const h of trace?.hops ?? []) add(h.node);
  const sorted = [...timeline.tx.values()];
  for (const t of sorted) {
    add(senderOf(t));
    add(receiverOf(t));
  }
  const lanes: SeqLane[] = order.map((id, i) => ({
    id,
    label: id === vfpId ? `VFP (${vfpHost})` : id,
    short: id === vfpId ? 'VFP' : id,
    kind: id === vfpId ? 'vfp' : id === switchId ? 'switch' : 'device',
    x: GUTTER_W + LANE_W / 2 + i * LANE_W,
  }));
  const laneOf = new Map(lanes.map((l, i) => [l.id, i]));

  // Rows before folding, in step order; marks follow the step they happened in.
  const marksOfStep = dropMarks(result, timeline, hidden);
  const raw: RawRow[] = [];
  for (const step of timeline.steps) {
    const byLabel = new Map<string, { txIds: number[]; to: number[]; t: Transmission; look: FrameLook }>();
    for (const id of step.txIds) {
      const t = timeline.tx.get(id);
      if (!t || hidden.includes(filterOf(t.protocol))) continue;
      const look = input.look(t);
      const groupKey = `${senderOf(t)}|${t.protocol}|${t.summary}`;
      let g = byLabel.get(groupKey);
      if (!g) {
        g = { txIds: [], to: [], t, look };
        byLabel.set(groupKey, g);
      }
      g.txIds.push(t.id);
      const to = receiverOf(t);
      if (to !== undefined) g.to.push(laneOf.get(to)!);
    }
    for (const g of byLabel.values()) {
      raw.push({
        kind: 'frame',
        key: `f${g.txIds[0]}`,
        step: step.index,
        time: step.time,
        txIds: g.txIds,
        from: laneOf.get(senderOf(g.t))!,
        to: [...new Set(g.to)].sort((a, b) => a - b),
        protocol: g.t.protocol,
        label: g.look.label,
        ...(g.look.tunnel ? { tunnel: g.look.tunnel } : {}),
      });
    }
    for (const m of marksOfStep.get(step.index) ?? []) {
      const lane = laneOf.get(m.node);
      if (lane !== undefined) raw.push({ kind: 'mark', key: m.key, step: step.index, time: m.time, lane, mark: m.mark, text: m.text });
    }
  }

  const rows = fold(raw, input.expanded);
  const rowOfStep = new Map<number, number>();
  rows.forEach((r, i) => {
    if (r.kind === 'fold') {
      for (let s = r.firstStep; s <= r.lastStep; s++) if (!rowOfStep.has(s)) rowOfStep.set(s, i);
    } else if (!rowOfStep.has(r.step)) rowOfStep.set(r.step, i);
  });
  return {
    lanes,
    rows,
    width: GUTTER_W + lanes.length * LANE_W,
    height: HEAD_H + rows.length * ROW_H + ROW_H / 2,
    rowOfStep,
  };
}

/** Frames the VFP handles: VXLAN in from a MUX (decapsulated), and what it sends after a decap or rewrite. */
function vfpFrames(result: RunResult, timeline: Timeline, switchId: string, vfpHost: string | undefined) {
  const into = new Set<number>();
  const out = new Set<number>();
  if (vfpHost === undefined) return { in: into, out };
  for (const t of timeline.tx.values()) {
    if (t.toNode === switchId && t.protocol === 'vxlan') into.add(t.id);
    const came = timeline.cameFrom.get(t.id);
    if (t.fromNode === switchId && came !== undefined && into.has(came)) out.add(t.id);
  }
  for (const trace of [result.dnsTrace, result.trace]) {
    for (const h of [...(trace?.hops ?? []), ...(trace?.returnHops ?? [])]) {
      if (h.node !== switchId || h.transmissionId === undefined) continue;
      if (h.steps.some((s) => (s.kind === 'rewrite' && s.by === 'vfp') || s.kind === 'decapsulate' || s.kind === 'encapsulate')) out.add(h.transmissionId);
    }
  }
  return { in: into, out };
}

interface Mark {
  readonly key: string;
  readonly node: string;
  readonly time: SimTime;
  readonly mark: 'drop' | 'ttl';
  readonly text: string;
}

/** Drop events, each as a mark at its device; a TTL death is told apart by the drop's reason. */
function dropMarks(result: RunResult, timeline: Timeline, hidden: readonly FilterKey[]): Map<number, Mark[]> {
  const out = new Map<number, Mark[]>();
  for (const e of result.events) {
    if (e.kind !== 'drop') continue;
    if (e.protocol !== undefined && hidden.includes(filterOf(e.protocol))) continue;
    const step = timeline.stepOfEvent.get(e.id);
    if (step === undefined) continue;
    const list = out.get(step) ?? [];
    list.push({ key: `m${e.id}`, node: e.node, time: e.time, mark: e.reason === 'ttl-exceeded' ? 'ttl' : 'drop', text: e.summary });
    out.set(step, list);
  }
  return out;
}

const signature = (r: RawRow) => (r.kind === 'frame' ? `${r.from}>${r.to.join(',')}:${r.protocol}:${r.label}` : `mark:${r.lane}`);

/**
 * Folds a run of rows that repeats one pattern (the routing loop's four hops, sixty times) into one row,
 * keeping the first and the last repetition drawn. A fold the user expanded stays open.
 */
function fold(raw: readonly RawRow[], expanded: ReadonlySet<string>): SeqRow[] {
  const sig = raw.map(signature);
  const rows: SeqRow[] = [];
  const push = (r: Unplaced<SeqRow>) => rows.push({ ...r, y: HEAD_H + rows.length * ROW_H + ROW_H / 2 } as SeqRow);
  let i = 0;
  while (i < raw.length) {
    let best: { period: number; cycles: number } | undefined;
    for (let p = 1; p <= MAX_PERIOD && i + p * MIN_CYCLES <= raw.length; p++) {
      let cycles = 1;
      while (i + (cycles + 1) * p <= raw.length && samePattern(sig, i, i + cycles * p, p)) cycles++;
      if (cycles >= MIN_CYCLES && (!best || cycles * p > best.cycles * best.period)) best = { period: p, cycles };
    }
    const foldId = best ? `fold-${raw[i]!.key}` : '';
    if (!best || expanded.has(foldId)) {
      const n = best ? best.period * best.cycles : 1;
      for (let k = 0; k < n; k++) push(raw[i + k]!);
      i += n;
      continue;
    }
    const { period, cycles } = best;
    for (let k = 0; k < period; k++) push(raw[i + k]!);
    const inner = raw.slice(i + period, i + period * (cycles - 1));
    const lanes = new Set<number>();
    for (const r of inner) {
      if (r.kind === 'frame') [r.from, ...r.to].forEach((l) => lanes.add(l));
      else lanes.add(r.lane);
    }
    push({
      kind: 'fold',
      key: foldId,
      foldId,
      step: inner[0]!.step,
      time: inner[0]!.time,
      cycles: cycles - 2,
      period,
      hiddenRows: inner.length,
      firstStep: inner[0]!.step,
      lastStep: inner[inner.length - 1]!.step,
      lanes: [...lanes].sort((a, b) => a - b),
    });
    for (let k = period * (cycles - 1); k < period * cycles; k++) push(raw[i + k]!);
    i += period * cycles;
  }
  return rows;
}

function samePattern(sig: readonly string[], a: number, b: number, p: number): boolean {
  for (let k = 0; k < p; k++) if (sig[a + k] !== sig[b + k]) return false;
  return true;
}

/** Rows whose band crosses [top, bottom): the only ones the view draws. Rows are evenly spaced. */
export function visibleRows(model: SequenceModel, top: number, bottom: number): readonly SeqRow[] {
  const first = Math.max(0, Math.floor((top - HEAD_H) / ROW_H) - 2);
  const last = Math.min(model.rows.length, Math.ceil((bottom - HEAD_H) / ROW_H) + 2);
  return model.rows.slice(first, Math.max(first, last));
}
