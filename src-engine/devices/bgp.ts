// BGP-4 (RFC 4271) as MuxVM and BGPVM speak it: a real TCP session on port 179 (the MUX initiates,
// BGPVM listens), the RFC's finite state machine (Idle, Connect, Active, OpenSent, OpenConfirm,
// Established, each change a `bgp-state` event), OPEN sent by both sides as soon as TCP is up with the
// capabilities a Windows speaker offers (bgpDefaults.ts), KEEPALIVE every keepalive interval with the RFC's
// jitter, UPDATEs announcing one /32 per VIP with NEXT_HOP the MUX, ORIGIN IGP and AS_PATH [own AS]; the
// hold timer, whose expiry sends NOTIFICATION (code 4) and removes every route learned from that peer;
// withdrawals. The RIB says where each route came from.
import { capabilityText } from '../packets/bgpOpen';
import type { BgpCapability, BgpMessage, Layer } from '../packets/layers';
import { PORT_BGP } from '../packets/layers';
import { ipToU32, parseCidr, u32ToIp } from '../net/addr';
import type { Timer } from '../sim/scheduler';
import type { Provenance } from '../topology/schema';
import type { BgpDownCause, BgpState } from '../protocol';
import { combinedProv } from '../view/provenance';
import type { IpStack } from './ipstack';
import type { Conn, TcpHandlers, TcpStack } from './tcp';
import { CONNECT_RETRY_TIME, FOUR_OCTET_AS_PROV, IDLE_HOLD_TIME, JITTER_MIN, OPEN_HOLD_TIME, OPEN_TIMING_PROV, PASSIVE_ANNOUNCE_PROV, keepaliveText, retryWaitText, WINDOWS_BGP_CAPABILITIES } from './bgpDefaults';
import { splitUpdate } from './bgpSplit';

export type { BgpState };

export interface BgpConfig {
  readonly asn: number;
  readonly routerId: string;
  readonly peers: readonly { readonly address: string; readonly asn: number }[];
  readonly initiates: boolean;
  /** Seconds. */
  readonly holdTime: number;
  readonly keepalive: number;
  /** Where the keepalive interval comes from (the topology's mark for it), shown beside it. */
  readonly keepaliveProv?: Provenance;
  /** Prefixes this speaker announces ("192.168.133.74/32"). */
  readonly announce: readonly string[];
  readonly prov: Provenance;
}

interface Peer {
  readonly address: number;
  readonly asn: number;
  readonly text: string;
  state: BgpState;
  conn: Conn | undefined;
  hold: number;
  holdTimer: Timer | undefined;
  keepaliveTimer: Timer | undefined;
  /** When the pending KEEPALIVE goes out. */
  keepaliveAt: number;
  connectRetryTimer: Timer | undefined;
  /** Capabilities both sides advertised, once the peer's OPEN is in. */
  negotiated: readonly BgpCapability[];
  readonly learned: Set<string>;
  /** When the last message (or the connection) came from this peer: the hold timer runs from here. */
  lastHeard: number;
}

/** FSM error (RFC 4271 6.6): a message the current state does not expect. */
const FSM_ERROR = 5;

const SECOND = 1_000_000;

/** RFC 4271 section 4.5 error codes 1 to 6, in words; any other code (0 among them) by its number. */
const NOTIFICATION_MEANINGS: Readonly<Record<number, string>> = {
  1: 'message header error',
  2: 'OPEN message error',
  3: 'UPDATE message error',
  4: 'hold timer expired',
  5: 'finite state machine error',
  6: 'cease',
};
function notificationMeaning(code: number): string {
  return NOTIFICATION_MEANINGS[code] ?? `error code ${code}`;
}

/** What ends a session with a silent peer, and when. */
export interface SessionEnd {
  readonly at: number;
  readonly by: 'tcp-gave-up' | 'hold-timer-expired';
}

export class BgpSpeaker {
  private readonly peers: Peer[];
  private announced: Set<string>;

  constructor(
    private readonly ip: IpStack,
    private readonly tcp: TcpStack,
    private readonly cfg: BgpConfig,
  ) {
    this.peers = cfg.peers.map((p) => ({ address: ipToU32(p.address), asn: p.asn, text: `${p.address} (AS ${p.asn})`, state: 'Idle', conn: undefined, hold: cfg.holdTime, holdTimer: undefined, keepaliveTimer: undefined, keepaliveAt: 0, connectRetryTimer: undefined, negotiated: [], learned: new Set(), lastHeard: 0 }));
    this.announced = new Set(cfg.announce);
  }

