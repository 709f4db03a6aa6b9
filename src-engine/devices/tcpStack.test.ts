// TCP between two bare nodes of the POC, NCVM (192.168.100.5) and ACSVM (192.168.100.3) on the management network,
// with nothing else running: every segment each side sends (flags, sequence and acknowledgement numbers relative to
// each side's initial one, frame size, the sentence it carries), what each application is told, and when. The
// handshake, a lone segment's delayed ACK, a stream cut at the MSS and acknowledged every second segment, the close
// from both sides, RST for a connection a node has forgotten, a duplicate acknowledged at once, retransmissions of
// data and of SYNs, and the ephemeral port chosen past one in use.
import { describe, expect, it } from 'vitest';
import { ipToU32 } from '../net/addr';
import { decodePacket } from '../packets/decode';
import { pocTopology } from '../run/fixtures';
import { buildWorld } from '../run/world';
import type { Conn, TcpHandlers } from './tcp';

const ACSVM = ipToU32('192.168.100.3');
/** What each node's stack appends to the sentence of a segment it sends on the management network. */
const VIA = (node: string) => ` ${node} sends it by route 192.168.100.0/24 on-link out of eth0, connected.`;

function pair() {
  const w = buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });
  const nc = w.nodes.get('NCVM')!;
  const acs = w.nodes.get('ACSVM')!;
  const told: string[] = [];
  const handlers = (who: string): TcpHandlers => ({
    onSynSent: () => told.push(`${who}: SYN sent`),
    onEstablished: () => told.push(`${who}: established`),
    onData: (_c, _l, _t, payload) => told.push(`${who}: ${payload.length} bytes`),
    onClose: (_c, reason) => told.push(`${who}: closed (${reason})`),
  });
  /** [time, node, flags, seq, ack, frame bytes, sentence without the route], seq and ack relative to the ISNs. */
  const segments = () => {
    const isn: Record<string, number> = {};
    return w.ctx.rec.transmissions
      .filter((t) => t.protocol === 'tcp' && (t.fromNode === 'NCVM' || t.fromNode === 'ACSVM'))
      .map((t) => {
        const d = decodePacket(t.bytes);
        const tcp = d.ok ? d.value.layers.find((l) => l.type === 'tcp') : undefined;
        if (!tcp || tcp.type !== 'tcp') throw new Error('no TCP header');
        const me = t.fromNode;
        const peer = me === 'NCVM' ? 'ACSVM' : 'NCVM';
        if (tcp.flags.syn) isn[me] = tcp.seq;
        const flags = (['syn', 'rst', 'fin', 'psh', 'ack'] as const).filter((f) => tcp.flags[f]).join('+');
        const rel = (n: number, of: string) => (isn[of] === undefined ? n : (n - isn[of]!) >>> 0);
        // A RST without ACK still fills in its acknowledgement number (what it answers), so it is shown too.
        return [t.time, me, flags, rel(tcp.seq, me), tcp.flags.ack || tcp.flags.rst ? rel(tcp.ack, peer) : 0, t.bytes.length, t.note!.replace(VIA(me), '')];
      });
  };
  /** ACSVM's link to the switch goes down or up (frames to and from it are lost while it is down). */
  const acsLink = (up: boolean) => w.sw.setPortUp(w.sw.ports.find((p) => p.id === 'ACSVM.eth0')!, up);
  return { nc, acs, told, handlers, segments, acsLink, sched: w.ctx.sched, rec: w.ctx.rec };
}

