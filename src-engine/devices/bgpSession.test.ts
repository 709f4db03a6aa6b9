// A BGP session's life as the event list, the packet notes and the device tables tell it, word for word: coming up,
// a MUX that restarts (its new connection replaces the old session), a BGPVM that restarts (its routes go, and the
// MUX's next KEEPALIVE is answered with RST), and a hold timer that expires (NOTIFICATION, routes removed, Idle
// until the MUX connects again). What a student reads is the engine's explanation; each sentence is pinned here.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunRequest } from '../protocol';
import { pocTopology, runPoc } from '../run/fixtures';
import { createRunSession } from '../run/session';
import { simulate, type SimRun } from '../run/simulate';
import type { Topology } from '../topology/schema';
import { parseTopology } from '../topology/validate';
import { generateTopology } from '../scenarios/generate';

const S = 1_000_000;
/** How each side names its peer. */
const TO_BGPVM = '192.168.100.1 (AS 64647)';
const TO_MUX = '192.168.100.6 (AS 64628)';
const OPEN_TIMING = 'RFC 4271 section 8.2.2, source S19: OPEN on TcpConnectionConfirmed; DelayOpen is optional and off by default';
const NO_FOUR_OCTET =
  'no 4-octet AS (TP1 peers with 2-byte AS numbers, source S13; the cmdlets take UInt32 ASNs, but no source says a 2016 speaker advertises capability 65, so it is left out)';
const CAPS = 'MP IPv4 unicast, route refresh';
const ROUTE = 'MuxVM sends it by route 192.168.100.0/24 on-link out of mgmt, connected.';
const ROUTE_B = 'BGPVM sends it by route 192.168.100.0/24 on-link out of mgmt, connected.';
/** How a speaker's 30 s retry timers are marked where the event list shows them: Hoplab's choice. */
const JITTER = 'jitter (documented: RFC 4271 section 10, source S19: jitter of 0.75 to 1.0 on the keepalive and connect-retry timers)';
/** The POC's keepalive interval with its own mark, then the jitter's. */
const KEEPALIVE = (s: number) => `KEEPALIVE every ${s} s (inferred: a third of the hold time, the most RFC 4271 section 4.4 suggests, source S19; no source gives the Windows default) with ${JITTER}`;
const RETRY_30S = '30 s (illustrative: Windows defaults for ConnectRetry and IdleHoldTime not found; 30 s chosen by Hoplab) with jitter';

type Result = SimRun['result'];
/** The BGP events (not the frames) from `from` on: [time, node, summary]. */
const bgpEvents = (r: Result, from = 0) =>
  r.events.filter((e) => e.time >= from && e.kind !== 'transmission' && (e.protocol === 'bgp' || e.kind.startsWith('bgp'))).map((e) => [e.time, e.node, e.summary]);
/** What MuxVM and BGPVM said about each BGP or TCP-179 frame they sent in [from, to). */
const notes = (r: Result, from: number, to: number) =>
  r.transmissions.filter((t) => t.time >= from && t.time < to && (t.fromNode === 'MuxVM' || t.fromNode === 'BGPVM') && t.protocol === 'bgp').map((t) => [t.time, t.note]);

