// TCP endpoints for one node (RFC 793, the parts the simulator shows): listeners, the three-way
// handshake, RST for a port with no listener, SYN retransmission, data segments carrying
// application layers (BGP messages) or a byte stream cut at the MSS (TLS), ACKs delayed or sent for
// every second segment, FIN. Segments are read from the bytes received.
import type { Layer, TcpFlags } from '../packets/layers';
import { IPPROTO_TCP } from '../packets/layers';
import { u32ToIp } from '../net/addr';
import { ACK, FIN_ACK, PSH_ACK, rawPayload, RST, RST_ACK, SYN, SYN_ACK, tcp } from '../net/build';
import { FlowMap } from '../net/flowMap';
import { decodePacket } from '../net/codec';
import { ETH_HLEN, ipDst, ipHeaderLen, ipSrc, ipTotalLen, l4DstPort, l4SrcPort, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, tcpAck, tcpFlags, tcpHeaderLen, tcpMss, tcpSeq } from '../net/frame';
import { SECOND, Timing } from '../sim/timing';
import type { Timer } from '../sim/scheduler';
import type { IpStack } from './ipstack';
import type { Note } from '../view/notes';

const NO_PAYLOAD: readonly Layer[] = [];

/** 'unreachable': the SYN could not be sent at all (no route): the application gets an error at once. */
export type CloseReason = 'reset' | 'closed' | 'timeout' | 'unreachable';

export interface TcpHandlers {
  /** A SYN left: the first, or a retransmission. */
  onSynSent?(conn: Conn): void;
  onEstablished?(conn: Conn): void;
  /** In-order data arrived: its layers (after TCP), the packet's trace tag and the payload's bytes (a copy). */
  onData?(conn: Conn, layers: readonly Layer[], tag: number, payload: Uint8Array): void;
  /** How the trace names data delivered to this end ("PortalVM's HTTPS service receives the ClientHello"). */
  deliveredText?(conn: Conn, layers: readonly Layer[]): string;
  onClose?(conn: Conn, reason: CloseReason): void;
}

export interface Conn {
  readonly localIp: number;
  readonly localPort: number;
  readonly remoteIp: number;
  readonly remotePort: number;
  state: 'syn-sent' | 'syn-received' | 'established' | 'fin-wait' | 'last-ack' | 'closed';
  sndNxt: number;
  rcvNxt: number;
  handlers: TcpHandlers;
  ackTimer: Timer | undefined;
  synTries: number;
  /** Tag of this connection's packets after its first (the flow's label-only tag; 0 for untraced connections). */
  tag: number;
  /** When the first SYN was sent (for the give-up explanation). */
  openedAt: number;
  /** Data sent and not yet acknowledged, oldest first (made by the first send). */
  unacked: Unacked[] | undefined;
  /** Retransmissions of the oldest unacknowledged segment so far, and the current timeout. */
  rtxTries: number;
  rto: number;
  /** Bumped whenever the retransmission timer restarts: an older timer's callback does nothing. */
  rtxGen: number;
  rtxPending: boolean;
  /** When the pending retransmission timer fires. */
  rtxAt: number;
  /** The largest segment this end sends: the smaller of its own MSS and the one the peer announced. */
  sndMss: number;
  /** Data segments received since this end last sent an ACK (Windows acknowledges every second one). */
  segsUnacked: number;
  /** The MSS this end announces: its interface's MTU less the IPv4 and TCP headers. */
  readonly mss: number;
}

/** IPv4 and TCP headers without options: the MSS a stack announces is its interface's MTU less these (RFC 9293 3.7.1). */
export const TCP_IP_HEADERS = 40;

/**
 * Windows acknowledges every second data segment at once and delays the ACK of a lone one (TcpAckFrequency 2,
 * delayed-ACK timer 200 ms; doc: Microsoft KB 328890, RFC 1122 4.2.3.2).
 */
export const ACK_FREQUENCY = 2;

interface Unacked {
  readonly seq: number;
  readonly len: number;
  readonly payload: readonly Layer[];
  readonly why: string;
  readonly sentAt: number;
}

/** a <= b in sequence space (RFC 793 3.3, modulo 2^32). */
const seqLe = (a: number, b: number): boolean => ((b - a) | 0) >= 0;

/** Connections by (remote address, remote port * 65536 + local port). */
const ports = (remotePort: number, localPort: number): number => remotePort * 65536 + localPort;

