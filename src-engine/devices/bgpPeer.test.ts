// BGP against a scripted peer: NCVM runs a BGP speaker (AS 64628, hold 90 s, keepalive 30 s) that connects to
// ACSVM, where a plain TCP listener on 179 answers whatever NCVM sends with messages a test chooses. So the
// speaker meets what the two POC speakers never send each other: a message its state does not expect (FSM error),
// an OPEN with fewer capabilities or none and a shorter hold time, NOTIFICATIONs of every code, an UPDATE whose
// next hop it cannot reach; and a connection from a router that is not its peer.
import { describe, expect, it } from 'vitest';
import type { BgpCapability, BgpMessage } from '../packets/layers';
import { pocTopology } from '../run/fixtures';
import { buildWorld } from '../run/world';
import { BgpSpeaker } from './bgp';

const PEER = '192.168.100.3 (AS 65000)';
const UP = [
  [0, 'bgp-state', `NCVM: BGP session with ${PEER} Idle: NCVM's BGP router starts with ${PEER} configured`],
  [0, 'bgp-state', `NCVM: BGP session with ${PEER} Idle -> Connect: NCVM opens TCP 179 to ${PEER}`],
  [300, 'bgp-state', `NCVM: BGP session with ${PEER} Connect -> OpenSent: NCVM: TCP to ${PEER} is up; OPEN sent as soon as it was (RFC 4271 section 8.2.2, source S19: OPEN on TcpConnectionConfirmed; DelayOpen is optional and off by default)`],
];
const NO_4_OCTET = 'no 4-octet AS (TP1 peers with 2-byte AS numbers, source S13; the cmdlets take UInt32 ASNs, but no source says a 2016 speaker advertises capability 65, so it is left out)';
const JITTER = 'jitter (documented: RFC 4271 section 10, source S19: jitter of 0.75 to 1.0 on the keepalive and connect-retry timers)';
const ESTABLISHED = [
  [450, 'bgp-state', `NCVM: BGP session with ${PEER} OpenSent -> OpenConfirm: NCVM accepts ${PEER}'s OPEN and answers KEEPALIVE`],
  [450, 'bgp-state', `NCVM: BGP session with ${PEER} OpenConfirm -> Established: NCVM: session with ${PEER} established; KEEPALIVE every 10 s (documented: RFC 4271 section 4.4, source S19: at most a third of the negotiated hold time) with ${JITTER}`],
  [450, 'info', `NCVM has nothing to announce to ${PEER} (illustrative: no source says what the TP1 BGPVM advertises; Hoplab has it announce nothing, so its UPDATE list is empty)`],
];
const open = (capabilities: BgpCapability[] | undefined, holdTime = 30): BgpMessage => ({
  kind: 'open',
  version: 4,
  myAs: 65000,
  holdTime,
  bgpIdentifier: '192.168.100.3',
  ...(capabilities ? { optionalParameters: [{ type: 'capabilities' as const, capabilities }] } : {}),
});

/**
 * The POC world, recorded, and a BGP speaker not yet started: on NCVM (AS 64628, initiates to ACSVM at
 * 192.168.100.3) or on ACSVM (AS 65000, passive, its one peer 192.168.100.9); hold 90 s, keepalive 30 s.
 */
function world(on: 'NCVM' | 'ACSVM') {
  const w = buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });
  const nc = w.nodes.get('NCVM')!;
  const acs = w.nodes.get('ACSVM')!;
  const [host, config] =
    on === 'NCVM'
      ? [nc, { asn: 64628, routerId: '192.168.100.5', peers: [{ address: '192.168.100.3', asn: 65000 }], initiates: true }]
      : [acs, { asn: 65000, routerId: '192.168.100.3', peers: [{ address: '192.168.100.9', asn: 64628 }], initiates: false }];
  const speaker = new BgpSpeaker(host.ip, host.tcp, { ...config, holdTime: 90, keepalive: 30, announce: [], prov: { mark: 'illustrative', source: 'a test' } });
  return { w, nc, acs, speaker };
}

/**
 * NCVM's speaker against ACSVM's script: `script(message, n)` is called with each BGP message NCVM sends (n from 0)
 * and returns the messages ACSVM sends back in one segment. Runs 5 s; gives NCVM's BGP events and its BGP notes.
 */
