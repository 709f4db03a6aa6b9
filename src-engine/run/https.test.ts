// HTTPS after the handshake on the canonical flow: the ClientHello through the MUX and VXLAN, the server's
// first flight cut at the MSS and back by Direct Server Return, every byte acknowledged, FIN from both sides.
import { describe, expect, it } from 'vitest';
import { decodePacket } from '../packets/decode';
import type { Layer, TcpLayer, TlsLayer } from '../packets/layers';
import type { Transmission } from '../protocol';
import { viewFrame } from '../view/frame';
import { LIMITS } from '../limits';
import { pocTopology, runPoc } from './fixtures';
import { simulate } from './simulate';

const layersOf = (t: Transmission): Layer[] => {
  const d = decodePacket(t.bytes);
  if (!d.ok) throw new Error(d.error.message);
  return d.value.layers;
};
const tcpOf = (t: Transmission) => layersOf(t).find((l): l is TcpLayer => l.type === 'tcp')!;
/** Bytes of data the segment carries: the IP total length less the IPv4 and TCP headers. */
const payloadLength = (t: Transmission) => {
  const ip = layersOf(t).find((l) => l.type === 'ipv4');
  return (ip?.type === 'ipv4' ? (ip.totalLength ?? 0) : 0) - 20 - (20 + (tcpOf(t).mss !== undefined ? 4 : 0));
};

describe('HTTPS after the handshake', () => {
  it('traces the ClientHello through NATVM, BGPVM, MuxVM and VXLAN to PortalVM, and the flight back by Direct Server Return', () => {
    const { result } = runPoc({ seed: 1 });
    const tls = result.trace.tls!;
    expect(tls.disposition).toBe('delivered');
    expect(tls.reason).toMatch(/PortalVM's HTTPS service receives the ClientHello; the server's first flight arrived at [\d.]+ s and both sides closed the connection with FIN/);
    expect([...new Set(tls.hops.map((h) => h.node))]).toEqual(['ClientVM', 'CCI_External_vSwitch', 'NATVM', 'BGPVM', 'MuxVM', 'PortalVM']);
    expect(tls.hops.find((h) => h.node === 'MuxVM')!.layers.some((l) => l.type === 'vxlan')).toBe(true);
    const hello = tls.hops[0]!.layers.find((l): l is TlsLayer => l.type === 'tls')!;
    expect(hello.handshake![0]).toMatchObject({ kind: 'client-hello', version: 0x0303, extensions: expect.arrayContaining([{ kind: 'server-name', hostName: 'portal.azurestack.local' }]) });
    expect(tls.returnHops.map((h) => h.node)).not.toContain('MuxVM');
    expect(tls.returnHops.at(-1)!.node).toBe('ClientVM');
    expect(tls.returnHops[0]!.layers.some((l) => l.type === 'tls' && l.handshake?.[0]?.kind === 'server-hello')).toBe(true);
    expect(result.trace.connection).toMatchObject({ outcome: 'established', closed: 'fin' });
  });

  it('cuts the flight at the MSS, each segment acknowledged, then both sides close with FIN', () => {
    const { result } = runPoc({ seed: 1 });
    const sent = (from: string) => result.transmissions.filter((t) => t.fromNode === from && t.flowId?.startsWith('flow'));
    const server = sent('PortalVM');
    const client = sent('ClientVM');
    const flight = server.filter((t) => payloadLength(t) > 0);
    expect(flight.map(payloadLength)).toEqual([1460, 525]);
    expect(flight.map((t) => viewFrame(t.bytes).protocol)).toEqual(['tls', 'tls']);
    expect(flight[0]!.note).toMatch(/segment 1 of 2 holds ServerHello and the start of Certificate/);
    expect(flight[1]!.note).toMatch(/segment 2 of 2 holds the rest of Certificate and ServerHelloDone/);
    // ClientVM's ACK covers both segments (Windows acknowledges every second segment at once), before its FIN.
    const end = (tcpOf(flight[1]!).seq + 525) >>> 0;
    const afterFlight = client.filter((t) => t.time >= flight[1]!.time);
    expect(afterFlight.map((t) => [viewFrame(t.bytes).tokenLabel, tcpOf(t).ack === end])).toEqual([
      ['TCP ACK', true],
      ['TCP FIN-ACK', true],
      ['TCP ACK', false], // acknowledges the server's FIN: one more
    ]);
    expect(afterFlight[0]!.note).toMatch(/every second data segment/);
    const serverFin = server.filter((t) => tcpOf(t).flags.fin);
    expect(serverFin).toHaveLength(1);
    expect(tcpOf(afterFlight[2]!).ack).toBe((tcpOf(serverFin[0]!).seq + 1) >>> 0);
  });

  it('sends no server name when the client connects to an address (SNI is for names)', () => {
    const { result } = runPoc({ to: '192.168.133.74:443' });
    const hello = result.trace.tls!.hops[0]!.layers.find((l): l is TlsLayer => l.type === 'tls')!.handshake![0]!;
    expect(hello.kind === 'client-hello' && hello.extensions?.some((e) => e.kind === 'server-name')).toBe(false);
    expect(result.trace.connection?.closed).toBe('fin');
  });

  it('names and labels the TLS frames from the engine view', () => {
    const { result } = runPoc({ seed: 1 });
    const summaries = result.transmissions.filter((t) => t.fromNode === 'ClientVM' || t.fromNode === 'PortalVM').filter((t) => t.protocol === 'tls').map((t) => `${viewFrame(t.bytes).tokenLabel}: ${t.summary}`);
    expect(summaries).toEqual([
      expect.stringMatching(/^TLS ClientHello: 192\.168\.200\.10:\d+ -> 192\.168\.133\.74:443 TCP PSH\/ACK TLS ClientHello \(SNI portal\.azurestack\.local\)$/),
      expect.stringMatching(/^TLS ServerHello: 192\.168\.100\.9:443 -> .* TLS ServerHello \+ 1374 bytes of a record continued in the next segment$/),
      expect.stringMatching(/^TLS cont\.: 192\.168\.100\.9:443 -> .* TLS continued: 525 bytes of a record that spans segments$/),
    ]);
  });
});