export class TcpStack {
  /** Made by the first listen(): most nodes never listen. */
  private listeners: Map<number, (conn: Conn) => TcpHandlers> | undefined;
  private readonly conns = new FlowMap<Conn>();
  /** Connections this node opened, by local port (made by the first connect()): to know its own SYN when it comes back. */
  private opened: Map<number, Conn> | undefined;

  constructor(private readonly ip: IpStack) {
    ip.tcp = (ifIndex, bytes, tag) => this.input(ifIndex, bytes, tag);
  }

  private lookup(remoteIp: number, remotePort: number, localPort: number): Conn | undefined {
    return this.conns.get(remoteIp, ports(remotePort, localPort));
  }

  private isCurrent(conn: Conn): boolean {
    return this.lookup(conn.remoteIp, conn.remotePort, conn.localPort) === conn;
  }

  private add(conn: Conn): void {
    this.conns.set(conn.remoteIp, ports(conn.remotePort, conn.localPort), 0, 0, conn);
  }

  listen(port: number, accept: (conn: Conn) => TcpHandlers): void {
    (this.listeners ??= new Map()).set(port, accept);
  }

  hasListener(port: number): boolean {
    return this.listeners?.has(port) ?? false;
  }

  /** Opens a connection from an ephemeral port chosen by the seeded RNG; the SYN carries `tag`. */
  connect(dst: number, dstPort: number, handlers: TcpHandlers, tag: number): Conn {
    const { rng } = this.ip;
    let localPort = rng.int(49152, 65535);
    while (this.lookup(dst, dstPort, localPort)) localPort = localPort === 65535 ? 49152 : localPort + 1;
    const route = this.ip.routes.lookup(dst);
    const out = route ? this.ip.ifaces[route.ifIndex] : this.ip.ifaces[0];
    const localIp = out?.ip ?? 0;
    const mss = (out?.mtu ?? 1500) - TCP_IP_HEADERS;
    const iss = rng.nextU32();
    const conn: Conn = { localIp, localPort, remoteIp: dst, remotePort: dstPort, state: 'syn-sent', sndNxt: (iss + 1) >>> 0, rcvNxt: 0, handlers, ackTimer: undefined, synTries: 0, tag: this.ip.ctx.tracer.followTag(tag), openedAt: this.ip.ctx.sched.now, unacked: undefined, rtxTries: 0, rto: Timing.dataRto, rtxGen: 0, rtxPending: false, rtxAt: 0, sndMss: mss, segsUnacked: 0, mss };
    this.add(conn);
    (this.opened ??= new Map()).set(localPort, conn);
    this.sendSyn(conn, iss, tag);
    return conn;
  }

  private sendSyn(conn: Conn, iss: number, tag: number): void {
    conn.synTries++;
    const me = this.ip.node.id;
    const { sched, rec } = this.ip.ctx;
    const rto = Timing.synRetry * 2 ** (conn.synTries - 1);
    const retry = conn.synTries - 1;
    const why = tag || rec.full
      ? retry === 0
        ? ({ key: 'tcp-syn', node: me, ip: conn.remoteIp, port: conn.remotePort } satisfies Note)
        : `${me} has had no SYN-ACK for ${rto / 2 / SECOND} s, so it sends the SYN again (retransmission ${retry} of ${Timing.synTries - 1}; the wait doubles each time).`
      : '';
    if (retry > 0 && rec.full) {
      rec.eventWith('tcp-retransmit', me, `${me} retransmits its SYN to ${u32ToIp(conn.remoteIp)}:${conn.remotePort} (retransmission ${retry} of ${Timing.synTries - 1}, next wait ${rto / SECOND} s)`, {
        segment: 'syn', retransmission: retry, of: Timing.synTries - 1, rto, local: `${u32ToIp(conn.localIp)}:${conn.localPort}`, remote: `${u32ToIp(conn.remoteIp)}:${conn.remotePort}`, ...this.flowOf(conn),
      }, 'tcp');
    }
    if (this.segment(conn, iss, 0, SYN, NO_PAYLOAD, tag, why, conn.mss) < 0) {
      // No route: nothing is sent and nothing will be retransmitted (Windows fails the connect at once).
      // Told after this call returns, so the caller holds the connection when its handler runs.
      this.ip.node.later(0, () => {
        if (conn.state !== 'syn-sent' || !this.isCurrent(conn)) return;
        rec.event('info', me, `${me} cannot open a connection to ${u32ToIp(conn.remoteIp)}:${conn.remotePort}: no route, so the application is told at once (network unreachable)`, 'tcp');
        this.drop(conn, 'unreachable');
      });
      return;
    }
    conn.handlers.onSynSent?.(conn);
    sched.call(sched.now + rto, TcpStack.synTimeout, this, conn, iss);
  }