function against(
  script: (m: BgpMessage, n: number) => BgpMessage[],
  opts: { noDefaultRoute?: boolean; until?: number; before?: (w: ReturnType<typeof world>) => void } = {},
) {
  const { w, nc, acs, speaker } = world('NCVM');
  opts.before?.({ w, nc, acs, speaker });
  if (opts.noDefaultRoute) nc.ip.routes.remove((r) => r.len === 0);
  let n = 0;
  acs.tcp.listen(179, (conn) => ({
    onData: (_c, layers) => {
      for (const l of layers) {
        if (l.type !== 'bgp') continue;
        const answer = script(l.message, n++);
        if (answer.length) acs.tcp.send(conn, answer.map((message) => ({ type: 'bgp' as const, message })), 'ACSVM answers.');
      }
    },
  }));
  speaker.start();
  w.ctx.sched.run(opts.until ?? 5_000_000);
  const events = w.ctx.rec.events.filter((e) => e.node === 'NCVM' && e.protocol === 'bgp' && e.kind !== 'transmission');
  const notes = w.ctx.rec.transmissions.filter((t) => t.fromNode === 'NCVM' && t.protocol === 'bgp').map((t) => t.note!.replace(' NCVM sends it by route 192.168.100.0/24 on-link out of eth0, connected.', ''));
  return { events: events.map((e) => [e.time, e.kind, e.summary]), causes: events.flatMap((e) => ('cause' in e ? [e.cause] : [])), notes, speaker, w, nc };
}

/** NCVM initiates, so a session that ends starts again after the jittered IdleHoldTime, marked illustrative. */
const RESTART = ' (illustrative: Windows defaults for ConnectRetry and IdleHoldTime not found; 30 s chosen by Hoplab) with jitter';

describe('a message the state does not expect: NOTIFICATION 5/0 (FSM error), the session goes Idle', () => {
  const cases: [string, BgpMessage[], string][] = [
    ['an UPDATE in OpenSent', [{ kind: 'update', withdrawn: [], attributes: {}, nlri: [] }], 'UPDATE received in OpenSent'],
    ['a KEEPALIVE in OpenSent', [{ kind: 'keepalive' }], 'KEEPALIVE received in OpenSent'],
  ];
  for (const [name, answer, why] of cases) {
    it(name, () => {
      const r = against((_m, n) => (n === 0 ? answer : []));
      expect(r.events).toEqual([
        ...UP,
        [450, 'bgp-session-down', `NCVM: BGP session with ${PEER} down: ${why}`],
        [450, 'bgp-state', `NCVM: BGP session with ${PEER} OpenSent -> Idle: NCVM: session with ${PEER} ends (${why}); starts again in 25.0 s: IdleHoldTime 30 s${RESTART}`],
      ]);
      expect(r.causes).toEqual(['fsm-error']);
      expect(r.notes.slice(3)).toEqual([`NCVM sends BGP NOTIFICATION (FSM error: ${why.replace(' received', '')}) to ${PEER}.`, 'NCVM closes the TCP connection (FIN).', 'NCVM acknowledges the FIN.']);
      expect(r.speaker.session('192.168.100.3')!.state).toBe('Idle');
    });
  }

  it('a second OPEN in OpenConfirm', () => {
    const r = against((_m, n) => (n === 0 ? [open([{ kind: 'route-refresh' }]), open([{ kind: 'route-refresh' }])] : []));
    expect(r.events.slice(UP.length + 2)).toEqual([
      [450, 'bgp-session-down', `NCVM: BGP session with ${PEER} down: OPEN received in OpenConfirm`],
      [450, 'bgp-state', `NCVM: BGP session with ${PEER} OpenConfirm -> Idle: NCVM: session with ${PEER} ends (OPEN received in OpenConfirm); starts again in 25.0 s: IdleHoldTime 30 s${RESTART}`],
    ]);
    expect(r.notes).toContain(`NCVM sends BGP NOTIFICATION (FSM error: OPEN in OpenConfirm) to ${PEER}.`);
  });
});