// The ClientHello's trace ends with what became of the connection after it: each way it can end, in its words.
describe('how the connection ended, after the ClientHello', () => {
  const PA_1500 = { mtu: [{ network: 'pa', mtu: 1500 }] };
  const TOO_BIG = 'MuxVM cannot send the 1500-byte packet through VXLAN: with the 50 bytes of encapsulation it is 1550 bytes, more than the 1500-byte MTU of the pa network';

  it('says when the client gave up on data never acknowledged, with the Windows setting that limits it', () => {
    const { result } = runPoc(PA_1500);
    expect(result.trace.tls!.reason).toBe(`${TOO_BIG}; ClientVM never had its data acknowledged and gave up at 19.902 s (Windows: TcpMaxDataRetransmissions 5)`);
    expect(result.trace.connection).toMatchObject({ closed: 'gave-up', closedAt: 19_901_650 });
  });

  it('says the connection was reset when the server lost it: PortalVM restarts while the ClientHello is on its way', () => {
    const hello = runPoc().result.trace.tls!.startedAt!;
    // Down when the ClientHello arrives, up again before its retransmission 0.3 s later, with no connection: RST.
    const { result } = runPoc({ whatIf: [{ action: 'fail', target: 'PortalVM', at: hello }, { action: 'restore', target: 'PortalVM', at: hello + 100_000 }], flowAt: [1_000_000] });
    expect(result.trace.tls!.reason).toBe('PortalVM is down: nothing processes the packet; the connection was reset');
    expect(result.trace.connection).toMatchObject({ outcome: 'established', closed: 'reset', closedAt: 1_302_295 });
    const resets = result.transmissions.filter((t) => t.flowId?.startsWith('flow') && tcpOf(t).flags.rst);
    expect([resets[0]!.fromNode, resets[0]!.time]).toEqual(['PortalVM', 1_302_155]);
  });

  it('says the connection was still open when the run ended before it closed', () => {
    // 150 events: past the handshake and the first ClientHello (dropped at MuxVM), before the client gives up.
    const r = simulate(pocTopology(), { from: 'ClientVM', to: 'https://portal.azurestack.local', ...PA_1500 }, { full: true }, { simTime: LIMITS.simTime, events: 150 });
    if (!r.ok) throw new Error(r.error.message);
    const { result } = r.value;
    expect(result.trace.tls!.reason).toBe(`${TOO_BIG}; the connection was still open when the run ended`);
    expect(result.trace.connection).toEqual({ outcome: 'established', synTimes: [1_001_005], endedAt: 1_001_650 });
    expect(result.endTime).toBe(3_101_650);
  });
});
