// Building blocks for lesson files: anchors that find a moment of the run by a predicate on its frames or
// events, and rubrics that derive a question's right answer and its choices from the engine's records.
import type { FlowTrace, Hop, SimEvent } from '../protocol';
import type { Anchor, Choice, Moment, Rubric } from './model';
import { deviceHops, ipv4, moment, nextDevice, unique, type Frame, type RunQuery } from './query';
import { nextDeviceWhy } from './words';

/** The first frame that matches, optionally after another anchor's moment. */
export function frameWhere(describe: string, pred: (f: Frame, q: RunQuery) => boolean, after?: Anchor): Anchor {
  return {
    describe,
    find: (q) => {
      const from = after?.find(q);
      if (after && !from) return undefined;
      const f = q.frame((x) => pred(x, q), from);
      return f && moment(f);
    },
  };
}

/** The last frame that matches, optionally before another anchor's moment. */
export function lastFrameWhere(describe: string, pred: (f: Frame, q: RunQuery) => boolean, before?: Anchor): Anchor {
  return {
    describe,
    find: (q) => {
      const until = before?.find(q);
      if (before && !until) return undefined;
      const f = q.lastFrame((x) => pred(x, q), until);
      return f && moment(f);
    },
  };
}

/** The first event that matches, optionally at or after another anchor's moment. */
export function eventWhere(describe: string, pred: (e: SimEvent, q: RunQuery) => boolean, after?: Anchor): Anchor {
  return {
    describe,
    find: (q) => {
      const from = after?.find(q);
      if (after && !from) return undefined;
      const e = q.event((x) => pred(x, q), from);
      return e && moment(e);
    },
  };
}

/** The last event that matches. */
export function lastEventWhere(describe: string, pred: (e: SimEvent, q: RunQuery) => boolean): Anchor {
  return {
    describe,
    find: (q) => {
      const e = [...q.events].reverse().find((x) => pred(x, q));
      return e && moment(e);
    },
  };
}

/** A device by name, or read from the run (the server behind the VIP). */
export type NodeRef = string | ((q: RunQuery) => string | undefined);
const nodeOf = (q: RunQuery, node: NodeRef) => (typeof node === 'function' ? node(q) : node);

/** The frame that carries a trace's hop at a device (its `occurrence`-th visit there). */
export function hopFrame(describe: string, trace: (q: RunQuery) => FlowTrace | undefined, node: NodeRef, leg: 'forward' | 'return' = 'forward', occurrence = 0): Anchor {
  return {
    describe,
    find: (q) => {
      const n = nodeOf(q, node);
      const h = n === undefined ? undefined : hopAt(q, trace, n, leg, occurrence);
      if (h?.transmissionId === undefined) return undefined;
      const f = q.byTx(h.transmissionId);
      return f && moment(f);
    },
  };
}

export function hopAt(q: RunQuery, trace: (q: RunQuery) => FlowTrace | undefined, node: string, leg: 'forward' | 'return' = 'forward', occurrence = 0): Hop | undefined {
  const t = trace(q);
  if (!t) return undefined;
  return (leg === 'forward' ? t.hops : t.returnHops).filter((h) => h.node === node)[occurrence];
}

// ---- Traces ------------------------------------------------------------------------------------------

export const dnsTrace = (q: RunQuery) => q.result.dnsTrace;
export const flowTrace = (q: RunQuery) => q.attempts[0];
export const attempt = (n: number) => (q: RunQuery) => q.attempts[n];
/** The flow id the n-th attempt's frames carry. */
export const attemptId = (q: RunQuery, n: number) => q.attempts[n]?.id;
/** Whether a frame belongs to the n-th attempt of the flow. */
export const inAttempt = (n: number) => (f: Frame, q: RunQuery) => f.tx.flowId !== undefined && f.tx.flowId === attemptId(q, n);

// ---- Rubrics -----------------------------------------------------------------------------------------

/** "Which device does this packet go to next?": the trace's next device after `node`, and why, in words (words.ts). */
export function nextDeviceRubric(trace: (q: RunQuery) => FlowTrace | undefined, nodeRef: NodeRef, leg: 'forward' | 'return' = 'forward', occurrence = 0) {
  return (q: RunQuery): Rubric | undefined => {
    const t = trace(q);
    const node = nodeOf(q, nodeRef);
    if (!t || node === undefined) return undefined;
    const hops = leg === 'forward' ? t.hops : t.returnHops;
    const step = nextDevice(hops, node, q.switchId, occurrence);
    if (!step) return undefined;
    const onThisPath = deviceHops([...t.hops, ...t.returnHops], q.switchId).map((h) => h.node);
    return { choices: deviceChoices(q, step.next.node, node, 5, onThisPath), answer: step.next.node, why: nextDeviceWhy(q, step.at, step.next.node) ?? step.at.why };
  };
}