describe('messages after the one that ends the session, in the same segment', () => {
  it('are not read: an UPDATE in OpenSent ends the session, and the KEEPALIVE after it changes nothing', () => {
    const r = against((_m, n) => (n === 0 ? [{ kind: 'update', withdrawn: [], attributes: {}, nlri: [] }, { kind: 'keepalive' }] : []));
    expect(r.events).toEqual([
      ...UP,
      [450, 'bgp-session-down', `NCVM: BGP session with ${PEER} down: UPDATE received in OpenSent`],
      [450, 'bgp-state', `NCVM: BGP session with ${PEER} OpenSent -> Idle: NCVM: session with ${PEER} ends (UPDATE received in OpenSent); starts again in 25.0 s: IdleHoldTime 30 s${RESTART}`],
    ]);
    expect(r.notes.slice(3)).toEqual([`NCVM sends BGP NOTIFICATION (FSM error: UPDATE in OpenSent) to ${PEER}.`, 'NCVM closes the TCP connection (FIN).', 'NCVM acknowledges the FIN.']);
    // Read in Idle, the KEEPALIVE would have started a hold timer.
    expect(r.speaker.session('192.168.100.3')).toEqual({ state: 'Idle', holdTime: 90, lastHeard: 300, holdExpires: undefined, ends: undefined });
  });
});

describe("the peer's OPEN", () => {
  it('with route refresh only and hold 30 s: both support route refresh, hold 30 s, KEEPALIVE every 10 s', () => {
    const r = against((_m, n) => (n === 0 ? [open([{ kind: 'route-refresh' }]), { kind: 'keepalive' }] : []));
    expect(r.events).toEqual([
      ...UP,
      [450, 'info', `NCVM receives OPEN from ${PEER}: hold time 30 s (negotiated 30 s), route refresh; both support route refresh; ${NO_4_OCTET}`],
      ...ESTABLISHED,
    ]);
    expect(r.speaker.session('192.168.100.3')).toMatchObject({ state: 'Established', holdTime: 30, lastHeard: 450, holdExpires: 30_000_450 });
  });

  it('with no capabilities: both support nothing beyond BGP-4', () => {
    const r = against((_m, n) => (n === 0 ? [open(undefined, 120), { kind: 'keepalive' }] : []));
    expect(r.events[UP.length]).toEqual([450, 'info', `NCVM receives OPEN from ${PEER}: hold time 120 s (negotiated 90 s), no capabilities; both support nothing beyond BGP-4; ${NO_4_OCTET}`]);
    expect(r.events[UP.length + 2]![2]).toBe(`NCVM: BGP session with ${PEER} OpenConfirm -> Established: NCVM: session with ${PEER} established; KEEPALIVE every 30 s with ${JITTER}`);
  });
});

describe('a NOTIFICATION from the peer ends the session, in words for each error code (RFC 4271 4.5)', () => {
  // Code 0 is not one of RFC 4271's: it is named by its number, as any other unknown code.
  const meanings: [number, string][] = [
    [0, 'error code 0'],
    [1, 'message header error'],
    [2, 'OPEN message error'],
    [3, 'UPDATE message error'],
    [4, 'hold timer expired'],
    [5, 'finite state machine error'],
    [6, 'cease'],
    [9, 'error code 9'],
  ];
  for (const [code, meaning] of meanings) {
    it(`${code}: ${meaning}`, () => {
      const r = against((_m, n) => (n === 0 ? [open([]), { kind: 'keepalive' }, { kind: 'notification', errorCode: code, errorSubcode: 1 }] : []));
      expect(r.events.slice(UP.length + 4)).toEqual([
        [450, 'bgp-notification', `NCVM receives NOTIFICATION ${code}/1 (${meaning}) from ${PEER}`],
        [450, 'bgp-session-down', `NCVM: BGP session with ${PEER} down: NOTIFICATION ${code}/1 received`],
        [450, 'bgp-state', `NCVM: BGP session with ${PEER} Established -> Idle: NCVM: session with ${PEER} ends (NOTIFICATION ${code}/1 received); starts again in 25.2 s: IdleHoldTime 30 s${RESTART}`],
      ]);
      expect(r.causes).toEqual(['notification-received']);
    });
  }
});

describe('an UPDATE', () => {
  it('whose next hop NCVM has no route to: the route is not installed, and NCVM says why', () => {
    const update: BgpMessage = { kind: 'update', withdrawn: [], attributes: { origin: 0, asPath: [65000], nextHop: '10.9.9.9' }, nlri: ['10.1.0.0/16'] };
    const r = against((m, n) => (n === 0 ? [open([{ kind: 'route-refresh' }]), { kind: 'keepalive' }] : m.kind === 'keepalive' && n === 1 ? [update] : []), { noDefaultRoute: true });
    expect(r.events.slice(UP.length + 4)).toEqual([[600, 'info', 'NCVM: next hop 10.9.9.9 of 10.1.0.0/16 is unreachable, route not installed']]);
  });
});