describe('a connection from NCVM to a service on ACSVM', () => {
  it('handshake, a lone segment ACKed after 200 ms, a stream cut at 1460 bytes and ACKed every second segment, FIN from both sides', () => {
    const { nc, acs, told, handlers, segments, sched } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(100_000);
    nc.tcp.send(conn, [{ type: 'raw', data: new Uint8Array(10) }], 'NCVM sends ten bytes.');
    sched.run(600_000);
    nc.tcp.sendStream(conn, new Uint8Array(3000), (i, n) => `Part ${i + 1} of ${n}.`);
    sched.run(1_000_000);
    nc.tcp.close(conn);
    sched.run(2_000_000);
    expect(segments()).toEqual([
      [180, 'NCVM', 'syn', 0, 0, 58, 'NCVM opens a TCP connection to 192.168.100.3:7000 (SYN).'],
      [255, 'ACSVM', 'syn+ack', 0, 1, 58, 'ACSVM accepts the connection on TCP 7000 (SYN-ACK).'],
      [330, 'NCVM', 'ack', 1, 1, 54, 'NCVM completes the handshake (ACK).'],
      [100_030, 'NCVM', 'psh+ack', 1, 1, 64, 'NCVM sends ten bytes.'],
      [300_105, 'ACSVM', 'ack', 1, 11, 54, 'ACSVM acknowledges data (delayed ACK: a lone segment waits up to 200 ms for data to ride along with).'],
      [600_030, 'NCVM', 'ack', 11, 1, 1514, 'Part 1 of 3.'],
      [600_030, 'NCVM', 'ack', 1471, 1, 1514, 'Part 2 of 3.'],
      [600_030, 'NCVM', 'psh+ack', 2931, 1, 134, 'Part 3 of 3.'],
      [600_105, 'ACSVM', 'ack', 1, 2931, 54, 'ACSVM acknowledges the last 2 segments at once: Windows acknowledges every second data segment without waiting (TcpAckFrequency 2).'],
      [800_105, 'ACSVM', 'ack', 1, 3011, 54, 'ACSVM acknowledges data (delayed ACK: a lone segment waits up to 200 ms for data to ride along with).'],
      [1_000_030, 'NCVM', 'fin+ack', 3011, 1, 54, 'NCVM closes the TCP connection (FIN).'],
      [1_000_105, 'ACSVM', 'fin+ack', 1, 3012, 54, 'ACSVM closes its side too (FIN-ACK).'],
      [1_000_180, 'NCVM', 'ack', 3012, 2, 54, 'NCVM acknowledges the FIN.'],
    ]);
    expect(told).toEqual([
      'NCVM: SYN sent',
      'NCVM: established',
      'ACSVM: established',
      'ACSVM: 10 bytes',
      'ACSVM: 1460 bytes',
      'ACSVM: 1460 bytes',
      'ACSVM: 80 bytes',
      'ACSVM: closed (closed)',
      'NCVM: closed (closed)',
    ]);
    expect(conn.state).toBe('closed');
    // Both ends have forgotten the connection: a new one may take the same ports.
    expect(nc.tcp.giveUpAt(conn, undefined)).toBeUndefined();
  });

  it('a segment for a connection ACSVM has forgotten gets RST (seq = its ACK number), and NCVM is told the connection was reset', () => {
    const { nc, acs, told, handlers, segments, sched } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(100_000);
    acs.tcp.reset();
    nc.tcp.send(conn, [{ type: 'raw', data: new Uint8Array(10) }], 'NCVM sends ten bytes.');
    sched.run(200_000);
    expect(segments().slice(3)).toEqual([
      [100_030, 'NCVM', 'psh+ack', 1, 1, 64, 'NCVM sends ten bytes.'],
      [
        100_105,
        'ACSVM',
        'rst',
        1,
        11,
        54,
        `ACSVM listens on TCP 7000, but has no connection with 192.168.100.5:${conn.localPort} (it was closed, or lost when the node restarted): a segment other than SYN gets RST.`,
      ],
    ]);
    const rst = segments()[4]!;
    expect(rst[3]).toBe(1); // ACSVM's next sequence number, read from NCVM's acknowledgement
    expect(told).toEqual(['NCVM: SYN sent', 'NCVM: established', 'ACSVM: established', 'NCVM: closed (reset)']);
    expect(conn.state).toBe('closed');
  });

  it("closing while the SYN is out forgets the connection at once: the SYN-ACK that comes back is refused with RST", () => {
    const { nc, acs, told, handlers, segments, sched } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    nc.tcp.close(conn);
    expect(told).toEqual(['NCVM: SYN sent', 'NCVM: closed (closed)']);
    sched.run(100_000);
    expect(segments()).toEqual([
      [180, 'NCVM', 'syn', 0, 0, 58, 'NCVM opens a TCP connection to 192.168.100.3:7000 (SYN).'],
      [255, 'ACSVM', 'syn+ack', 0, 1, 58, 'ACSVM accepts the connection on TCP 7000 (SYN-ACK).'],
      [330, 'NCVM', 'rst', 1, 1, 54, `NCVM has no listener on TCP ${conn.localPort}, so it answers with RST.`],
    ]);
    expect(told).toEqual(['NCVM: SYN sent', 'NCVM: closed (closed)', 'ACSVM: closed (reset)']);
  });

  it('data that arrives twice is acknowledged again at once (duplicate ACK) and not handed up twice', () => {
    const { nc, acs, told, handlers, segments, sched, rec } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(100_000);
    nc.tcp.send(conn, [{ type: 'raw', data: new Uint8Array(10) }], 'NCVM sends ten bytes.');
    sched.run(400_000);
    const data = rec.transmissions.find((t) => t.fromNode === 'NCVM' && t.bytes.length === 64)!;
    acs.receive(0, data.bytes, 0);
    sched.run(500_000);
    expect(segments().slice(3)).toEqual([
      [100_030, 'NCVM', 'psh+ack', 1, 1, 64, 'NCVM sends ten bytes.'],
      [300_105, 'ACSVM', 'ack', 1, 11, 54, 'ACSVM acknowledges data (delayed ACK: a lone segment waits up to 200 ms for data to ride along with).'],
      [400_030, 'ACSVM', 'ack', 1, 11, 54, 'ACSVM has this data already, so it acknowledges at once (duplicate ACK).'],
    ]);
    expect(told).toEqual(['NCVM: SYN sent', 'NCVM: established', 'ACSVM: established', 'ACSVM: 10 bytes']);
  });
});