  private get me(): string {
    return this.ip.node.id;
  }

  /**
   * A session as the speaker sees it now: its state, negotiated hold time, when the hold timer expires, and what
   * ends the session first if nothing more is heard from the peer: TCP giving up on an unacknowledged message (the
   * next KEEPALIVE, or one outstanding), or the hold timer.
   */
  session(peerAddress: string): { state: BgpState; holdTime: number; lastHeard: number; holdExpires: number | undefined; ends: SessionEnd | undefined } | undefined {
    const p = this.peers.find((x) => u32ToIp(x.address) === peerAddress);
    if (!p) return undefined;
    const holdExpires = p.holdTimer && !p.holdTimer.cancelled ? p.lastHeard + p.hold * SECOND : undefined;
    const keepalive = p.keepaliveTimer && !p.keepaliveTimer.cancelled ? p.keepaliveAt : undefined;
    const gaveUp = p.conn ? this.tcp.giveUpAt(p.conn, keepalive) : undefined;
    const ends: SessionEnd | undefined =
      gaveUp !== undefined && (holdExpires === undefined || gaveUp < holdExpires) ? { at: gaveUp, by: 'tcp-gave-up' } : holdExpires !== undefined ? { at: holdExpires, by: 'hold-timer-expired' } : undefined;
    return { state: p.state, holdTime: p.hold, lastHeard: p.lastHeard, holdExpires, ends };
  }

  /**
   * ManualStart (RFC 4271 8.1.2): every peer leaves Idle. An initiating speaker connects (Connect); a
   * passive one listens (Active) and waits for its peer to connect.
   */
  start(): void {
    this.tcp.listen(PORT_BGP, (conn) => this.accept(conn));
    for (const p of this.peers) {
      this.setState(p, 'Idle', `${this.me}'s BGP router starts with ${p.text} configured`);
      this.automaticStart(p);
    }
  }

  /** A restarted node: every session and learned route is gone. */
  reset(): void {
    for (const p of this.peers) {
      this.stopTimers(p);
      p.conn = undefined;
      this.removeLearned(p, 'the node restarted', 'restart');
      p.state = 'Idle';
    }
  }

  /** Idle -> Connect (initiating) or Active (passive). */
  private automaticStart(p: Peer): void {
    if (this.cfg.initiates) this.connect(p);
    else this.setState(p, 'Active', `${this.me} listens on TCP 179 for ${p.text} (passive peering)`);
  }

  private connect(p: Peer): void {
    this.setState(p, 'Connect', `${this.me} opens TCP 179 to ${p.text}`);
    p.conn = this.tcp.connect(p.address, PORT_BGP, {
      onEstablished: (conn) => this.openSent(p, conn),
      onData: (conn, layers) => this.receive(p, conn, layers),
      onClose: (conn, reason) => this.closed(p, conn, reason),
    }, 0);
  }

  /** TCP is up: send OPEN at once and wait for the peer's (RFC 4271 8.2.2, no DelayOpen). */
  private openSent(p: Peer, conn: Conn): void {
    if (p.conn !== conn) return;
    this.stopConnectRetry(p);
    this.send(p, conn, [this.open()], `OPEN (AS ${this.cfg.asn}, hold ${this.cfg.holdTime} s, ${WINDOWS_BGP_CAPABILITIES.map((c) => capabilityText(c.capability)).join(', ')})`);
    this.setState(p, 'OpenSent', `${this.me}: TCP to ${p.text} is up; OPEN sent as soon as it was (${OPEN_TIMING_PROV.source})`);
    this.restartHold(p, OPEN_HOLD_TIME);
  }

  private open(): BgpMessage {
    return {
      kind: 'open',
      version: 4,
      myAs: this.cfg.asn,
      holdTime: this.cfg.holdTime,
      bgpIdentifier: this.cfg.routerId,
      optionalParameters: [{ type: 'capabilities', capabilities: WINDOWS_BGP_CAPABILITIES.map((c) => c.capability) }],
    };
  }

