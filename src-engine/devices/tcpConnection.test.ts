// TCP as the student reads it: every segment of the canonical connection says what it is (handshake, data cut at
// the MSS, acknowledgement every second segment, FIN), a closed port answers RST with the right acknowledgement
// number, a missing route fails the connect at once, and unanswered SYNs and data are retransmitted on Windows'
// schedule before TCP gives up, each event with its words and its data.
import { beforeEach, describe, expect, it } from 'vitest';
import { decodePacket } from '../packets/decode';
import type { Layer } from '../packets/layers';
import type { Transmission } from '../protocol';
import { pocTopology, runPoc } from '../run/fixtures';
import { simulate, type SimRun } from '../run/simulate';

const S = 1_000_000;
type Result = SimRun['result'];

const tcpOf = (t: Transmission): Extract<Layer, { type: 'tcp' }> => {
  const d = decodePacket(t.bytes);
  if (!d.ok) throw new Error('undecodable frame');
  const tcp = d.value.layers.find((l) => l.type === 'tcp');
  if (!tcp || tcp.type !== 'tcp') throw new Error('no TCP header');
  return tcp;
};
/** Events of the given kinds, without their ids. */
const eventsOf = (r: Result, kinds: string[]) => r.events.filter((e) => kinds.includes(e.kind)).map(({ id: _id, ...e }) => e);

describe('the canonical connection, ClientVM to the portal VIP', () => {
  let r: Result;
  beforeEach(() => {
    r = runPoc().result;
  });

  it('each segment ClientVM and PortalVM send says what it is and why', () => {
    const VIA_NAT = 'ClientVM sends it by route 0.0.0.0/0 via 192.168.200.1 (NATVM), static.';
    const VIA_BGP = 'PortalVM sends it by route 0.0.0.0/0 via 192.168.100.1 (BGPVM), static.';
    const flight =
      'PortalVM answers the ClientHello for portal.azurestack.local with its first flight: ServerHello (it picks TLS_RSA_WITH_AES_128_GCM_SHA256), its certificate chain (979 + 893 bytes; illustrative, made for Hoplab) and ServerHelloDone, 1985 bytes in all, more than one segment holds, so TCP cuts them at the MSS of 1460 bytes: ';
    const sent = r.transmissions.filter((t) => (t.fromNode === 'ClientVM' || t.fromNode === 'PortalVM') && t.time > 1_001_000).map((t) => [t.time, t.fromNode, t.note]);
    expect(sent).toEqual([
      [1_001_035, 'ClientVM', `ClientVM opens a TCP connection to 192.168.133.74:443 (SYN). ${VIA_NAT}`],
      [1_001_510, 'PortalVM', `PortalVM accepts the connection on TCP 443 (SYN-ACK). ${VIA_BGP}`],
      [1_001_680, 'ClientVM', `ClientVM completes the handshake (ACK). ${VIA_NAT}`],
      [
        1_001_680,
        'ClientVM',
        `ClientVM starts TLS 1.2: a ClientHello (133 bytes) that offers 8 cipher suites and names portal.azurestack.local in its server_name extension (SNI), so the server knows which site and certificate are wanted. ${VIA_NAT}`,
      ],
      [1_002_005, 'PortalVM', `${flight}segment 1 of 2 holds ServerHello and the start of Certificate. ${VIA_BGP}`],
      [1_002_005, 'PortalVM', `${flight}segment 2 of 2 holds the rest of Certificate and ServerHelloDone. ${VIA_BGP}`],
      [1_002_175, 'ClientVM', `ClientVM acknowledges the last 2 segments at once: Windows acknowledges every second data segment without waiting (TcpAckFrequency 2). ${VIA_NAT}`],
      [
        1_002_175,
        'ClientVM',
        `ClientVM has the server's whole first flight (ServerHelloDone). A browser would now send its key exchange and Finished, encrypted; Hoplab's TLS stops here (no keys are made) and ClientVM closes the connection (FIN). ${VIA_NAT}`,
      ],
      [1_002_500, 'PortalVM', `PortalVM closes its side too (FIN-ACK). ${VIA_BGP}`],
      [1_002_670, 'ClientVM', `ClientVM acknowledges the FIN. ${VIA_NAT}`],
    ]);
  });

  it('the sequence numbers: the SYN-ACK acknowledges the SYN, the ACK both; the first flight is cut at the MSS of 1460 bytes', () => {
    const from = (node: string) => r.transmissions.filter((t) => t.fromNode === node && t.protocol !== 'arp' && t.protocol !== 'dns' && t.time > 1_001_000).map(tcpOf);
    const [syn, ack, hello, ackFlight, fin, lastAck] = from('ClientVM');
    const [synAck, seg1, seg2, finAck] = from('PortalVM');
    expect(syn!.mss).toBe(1460);
    expect(synAck!.mss).toBe(1460);
    expect(synAck!.ack).toBe((syn!.seq + 1) >>> 0);
    expect([ack!.seq, ack!.ack]).toEqual([(syn!.seq + 1) >>> 0, (synAck!.seq + 1) >>> 0]);
    expect(hello!.seq).toBe(ack!.seq);
    expect(seg1!.seq).toBe((synAck!.seq + 1) >>> 0);
    expect(seg2!.seq).toBe((seg1!.seq + 1460) >>> 0);
    expect(seg1!.flags.psh).toBe(false);
    expect(seg2!.flags.psh).toBe(true);
    expect(ackFlight!.ack).toBe((seg1!.seq + 1985) >>> 0);
    expect(fin!.flags.fin).toBe(true);
    expect(finAck!.ack).toBe((fin!.seq + 1) >>> 0);
    expect(lastAck!.ack).toBe((finAck!.seq + 1) >>> 0);
  });

  it("the traces end with TCP's words: the SYN accepted, the SYN-ACK matched, the ClientHello handed up", () => {
    const a = r.attempts[0]!;
    expect(a.hops.at(-1)!.why).toBe('The SYN reached PortalVM, which listens on TCP 443; it answers with SYN-ACK.');
    expect(a.returnHops!.at(-1)!.steps.at(-1)).toEqual({ kind: 'delivered', text: 'ClientVM receives the SYN-ACK: the connection is established' });
    expect(a.returnHops!.at(-1)!.why).toBe("The SYN-ACK matches ClientVM's open connection; it completes the handshake with ACK.");
    expect(a.tls!.returnHops!.at(-1)!.steps.at(-1)).toEqual({ kind: 'delivered', text: "ClientVM receives the start of the server's first flight (ServerHello)" });
    expect(a.tls!.returnHops!.at(-1)!.why).toBe('The segment is the next one ClientVM expects on its connection with 192.168.133.74:443, so its data goes up to the application.');
    expect(a.tls!.hops.at(-1)!.why).toBe('The segment is the next one PortalVM expects on its connection with 192.168.200.10:64877, so its data goes up to the application.');
  });
});