  private flowOf(conn: Conn): { flowId?: string } {
    const id = this.ip.ctx.tracer.flowId(conn.tag);
    return id === undefined ? {} : { flowId: id };
  }

  /** The SYN went unanswered: send it again, or give up. (No closure: one of these waits for every connection.) */
  private static synTimeout(stack: TcpStack, conn: Conn, iss: number): void {
    // A node that is down does nothing; one that restarted has forgotten the connection.
    if (!stack.ip.node.up || conn.state !== 'syn-sent' || !stack.isCurrent(conn)) return;
    if (conn.synTries < Timing.synTries) {
      stack.sendSyn(conn, iss, conn.tag);
      return;
    }
    const { rec, sched } = stack.ip.ctx;
    if (rec.full) {
      const me = stack.ip.node.id;
      const waited = (sched.now - conn.openedAt) / SECOND;
      rec.eventWith('tcp-gave-up', me, `${me} gives up connecting to ${u32ToIp(conn.remoteIp)}:${conn.remotePort}: no SYN-ACK to ${conn.synTries} SYNs in ${waited} s (Windows: TcpMaxConnectRetransmissions ${Timing.synTries - 1}, first retransmission timeout (RTO) ${Timing.synRetry / SECOND} s)`, {
        segment: 'syn', retransmissions: conn.synTries - 1, firstSent: conn.openedAt, local: `${u32ToIp(conn.localIp)}:${conn.localPort}`, remote: `${u32ToIp(conn.remoteIp)}:${conn.remotePort}`, ...stack.flowOf(conn),
      }, 'tcp');
    }
    stack.drop(conn, 'timeout');
  }

  /** Sends application layers (e.g. BGP messages) on an established connection, in one segment. */
  send(conn: Conn, payload: readonly Layer[], why: string, tag = conn.tag): void {
    if (conn.state !== 'established') return;
    this.cancelAck(conn);
    const seq = conn.sndNxt;
    const sent = this.segment(conn, seq, conn.rcvNxt, PSH_ACK, payload, tag, why);
    if (sent <= 0) return;
    conn.sndNxt = (seq + sent) >>> 0;
    (conn.unacked ??= []).push({ seq, len: sent, payload, why, sentAt: this.ip.ctx.sched.now });
    if (!conn.rtxPending) this.armRtx(conn);
  }

  /**
   * Sends a byte stream (e.g. TLS records) cut into segments of at most the connection's MSS, back to back
   * (Windows' initial window of 10 segments covers what the simulator sends); PSH on the last one. The first
   * segment carries `tag`, the rest the connection's; `why(i, n)` says what segment i of n holds.
   */
  sendStream(conn: Conn, data: Uint8Array, why: (i: number, n: number) => string, tag = conn.tag): void {
    if (conn.state !== 'established' || data.length === 0) return;
    this.cancelAck(conn);
    const n = Math.ceil(data.length / conn.sndMss);
    for (let i = 0; i < n; i++) {
      const chunk = data.subarray(i * conn.sndMss, Math.min(data.length, (i + 1) * conn.sndMss));
      const payload = [rawPayload(chunk)];
      const seq = conn.sndNxt;
      const text = why(i, n);
      const sent = this.segment(conn, seq, conn.rcvNxt, i === n - 1 ? PSH_ACK : ACK, payload, i === 0 ? tag : conn.tag, text);
      if (sent <= 0) return;
      conn.sndNxt = (seq + sent) >>> 0;
      (conn.unacked ??= []).push({ seq, len: sent, payload, why: text, sentAt: this.ip.ctx.sched.now });
    }
    if (!conn.rtxPending) this.armRtx(conn);
  }

  /** (Re)starts the retransmission timer for the oldest unacknowledged segment. */
  private armRtx(conn: Conn): void {
    const { sched } = this.ip.ctx;
    conn.rtxPending = true;
    conn.rtxAt = sched.now + conn.rto;
    sched.call(conn.rtxAt, TcpStack.rtxTimeout, this, conn, ++conn.rtxGen);
  }