describe('retransmission', () => {
  it('of the one segment left unacknowledged: 300 ms after the ACK of the first two, the wait doubling, then TCP gives up', () => {
    const { nc, acs, told, handlers, segments, sched, rec } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(100_000);
    nc.tcp.sendStream(conn, new Uint8Array(3000), (i, n) => `Part ${i + 1} of ${n}.`);
    sched.run(100_100);
    acs.fail();
    sched.run(100_200);
    // The ACK of parts 1 and 2 (in at 100,150 µs) restarted the timer for part 3 from the base 300 ms: it fires at
    // 400,150 µs; after 5 retransmissions (waits 600 ms to 9.6 s) TCP gives up at 19.00015 s.
    expect(nc.tcp.giveUpAt(conn, undefined)).toBe(400_150 + 600_000 + 1_200_000 + 2_400_000 + 4_800_000 + 9_600_000);
    expect(nc.tcp.giveUpAt(conn, 5_000_000)).toBe(19_000_150);
    sched.run(60_000_000);
    expect(rec.events.filter((e) => e.kind === 'tcp-gave-up').map((e) => [e.time, e.summary])).toEqual([
      [19_000_150, 'NCVM gives up on its connection to 192.168.100.3:7000: 5 retransmissions of the same data went unacknowledged for 18.9 s (Windows: TcpMaxDataRetransmissions 5); the application is told the connection failed'],
    ]);
    const again = (n: number, waited: number) => `NCVM has had no ACK for ${waited} ms, so it sends the same data again (retransmission ${n} of 5; the wait doubles each time). Part 3 of 3.`;
    expect(segments().slice(3)).toEqual([
      [100_030, 'NCVM', 'ack', 1, 1, 1514, 'Part 1 of 3.'],
      [100_030, 'NCVM', 'ack', 1461, 1, 1514, 'Part 2 of 3.'],
      [100_030, 'NCVM', 'psh+ack', 2921, 1, 134, 'Part 3 of 3.'],
      [100_105, 'ACSVM', 'ack', 1, 2921, 54, 'ACSVM acknowledges the last 2 segments at once: Windows acknowledges every second data segment without waiting (TcpAckFrequency 2).'],
      [400_180, 'NCVM', 'psh+ack', 2921, 1, 134, again(1, 300)],
      [1_000_180, 'NCVM', 'psh+ack', 2921, 1, 134, again(2, 600)],
      [2_200_180, 'NCVM', 'psh+ack', 2921, 1, 134, again(3, 1200)],
      [4_600_180, 'NCVM', 'psh+ack', 2921, 1, 134, again(4, 2400)],
      [9_400_180, 'NCVM', 'psh+ack', 2921, 1, 134, again(5, 4800)],
    ]);
    expect(told.at(-1)).toBe('NCVM: closed (timeout)');
    expect(conn.state).toBe('closed');
  });

  it('an ACK after retransmissions starts the count and the wait over: the next loss is retransmission 1 after 300 ms', () => {
    const { nc, acs, told, handlers, segments, acsLink, sched } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(100_000);
    acsLink(false);
    nc.tcp.send(conn, [{ type: 'raw', data: new Uint8Array(10) }], 'First.');
    sched.run(700_000);
    acsLink(true); // the second retransmission, at 1 s, gets through
    sched.run(1_500_000);
    acsLink(false);
    nc.tcp.send(conn, [{ type: 'raw', data: new Uint8Array(20) }], 'Second.');
    sched.run(2_500_000);
    const again = (n: number, waited: number, what: string) => `NCVM has had no ACK for ${waited} ms, so it sends the same data again (retransmission ${n} of 5; the wait doubles each time). ${what}`;
    expect(segments().slice(3).map((s) => [s[0], s[1], s[3], s[4], s[6]])).toEqual([
      [100_030, 'NCVM', 1, 1, 'First.'],
      [400_030, 'NCVM', 1, 1, again(1, 300, 'First.')],
      [1_000_030, 'NCVM', 1, 1, again(2, 600, 'First.')],
      [1_200_105, 'ACSVM', 1, 11, 'ACSVM acknowledges data (delayed ACK: a lone segment waits up to 200 ms for data to ride along with).'],
      [1_500_030, 'NCVM', 11, 1, 'Second.'],
      [1_800_030, 'NCVM', 11, 1, again(1, 300, 'Second.')],
      [2_400_030, 'NCVM', 11, 1, again(2, 600, 'Second.')],
    ]);
    expect(told).toEqual(['NCVM: SYN sent', 'NCVM: established', 'ACSVM: established', 'ACSVM: 10 bytes']);
    // Sent at 1.5 s: TCP gives up 300 ms + 18.6 s later, as for data sent on a fresh connection.
    expect(nc.tcp.giveUpAt(conn, undefined)).toBe(1_500_000 + 300_000 + 18_600_000);
  });

  it('with nothing outstanding, TCP would give up 18.9 s after the next send: its first wait of 300 ms and five doublings', () => {
    const { nc, acs, handlers, segments, sched } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(100_000);
    expect(nc.tcp.giveUpAt(conn, undefined)).toBeUndefined();
    expect(nc.tcp.giveUpAt(conn, 5_000_000)).toBe(5_000_000 + 300_000 + 18_600_000);
    // The SYN's timer, still pending at 3 s, finds the connection established and sends nothing.
    sched.run(30_000_000);
    expect(segments().length).toBe(3);
  });

  it('sequence numbers that wrap past 2^32 are acknowledged like any others: nothing is sent again', () => {
    const { nc, acs, told, handlers, segments, sched } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    nc.ip.rng.nextU32 = () => 0xffff_fa00; // NCVM's ISN: its second segment runs past 2^32
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(100_000);
    nc.tcp.sendStream(conn, new Uint8Array(3000), (i, n) => `Part ${i + 1} of ${n}.`);
    sched.run(5_000_000);
    expect(segments().slice(3).map((s) => [s[0], s[1], s[2], s[3], s[4]])).toEqual([
      [100_030, 'NCVM', 'ack', 1, 1],
      [100_030, 'NCVM', 'ack', 1461, 1],
      [100_030, 'NCVM', 'psh+ack', 2921, 1],
      [100_105, 'ACSVM', 'ack', 1, 2921],
      [300_105, 'ACSVM', 'ack', 1, 3001],
    ]);
    expect(told.filter((t) => t.startsWith('NCVM'))).toEqual(['NCVM: SYN sent', 'NCVM: established']);
  });
});