  private accept(conn: Conn): TcpHandlers {
    const p = this.peers.find((x) => x.address === conn.remoteIp);
    if (!p) {
      this.ip.ctx.rec.event('info', this.me, `${this.me}: TCP 179 from ${u32ToIp(conn.remoteIp)}, not a configured peer: closed`, 'bgp');
      this.ip.node.later(0, () => this.tcp.close(conn));
      return {};
    }
    if (p.conn && p.conn !== conn) {
      this.ip.ctx.rec.eventWith('bgp-connection', this.me, `${this.me}: a new connection from ${p.text} replaces the old session`, { peer: u32ToIp(p.address), change: 'replaced' }, 'bgp');
      this.dropSession(p, 'the peer opened a new connection', 'replaced');
    }
    if (p.state === 'Idle') this.setState(p, 'Active', `${this.me}: ${p.text} connects while the session is idle; the connection starts it (RFC 4271 8.1.1, passive TCP establishment)`);
    p.conn = conn;
    return { onEstablished: (c) => this.openSent(p, c), onData: (c, l) => this.receive(p, c, l), onClose: (c, r) => this.closed(p, c, r) };
  }

  private receive(p: Peer, conn: Conn, layers: readonly Layer[]): void {
    if (p.conn !== conn) return;
    for (const layer of layers) {
      if (layer.type !== 'bgp') continue;
      this.handle(p, conn, layer.message);
      if (p.conn !== conn) return;
    }
  }

  private handle(p: Peer, conn: Conn, m: BgpMessage): void {
    const { rec } = this.ip.ctx;
    switch (m.kind) {
      case 'open': {
        if (p.state !== 'OpenSent') return this.fsmError(p, conn, 'OPEN');
        if (m.myAs !== p.asn) {
          this.send(p, conn, [{ kind: 'notification', errorCode: 2, errorSubcode: 2, data: Uint8Array.of(m.myAs >>> 8, m.myAs & 0xff) }], `NOTIFICATION: bad peer AS ${m.myAs}, expected ${p.asn}`);
          this.dropSession(p, `${p.text} sent AS ${m.myAs}`, 'bad-peer-as');
          return;
        }
        p.hold = Math.min(this.cfg.holdTime, m.holdTime);
        const theirs = (m.optionalParameters ?? []).flatMap((o) => (o.type === 'capabilities' ? o.capabilities : []));
        p.negotiated = WINDOWS_BGP_CAPABILITIES.map((c) => c.capability).filter((c) => theirs.some((t) => capabilityText(t) === capabilityText(c)));
        const offered = theirs.length ? theirs.map(capabilityText).join(', ') : 'no capabilities';
        rec.event('info', this.me, `${this.me} receives OPEN from ${p.text}: hold time ${m.holdTime} s (negotiated ${p.hold} s), ${offered}; both support ${p.negotiated.map(capabilityText).join(', ') || 'nothing beyond BGP-4'}; no 4-octet AS (${FOUR_OCTET_AS_PROV.source})`, 'bgp');
        this.send(p, conn, [{ kind: 'keepalive' }], 'KEEPALIVE (OPEN accepted)');
        this.setState(p, 'OpenConfirm', `${this.me} accepts ${p.text}'s OPEN and answers KEEPALIVE`);
        this.restartHold(p, p.hold);
        return;
      }
      case 'keepalive':
        if (p.state === 'OpenSent') return this.fsmError(p, conn, 'KEEPALIVE');
        this.restartHold(p, p.hold);
        if (p.state === 'OpenConfirm') this.established(p, conn);
        return;
      case 'update':
        if (p.state !== 'Established') return this.fsmError(p, conn, 'UPDATE');
        this.restartHold(p, p.hold);
        this.update(p, m);
        return;
      case 'notification':
        rec.eventWith('bgp-notification', this.me, `${this.me} receives NOTIFICATION ${m.errorCode}/${m.errorSubcode} (${notificationMeaning(m.errorCode)}) from ${p.text}`, { peer: u32ToIp(p.address), direction: 'received', code: m.errorCode, subcode: m.errorSubcode, meaning: notificationMeaning(m.errorCode) }, 'bgp');
        this.dropSession(p, `NOTIFICATION ${m.errorCode}/${m.errorSubcode} received`, 'notification-received');
        return;
    }
  }