  /**
   * When TCP gives up on `conn` if nothing it sends is acknowledged from now on: once the retransmissions of its
   * oldest unacknowledged data run out (TcpMaxDataRetransmissions), or, with nothing outstanding, those of data it
   * will first send at `nextSend`. Undefined when it has nothing outstanding and nothing to send.
   */
  giveUpAt(conn: Conn, nextSend: number | undefined): number | undefined {
    const pending = conn.rtxPending && (conn.unacked?.length ?? 0) > 0;
    if (!pending && nextSend === undefined) return undefined;
    // The next timeout, the wait before it, and the retransmissions already made.
    let at = pending ? conn.rtxAt : nextSend! + Timing.dataRto;
    let rto = pending ? conn.rto : Timing.dataRto;
    for (let tries = pending ? conn.rtxTries : 0; tries < Timing.dataRetries; tries++) {
      rto *= 2;
      at += rto;
    }
    return at;
  }

  /** An ACK arrived: forget what it covers; if anything is left, the timer starts again from the base RTO. */
  private acked(conn: Conn, ack: number): void {
    const q = conn.unacked;
    if (!q || q.length === 0) return;
    let n = 0;
    while (n < q.length && seqLe((q[n]!.seq + q[n]!.len) >>> 0, ack)) n++;
    if (n === 0) return;
    q.splice(0, n);
    conn.rtxTries = 0;
    conn.rto = Timing.dataRto;
    conn.rtxGen++;
    conn.rtxPending = false;
    if (q.length > 0) this.armRtx(conn);
  }

  /** No ACK in time: send the oldest segment again (RTO doubled), or give up after TcpMaxDataRetransmissions. */
  private static rtxTimeout(stack: TcpStack, conn: Conn, gen: number): void {
    if (gen !== conn.rtxGen || !stack.ip.node.up || conn.state === 'closed' || !stack.isCurrent(conn)) return;
    conn.rtxPending = false;
    const first = conn.unacked?.[0];
    if (!first) return;
    const { rec, sched } = stack.ip.ctx;
    const me = stack.ip.node.id;
    const local = `${u32ToIp(conn.localIp)}:${conn.localPort}`;
    const remote = `${u32ToIp(conn.remoteIp)}:${conn.remotePort}`;
    if (conn.rtxTries >= Timing.dataRetries) {
      if (rec.full) {
        const waited = (sched.now - first.sentAt) / SECOND;
        rec.eventWith('tcp-gave-up', me, `${me} gives up on its connection to ${remote}: ${conn.rtxTries} retransmissions of the same data went unacknowledged for ${+waited.toFixed(3)} s (Windows: TcpMaxDataRetransmissions ${Timing.dataRetries}); the application is told the connection failed`, {
          segment: 'data', retransmissions: conn.rtxTries, firstSent: first.sentAt, local, remote, ...stack.flowOf(conn),
        }, 'tcp');
      }
      stack.drop(conn, 'timeout');
      return;
    }
    conn.rtxTries++;
    const waited = conn.rto;
    conn.rto *= 2;
    const why = `${me} has had no ACK for ${waited / 1000} ms, so it sends the same data again (retransmission ${conn.rtxTries} of ${Timing.dataRetries}; the wait doubles each time). ${first.why}`;
    if (rec.full) {
      rec.eventWith('tcp-retransmit', me, `${me} retransmits ${first.len} bytes to ${remote} (retransmission ${conn.rtxTries} of ${Timing.dataRetries}, next wait ${conn.rto / 1000} ms)`, {
        segment: 'data', retransmission: conn.rtxTries, of: Timing.dataRetries, rto: conn.rto, local, remote, ...stack.flowOf(conn),
      }, 'tcp');
    }
    stack.segment(conn, first.seq, conn.rcvNxt, PSH_ACK, first.payload, conn.tag, why);
    stack.armRtx(conn);
  }

  /** Active close: FIN, then the connection is forgotten once the peer's FIN is acknowledged. */
  close(conn: Conn, why = `${this.ip.node.id} closes the TCP connection (FIN).`): void {
    if (conn.state !== 'established') {
      this.drop(conn, 'closed');
      return;
    }
    this.cancelAck(conn);
    this.segment(conn, conn.sndNxt, conn.rcvNxt, FIN_ACK, NO_PAYLOAD, conn.tag, why);
    conn.sndNxt = (conn.sndNxt + 1) >>> 0;
    conn.state = 'fin-wait';
  }

