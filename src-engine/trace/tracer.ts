// Builds Batfish-style traces as the simulation runs. A traced packet carries a tag beside its bytes
// (like a capture filter's mark; devices still decide from the bytes). Each node the tagged packet
// visits opens a hop, adds steps (received, ARP, route, rewrite, ...) and closes it when the packet
// leaves or ends there. Odd tags are requests; tag + 1 is the answer to them.
import type { Disposition, Hop, HopStep, SimTime } from '../protocol';
import type { Scheduler } from '../sim/scheduler';
import { decodeLayers } from './describe';
import { nodeId, type NodeId } from '../view/ids';
import { noteText, type Note } from '../view/notes';

interface HopBuild {
  node: NodeId;
  interface: string;
  time: SimTime;
  steps: HopStep[];
}

export interface TraceBuild {
  readonly id: string;
  readonly description: string;
  readonly hops: Hop[];
  current: HopBuild | undefined;
  final: { disposition: Disposition; reason: string; time: SimTime } | undefined;
  /** True once any hop was opened: an answer exists. */
  started: boolean;
  /** A label-only build: its frames carry the flow's id, but no hops are recorded (retransmissions, later segments). */
  readonly labelOnly: boolean;
  /** The tag the connection's later packets carry once this traced packet is on its way (its label-only twin). */
  follow: number | undefined;
}

export class Tracer {
  private readonly builds = new Map<number, TraceBuild>();

  constructor(private readonly sched: Scheduler) {}

  /** Registers a request tag (odd) and its answer tag (tag + 1). */
  open(tag: number, id: string, description: string): void {
    this.builds.set(tag, { id, description, hops: [], current: undefined, final: undefined, started: false, labelOnly: false, follow: undefined });
    this.builds.set(tag + 1, { id: `${id}-reply`, description: `answer to ${description}`, hops: [], current: undefined, final: undefined, started: false, labelOnly: false, follow: undefined });
  }

  /**
   * Registers `labelTag` (odd) and `labelTag + 1` as label-only twins of the traced pair `tracedTag`:
   * frames that carry them belong to the same flow (same flow ids) but add no hops. A connection's
   * packets after its first one (retransmitted SYNs, the handshake's ACK, data, FIN) carry them.
   */
  label(tracedTag: number, labelTag: number): void {
    const req = this.builds.get(tracedTag);
    const reply = this.builds.get(tracedTag + 1);
    if (!req || !reply) return;
    this.builds.set(labelTag, { id: req.id, description: req.description, hops: [], current: undefined, final: undefined, started: false, labelOnly: true, follow: undefined });
    this.builds.set(labelTag + 1, { id: reply.id, description: reply.description, hops: [], current: undefined, final: undefined, started: false, labelOnly: true, follow: undefined });
    req.follow = labelTag;
    reply.follow = labelTag + 1;
  }

  /**
   * Registers `tag` (odd) and `tag + 1` as a label-only pair of their own: frames that carry them (and the
   * answers to them) belong to flow `id` and `${id}-reply` but add no hops. Background traffic that should
   * still be told apart from the rest, such as the SLB host agent's health probes, uses one.
   */
  labelPair(tag: number, id: string, description: string): void {
    this.builds.set(tag, { id, description, hops: [], current: undefined, final: undefined, started: false, labelOnly: true, follow: undefined });
    this.builds.set(tag + 1, { id: `${id}-reply`, description: `answer to ${description}`, hops: [], current: undefined, final: undefined, started: false, labelOnly: true, follow: undefined });
  }

  /** The tag a connection's later packets carry after a first packet tagged `tag`: its label-only twin, else itself. */
  followTag(tag: number): number {
    return tag === 0 ? 0 : (this.builds.get(tag)?.follow ?? tag);
  }

  get(tag: number): TraceBuild | undefined {
    return this.builds.get(tag);
  }

  /** The tag an answer to a packet of `tag` carries; 0 (untraced) for answers to answers. */
  replyTag(tag: number): number {
    return tag !== 0 && tag % 2 === 1 && this.builds.has(tag + 1) ? tag + 1 : 0;
  }

  /** The flow id transmissions of this tag belong to. */
  flowId(tag: number): string | undefined {
    return tag === 0 ? undefined : this.builds.get(tag)?.id;
  }

  isOpen(tag: number): boolean {
    const b = this.builds.get(tag);
    return b !== undefined && b.final === undefined && !b.labelOnly;
  }

  begin(tag: number, node: string, iface: string, first?: HopStep): void {
    const b = this.builds.get(tag);
    if (!b || b.final || b.labelOnly) return;
    this.flush(b);
    b.started = true;
    b.current = { node: nodeId(node), interface: iface, time: this.sched.now, steps: first ? [first] : [] };
  }

  step(tag: number, step: HopStep): void {
    const cur = this.builds.get(tag)?.current;
    if (cur) cur.steps.push(step);
  }

  /** The packet left the current hop as `bytes` in transmission `txId`; `why` is its frame's note (made text here: a hop's reason is read as one). */
  sent(tag: number, iface: string, bytes: Uint8Array, txId: number, why: Note): void {
    const b = this.builds.get(tag);
    const cur = b?.current;
    if (!b || !cur) return;
    cur.steps.push({ kind: 'sent', interface: iface, text: `sent out of ${iface}` });
    b.hops.push({ node: cur.node, interface: cur.interface, time: cur.time, steps: cur.steps, layers: decodeLayers(bytes), transmissionId: txId, why: noteText(why) });
    b.current = undefined;
  }

  /** The packet left the current hop out of `iface` in transmission `txId`, into a link that is down: it is lost there. */
  lost(tag: number, iface: string, bytes: Uint8Array, txId: number, reason: string, why: Note): void {
    this.step(tag, { kind: 'sent', interface: iface, text: `sent out of ${iface}` });
    this.end(tag, 'link-down', reason, bytes, noteText(why), txId);
  }

  /**
   * The packet ends at the current hop: delivered, dropped, or answered with an error. `txId`: the transmission
   * it was lost in, when it left the hop into a link that is down (the hop then says both: sent, and lost).
   */
  end(tag: number, disposition: Disposition, reason: string, bytes: Uint8Array | undefined, why: string, txId?: number): void {
    const b = this.builds.get(tag);
    if (!b || b.final || b.labelOnly) return;
    const cur = b.current;
    if (cur) {
      cur.steps.push(disposition === 'delivered' ? { kind: 'delivered', text: reason } : { kind: 'dropped', reason: disposition, text: reason });
      const layers = bytes ? decodeLayers(bytes) : [];
      b.hops.push({ node: cur.node, interface: cur.interface, time: cur.time, steps: cur.steps, layers, why, ...(txId !== undefined ? { transmissionId: txId } : {}) });
      b.current = undefined;
    }
    b.final = { disposition, reason, time: this.sched.now };
  }

  private flush(b: TraceBuild): void {
    const cur = b.current;
    if (cur) b.hops.push({ node: cur.node, interface: cur.interface, time: cur.time, steps: cur.steps, layers: [], why: cur.steps.map((s) => s.text).join('; ') });
    b.current = undefined;
  }
}