  /** A message the state does not expect (RFC 4271 6.6): NOTIFICATION FSM error, back to Idle. */
  private fsmError(p: Peer, conn: Conn, what: string): void {
    this.send(p, conn, [{ kind: 'notification', errorCode: FSM_ERROR, errorSubcode: 0 }], `NOTIFICATION (FSM error: ${what} in ${p.state})`);
    this.dropSession(p, `${what} received in ${p.state}`, 'fsm-error');
  }

  private established(p: Peer, conn: Conn): void {
    const interval = this.keepaliveInterval(p);
    // A hold time of 0 turns both timers off (RFC 4271 4.2): no KEEPALIVE is ever sent, so none is promised.
    const keepalives = interval > 0 ? keepaliveText(interval, this.cfg.keepalive, this.cfg.keepaliveProv) : 'hold time 0: no hold timer and no KEEPALIVEs (RFC 4271 4.2)';
    this.setState(p, 'Established', `${this.me}: session with ${p.text} established; ${keepalives}`);
    this.scheduleKeepalive(p, conn);
    if (this.announced.size > 0) this.sendUpdate(p, conn, [...this.announced], []);
    else this.ip.ctx.rec.event('info', this.me, `${this.me} has nothing to announce to ${p.text} (${PASSIVE_ANNOUNCE_PROV.mark}: ${PASSIVE_ANNOUNCE_PROV.source})`, 'bgp');
  }

  /** One UPDATE, or several when the prefixes outgrow a 4,096-byte message (RFC 4271 4.1), one segment each. */
  private sendUpdate(p: Peer, conn: Conn, nlriAll: string[], withdrawnAll: string[]): void {
    const parts = splitUpdate(withdrawnAll, nlriAll, 1);
    parts.forEach(({ nlri, withdrawn }, i) => {
      const attributes = nlri.length ? { origin: 0, asPath: [this.cfg.asn], nextHop: u32ToIp(conn.localIp) } : {};
      const what = [nlri.length ? `announce ${listed(nlri)} next hop ${u32ToIp(conn.localIp)}` : '', withdrawn.length ? `withdraw ${listed(withdrawn)}` : ''].filter(Boolean).join('; ');
      const of = parts.length > 1 ? ` (${i + 1} of ${parts.length}: a BGP message holds at most 4,096 bytes)` : '';
      this.send(p, conn, [{ kind: 'update', withdrawn: [...withdrawn], attributes, nlri: [...nlri] }], `UPDATE ${what}${of}`);
    });
  }

  /** Announces (or withdraws) prefixes to every established peer. */
  setAnnounced(prefixes: readonly string[]): void {
    const next = new Set(prefixes);
    const withdrawn = [...this.announced].filter((x) => !next.has(x));
    const added = [...next].filter((x) => !this.announced.has(x));
    this.announced = next;
    for (const p of this.peers) {
      if (p.state === 'Established' && p.conn && (added.length || withdrawn.length)) this.sendUpdate(p, p.conn, added, withdrawn);
    }
  }

  private update(p: Peer, m: Extract<BgpMessage, { kind: 'update' }>): void {
    const { rec, sched } = this.ip.ctx;
    for (const prefix of m.withdrawn) {
      if (!p.learned.has(prefix)) continue;
      p.learned.delete(prefix);
      this.uninstall(p, prefix, 'withdrawn by the peer', 'withdrawn');
    }
    const nextHop = m.attributes.nextHop;
    if (!nextHop || m.nlri.length === 0) return;
    const nh = ipToU32(nextHop);
    const via = this.ip.routes.lookup(nh);
    for (const prefix of m.nlri) {
      if (p.learned.has(prefix)) this.uninstall(p, prefix, 'replaced', 'replaced');
      const { network, len } = parseCidr(prefix);
      if (!via) {
        rec.event('info', this.me, `${this.me}: next hop ${nextHop} of ${prefix} is unreachable, route not installed`, 'bgp');
        continue;
      }
      p.learned.add(prefix);
      const asPath = m.attributes.asPath ?? [];
      this.ip.routes.add({ network, len, nextHop: nh, ifIndex: via.ifIndex, source: 'bgp', metric: 0, peer: p.text, asPath, learnedAt: sched.now, prov: this.cfg.prov });
      rec.table(this.me, 'bgp-rib', `${prefix}|${p.text}`, {
        cells: { prefix, 'next hop': nextHop, 'AS path': asPath.join(' '), origin: ['IGP', 'EGP', 'INCOMPLETE'][m.attributes.origin ?? 2] ?? '?', peer: p.text, 'learned at': String(sched.now) },
      });
      rec.eventWith('route-installed', this.me, `${this.me} installs ${prefix} via ${nextHop} (BGP from ${p.text}, AS path ${asPath.join(' ')})`, { prefix, nextHop, source: 'bgp', peer: u32ToIp(p.address) }, 'bgp');
    }
  }