  /** Forgets every connection (a node that restarts). */
  reset(): void {
    this.conns.clear();
    this.opened?.clear();
  }

  private drop(conn: Conn, reason: CloseReason): void {
    this.cancelAck(conn);
    conn.rtxGen++;
    conn.rtxPending = false;
    const was = conn.state;
    conn.state = 'closed';
    this.conns.delete(conn.remoteIp, ports(conn.remotePort, conn.localPort));
    if (this.opened?.get(conn.localPort) === conn) this.opened.delete(conn.localPort);
    // In LAST-ACK the application was told when the peer's FIN arrived: once is enough.
    if (was !== 'closed' && was !== 'last-ack') conn.handlers.onClose?.(conn, reason);
  }

  private cancelAck(conn: Conn): void {
    if (conn.ackTimer) conn.ackTimer.cancelled = true;
    conn.ackTimer = undefined;
  }

  /** Encodes and sends one segment; returns the payload length in bytes, or -1 when it could not be sent (no route). */
  private segment(conn: Conn, seq: number, ack: number, flags: TcpFlags, payload: readonly Layer[], tag: number, why: Note, mss?: number): number {
    const header = tcp(conn.localPort, conn.remotePort, seq, ack, flags, mss);
    if (flags.ack) conn.segsUnacked = 0;
    const bytes = this.ip.originate(conn.remoteIp, IPPROTO_TCP, payload.length === 0 ? [header] : [header, ...payload], tag, why);
    if (!bytes) return -1;
    const o = ETH_HLEN;
    const t = o + ipHeaderLen(bytes, o);
    return ipTotalLen(bytes, o) - (t - o) - tcpHeaderLen(bytes, t);
  }