/** From MuxVM's TCP being up (t0 + 300 µs) to BGPVM installing the VIPs (t0 + 525 µs), with `hold` and `keepalive` seconds. */
function sessionUp(t0: number, hold: number, keepalive: number) {
  return [
    [t0 + 300, 'MuxVM', `MuxVM: BGP session with ${TO_BGPVM} Connect -> OpenSent: MuxVM: TCP to ${TO_BGPVM} is up; OPEN sent as soon as it was (${OPEN_TIMING})`],
    [t0 + 375, 'BGPVM', `BGPVM: BGP session with ${TO_MUX} Active -> OpenSent: BGPVM: TCP to ${TO_MUX} is up; OPEN sent as soon as it was (${OPEN_TIMING})`],
    [t0 + 375, 'BGPVM', `BGPVM receives OPEN from ${TO_MUX}: hold time ${hold} s (negotiated ${hold} s), ${CAPS}; both support ${CAPS}; ${NO_FOUR_OCTET}`],
    [t0 + 375, 'BGPVM', `BGPVM: BGP session with ${TO_MUX} OpenSent -> OpenConfirm: BGPVM accepts ${TO_MUX}'s OPEN and answers KEEPALIVE`],
    [t0 + 450, 'MuxVM', `MuxVM receives OPEN from ${TO_BGPVM}: hold time ${hold} s (negotiated ${hold} s), ${CAPS}; both support ${CAPS}; ${NO_FOUR_OCTET}`],
    [t0 + 450, 'MuxVM', `MuxVM: BGP session with ${TO_BGPVM} OpenSent -> OpenConfirm: MuxVM accepts ${TO_BGPVM}'s OPEN and answers KEEPALIVE`],
    [t0 + 450, 'MuxVM', `MuxVM: BGP session with ${TO_BGPVM} OpenConfirm -> Established: MuxVM: session with ${TO_BGPVM} established; ${KEEPALIVE(keepalive)}`],
    [t0 + 525, 'BGPVM', `BGPVM: BGP session with ${TO_MUX} OpenConfirm -> Established: BGPVM: session with ${TO_MUX} established; ${KEEPALIVE(keepalive)}`],
    [t0 + 525, 'BGPVM', `BGPVM has nothing to announce to ${TO_MUX} (illustrative: no source says what the TP1 BGPVM advertises; Hoplab has it announce nothing, so its UPDATE list is empty)`],
    [t0 + 525, 'BGPVM', `BGPVM installs 192.168.133.74/32 via 192.168.100.6 (BGP from ${TO_MUX}, AS path 64628)`],
    [t0 + 525, 'BGPVM', `BGPVM installs 192.168.133.1/32 via 192.168.100.6 (BGP from ${TO_MUX}, AS path 64628)`],
  ];
}
const muxStarts = (t: number) => [
  [t, 'MuxVM', `MuxVM: BGP session with ${TO_BGPVM} Idle: MuxVM's BGP router starts with ${TO_BGPVM} configured`],
  [t, 'MuxVM', `MuxVM: BGP session with ${TO_BGPVM} Idle -> Connect: MuxVM opens TCP 179 to ${TO_BGPVM}`],
];
const bgpvmStarts = (t: number) => [
  [t, 'BGPVM', `BGPVM: BGP session with ${TO_MUX} Idle: BGPVM's BGP router starts with ${TO_MUX} configured`],
  [t, 'BGPVM', `BGPVM: BGP session with ${TO_MUX} Idle -> Active: BGPVM listens on TCP 179 for ${TO_MUX} (passive peering)`],
];
/** The notes of the frames from MuxVM's SYN (t0 + 180 µs) to BGPVM's ACK of the UPDATE (t0 + 555 µs). */
function handshakeNotes(t0: number, hold: number) {
  return [
    [t0 + 180, `MuxVM opens a TCP connection to 192.168.100.1:179 (SYN). ${ROUTE}`],
    [t0 + 255, `BGPVM accepts the connection on TCP 179 (SYN-ACK). ${ROUTE_B}`],
    [t0 + 330, `MuxVM completes the handshake (ACK). ${ROUTE}`],
    [t0 + 330, `MuxVM sends BGP OPEN (AS 64628, hold ${hold} s, ${CAPS}) to ${TO_BGPVM}. ${ROUTE}`],
    [t0 + 405, `BGPVM sends BGP OPEN (AS 64647, hold ${hold} s, ${CAPS}) to ${TO_MUX}. ${ROUTE_B}`],
    [t0 + 405, `BGPVM sends BGP KEEPALIVE (OPEN accepted) to ${TO_MUX}. ${ROUTE_B}`],
    [t0 + 480, `MuxVM sends BGP KEEPALIVE (OPEN accepted) to ${TO_BGPVM}. ${ROUTE}`],
    [t0 + 480, `MuxVM sends BGP UPDATE announce 192.168.133.74/32, 192.168.133.1/32 next hop 192.168.100.6 to ${TO_BGPVM}. ${ROUTE}`],
    [t0 + 555, `BGPVM acknowledges the last 2 segments at once: Windows acknowledges every second data segment without waiting (TcpAckFrequency 2). ${ROUTE_B}`],
  ];
}
// SQLVM plays no part in BGP: failing it late only keeps the run going.
const LATE = { action: 'fail', target: 'SQLVM', at: 200 * S } as const;

