// Two runs side by side: which hop of run A goes with which hop of run B, where their paths part, and how
// each ended. The page's comparison view draws exactly this; the words it shows are said here.
import type { FlowTrace, Hop, HopStep, RunResult, SimTime } from '../protocol';
import { DISPOSITION_LABEL, isDelivered, type Disposition } from './dispositions';

/** One traced leg of a run that can be compared: a DNS lookup or the flow, the request or its answer. */
export interface RunPart {
  /** Stable within a run: 'flow', 'flow-reply', 'dns', 'flow-2', 'flow-2-reply', ... (the trace's id). */
  readonly key: string;
  readonly title: string;
  readonly kind: 'dns' | 'flow';
  readonly isReply: boolean;
  /** 1-based attempt of the flow this part belongs to. */
  readonly attempt: number;
  readonly trace: FlowTrace;
  readonly hops: readonly Hop[];
}

/** Seconds as a person reads them: "6 s", "186.5 s". */
function seconds(us: SimTime): string {
  return `${Number((us / 1e6).toFixed(3))} s`;
}

/**
 * Every comparable part of a run, in time order: per attempt, its DNS lookup (if any) and the flow, each
 * with its answer. Titles are short ("Attempt 2 at 186 s: The flow: the answer"), for a picker.
 */
export function runParts(result: Pick<RunResult, 'trace' | 'dnsTrace' | 'attempts'>): RunPart[] {
  const parts: RunPart[] = [];
  const attempts = result.attempts.length > 0 ? result.attempts : [result.trace];
  attempts.forEach((a, i) => {
    const attempt = a.attempt ?? i + 1;
    const prefix = attempts.length > 1 ? `Attempt ${attempt} at ${seconds(a.startedAt ?? 0)}: ` : '';
    const add = (trace: FlowTrace | undefined, kind: RunPart['kind'], title: string) => {
      if (!trace) return;
      parts.push({ key: trace.id, title: `${prefix}${title}`, kind, isReply: false, attempt, trace, hops: trace.hops });
      if (trace.returnHops.length > 0) parts.push({ key: `${trace.id}-reply`, title: `${prefix}${title}: the answer`, kind, isReply: true, attempt, trace, hops: trace.returnHops });
    };
    add(i === 0 ? (a.dns ?? result.dnsTrace) : a.dns, 'dns', 'DNS lookup');
    // Both runs of a comparison send one flow (named above the comparison): "the flow" says which part.
    add(a, 'flow', 'The flow');
  });
  return parts;
}

/** The part a comparison opens on: the flow's first request (not its DNS lookup, which rarely differs). */
export function defaultPartKey(parts: readonly RunPart[]): string | undefined {
  return (parts.find((p) => p.kind === 'flow' && !p.isReply) ?? parts[0])?.key;
}

/**
 * What a hop decided, as a string two hops are compared by: the route (prefix, next hop, way out), the
 * switch port, the DIP a MUX picked, the tunnel's ends, delivery or the drop's reason. Left out on
 * purpose: ARP (cached on one run, asked on the other is the same path), TTLs and rewritten ports, which
 * differ between attempts and seeds without the path differing.
 */
export function hopDecision(hop: Hop): string {
  return hop.steps.map(decisionOf).filter((d) => d !== '').join('|');
}

function decisionOf(s: HopStep): string {
  switch (s.kind) {
    case 'route':
      return `route ${s.prefix} ${s.nextHop ?? 'on-link'} ${s.interface}`;
    case 'switch':
      return `port ${s.port}`;
    case 'load-balance':
      return `dip ${s.dip}`;
    case 'encapsulate':
      return `vxlan ${s.outerSrc}>${s.outerDst}`;
    case 'decapsulate':
      return 'decap';
    case 'delivered':
      return 'delivered';
    case 'dropped':
      return `dropped ${s.reason}`;
    default:
      return '';
  }
}

/** The steps that say what a hop decided, in the engine's words: the table cell of a hop. */
export function hopSummary(hop: Hop): string {
  const decisive = hop.steps.filter((s) => decisionOf(s) !== '');
  return (decisive.length > 0 ? decisive : hop.steps.slice(-1)).map((s) => s.text).join('; ');
}

/** Two hops are at the same place when the same node received the packet on the same interface. */
const place = (hop: Hop): string => `${hop.node}\u0000${hop.interface}`;

/**
 * 'same': one place, one decision. 'differs': one place, decided otherwise (BGPVM routes to MuxVM on one
 * run, back to NATVM on the other). 'apart': both runs have a hop here, at different places (after the
 * paths parted). 'only-a', 'only-b': one run has no hop here (it ended, or took a shorter way).
 */
export type RowStatus = 'same' | 'differs' | 'apart' | 'only-a' | 'only-b';

export interface AlignedRow {
  /** Index of A's hop in this row, if any. */
  readonly a?: number;
  readonly b?: number;
  readonly status: RowStatus;
}

export interface HopAlignment {
  readonly rows: readonly AlignedRow[];
  /** The first row that is not 'same': where the paths part. Undefined when they never do. */
  readonly partedAt?: number;
  /** The first 'same' row after the parting: where the paths meet again (one MUX or the other, then the same host). */
  readonly rejoinedAt?: number;
}

/** Beyond this many cells the alignment pairs hops by position (a run's path is at most a few hundred hops). */
const MAX_LCS_CELLS = 4_000_000;

/**
 * Aligns two paths row by row: hops at the same place share a row (the longest common subsequence of
 * places, so paths that part and meet again line up where they meet); between two such rows, the hops
 * each run took on its own are set side by side.
 */
