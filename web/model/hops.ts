// Which hop of which traced flow a transmission belongs to: the hop that sent it (its decision, its
// "why") and, when the frame ends the flow, the hop that received it.
import type { FlowTrace, Hop, RunResult, Transmission } from '../../src-engine/protocol';
import { shortTime } from './format';

export interface FlowPart {
  /** 'dns', 'dns-reply', 'flow', 'flow-reply' for the first attempt; 'flow-2', 'flow-2-reply', ... for later ones. */
  readonly key: string;
  readonly title: string;
  readonly trace: FlowTrace;
  readonly hops: readonly Hop[];
  /** The answer's part ends the flow; the request's part ends with the trace's disposition. */
  readonly isReply: boolean;
}

export interface HopRef {
  readonly part: FlowPart;
  readonly index: number;
  readonly hop: Hop;
}

export interface HopContext {
  readonly sender?: HopRef;
  readonly receiver?: HopRef;
}

export function flowParts(result: RunResult): FlowPart[] {
  const parts: FlowPart[] = [];
  const add = (trace: FlowTrace | undefined, base: string, title: string) => {
    if (!trace) return;
    parts.push({ key: base, title, trace, hops: trace.hops, isReply: false });
    if (trace.returnHops.length > 0) parts.push({ key: `${base}-reply`, title: `${title}: the answer`, trace, hops: trace.returnHops, isReply: true });
  };
  const attempts = result.attempts ?? [result.trace];
  attempts.forEach((a, i) => {
    const prefix = attempts.length > 1 ? `Attempt ${a.attempt ?? i + 1} at ${shortTime(a.startedAt ?? 0)}: ` : '';
    add(i === 0 ? (a.dns ?? result.dnsTrace) : a.dns, a.dns?.id ?? 'dns', `${prefix}DNS lookup`);
    add(a, a.id, `${prefix}${a.description || 'The flow'}`);
  });
  return parts;
}

export function hopContext(parts: readonly FlowPart[], tx: Transmission): HopContext {
  for (const part of parts) {
    const i = part.hops.findIndex((h) => h.transmissionId === tx.id && h.node === tx.fromNode);
    if (i < 0) continue;
    const next = part.hops[i + 1];
    const receiver = next && next.node === tx.toNode ? { part, index: i + 1, hop: next } : undefined;
    return receiver ? { sender: { part, index: i, hop: part.hops[i]! }, receiver } : { sender: { part, index: i, hop: part.hops[i]! } };
  }
  for (const part of parts) {
    const i = part.hops.findIndex((h) => h.transmissionId === tx.id && h.node === tx.toNode);
    if (i >= 0) return { receiver: { part, index: i, hop: part.hops[i]! } };
  }
  return {};
}

/** The transmission to show for a hop: the frame it sent, else the frame that brought it in. */
export function hopTransmission(part: FlowPart, index: number): number | undefined {
  const hop = part.hops[index];
  if (!hop) return undefined;
  if (hop.transmissionId !== undefined) return hop.transmissionId;
  return part.hops[index - 1]?.transmissionId;
}

/** Is this the part's last hop, where the packet was delivered or died? */
export const isLastHop = (ref: HopRef) => ref.index === ref.part.hops.length - 1;