  private uninstall(p: Peer, prefix: string, why: string, cause: BgpDownCause | 'withdrawn' | 'replaced'): void {
    const { network, len } = parseCidr(prefix);
    this.ip.routes.remove((r) => r.source === 'bgp' && r.peer === p.text && r.network === network && r.len === len);
    this.ip.ctx.rec.table(this.me, 'bgp-rib', `${prefix}|${p.text}`, undefined);
    this.ip.ctx.rec.eventWith('route-removed', this.me, `${this.me} removes ${prefix} learned from ${p.text}: ${why}`, { prefix, peer: u32ToIp(p.address), cause }, 'bgp');
  }

  private removeLearned(p: Peer, why: string, cause: BgpDownCause): void {
    for (const prefix of p.learned) this.uninstall(p, prefix, why, cause);
    p.learned.clear();
  }

  private send(p: Peer, conn: Conn, messages: BgpMessage[], what: string): void {
    this.tcp.send(conn, messages.map((message) => ({ type: 'bgp' as const, message })), `${this.me} sends BGP ${what} to ${p.text}.`);
  }

  private restartHold(p: Peer, seconds: number): void {
    if (p.holdTimer) p.holdTimer.cancelled = true;
    p.holdTimer = undefined;
    p.lastHeard = this.ip.ctx.sched.now;
    if (seconds === 0) return;
    p.holdTimer = this.ip.node.timer(seconds * SECOND, () => this.holdExpired(p));
  }

  private keepaliveInterval(p: Peer): number {
    return Math.min(this.cfg.keepalive, Math.floor(p.hold / 3));
  }

  /** RFC 4271 10: each KeepaliveTimer start draws a fresh factor in [0.75, 1.0] from this node's stream. */
  private jittered(seconds: number): number {
    return Math.round(seconds * SECOND * (JITTER_MIN + (1 - JITTER_MIN) * this.ip.rng.unit()));
  }

  private scheduleKeepalive(p: Peer, conn: Conn): void {
    const interval = this.keepaliveInterval(p);
    if (interval <= 0) return;
    const delay = this.jittered(interval);
    p.keepaliveAt = this.ip.ctx.sched.now + delay;
    p.keepaliveTimer = this.ip.node.timer(delay, () => {
      if (p.conn !== conn || p.state !== 'Established') return;
      this.send(p, conn, [{ kind: 'keepalive' }], 'KEEPALIVE');
      this.scheduleKeepalive(p, conn);
    });
  }

  private holdExpired(p: Peer): void {
    const conn = p.conn;
    const { rec } = this.ip.ctx;
    const peer = u32ToIp(p.address);
    rec.eventWith('bgp-hold-expired', this.me, `${this.me}: hold timer expired for ${p.text} (no message for ${p.hold} s): NOTIFICATION code 4, session closed`, { peer, holdTime: p.hold, lastHeard: p.lastHeard }, 'bgp');
    if (conn && conn.state === 'established') {
      rec.eventWith('bgp-notification', this.me, `${this.me} sends NOTIFICATION 4/0 (${notificationMeaning(4)}) to ${p.text}`, { peer, direction: 'sent', code: 4, subcode: 0, meaning: notificationMeaning(4) }, 'bgp');
      this.send(p, conn, [{ kind: 'notification', errorCode: 4, errorSubcode: 0 }], 'NOTIFICATION (hold timer expired)');
    }
    this.dropSession(p, 'hold timer expired', 'hold-timer-expired');
  }