  private input(ifIndex: number, bytes: Uint8Array, tag: number): void {
    const { tracer } = this.ip.ctx;
    const me = this.ip.node.id;
    const o = ETH_HLEN;
    const t = o + ipHeaderLen(bytes, o);
    const src = ipSrc(bytes, o);
    const srcPort = l4SrcPort(bytes, t);
    const dstPort = l4DstPort(bytes, t);
    const flags = tcpFlags(bytes, t);
    const seq = tcpSeq(bytes, t);
    const payloadLen = ipTotalLen(bytes, o) - (t - o) - tcpHeaderLen(bytes, t);
    const conn = this.lookup(src, srcPort, dstPort);
    const reply = tracer.replyTag(tag);
    if (!conn) {
      if (flags & TCP_RST) return;
      const own = flags & TCP_SYN && !(flags & TCP_ACK) && this.opened ? this.ownSynBack(src, srcPort) : undefined;
      if (own) {
        this.backToSender(own, bytes, dstPort, tag);
        return;
      }
      const accept = flags & TCP_SYN && !(flags & TCP_ACK) ? this.listeners?.get(dstPort) : undefined;
      if (!accept) {
        // A port that listens takes only a SYN (accepted above): any other segment, a SYN-ACK included, belongs to a
        // connection this node no longer has.
        const stale = this.listeners?.has(dstPort) === true;
        const why = stale
          ? `${me} listens on TCP ${dstPort}, but has no connection with ${u32ToIp(src)}:${srcPort} (it was closed, or lost when the node restarted): a segment other than SYN gets RST.`
          : `${me} has no listener on TCP ${dstPort}, so it answers with RST.`;
        if (tag) tracer.end(tag, 'no-listener', stale ? `${me} (${u32ToIp(ipDst(bytes, o))}) has no connection with ${u32ToIp(src)}:${srcPort} on TCP ${dstPort}: reset` : `nothing listens on TCP port ${dstPort} at ${me} (${u32ToIp(ipDst(bytes, o))}): connection refused`, bytes, why);
        const rstSeq = flags & TCP_ACK ? tcpAck(bytes, t) : 0;
        this.ip.originate(src, IPPROTO_TCP, [tcp(dstPort, srcPort, rstSeq, (seq + payloadLen + (flags & TCP_SYN ? 1 : 0)) >>> 0, flags & TCP_ACK ? RST : RST_ACK)], reply, why);
        return;
      }
      const iss = this.ip.rng.nextU32();
      const mss = (this.ip.ifaces[ifIndex]?.mtu ?? 1500) - TCP_IP_HEADERS;
      const created: Conn = { localIp: ipDst(bytes, o), localPort: dstPort, remoteIp: src, remotePort: srcPort, state: 'syn-received', sndNxt: (iss + 1) >>> 0, rcvNxt: (seq + 1) >>> 0, handlers: {}, ackTimer: undefined, synTries: 0, tag: tracer.followTag(reply), openedAt: this.ip.ctx.sched.now, unacked: undefined, rtxTries: 0, rto: Timing.dataRto, rtxGen: 0, rtxPending: false, rtxAt: 0, sndMss: Math.min(mss, tcpMss(bytes, t)), segsUnacked: 0, mss };
      created.handlers = accept(created);
      this.add(created);
      if (tag) tracer.end(tag, 'delivered', `${me} accepts the connection: a service listens on TCP ${dstPort}`, bytes, `The SYN reached ${me}, which listens on TCP ${dstPort}; it answers with SYN-ACK.`);
      this.segment(created, iss, created.rcvNxt, SYN_ACK, NO_PAYLOAD, reply, reply || this.ip.ctx.rec.full ? ({ key: 'tcp-syn-ack', node: me, port: dstPort } satisfies Note) : '', mss);
      return;
    }
    if (flags & TCP_RST) {
      if (tag) tracer.end(tag, 'delivered', `${me} receives RST: connection refused`, bytes, `${me} receives the reset.`);
      this.drop(conn, 'reset');
      return;
    }
    if (conn.state === 'syn-sent') {
      if (!(flags & TCP_SYN && flags & TCP_ACK) || tcpAck(bytes, t) !== conn.sndNxt) return;
      conn.rcvNxt = (seq + 1) >>> 0;
      conn.sndMss = Math.min(conn.mss, tcpMss(bytes, t));
      conn.state = 'established';
      if (tag) tracer.end(tag, 'delivered', `${me} receives the SYN-ACK: the connection is established`, bytes, `The SYN-ACK matches ${me}'s open connection; it completes the handshake with ACK.`);
      this.segment(conn, conn.sndNxt, conn.rcvNxt, ACK, NO_PAYLOAD, conn.tag, conn.tag || this.ip.ctx.rec.full ? ({ key: 'tcp-ack', node: me } satisfies Note) : '');
      conn.handlers.onEstablished?.(conn);
      return;
    }
    if (conn.state === 'syn-received' && flags & TCP_ACK) {
      conn.state = 'established';
      conn.handlers.onEstablished?.(conn);
    }
    if (flags & TCP_ACK && conn.unacked) this.acked(conn, tcpAck(bytes, t));
    if (conn.state === 'last-ack' && flags & TCP_ACK) {
      this.drop(conn, 'closed');
      return;
    }
    if (payloadLen > 0 && seq === conn.rcvNxt && conn.state === 'established') {
      conn.rcvNxt = (conn.rcvNxt + payloadLen) >>> 0;
      const decoded = decodePacket(bytes);
      const layers = decoded.ok ? decoded.value.layers : [];
      const at = layers.findIndex((l) => l.type === 'tcp');
      const data = layers.slice(at + 1);
      if (tag && tracer.isOpen(tag)) {
        const text = conn.handlers.deliveredText?.(conn, data) ?? `${me} receives ${payloadLen} bytes of data on TCP ${dstPort}`;
        tracer.end(tag, 'delivered', text, bytes, `The segment is the next one ${me} expects on its connection with ${u32ToIp(src)}:${srcPort}, so its data goes up to the application.`);
      }
      if (++conn.segsUnacked >= ACK_FREQUENCY) {
        this.cancelAck(conn);
        this.segment(conn, conn.sndNxt, conn.rcvNxt, ACK, NO_PAYLOAD, conn.tag, `${me} acknowledges the last ${conn.segsUnacked} segments at once: Windows acknowledges every second data segment without waiting (TcpAckFrequency ${ACK_FREQUENCY}).`);
      } else this.scheduleAck(conn);
      const end = ipTotalLen(bytes, o) + o;
      conn.handlers.onData?.(conn, data, tag, bytes.slice(end - payloadLen, end));
    } else if (payloadLen > 0 && conn.state === 'established') {
      // Data already received (a retransmission whose ACK was lost) or out of order: acknowledge at once (RFC 5681 4.2).
      this.cancelAck(conn);
      this.segment(conn, conn.sndNxt, conn.rcvNxt, ACK, NO_PAYLOAD, conn.tag, `${me} has this data already, so it acknowledges at once (duplicate ACK).`);
    }
    if (flags & TCP_FIN) {
      conn.rcvNxt = (conn.rcvNxt + 1) >>> 0;
      this.cancelAck(conn);
      if (conn.state === 'fin-wait') {
        this.segment(conn, conn.sndNxt, conn.rcvNxt, ACK, NO_PAYLOAD, conn.tag, `${me} acknowledges the FIN.`);
        this.drop(conn, 'closed');
        return;
      }
      this.segment(conn, conn.sndNxt, conn.rcvNxt, FIN_ACK, NO_PAYLOAD, conn.tag, `${me} closes its side too (FIN-ACK).`);
      conn.sndNxt = (conn.sndNxt + 1) >>> 0;
      conn.state = 'last-ack';
      conn.handlers.onClose?.(conn, 'closed');
    }
  }