/** The POC with BGP's hold time 9 s and keepalive 3 s: the hold timer then fires before TCP gives up. */
function shortHold(): Topology {
  const doc = pocTopology();
  return { ...doc, bgp: { ...doc.bgp!, holdTime: 9, keepalive: 3 } };
}
function run(topology: Topology, request: Partial<RunRequest> = {}): Result {
  const r = simulate(topology, { from: 'ClientVM', to: 'https://portal.azurestack.local', ...request });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.result;
}

describe('the session comes up', () => {
  let r: Result;
  beforeEach(() => {
    r = runPoc().result;
  });

  it('each state change, the OPENs and the routes BGPVM installs, in order and in words', () => {
    expect(bgpEvents(r)).toEqual([...bgpvmStarts(0), ...muxStarts(0), ...sessionUp(0, 180, 60)]);
  });

  it('each frame of the handshake says what it is', () => {
    expect(notes(r, 0, S)).toEqual(handshakeNotes(0, 180));
  });
});

describe('MuxVM restarts (fails at 5 s, back at 8 s)', () => {
  let r: Result;
  beforeEach(() => {
    r = runPoc({ whatIf: [{ action: 'fail', target: 'MuxVM', at: 5 * S }, { action: 'restore', target: 'MuxVM', at: 8 * S }, LATE] }).result;
  });

  it("its new connection replaces BGPVM's old session: the routes go, and come back with the new session", () => {
    const t = 8 * S;
    expect(bgpEvents(r, 5 * S)).toEqual([
      ...muxStarts(t),
      [t + 225, 'BGPVM', `BGPVM: a new connection from ${TO_MUX} replaces the old session`],
      [t + 225, 'BGPVM', `BGPVM: BGP session with ${TO_MUX} down: the peer opened a new connection`],
      [t + 225, 'BGPVM', `BGPVM removes 192.168.133.74/32 learned from ${TO_MUX}: the peer opened a new connection`],
      [t + 225, 'BGPVM', `BGPVM removes 192.168.133.1/32 learned from ${TO_MUX}: the peer opened a new connection`],
      [t + 225, 'BGPVM', `BGPVM: BGP session with ${TO_MUX} Established -> Idle: BGPVM: session with ${TO_MUX} ends (the peer opened a new connection)`],
      [t + 225, 'BGPVM', `BGPVM: BGP session with ${TO_MUX} Idle -> Active: BGPVM: ${TO_MUX} connects while the session is idle; the connection starts it (RFC 4271 8.1.1, passive TCP establishment)`],
      ...sessionUp(t, 180, 60),
    ]);
  });

  it('BGPVM closes the old connection; the restarted MUX, which no longer knows it, answers RST', () => {
    const t = 8 * S;
    expect(notes(r, t, t + S)).toEqual([
      [t + 180, `MuxVM opens a TCP connection to 192.168.100.1:179 (SYN). ${ROUTE}`],
      [t + 255, `BGPVM closes the TCP connection (FIN). ${ROUTE_B}`],
      [t + 255, `BGPVM accepts the connection on TCP 179 (SYN-ACK). ${ROUTE_B}`],
      [t + 330, `MuxVM has no listener on TCP 56894, so it answers with RST. ${ROUTE}`],
      ...handshakeNotes(t, 180).slice(2),
    ]);
  });

  it('the KEEPALIVEs that follow say only what they are, and a lone one is acknowledged late', () => {
    const later = notes(r, 10 * S, 70 * S);
    expect(later.slice(0, 2)).toEqual([
      [54_981_238, `MuxVM sends BGP KEEPALIVE to ${TO_BGPVM}. ${ROUTE}`],
      [55_181_313, `BGPVM acknowledges data (delayed ACK: a lone segment waits up to 200 ms for data to ride along with). ${ROUTE_B}`],
    ]);
  });
});