describe('UPDATEs that announce, withdraw and replace', () => {
  it('each route installed and removed as told, and none other: same network, other length, other prefix, a static route', () => {
    const bgp = (origin: number | undefined, asPath: number[], nlri: string[]): BgpMessage => ({
      kind: 'update',
      withdrawn: [],
      attributes: { ...(origin === undefined ? {} : { origin }), asPath, nextHop: '192.168.100.3' },
      nlri,
    });
    const updates: BgpMessage[] = [
      bgp(1, [65000, 65010], ['10.1.0.0/24', '10.1.0.0/25', '10.2.0.0/24']),
      { kind: 'update', withdrawn: ['10.1.0.0/24', '10.3.0.0/24'], attributes: {}, nlri: [] },
      bgp(2, [65000], ['10.2.0.0/24']),
      bgp(undefined, [65000], ['10.4.0.0/24']),
    ];
    const r = against((m, n) => (n === 0 ? [open([{ kind: 'route-refresh' }]), { kind: 'keepalive' }] : m.kind === 'keepalive' && n === 1 ? updates : []), {
      until: 1_000_000,
      before: ({ nc }) => nc.ip.routes.add({ network: 0x0a010000, len: 24, nextHop: 0xc0a86401, ifIndex: 0, source: 'static', metric: 0 }),
    });
    expect(r.events.filter((e) => e[1] === 'route-installed' || e[1] === 'route-removed').map((e) => e[2])).toEqual([
      'NCVM installs 10.1.0.0/24 via 192.168.100.3 (BGP from 192.168.100.3 (AS 65000), AS path 65000 65010)',
      'NCVM installs 10.1.0.0/25 via 192.168.100.3 (BGP from 192.168.100.3 (AS 65000), AS path 65000 65010)',
      'NCVM installs 10.2.0.0/24 via 192.168.100.3 (BGP from 192.168.100.3 (AS 65000), AS path 65000 65010)',
      'NCVM removes 10.1.0.0/24 learned from 192.168.100.3 (AS 65000): withdrawn by the peer',
      'NCVM removes 10.2.0.0/24 learned from 192.168.100.3 (AS 65000): replaced',
      'NCVM installs 10.2.0.0/24 via 192.168.100.3 (BGP from 192.168.100.3 (AS 65000), AS path 65000)',
      'NCVM installs 10.4.0.0/24 via 192.168.100.3 (BGP from 192.168.100.3 (AS 65000), AS path 65000)',
    ]);
    const routes = r.nc.ip.routes
      .all()
      .filter((x) => x.network >>> 24 === 10)
      .map((x) => [x.network.toString(16), x.len, x.source, x.asPath?.join(' ')])
      .sort((a, b) => String(a).localeCompare(String(b)));
    expect(routes).toEqual([
      ['a010000', 24, 'static', undefined],
      ['a010000', 25, 'bgp', '65000 65010'],
      ['a020000', 24, 'bgp', '65000'],
      ['a040000', 24, 'bgp', '65000'],
    ]);
    const rib = new Map<string, Record<string, string> | undefined>();
    for (const c of r.w.ctx.rec.tableLog) if (c.node === 'NCVM' && c.table === 'bgp-rib') rib.set(c.key, c.row?.cells);
    expect([...rib].filter(([, row]) => row).map(([key, row]) => [key.split('|')[0], row!['AS path'], row!.origin])).toEqual([
      ['10.1.0.0/25', '65000 65010', 'EGP'],
      ['10.2.0.0/24', '65000', 'INCOMPLETE'],
      ['10.4.0.0/24', '65000', 'INCOMPLETE'],
    ]);
  });
});