  /**
   * This node's own connection, still waiting for its SYN-ACK, whose SYN this is: sent to a load-balanced VIP, it came
   * back with the destination rewritten to this node (the hash picked the sender itself as the server).
   */
  private ownSynBack(src: number, srcPort: number): Conn | undefined {
    const conn = this.opened!.get(srcPort);
    return conn && conn.state === 'syn-sent' && conn.localIp === src && conn.remoteIp !== src && this.ip.isLocal(src) ? conn : undefined;
  }

  /**
   * Azure Load Balancer does not support a backend reaching its own load-balanced frontend when the flow maps back to
   * that backend: the guest sees its outbound half (to the VIP) and an inbound half (from itself to itself) that its
   * TCP stack does not match, and the connection times out (documented: Azure Load Balancer, "Components and
   * limitations", learn.microsoft.com/azure/load-balancer/concepts-limitations, Limitations; the SLB of Windows Server
   * 2016 and Azure Stack is the same design, S10). Any answer to this SYN goes to the node itself, so it never leaves
   * it, and matches none of its connections: nothing is sent, and the connection's SYN retransmissions, with the same
   * 5-tuple, are picked for the same server and come back the same way.
   */
  private backToSender(own: Conn, bytes: Uint8Array, dstPort: number, tag: number): void {
    const { tracer, rec } = this.ip.ctx;
    const me = this.ip.node.id;
    const self = u32ToIp(own.localIp);
    const vip = `${u32ToIp(own.remoteIp)}:${own.remotePort}`;
    if (tag) {
      const reason =
        `${me} receives its own SYN: the load balancer picked ${me} itself as the server for ${me}'s connection to ${vip}, so the SYN arrives from ${self}:${own.localPort} to ${u32ToIp(ipDst(bytes, ETH_HLEN))}:${dstPort}. ` +
        `${me} waits for an answer from ${vip}, but its answer to this SYN would come from ${self}:${dstPort} and go to itself: the two halves of the connection do not match, so it never comes up. ` +
        "Azure's load balancer documents this as not supported: a server's connection to its own load-balanced VIP fails when the hash picks that same server";
      tracer.end(tag, 'back-to-sender', reason, bytes, `The SYN came back to the server that sent it. An answer to itself would never leave ${me}, and would match none of its connections, so ${me} sends nothing.`);
    }
    if (rec.full) rec.eventWith('drop', me, `${me} drops its own SYN that the load balancer sent back to it: its connection to ${vip} waits for an answer from there, not from itself`, { reason: 'back-to-sender' }, 'tcp');
  }

  private scheduleAck(conn: Conn): void {
    if (conn.ackTimer) return;
    conn.ackTimer = this.ip.ctx.sched.timer(this.ip.ctx.sched.now + Timing.delayedAck, () => {
      conn.ackTimer = undefined;
      if (!this.ip.node.up || conn.state !== 'established' || !this.isCurrent(conn)) return;
      this.segment(conn, conn.sndNxt, conn.rcvNxt, ACK, NO_PAYLOAD, conn.tag, `${this.ip.node.id} acknowledges data (delayed ACK: a lone segment waits up to ${Timing.delayedAck / 1000} ms for data to ride along with).`);
    });
  }
}