describe('BGPVM restarts (fails at 5 s, back at 8 s)', () => {
  let r: Result;
  beforeEach(() => {
    r = runPoc({ whatIf: [{ action: 'fail', target: 'BGPVM', at: 5 * S }, { action: 'restore', target: 'BGPVM', at: 8 * S }, LATE] }).result;
  });

  it("its learned routes go as it boots; MuxVM's next KEEPALIVE meets RST, and MuxVM connects again after its idle hold time", () => {
    const reset = 48_019_721;
    const again = 74_094_669;
    expect(bgpEvents(r, 5 * S)).toEqual([
      [8 * S, 'BGPVM', `BGPVM removes 192.168.133.74/32 learned from ${TO_MUX}: the node restarted`],
      [8 * S, 'BGPVM', `BGPVM removes 192.168.133.1/32 learned from ${TO_MUX}: the node restarted`],
      ...bgpvmStarts(8 * S),
      [reset, 'MuxVM', `MuxVM: TCP connection to ${TO_BGPVM} closed (reset)`],
      [reset, 'MuxVM', `MuxVM: BGP session with ${TO_BGPVM} down: TCP reset`],
      [reset, 'MuxVM', `MuxVM: BGP session with ${TO_BGPVM} Established -> Idle: MuxVM: session with ${TO_BGPVM} ends (TCP reset); starts again in 26.1 s: IdleHoldTime ${RETRY_30S}`],
      [again, 'MuxVM', `MuxVM: BGP session with ${TO_BGPVM} Idle -> Connect: MuxVM opens TCP 179 to ${TO_BGPVM}`],
      ...sessionUp(again, 180, 60),
    ]);
    // RFC 4271's IdleHoldTime, jittered: between 0.75 and 1 of 30 s.
    expect(again - reset).toBeGreaterThanOrEqual(22.5 * S);
    expect(again - reset).toBeLessThanOrEqual(30 * S);
    const cause = r.events.find((e) => e.kind === 'bgp-session-down');
    expect(cause).toMatchObject({ node: 'MuxVM', cause: 'tcp-reset' });
    expect(r.events.filter((e) => e.kind === 'route-removed').map((e) => e.kind === 'route-removed' && e.cause)).toEqual(['restart', 'restart']);
  });

  it('the restarted BGPVM listens on 179 but knows no connection for the KEEPALIVE, and answers RST, saying so', () => {
    expect(notes(r, 48 * S, 49 * S)).toEqual([
      [48_019_601, `MuxVM sends BGP KEEPALIVE to ${TO_BGPVM}. ${ROUTE}`],
      [
        48_019_676,
        `BGPVM listens on TCP 179, but has no connection with 192.168.100.6:56894 (it was closed, or lost when the node restarted): a segment other than SYN gets RST. ${ROUTE_B}`,
      ],
    ]);
  });
});