describe('opening', () => {
  it('an unanswered SYN is sent again after 3 s and 6 s more, each saying so, and the application is told at 21 s', () => {
    const { nc, acs, told, handlers, segments, sched } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    const first = nc.tcp.connect(ACSVM, 7000, handlers('first'), 0);
    sched.run(100_000);
    nc.tcp.close(first); // (NCVM now has ACSVM's MAC: the SYNs below leave at once)
    sched.run(200_000);
    acs.fail();
    told.length = 0;
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(60_000_000);
    expect(segments().filter((s) => s[2] === 'syn').slice(1).map((s) => [s[0], s[6]])).toEqual([
      [200_030, 'NCVM opens a TCP connection to 192.168.100.3:7000 (SYN).'],
      [3_200_030, 'NCVM has had no SYN-ACK for 3 s, so it sends the SYN again (retransmission 1 of 2; the wait doubles each time).'],
      [9_200_030, 'NCVM has had no SYN-ACK for 6 s, so it sends the SYN again (retransmission 2 of 2; the wait doubles each time).'],
    ]);
    expect(told).toEqual(['NCVM: SYN sent', 'NCVM: SYN sent', 'NCVM: SYN sent', 'NCVM: closed (timeout)']);
    expect(conn.state).toBe('closed');
  });

  it('a node that fails with its SYN out sends it no more and tells nobody', () => {
    const { nc, acs, told, handlers, segments, sched, rec } = pair();
    acs.fail();
    nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(1_000_000);
    nc.fail();
    sched.run(60_000_000);
    expect(told).toEqual(['NCVM: SYN sent']);
    expect(segments()).toEqual([]);
    expect(rec.events.filter((e) => e.kind === 'tcp-retransmit' || e.kind === 'tcp-gave-up')).toEqual([]);
  });

  it('takes the next ephemeral port when the one drawn is in use with the same peer, wrapping from 65535 to 49152', () => {
    const { nc, acs, handlers } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    nc.ip.rng.int = () => 65535; // every draw lands on the last port
    const ports = [0, 1, 2].map(() => nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0).localPort);
    expect(ports).toEqual([65535, 49152, 49153]);
    // Another peer's connections do not collide with these.
    expect(nc.tcp.connect(ipToU32('192.168.100.2'), 7000, handlers('NCVM'), 0).localPort).toBe(65535);
  });

  it("each side cuts its data at the smaller of its own MSS and the one its peer announced", () => {
    for (const small of ['NCVM', 'ACSVM']) {
      const { nc, acs, told, handlers, segments, sched } = pair();
      (small === 'NCVM' ? nc : acs).ip.ifaces[0]!.mtu = 1040; // it announces MSS 1000, its peer 1460
      let server: Conn | undefined;
      acs.tcp.listen(7000, (c) => {
        server = c;
        return handlers('ACSVM');
      });
      const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
      sched.run(100_000);
      nc.tcp.sendStream(conn, new Uint8Array(2500), (i, n) => `Part ${i + 1} of ${n}.`);
      acs.tcp.sendStream(server!, new Uint8Array(2500), (i, n) => `Answer ${i + 1} of ${n}.`);
      sched.run(1_000_000);
      const sizes = (node: string) => segments().filter((s) => s[1] === node && (s[5] as number) > 58).map((s) => (s[5] as number) - 54);
      expect([conn.sndMss, server!.sndMss]).toEqual([1000, 1000]);
      expect(sizes('NCVM')).toEqual([1000, 1000, 500]);
      expect(sizes('ACSVM')).toEqual([1000, 1000, 500]);
      expect(told.filter((t) => t.endsWith('bytes'))).toEqual(['ACSVM: 1000 bytes', 'ACSVM: 1000 bytes', 'ACSVM: 500 bytes', 'NCVM: 1000 bytes', 'NCVM: 1000 bytes', 'NCVM: 500 bytes']);
    }
  });

  it('with no route, the connect fails at once and sends nothing; closed before that, the application hears only its close', () => {
    const { nc, told, handlers, segments, sched, rec } = pair();
    nc.ip.routes.remove(() => true);
    const failed = nc.tcp.connect(ACSVM, 7000, handlers('failed'), 0);
    const closed = nc.tcp.connect(ACSVM, 7001, handlers('closed'), 0);
    nc.tcp.close(closed);
    sched.run(1_000_000);
    expect(told).toEqual(['closed: closed (closed)', 'failed: closed (unreachable)']);
    expect([failed.state, closed.state]).toEqual(['closed', 'closed']);
    expect(segments()).toEqual([]);
    expect(rec.events.filter((e) => e.kind === 'info').map((e) => e.summary)).toEqual([
      'NCVM cannot open a connection to 192.168.100.3:7000: no route, so the application is told at once (network unreachable)',
    ]);
  });
});