describe('what NCVM announces, changed', () => {
  it('only the changes, in one UPDATE; nothing before Established or when nothing changed; eight prefixes each named', () => {
    const eight = Array.from({ length: 8 }, (_, i) => `10.${20 + i}.0.0/24`);
    const r = against((_m, n) => (n === 0 ? [open([{ kind: 'route-refresh' }]), { kind: 'keepalive' }] : []), {
      until: 4_000,
      before: ({ w, speaker }) => {
        const at = (t: number, prefixes: string[]) => w.ctx.sched.at(t, () => speaker.setAnnounced(prefixes));
        at(350, ['10.9.0.0/24', '10.8.0.0/24']);
        at(1_000, ['10.8.0.0/24', '10.7.0.0/24']);
        at(2_000, ['10.7.0.0/24', '10.8.0.0/24']);
        at(3_000, eight);
      },
    });
    const next = 'next hop 192.168.100.5';
    expect(r.notes.filter((x) => x.startsWith('NCVM sends BGP UPDATE'))).toEqual([
      `NCVM sends BGP UPDATE announce 10.9.0.0/24, 10.8.0.0/24 ${next} to ${PEER}.`,
      `NCVM sends BGP UPDATE announce 10.7.0.0/24 ${next}; withdraw 10.9.0.0/24 to ${PEER}.`,
      `NCVM sends BGP UPDATE announce ${eight.join(', ')} ${next}; withdraw 10.7.0.0/24, 10.8.0.0/24 to ${PEER}.`,
    ]);
  });
});

describe('a connection to TCP 179 from a router that is not a peer', () => {
  it('ACSVM (passive, its one peer 192.168.100.9) says so and forgets it: the connecting side is reset; the session stays Active', () => {
    const { w, nc, acs, speaker } = world('ACSVM');
    speaker.start();
    const told: string[] = [];
    nc.tcp.connect(acs.ip.ifaces[0]!.ip, 179, { onEstablished: () => told.push('established'), onClose: (_c, reason) => told.push(`closed (${reason})`) }, 0);
    w.ctx.sched.run(1_000_000);
    expect(w.ctx.rec.events.filter((e) => e.node === 'ACSVM' && e.protocol === 'bgp' && e.kind !== 'transmission').map((e) => [e.time, e.summary])).toEqual([
      [0, "ACSVM: BGP session with 192.168.100.9 (AS 64628) Idle: ACSVM's BGP router starts with 192.168.100.9 (AS 64628) configured"],
      [0, 'ACSVM: BGP session with 192.168.100.9 (AS 64628) Idle -> Active: ACSVM listens on TCP 179 for 192.168.100.9 (AS 64628) (passive peering)'],
      [225, 'ACSVM: TCP 179 from 192.168.100.5, not a configured peer: closed'],
    ]);
    expect(told).toEqual(['established', 'closed (reset)']);
    expect(speaker.session('192.168.100.9')).toEqual({ state: 'Active', holdTime: 90, lastHeard: 0, holdExpires: undefined, ends: undefined });
    expect(speaker.session('192.168.100.5')).toBeUndefined();
  });
});

describe('a connection the speaker has let go of', () => {
  /**
   * NCVM initiates to ACSVM, which does not listen: NCVM waits ConnectRetry in Active. `peerAt`: ACSVM connects to
   * NCVM then and sends a KEEPALIVE once its side is up. Gives NCVM's BGP events after 1 s, the TCP 179
   * segments it sends after 1 s, the retry time and the session.
   */
  function collision(peerAt: number | undefined) {
    const { w, nc, acs, speaker } = world('NCVM');
    speaker.start();
    const established: number[] = [];
    if (peerAt !== undefined) {
      w.ctx.sched.at(peerAt, () =>
        acs.tcp.connect(nc.ip.ifaces[0]!.ip, 179, { onEstablished: (c) => { established.push(w.ctx.sched.now); acs.tcp.send(c, [{ type: 'bgp', message: { kind: 'keepalive' } }], 'ACSVM sends a KEEPALIVE.'); } }, 0),
      );
    }
    w.ctx.sched.run(26_000_000);
    const events = w.ctx.rec.events.filter((e) => e.node === 'NCVM' && e.protocol === 'bgp' && e.kind !== 'transmission' && e.time > 1_000_000);
    const retryAt = events.find((e) => e.summary.includes('Active -> Connect'))!.time;
    const bgpSent = w.ctx.rec.transmissions.filter((t) => t.fromNode === 'NCVM' && t.protocol === 'bgp' && t.time > 1_000_000).map((t) => t.summary);
    return { events: events.map((e) => [e.time - retryAt, e.summary]), bgpSent, established, retryAt, session: speaker.session('192.168.100.3') };
  }

  it("ACSVM's connection, accepted while NCVM waits in Active, is let go when ConnectRetry opens NCVM's own: NCVM sends no OPEN on it and reads nothing from it", () => {
    const { retryAt } = collision(undefined);
    // ACSVM's SYN reaches NCVM before ConnectRetry fires; its handshake completes, and its KEEPALIVE arrives, after.
    const r = collision(retryAt - 250);
    expect(r.retryAt).toBe(retryAt);
    expect(r.established.map((t) => t - retryAt)).toEqual([50]);
    const PEER_NC = '192.168.100.3 (AS 65000)';
    expect(r.events).toEqual([
      [0, `NCVM: BGP session with ${PEER_NC} Active -> Connect: NCVM opens TCP 179 to ${PEER_NC}`],
      [150, `NCVM: BGP session with ${PEER_NC} Connect -> Active: NCVM: TCP to ${PEER_NC} could not be opened (reset); ConnectRetry in 25.9 s: 30 s (illustrative: Windows defaults for ConnectRetry and IdleHoldTime not found; 30 s chosen by Hoplab) with jitter (documented: RFC 4271 section 10, source S19: jitter of 0.75 to 1.0 on the keepalive and connect-retry timers)`],
    ]);
    // On ACSVM's connection (port 54219) NCVM completes the handshake and acknowledges the KEEPALIVE, nothing more.
    expect(r.bgpSent).toEqual(['192.168.100.5:179 -> 192.168.100.3:54219 TCP SYN/ACK TTL 128', '192.168.100.5:53128 -> 192.168.100.3:179 TCP SYN TTL 128', '192.168.100.5:179 -> 192.168.100.3:54219 TCP ACK TTL 128']);
    // Read, ACSVM's KEEPALIVE would have started a hold timer.
    expect(r.session).toEqual({ state: 'Active', holdTime: 90, lastHeard: 0, holdExpires: undefined, ends: undefined });
  });
});