describe('the hold timer expires (hold 9 s; MuxVM fails at 1 s, back at 30 s)', () => {
  let r: Result;
  beforeEach(() => {
    r = run(shortHold(), { whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }, { action: 'restore', target: 'MuxVM', at: 30 * S }, LATE] });
  });

  it('BGPVM sends NOTIFICATION, removes the routes and stays Idle until MuxVM connects again', () => {
    const t = 9_000_525;
    expect(bgpEvents(r, 1 * S)).toEqual([
      [t, 'BGPVM', `BGPVM: hold timer expired for ${TO_MUX} (no message for 9 s): NOTIFICATION code 4, session closed`],
      [t, 'BGPVM', `BGPVM sends NOTIFICATION 4/0 (hold timer expired) to ${TO_MUX}`],
      [t, 'BGPVM', `BGPVM: BGP session with ${TO_MUX} down: hold timer expired`],
      [t, 'BGPVM', `BGPVM removes 192.168.133.74/32 learned from ${TO_MUX}: hold timer expired`],
      [t, 'BGPVM', `BGPVM removes 192.168.133.1/32 learned from ${TO_MUX}: hold timer expired`],
      [t, 'BGPVM', `BGPVM: BGP session with ${TO_MUX} Established -> Idle: BGPVM: session with ${TO_MUX} ends (hold timer expired)`],
      ...muxStarts(30 * S),
      [30 * S + 225, 'BGPVM', `BGPVM: BGP session with ${TO_MUX} Idle -> Active: BGPVM: ${TO_MUX} connects while the session is idle; the connection starts it (RFC 4271 8.1.1, passive TCP establishment)`],
      ...sessionUp(30 * S, 9, 3),
    ]);
  });

  it("BGPVM's KEEPALIVEs to the dead MUX, their retransmissions, the NOTIFICATION and the FIN, each in words", () => {
    const again = (n: number, ms: number) => `BGPVM has had no ACK for ${ms} ms, so it sends the same data again (retransmission ${n} of 5; the wait doubles each time). `;
    const keepalive = `BGPVM sends BGP KEEPALIVE to ${TO_MUX}. ${ROUTE_B}`;
    expect(notes(r, 1 * S, 12 * S)).toEqual([
      [2_432_179, keepalive],
      [2_732_179, again(1, 300) + keepalive],
      [3_332_179, again(2, 600) + keepalive],
      [4_532_179, again(3, 1200) + keepalive],
      [5_178_155, keepalive],
      [6_932_179, again(4, 2400) + keepalive],
      [8_026_169, keepalive],
      [9_000_555, `BGPVM sends BGP NOTIFICATION (hold timer expired) to ${TO_MUX}. ${ROUTE_B}`],
      [9_000_555, `BGPVM closes the TCP connection (FIN). ${ROUTE_B}`],
      [11_732_179, again(5, 4800) + keepalive],
    ]);
    expect(notes(r, 30 * S, 31 * S)).toEqual(handshakeNotes(30 * S, 9));
  });

  it("KEEPALIVEs every 3 s with jitter keep the new session up: each side's gaps lie in [2.25 s, 3 s]", () => {
    for (const node of ['MuxVM', 'BGPVM']) {
      const times = r.transmissions.filter((t) => t.fromNode === node && t.time > 31 * S && t.note?.startsWith(`${node} sends BGP KEEPALIVE to`)).map((t) => t.time);
      expect(times.length).toBeGreaterThan(50);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2.25 * S);
      expect(Math.max(...gaps)).toBeLessThanOrEqual(3 * S);
    }
    expect(r.events.filter((e) => e.kind === 'bgp-hold-expired').length).toBe(1);
  });
});