describe('what sends nothing', () => {
  it('data on a connection not (or no longer) established, an empty stream, data with no route: no segment, nothing outstanding', () => {
    const { nc, acs, handlers, segments, sched } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    nc.tcp.send(conn, [{ type: 'raw', data: new Uint8Array(10) }], 'Too early.');
    nc.tcp.sendStream(conn, new Uint8Array(10), () => 'Too early.');
    sched.run(100_000);
    nc.tcp.sendStream(conn, new Uint8Array(0), () => 'Nothing.');
    nc.ip.routes.remove(() => true);
    nc.tcp.send(conn, [{ type: 'raw', data: new Uint8Array(10) }], 'No route.');
    nc.tcp.sendStream(conn, new Uint8Array(10), () => 'No route.');
    expect(nc.tcp.giveUpAt(conn, undefined)).toBeUndefined();
    sched.run(5_000_000);
    expect(segments().map((s) => s[6])).toEqual(['NCVM opens a TCP connection to 192.168.100.3:7000 (SYN).', 'ACSVM accepts the connection on TCP 7000 (SYN-ACK).', 'NCVM completes the handshake (ACK).']);
  });

  it('a RST for a connection already gone is not answered', () => {
    const { nc, acs, handlers, segments, sched, rec } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(100_000);
    acs.tcp.reset();
    nc.tcp.send(conn, [{ type: 'raw', data: new Uint8Array(10) }], 'NCVM sends ten bytes.');
    sched.run(200_000);
    const rst = rec.transmissions.find((t) => t.fromNode === 'ACSVM' && t.note!.includes('gets RST'))!;
    nc.receive(0, rst.bytes, 0); // the same RST again: NCVM has no connection left for it
    sched.run(300_000);
    expect(segments().length).toBe(5);
  });

  it('a node that fails within 200 ms of a lone segment never sends its delayed ACK', () => {
    const { nc, acs, handlers, segments, sched } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(100_000);
    nc.tcp.send(conn, [{ type: 'raw', data: new Uint8Array(10) }], 'NCVM sends ten bytes.');
    sched.run(200_000);
    acs.fail();
    sched.run(350_000);
    expect(segments().filter((s) => s[1] === 'ACSVM').map((s) => s[6])).toEqual(['ACSVM accepts the connection on TCP 7000 (SYN-ACK).']);
  });

  it('an empty stream leaves a pending delayed ACK alone, and a segment without data is never sent again', () => {
    const { nc, acs, handlers, segments, sched } = pair();
    let server: Conn | undefined;
    acs.tcp.listen(7000, (c) => {
      server = c;
      return handlers('ACSVM');
    });
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(100_000);
    nc.tcp.send(conn, [{ type: 'raw', data: new Uint8Array(10) }], 'NCVM sends ten bytes.');
    sched.run(200_000);
    acs.tcp.sendStream(server!, new Uint8Array(0), () => 'Nothing.');
    sched.run(1_000_000);
    nc.tcp.send(conn, [], 'No data.'); // nothing for ACSVM to acknowledge: no ACK will come
    sched.run(3_000_000);
    expect(segments().slice(3).map((s) => [s[0], s[1], s[6]])).toEqual([
      [100_030, 'NCVM', 'NCVM sends ten bytes.'],
      [300_105, 'ACSVM', 'ACSVM acknowledges data (delayed ACK: a lone segment waits up to 200 ms for data to ride along with).'],
      [1_000_030, 'NCVM', 'No data.'],
    ]);
  });
});