describe('a port nobody listens on (PortalVM, TCP 8080)', () => {
  it('PortalVM answers RST/ACK acknowledging the SYN; ClientVM is refused at once', () => {
    const r = runPoc({ to: '192.168.100.9:8080' }).result;
    // (The SLB host agent's probes of PortalVM's TCP 443 are on the wire too.)
    const syn = r.transmissions.find((t) => t.fromNode === 'ClientVM' && t.protocol === 'tcp')!;
    const rst = r.transmissions.find((t) => t.fromNode === 'PortalVM' && t.protocol === 'tcp' && tcpOf(t).srcPort === 8080)!;
    expect(rst.note).toBe('PortalVM has no listener on TCP 8080, so it answers with RST. PortalVM sends it by route 0.0.0.0/0 via 192.168.100.1 (BGPVM), static.');
    const header = tcpOf(rst);
    expect([header.srcPort, header.dstPort, header.seq, header.ack]).toEqual([8080, tcpOf(syn).srcPort, 0, (tcpOf(syn).seq + 1) >>> 0]);
    expect(header.flags).toMatchObject({ rst: true, ack: true, syn: false });
    const a = r.attempts[0]!;
    expect([a.disposition, a.reason]).toEqual(['no-listener', 'nothing listens on TCP port 8080 at PortalVM (192.168.100.9): connection refused']);
    expect(a.returnHops!.at(-1)!.steps.at(-1)).toEqual({ kind: 'delivered', text: 'ClientVM receives RST: connection refused' });
    expect(a.returnHops!.at(-1)!.why).toBe('ClientVM receives the reset.');
    expect(a.connection).toEqual({ outcome: 'refused', synTimes: [1 * S], endedAt: 1_000_855 });
    expect(r.events.some((e) => e.kind === 'tcp-retransmit')).toBe(false);
  });
});