describe("BGPVM's neighbour table and RIB over a session's life (hold 9 s; MuxVM fails at 1 s)", () => {
  it('Established with the negotiated hold time and capabilities, then Idle with none; the RIB empties', () => {
    const session = createRunSession();
    const ran = session.run(shortHold(), { from: 'ClientVM', to: 'https://portal.azurestack.local', whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }] });
    expect(ran.ok).toBe(true);
    const at = (time: number, title: string) => {
      const t = session.tables('BGPVM', time);
      if (!t.ok) throw new Error(t.error.message);
      return t.value.tables.find((x) => x.title === title)?.rows.map((row) => row.cells);
    };
    expect(at(5 * S, 'BGP neighbours')).toEqual([{ peer: '192.168.100.6', AS: '64628', state: 'Established', 'hold time': '9 s', capabilities: CAPS, since: '525' }]);
    expect(at(5 * S, 'BGP RIB')).toEqual([
      { prefix: '192.168.133.74/32', 'next hop': '192.168.100.6', 'AS path': '64628', origin: 'IGP', peer: TO_MUX, 'learned at': '525' },
      { prefix: '192.168.133.1/32', 'next hop': '192.168.100.6', 'AS path': '64628', origin: 'IGP', peer: TO_MUX, 'learned at': '525' },
    ]);
    expect(at(10 * S, 'BGP neighbours')).toEqual([{ peer: '192.168.100.6', AS: '64628', state: 'Idle', 'hold time': '9 s', capabilities: '-', since: '9000525' }]);
    expect(at(10 * S, 'BGP RIB') ?? []).toEqual([]);
    // Where the row's values come from: the ASNs are the SDN Express sample's; each negotiated capability is inferred, and says from what.
    const row = session.tables('BGPVM', 5 * S);
    if (!row.ok) throw new Error(row.error.message);
    const neighbour = row.value.tables.find((x) => x.title === 'BGP neighbours')!.rows[0]!;
    expect([neighbour.prov, neighbour.cellProv]).toEqual([
      { mark: 'illustrative', source: 'ASNs from the SDN Express sample (S16)' },
      {
        capabilities: {
          mark: 'inferred',
          source:
            'MP IPv4 unicast: Windows BGP carries IPv4 and IPv6 routes (Get-BgpStatistics counts IPv4Route and IPv6Route; Add-BgpRouter -IPv6Routing), which takes RFC 4760 address-family negotiation; IPv4 unicast is what the POC uses; route refresh: Get-BgpStatistics (Windows Server 2016) counts RouteRefreshMessage sent and received: RFC 2918',
        },
      },
    ]);
  });
});

describe("MuxVM's PA link fails at 1 s and is back at 5 s", () => {
  it('MuxVM withdraws both VIPs at once and announces them again; BGPVM removes and reinstalls the routes, each in words', () => {
    const r = runPoc({ flowAt: [12 * S], whatIf: [{ action: 'fail', target: 'MuxVM:pa', at: 1 * S }, { action: 'restore', target: 'MuxVM:pa', at: 5 * S }] }).result;
    expect(notes(r, 1 * S, 6 * S).filter(([, note]) => String(note).startsWith('MuxVM sends BGP'))).toEqual([
      [1_000_030, `MuxVM sends BGP UPDATE withdraw 192.168.133.74/32, 192.168.133.1/32 to ${TO_BGPVM}. ${ROUTE}`],
      [5_000_030, `MuxVM sends BGP UPDATE announce 192.168.133.74/32, 192.168.133.1/32 next hop 192.168.100.6 to ${TO_BGPVM}. ${ROUTE}`],
    ]);
    const routes = r.events.filter((e) => e.time > 1 * S && e.time < 6 * S && (e.kind === 'route-removed' || e.kind === 'route-installed')).map((e) => [e.time, e.summary]);
    expect(routes).toEqual([
      [1_000_075, `BGPVM removes 192.168.133.74/32 learned from ${TO_MUX}: withdrawn by the peer`],
      [1_000_075, `BGPVM removes 192.168.133.1/32 learned from ${TO_MUX}: withdrawn by the peer`],
      [5_000_075, `BGPVM installs 192.168.133.74/32 via 192.168.100.6 (BGP from ${TO_MUX}, AS path 64628)`],
      [5_000_075, `BGPVM installs 192.168.133.1/32 via 192.168.100.6 (BGP from ${TO_MUX}, AS path 64628)`],
    ]);
  });
});