/**
 * Devices to choose from: the right one, the devices the run's frames visit (the sender excluded), in
 * name order so the right answer's place gives nothing away. The devices on the path the question follows
 * (`first`: the DNS query's ADVM, the reply's MuxVM) come before the others.
 */
export function deviceChoices(q: RunQuery, answer: string, exclude: string, max = 5, first: readonly string[] = []): Choice[] {
  const seen = unique(q.frames.flatMap((f) => [f.tx.fromNode, f.tx.toNode ?? '']))
    .filter((n) => n !== '' && n !== q.switchId && n !== exclude && n !== answer)
    .sort();
  const pool = [answer, ...prioritise(seen, q, first)].slice(0, max);
  return pool.sort().map((id) => ({ id, label: id }));
}

/** Devices on the path asked about, then on the traced paths: they make the harder wrong answers. */
function prioritise(nodes: readonly string[], q: RunQuery, first: readonly string[]): string[] {
  const onPath = new Set<string>(q.attempts.flatMap((t) => deviceHops([...t.hops, ...t.returnHops], q.switchId).map((h) => h.node)));
  const rank = (n: string) => (first.includes(n) ? 0 : onPath.has(n) ? 1 : 2);
  return [...nodes].sort((a, b) => rank(a) - rank(b));
}

/**
 * An address question: the right address among the addresses the flow's frames carry; `prefer` (the
 * address before a rewrite, the likeliest wrong answer) comes first among them.
 */
export function addressChoices(q: RunQuery, answer: string, flowIds: readonly string[], max = 4, prefer: readonly string[] = []): Choice[] {
  const seen = unique([
    ...prefer,
    ...q.frames
      .filter((f) => f.tx.flowId !== undefined && flowIds.includes(f.tx.flowId))
      .flatMap((f) => [ipv4(f, 'outer'), ipv4(f, 'inner')].flatMap((l) => (l ? [l.src, l.dst] : []))),
  ]).filter((a) => a !== answer);
  const pool = [answer, ...seen.slice(0, max - 1)];
  return pool.sort(byAddress).map((id) => ({ id, label: id }));
}

/** Addresses in numeric order: a choice's place gives nothing away. */
export const byAddress = (a: string, b: string) => {
  const n = (s: string) => s.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  return n(a) - n(b);
};

/** An engine text as a sentence of feedback: a capital first letter, a full stop at the end. */
export const sentence = (text: string): string => {
  const t = text.trim();
  return t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]\)?$/.test(t) ? '' : '.');
};

/**
 * A conceptual choice whose right option is picked by the engine's data. Options that name a value of the
 * run (an address, a device) are a function of it; undefined when the run lacks the value.
 */
export function choiceRubric(
  options: readonly Choice[] | ((q: RunQuery) => readonly Choice[] | undefined),
  pick: (q: RunQuery, at: Moment) => { readonly answer: string; readonly why: string } | undefined,
) {
  return (q: RunQuery, at: Moment): Rubric | undefined => {
    const choices = typeof options === 'function' ? options(q) : options;
    const r = pick(q, at);
    if (!choices || !r || !choices.some((o) => o.id === r.answer)) return undefined;
    return { choices, answer: r.answer, why: r.why };
  };
}

/** The moments of the frames that match, in time order: what a chapter's `focus` slows down at. */
export function framesWhere(q: RunQuery, pred: (f: Frame, q: RunQuery) => boolean): Moment[] {
  return q.frames.filter((f) => pred(f, q)).map(moment);
}

/** The moments of the events that match, in time order. */
export function eventsWhere(q: RunQuery, pred: (e: SimEvent, q: RunQuery) => boolean): Moment[] {
  return q.events.filter((e) => pred(e, q)).map(moment);
}

/** The frames of a flow id (or several) between two anchors' moments. */
export function framesOf(q: RunQuery, flowIds: readonly string[]): number[] {
  return q.frames.filter((f) => f.tx.flowId !== undefined && flowIds.includes(f.tx.flowId)).map((f) => f.tx.id);
}