  /** Ends the session with a peer: timers stop, learned routes go, the TCP connection closes; Idle, then start again. */
  private dropSession(p: Peer, why: string, cause: BgpDownCause): void {
    const conn = p.conn;
    this.stopTimers(p);
    p.conn = undefined;
    p.negotiated = [];
    this.ip.ctx.rec.eventWith('bgp-session-down', this.me, `${this.me}: BGP session with ${p.text} down: ${why}`, { peer: u32ToIp(p.address), cause }, 'bgp');
    this.removeLearned(p, why, cause);
    // An initiating speaker starts again after the idle hold time; a passive one stays Idle until its peer
    // connects (accept() starts the session then).
    const idleHold = this.cfg.initiates ? this.jittered(IDLE_HOLD_TIME) : undefined;
    this.setState(p, 'Idle', `${this.me}: session with ${p.text} ends (${why})${idleHold === undefined ? '' : `; starts again in ${retryWaitText(idleHold, 'IdleHoldTime')}`}`);
    if (conn) this.tcp.close(conn);
    if (idleHold !== undefined) p.connectRetryTimer = this.ip.node.timer(idleHold, () => p.state === 'Idle' && this.automaticStart(p));
  }

  private closed(p: Peer, conn: Conn, reason: string): void {
    if (p.conn !== conn) return;
    // RFC 4271 8.2.2: in Connect, a TCP connection that fails sends the speaker to Active to wait ConnectRetry.
    if (p.state === 'Connect') {
      p.conn = undefined;
      const wait = this.jittered(CONNECT_RETRY_TIME);
      this.setState(p, 'Active', `${this.me}: TCP to ${p.text} could not be opened (${reason}); ConnectRetry in ${retryWaitText(wait, 'ConnectRetry')}`);
      p.connectRetryTimer = this.ip.node.timer(wait, () => p.state === 'Active' && this.connect(p));
      return;
    }
    this.ip.ctx.rec.eventWith('bgp-connection', this.me, `${this.me}: TCP connection to ${p.text} closed (${reason})`, { peer: u32ToIp(p.address), change: 'closed' }, 'bgp');
    this.dropSession(p, `TCP ${reason}`, reason === 'timeout' ? 'tcp-gave-up' : reason === 'reset' ? 'tcp-reset' : 'tcp-closed');
  }

  private stopConnectRetry(p: Peer): void {
    if (p.connectRetryTimer) p.connectRetryTimer.cancelled = true;
    p.connectRetryTimer = undefined;
  }

  private stopTimers(p: Peer): void {
    this.stopConnectRetry(p);
    if (p.holdTimer) p.holdTimer.cancelled = true;
    if (p.keepaliveTimer) p.keepaliveTimer.cancelled = true;
    p.holdTimer = undefined;
    p.keepaliveTimer = undefined;
  }

  private setState(p: Peer, state: BgpState, why?: string): void {
    const before = p.state;
    p.state = state;
    const { rec, sched } = this.ip.ctx;
    if (!rec.full) return;
    const capabilities = p.negotiated.length ? p.negotiated.map(capabilityText).join(', ') : '-';
    // Where each negotiated capability comes from: the speaker's own defaults, each with its mark.
    const capabilitiesProv = combinedProv(
      WINDOWS_BGP_CAPABILITIES.filter((c) => p.negotiated.includes(c.capability)).map((c) => ({ label: capabilityText(c.capability), prov: c.prov })),
    );
    const cells = { peer: u32ToIp(p.address), AS: String(p.asn), state, 'hold time': `${p.hold} s`, capabilities, since: String(sched.now) };
    rec.table(this.me, 'bgp-neighbors', p.text, { cells, prov: this.cfg.prov, ...(capabilitiesProv ? { cellProv: { capabilities: capabilitiesProv } } : {}) });
    if (before !== state || state === 'Idle') rec.eventWith('bgp-state', this.me, `${this.me}: BGP session with ${p.text} ${before === state ? state : `${before} -> ${state}`}${why ? `: ${why}` : ''}`, { peer: u32ToIp(p.address), state }, 'bgp');
  }
}

/** Prefixes for a summary: all of a few, the first ones and a count of many. */
function listed(prefixes: readonly string[]): string {
  return prefixes.length <= 8 ? prefixes.join(', ') : `${prefixes.slice(0, 3).join(', ')} and ${prefixes.length - 3} more`;
}