describe('2,000 VIPs', () => {
  it('the MUX announces them in 3 UPDATEs, each note naming the first three prefixes, how many more, and which part of 3 it is', () => {
    const doc = generateTopology({ vms: 20, vips: 2000, seed: 1 });
    const t = parseTopology(doc);
    if (!t.ok) throw new Error(t.error[0]!.message);
    const r = run(t.value, { from: 'Client0', to: `${doc.slb!.rules[0]!.vip}:443` });
    const updates = r.transmissions.filter((x) => x.fromNode === 'MuxVM' && x.protocol === 'bgp' && x.note?.includes('UPDATE')).map((x) => [x.time, x.note]);
    const part = (first: string, more: number, i: number) =>
      `MuxVM sends BGP UPDATE announce ${first} and ${more} more next hop 10.0.0.6 (${i} of 3: a BGP message holds at most 4,096 bytes) to 10.0.0.1 (AS 64647). MuxVM sends it by route 10.0.0.0/24 on-link out of mgmt, connected.`;
    expect(updates).toEqual([
      [480, part('10.4.0.10/32, 10.4.0.11/32, 10.4.0.12/32', 808, 1)],
      [480, part('10.4.3.53/32, 10.4.3.54/32, 10.4.3.55/32', 808, 2)],
      [480, part('10.4.6.96/32, 10.4.6.97/32, 10.4.6.98/32', 375, 3)],
    ]);
    // 811 + 811 + 378: every VIP once.
    expect(r.events.filter((e) => e.kind === 'route-installed' && e.node === 'BGPVM').length).toBe(2000);
  });
});