describe('no route to the destination', () => {
  it('the connect fails at once, and ClientVM says so', () => {
    const t = pocTopology();
    const topology = { ...t, nodes: t.nodes.map((n) => (n.id === 'ClientVM' ? { ...n, routes: [] } : n)) };
    const r = simulate(topology, { from: 'ClientVM', to: '192.168.133.74:443' });
    if (!r.ok) throw new Error(r.error.message);
    const said = r.value.result.events.filter((e) => e.node === 'ClientVM' && e.protocol === 'tcp').map((e) => [e.time, e.summary]);
    expect(said).toEqual([[1 * S, 'ClientVM cannot open a connection to 192.168.133.74:443: no route, so the application is told at once (network unreachable)']]);
  });
});

describe('retransmission on Windows’ schedule (MuxVM fails at 1 s)', () => {
  let r: Result;
  beforeEach(() => {
    r = runPoc({ whatIf: [{ action: 'fail', target: 'MuxVM', at: 1 * S }] }).result;
  });

  it("ClientVM's SYN: 3 s, then 6 s, then 12 s more, and it gives up after 21 s", () => {
    const client = { local: '192.168.200.10:64877', remote: '192.168.133.74:443', flowId: 'flow', protocol: 'tcp', node: 'ClientVM', segment: 'syn' };
    expect(eventsOf(r, ['tcp-retransmit', 'tcp-gave-up']).filter((e) => e.node === 'ClientVM' && e.time < 100 * S)).toEqual([
      { ...client, time: 9_001_005, kind: 'tcp-retransmit', summary: 'ClientVM retransmits its SYN to 192.168.133.74:443 (retransmission 1 of 2, next wait 6 s)', retransmission: 1, of: 2, rto: 6 * S },
      { ...client, time: 15_001_005, kind: 'tcp-retransmit', summary: 'ClientVM retransmits its SYN to 192.168.133.74:443 (retransmission 2 of 2, next wait 12 s)', retransmission: 2, of: 2, rto: 12 * S },
      {
        ...client,
        time: 27_001_005,
        kind: 'tcp-gave-up',
        summary: 'ClientVM gives up connecting to 192.168.133.74:443: no SYN-ACK to 3 SYNs in 21 s (Windows: TcpMaxConnectRetransmissions 2, first retransmission timeout (RTO) 3 s)',
        retransmissions: 2,
        firstSent: 6_001_005,
      },
    ]);
  });

  it("BGPVM's unacknowledged KEEPALIVE: 5 retransmissions, the wait doubling from 300 ms, then it gives up after 18.9 s", () => {
    const bgpvm = { local: '192.168.100.1:179', remote: '192.168.100.6:56894', protocol: 'tcp', node: 'BGPVM', segment: 'data' };
    const retransmit = (n: number, time: number, wait: number) => ({
      ...bgpvm,
      time,
      kind: 'tcp-retransmit',
      summary: `BGPVM retransmits 19 bytes to 192.168.100.6:56894 (retransmission ${n} of 5, next wait ${wait / 1000} ms)`,
      retransmission: n,
      of: 5,
      rto: wait,
    });
    expect(eventsOf(r, ['tcp-retransmit', 'tcp-gave-up']).filter((e) => e.node === 'BGPVM')).toEqual([
      retransmit(1, 48_932_998, 600_000),
      retransmit(2, 49_532_998, 1_200_000),
      retransmit(3, 50_732_998, 2_400_000),
      retransmit(4, 53_132_998, 4_800_000),
      retransmit(5, 57_932_998, 9_600_000),
      {
        ...bgpvm,
        time: 67_532_998,
        kind: 'tcp-gave-up',
        summary:
          'BGPVM gives up on its connection to 192.168.100.6:56894: 5 retransmissions of the same data went unacknowledged for 18.9 s (Windows: TcpMaxDataRetransmissions 5); the application is told the connection failed',
        retransmissions: 5,
        firstSent: 48_632_998,
      },
    ]);
  });
});