describe('edges of the handshake', () => {
  it("a node with two interfaces connects from the one its route leaves by: MuxVM to the host's PA, from its PA address with the PA network's MSS", () => {
    const w = buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });
    const mux = w.nodes.get('MuxVM')!;
    const conn = mux.tcp.connect(ipToU32('192.168.233.21'), 7000, {}, 0);
    expect([conn.localIp, conn.mss]).toEqual([ipToU32('192.168.233.6'), 1620]); // MTU 1660 less 40
  });

  it('a SYN-ACK acknowledging the wrong number is ignored; the right one completes the handshake', () => {
    const first = pair();
    first.acs.tcp.listen(7000, () => first.handlers('ACSVM'));
    first.nc.tcp.connect(ACSVM, 7000, first.handlers('NCVM'), 0);
    first.sched.run(100_000);
    const synAck = first.rec.transmissions.find((t) => t.fromNode === 'ACSVM' && t.protocol === 'tcp')!.bytes;
    // The same world again (same seed: the same ISN), with ACSVM down: only the SYN-ACKs given below reach NCVM.
    const { nc, acs, told, handlers, sched } = pair();
    acs.fail();
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(1_000);
    const wrong = synAck.slice();
    wrong[14 + 20 + 11]! += 1; // the acknowledgement number's last byte
    nc.receive(0, wrong, 0);
    expect(conn.state).toBe('syn-sent');
    nc.receive(0, synAck.slice(), 0);
    expect(conn.state).toBe('established');
    expect(told).toEqual(['NCVM: SYN sent', 'NCVM: established']);
  });

  it('the SYN again, while the SYN-ACK is on its way back, does not establish the connection: only the ACK does', () => {
    const { nc, acs, told, handlers, sched, rec } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(300);
    const syn = rec.transmissions.find((t) => t.fromNode === 'NCVM' && t.protocol === 'tcp')!.bytes;
    acs.receive(0, syn.slice(), 0);
    expect(told.filter((t) => t.startsWith('ACSVM'))).toEqual([]);
    sched.run(1_000);
    expect(told).toEqual(['NCVM: SYN sent', 'NCVM: established', 'ACSVM: established']);
  });

  it("a SYN-ACK for no connection, at a port that listens: RST, saying the port listens but knows no such connection", () => {
    const first = pair();
    first.acs.tcp.listen(7000, () => first.handlers('ACSVM'));
    first.nc.tcp.connect(ACSVM, 7000, first.handlers('NCVM'), 0);
    first.sched.run(100_000);
    const synAck = first.rec.transmissions.find((t) => t.fromNode === 'ACSVM' && t.protocol === 'tcp')!.bytes;
    const { nc, segments, sched } = pair();
    const port = (synAck[14 + 20 + 2]! << 8) | synAck[14 + 20 + 3]!; // the SYN-ACK's destination: NCVM's ephemeral port
    nc.tcp.listen(port, () => ({}));
    nc.receive(0, synAck.slice(), 0);
    sched.run(100_000);
    expect(segments().map((s) => [s[1], s[2], s[6]])).toEqual([
      ['NCVM', 'rst', `NCVM listens on TCP ${port}, but has no connection with 192.168.100.3:7000 (it was closed, or lost when the node restarted): a segment other than SYN gets RST.`],
    ]);
  });
});