describe('a wrong peer AS: BGPVM is configured to expect AS 65000 from MuxVM, which is AS 64628', () => {
  let r: Result;
  const EXPECTS = '192.168.100.6 (AS 65000)';
  beforeEach(() => {
    const doc = pocTopology();
    const speakers = doc.bgp!.speakers.map((s) => (s.node === 'BGPVM' ? { ...s, peers: [{ address: '192.168.100.6', asn: 65000 }] } : s));
    r = run({ ...doc, bgp: { ...doc.bgp!, speakers } }, { flowAt: [40 * S] });
  });

  it('BGPVM refuses the OPEN with NOTIFICATION 2/2 (bad peer AS); MuxVM hears it and goes Idle; no route is installed', () => {
    expect(bgpEvents(r).filter(([time]) => Number(time) > 300 && Number(time) < 1 * S)).toEqual([
      [375, 'BGPVM', `BGPVM: BGP session with ${EXPECTS} Active -> OpenSent: BGPVM: TCP to ${EXPECTS} is up; OPEN sent as soon as it was (${OPEN_TIMING})`],
      [375, 'BGPVM', `BGPVM: BGP session with ${EXPECTS} down: ${EXPECTS} sent AS 64628`],
      [375, 'BGPVM', `BGPVM: BGP session with ${EXPECTS} OpenSent -> Idle: BGPVM: session with ${EXPECTS} ends (${EXPECTS} sent AS 64628)`],
      [450, 'MuxVM', `MuxVM receives OPEN from ${TO_BGPVM}: hold time 180 s (negotiated 180 s), ${CAPS}; both support ${CAPS}; ${NO_FOUR_OCTET}`],
      [450, 'MuxVM', `MuxVM: BGP session with ${TO_BGPVM} OpenSent -> OpenConfirm: MuxVM accepts ${TO_BGPVM}'s OPEN and answers KEEPALIVE`],
      [450, 'MuxVM', `MuxVM receives NOTIFICATION 2/2 (OPEN message error) from ${TO_BGPVM}`],
      [450, 'MuxVM', `MuxVM: BGP session with ${TO_BGPVM} down: NOTIFICATION 2/2 received`],
      [450, 'MuxVM', `MuxVM: BGP session with ${TO_BGPVM} OpenConfirm -> Idle: MuxVM: session with ${TO_BGPVM} ends (NOTIFICATION 2/2 received); starts again in 24.0 s: IdleHoldTime ${RETRY_30S}`],
    ]);
    const data = r.events.filter((e) => e.kind === 'bgp-notification' || e.kind === 'bgp-session-down').slice(0, 3).map(({ id: _i, time: _t, summary: _s, protocol: _p, ...e }) => e);
    expect(data).toEqual([
      { kind: 'bgp-session-down', node: 'BGPVM', peer: '192.168.100.6', cause: 'bad-peer-as' },
      { kind: 'bgp-notification', node: 'MuxVM', peer: '192.168.100.1', direction: 'received', code: 2, subcode: 2, meaning: 'OPEN message error' },
      { kind: 'bgp-session-down', node: 'MuxVM', peer: '192.168.100.1', cause: 'notification-received' },
    ]);
    expect(r.events.some((e) => e.kind === 'route-installed')).toBe(false);
  });

  it("BGPVM's NOTIFICATION says which AS came and which was expected; the late segments of the closed connection meet RST, each saying why", () => {
    expect(notes(r, 400, 1 * S).filter(([, note]) => /NOTIFICATION|RST/.test(String(note)))).toEqual([
      [405, `BGPVM sends BGP NOTIFICATION: bad peer AS 64628, expected 65000 to ${EXPECTS}. ${ROUTE_B}`],
      [555, `BGPVM listens on TCP 179, but has no connection with 192.168.100.6:56894 (it was closed, or lost when the node restarted): a segment other than SYN gets RST. ${ROUTE_B}`],
      [630, `MuxVM has no listener on TCP 56894, so it answers with RST. ${ROUTE}`],
    ]);
  });

  it('MuxVM tries again after its idle hold time, and is refused the same way each time', () => {
    const retries = r.events.filter((e) => e.kind === 'bgp-state' && e.node === 'MuxVM' && e.time > 0 && e.summary.includes('Idle -> Connect')).map((e) => e.time);
    expect(retries.length).toBeGreaterThanOrEqual(2);
    // RFC 4271's IdleHoldTime, jittered: each retry 22.5 to 30 s after the session ended.
    const ends = r.events.filter((e) => e.kind === 'bgp-session-down' && e.node === 'MuxVM').map((e) => e.time);
    // The wait each Idle states is the wait it keeps, to the tenth of a second it is given in.
    const stated = r.events.filter((e) => e.kind === 'bgp-state' && e.node === 'MuxVM' && e.state === 'Idle' && e.time > 0).map((e) => Number(/starts again in (\d+\.\d) s: IdleHoldTime 30 s \(illustrative/.exec(e.summary)?.[1]) * S);
    retries.forEach((t, i) => {
      expect(t - ends[i]!).toBeGreaterThanOrEqual(22.5 * S);
      expect(t - ends[i]!).toBeLessThanOrEqual(30 * S);
      expect(Math.abs(t - ends[i]! - stated[i]!)).toBeLessThanOrEqual(0.05 * S);
    });
    expect(r.events.filter((e) => e.kind === 'bgp-session-down' && e.node === 'BGPVM').every((e) => e.kind === 'bgp-session-down' && e.cause === 'bad-peer-as')).toBe(true);
  });
});

describe('announcing what is already announced', () => {
  it('a restore of a PA link that never failed changes no announcement: MuxVM sends no UPDATE, BGPVM keeps its routes', () => {
    const r = runPoc({ flowAt: [12 * S], whatIf: [{ action: 'restore', target: 'MuxVM:pa', at: 5 * S }] }).result;
    expect(r.transmissions.filter((t) => t.fromNode === 'MuxVM' && t.protocol === 'bgp' && t.time > 1 * S && t.note?.includes('UPDATE'))).toEqual([]);
    expect(r.events.filter((e) => e.kind === 'route-removed' || (e.kind === 'route-installed' && e.time > 1 * S))).toEqual([]);
    expect(r.trace.disposition).toBe('delivered');
  });
});