export function alignHops(a: readonly Hop[], b: readonly Hop[]): HopAlignment {
  const pa = a.map(place);
  const pb = b.map(place);
  const matches = (pa.length + 1) * (pb.length + 1) <= MAX_LCS_CELLS ? commonPlaces(pa, pb) : positional(pa, pb);
  const rows: AlignedRow[] = [];
  let i = 0;
  let j = 0;
  const between = (toA: number, toB: number) => {
    while (i < toA || j < toB) {
      if (i < toA && j < toB) rows.push({ a: i++, b: j++, status: 'apart' });
      else if (i < toA) rows.push({ a: i++, status: 'only-a' });
      else rows.push({ b: j++, status: 'only-b' });
    }
  };
  for (const [x, y] of matches) {
    between(x, y);
    rows.push({ a: x, b: y, status: hopDecision(a[x]!) === hopDecision(b[y]!) ? 'same' : 'differs' });
    i = x + 1;
    j = y + 1;
  }
  between(a.length, b.length);
  const parted = rows.findIndex((r) => r.status !== 'same');
  const rejoined = parted < 0 ? -1 : rows.findIndex((r, k) => k > parted && r.status === 'same');
  return { rows, ...(parted >= 0 ? { partedAt: parted } : {}), ...(rejoined >= 0 ? { rejoinedAt: rejoined } : {}) };
}

/** Index pairs of a longest common subsequence of two lists, in order. */
function commonPlaces(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  // lengths[i * w + j]: the LCS length of a[i..] and b[j..].
  const lengths = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * w + j] = a[i] === b[j] ? lengths[(i + 1) * w + j + 1]! + 1 : Math.max(lengths[(i + 1) * w + j]!, lengths[i * w + j + 1]!);
    }
  }
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) out.push([i++, j++]);
    else if (lengths[(i + 1) * w + j]! >= lengths[i * w + j + 1]!) i++;
    else j++;
  }
  return out;
}

/** For paths too long to align: the same place at the same position only. */
function positional(a: readonly string[], b: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] === b[k]) out.push([k, k]);
  return out;
}

/** How one side of a comparison ended, in the words the status line uses. */
export interface SideOutcome {
  readonly disposition: Disposition;
  readonly delivered: boolean;
  /** "delivered", "failed: node down", ... */
  readonly label: string;
  readonly reason: string;
}

export function sideOutcome(trace: FlowTrace): SideOutcome {
  return { disposition: trace.disposition, delivered: isDelivered(trace.disposition), label: DISPOSITION_LABEL[trace.disposition], reason: trace.reason };
}

export interface PartComparison {
  readonly alignment: HopAlignment;
  /** Where the paths part (or that they do not), in a sentence or two. */
  readonly parting: string;
  /** Both dispositions in one sentence: "A: delivered. B: failed: node down." */
  readonly verdict: string;
  readonly a: SideOutcome;
  readonly b: SideOutcome;
}

/** A hop's node as the table names it: the switch is "the switch". */
function nodeName(hop: Hop, switchId: string | undefined): string {
  return hop.node === switchId ? 'the switch' : hop.node;
}

/** Compares one part of run A with one part of run B: the aligned rows, where they part, how each ended. */
export function compareParts(a: RunPart, b: RunPart, switchId?: string): PartComparison {
  const alignment = alignHops(a.hops, b.hops);
  const outA = sideOutcome(a.trace);
  const outB = sideOutcome(b.trace);
  return { alignment, parting: describeParting(alignment, a.hops, b.hops, switchId), verdict: `A: ${outA.label}. B: ${outB.label}.`, a: outA, b: outB };
}

/** A step's text without its closing stop, to sit inside a sentence. */
const lead = (text: string): string => text.replace(/[.\s]+$/, '');

export function describeParting(alignment: HopAlignment, a: readonly Hop[], b: readonly Hop[], switchId?: string): string {
  const { rows, partedAt, rejoinedAt } = alignment;
  if (partedAt === undefined) {
    return rows.length === 0 ? 'Neither run has a hop here.' : `The two paths are the same, hop for hop (${rows.length} ${rows.length === 1 ? 'hop' : 'hops'}).`;
  }
  const row = rows[partedAt]!;
  const before = partedAt === 0 ? 'from the first hop' : `after ${partedAt} shared ${partedAt === 1 ? 'hop' : 'hops'}`;
  const ha = row.a !== undefined ? a[row.a] : undefined;
  const hb = row.b !== undefined ? b[row.b] : undefined;
  let text: string;
  if (ha && hb && row.status === 'differs') {
    text = `The paths part at hop ${row.a! + 1}, ${before}: both reach ${nodeName(ha, switchId)}, and there they part. A: ${lead(hopSummary(ha))}. B: ${lead(hopSummary(hb))}.`;
  } else if (ha && hb) {
    text = `The paths part ${before}: A's hop ${row.a! + 1} is ${nodeName(ha, switchId)}, B's hop ${row.b! + 1} is ${nodeName(hb, switchId)}.`;
  } else if (ha) {
    text = `B's path ends ${before}; A goes on to ${nodeName(ha, switchId)} (hop ${row.a! + 1}).`;
  } else {
    text = `A's path ends ${before}; B goes on to ${nodeName(hb!, switchId)} (hop ${row.b! + 1}).`;
  }
  if (rejoinedAt !== undefined) {
    const r = rows[rejoinedAt]!;
    text += ` They meet again at ${nodeName(a[r.a!]!, switchId)} (A's hop ${r.a! + 1}, B's hop ${r.b! + 1}).`;
  }
  return text;
}