describe('what ends a session with a silent peer, as session() says beforehand', () => {
  const silentAfterOpen = (hold: number) => (_m: BgpMessage, n: number): BgpMessage[] => (n === 0 ? [open(undefined, hold), { kind: 'keepalive' }] : []);

  it('hold 30 s: TCP gives up on the next KEEPALIVE (sent at 8,340,764 us) at 27,240,764 us, before the hold timer at 30,000,450 us', () => {
    const r = against(silentAfterOpen(30));
    expect(r.speaker.session('192.168.100.3')).toEqual({ state: 'Established', holdTime: 30, lastHeard: 450, holdExpires: 30_000_450, ends: { at: 27_240_764, by: 'tcp-gave-up' } });
  });

  it('hold 9 s: the hold timer comes first, at 9,000,450 us, and it does expire then', () => {
    const r = against(silentAfterOpen(9), { until: 10_000_000 });
    expect(r.events.filter((e) => e[0] === 9_000_450).slice(0, 3)).toEqual([
      [9_000_450, 'bgp-hold-expired', `NCVM: hold timer expired for ${PEER} (no message for 9 s): NOTIFICATION code 4, session closed`],
      [9_000_450, 'bgp-notification', `NCVM sends NOTIFICATION 4/0 (hold timer expired) to ${PEER}`],
      [9_000_450, 'bgp-session-down', `NCVM: BGP session with ${PEER} down: hold timer expired`],
    ]);
    const early = against(silentAfterOpen(9));
    expect(early.speaker.session('192.168.100.3')).toEqual({ state: 'Established', holdTime: 9, lastHeard: 450, holdExpires: 9_000_450, ends: { at: 9_000_450, by: 'hold-timer-expired' } });
  });

  it('hold 0 s (RFC 4271 4.2): no hold timer and no KEEPALIVEs, so nothing ends the session', () => {
    const r = against(silentAfterOpen(0), { until: 40_000_000 });
    expect(r.speaker.session('192.168.100.3')).toEqual({ state: 'Established', holdTime: 0, lastHeard: 450, holdExpires: undefined, ends: undefined });
    expect(r.notes.slice(3)).toEqual([`NCVM sends BGP KEEPALIVE (OPEN accepted) to ${PEER}.`]);
    expect(r.events.filter((e) => e[1] === 'bgp-state').at(-1)).toEqual([
      450,
      'bgp-state',
      `NCVM: BGP session with ${PEER} OpenConfirm -> Established: NCVM: session with ${PEER} established; hold time 0: no hold timer and no KEEPALIVEs (RFC 4271 4.2)`,
    ]);
  });
});