describe('retransmission timing', () => {
  it('a second segment sent while the first is unacknowledged does not push its timer back', () => {
    const { nc, acs, handlers, segments, acsLink, sched } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(100_000);
    acsLink(false);
    nc.tcp.send(conn, [{ type: 'raw', data: new Uint8Array(10) }], 'First.');
    sched.run(200_000);
    nc.tcp.send(conn, [{ type: 'raw', data: new Uint8Array(10) }], 'Second.');
    sched.run(450_000);
    expect(segments().slice(3).map((s) => [s[0], s[6]])).toEqual([
      [100_030, 'First.'],
      [200_030, 'Second.'],
      [400_030, 'NCVM has had no ACK for 300 ms, so it sends the same data again (retransmission 1 of 5; the wait doubles each time). First.'],
    ]);
  });

  it('a stream sent while earlier data is unacknowledged does not push its timer back; a stream lost whole is sent again 300 ms later', () => {
    const { nc, acs, handlers, segments, acsLink, sched } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(100_000);
    acsLink(false);
    nc.tcp.sendStream(conn, new Uint8Array(10), () => 'First stream.');
    sched.run(200_000);
    nc.tcp.sendStream(conn, new Uint8Array(10), () => 'Second stream.');
    sched.run(450_000);
    expect(segments().slice(3).map((s) => [s[0], s[6]])).toEqual([
      [100_030, 'First stream.'],
      [200_030, 'Second stream.'],
      [400_030, 'NCVM has had no ACK for 300 ms, so it sends the same data again (retransmission 1 of 5; the wait doubles each time). First stream.'],
    ]);
  });

  it('the side that accepted the connection sends its lost data again 300 ms later too', () => {
    const { nc, acs, handlers, segments, acsLink, sched } = pair();
    let accepted: Conn | undefined;
    acs.tcp.listen(7000, (c) => {
      accepted = c;
      return handlers('ACSVM');
    });
    nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(100_000);
    acsLink(false);
    acs.tcp.send(accepted!, [{ type: 'raw', data: new Uint8Array(10) }], 'Reply.');
    sched.run(450_000);
    expect(segments().slice(3).map((s) => [s[0], s[1], s[6]])).toEqual([
      [100_030, 'ACSVM', 'Reply.'],
      [400_030, 'ACSVM', 'ACSVM has had no ACK for 300 ms, so it sends the same data again (retransmission 1 of 5; the wait doubles each time). Reply.'],
    ]);
  });

  it('a node that fails with data unacknowledged retransmits nothing', () => {
    const { nc, acs, handlers, segments, acsLink, sched } = pair();
    acs.tcp.listen(7000, () => handlers('ACSVM'));
    const conn = nc.tcp.connect(ACSVM, 7000, handlers('NCVM'), 0);
    sched.run(100_000);
    acsLink(false);
    nc.tcp.send(conn, [{ type: 'raw', data: new Uint8Array(10) }], 'First.');
    sched.run(200_000);
    nc.fail();
    sched.run(30_000_000);
    expect(segments().slice(3).map((s) => s[6])).toEqual(['First.']);
  });
});
