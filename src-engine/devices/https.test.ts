// The HTTPS exchange's own pieces: the ClientHello padded to an exact size (or left alone when it cannot be), and
// the words that say which records each segment of the server's flight holds.
import { describe, expect, it } from 'vitest';
import { encodePacket } from '../packets/index';
import type { TlsLayer } from '../packets/layers';
import { createRng } from '../sim/rng';
import { clientHelloRecord, httpsServer, segmentHolds, serverFlightRecords, startHttpsClient } from './https';
import type { NodeRt } from './node';
import type { Conn } from './tcp';

const extensionTypes = (r: TlsLayer) => {
  const hello = r.handshake![0]!;
  return hello.kind === 'client-hello' ? (hello.extensions ?? []).map((e) => (e.kind === 'server-name' ? 'sni' : e.type)) : [];
};

describe('the ClientHello', () => {
  // Built in each test, not when the file loads, so each test's coverage is its own.
  const plain = () => encodePacket([clientHelloRecord(createRng(1), 'portal.azurestack.local')]).length;

  it('names the server when it has a name, and offers the same extensions either way', () => {
    expect(plain()).toBe(133);
    expect(extensionTypes(clientHelloRecord(createRng(1), 'portal.azurestack.local'))).toEqual(['sni', 10, 11, 13, 0xff01]);
    expect(extensionTypes(clientHelloRecord(createRng(1), undefined))).toEqual([10, 11, 13, 0xff01]);
  });

  it('is padded to exactly the size asked, with the padding extension (RFC 7685) last', () => {
    for (const size of [1460, plain() + 4, plain() + 5]) {
      const r = clientHelloRecord(createRng(1), 'portal.azurestack.local', size);
      expect(encodePacket([r]).length).toBe(size);
      expect(extensionTypes(r).at(-1)).toBe(21);
    }
  });

  it('is left as it is when even an empty padding extension would make it larger than asked', () => {
    for (const size of [plain() + 3, plain(), 10]) {
      const r = clientHelloRecord(createRng(1), 'portal.azurestack.local', size);
      expect(encodePacket([r]).length).toBe(plain());
      expect(extensionTypes(r)).not.toContain(21);
    }
  });

  it('carries 32 random bytes drawn from the node\'s stream, four to each draw, most significant first', () => {
    const r = clientHelloRecord(createRng(7), undefined).handshake![0]!;
    const rng = createRng(7);
    const expected = Array.from({ length: 8 }, () => rng.nextU32()).flatMap((v) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]);
    expect(r.kind === 'client-hello' && [...r.random]).toEqual(expected);
  });
});

describe("the server's first flight", () => {
  it('draws its ServerHello random, then its session id, 32 bytes each from the next eight draws: none skipped', () => {
    const hello = serverFlightRecords(createRng(7))[0]!.handshake![0]!;
    const rng = createRng(7);
    const bytes = () => Array.from({ length: 8 }, () => rng.nextU32()).flatMap((v) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255]);
    const random = bytes();
    const sessionId = bytes();
    expect(hello.kind === 'server-hello' && [[...hello.random], [...hello.sessionId]]).toEqual([random, sessionId]);
  });
});

describe('segmentHolds', () => {
  const parts = [
    { name: 'ServerHello', length: 100 },
    { name: 'Certificate', length: 1000 },
    { name: 'ServerHelloDone', length: 10 },
  ];

  it('names whole records, and the start, the middle or the rest of a record cut by the segment', () => {
    expect(segmentHolds(parts, 0, 500)).toBe('ServerHello and the start of Certificate');
    expect(segmentHolds(parts, 500, 600)).toBe('the middle of Certificate');
    expect(segmentHolds(parts, 600, 1110)).toBe('the rest of Certificate and ServerHelloDone');
    expect(segmentHolds(parts, 0, 1110)).toBe('ServerHello, Certificate and ServerHelloDone');
  });

  it('counts a record that ends where the segment starts, or starts where it ends, as not in it', () => {
    expect(segmentHolds(parts, 100, 1100)).toBe('Certificate');
    expect(segmentHolds(parts, 0, 100)).toBe('ServerHello');
    expect(segmentHolds(parts, 1100, 1110)).toBe('ServerHelloDone');
    expect(segmentHolds(parts, 1110, 1200)).toBe('nothing');
  });

  it('a segment that starts where a record starts holds its start, one that ends where it ends its rest, not its middle', () => {
    expect(segmentHolds(parts, 100, 600)).toBe('the start of Certificate');
    expect(segmentHolds(parts, 500, 1100)).toBe('the rest of Certificate');
  });
});

describe("the server's HTTPS service", () => {
  /** A scripted node and connection: what the service hands TCP to send, and nothing else. */
  function service() {
    const sent: { flight: number[]; texts: string[] }[] = [];
    const node = {
      id: 'PortalVM',
      ip: { rng: createRng(3), ctx: { tracer: { replyTag: () => 0 } } },
      tcp: { sendStream: (_c: Conn, data: Uint8Array, why: (i: number, n: number) => string) => sent.push({ flight: [...data], texts: [why(0, 2), why(1, 2)] }) },
    } as unknown as NodeRt;
    const conn = { sndMss: 1460 } as Conn;
    const handlers = httpsServer(node)(conn);
    return { sent, conn, handlers, data: (bytes: Uint8Array) => handlers.onData!(conn, [], 0, bytes) };
  }
  const hello = () => encodePacket([clientHelloRecord(createRng(1), 'portal.azurestack.local')]);

  it('answers a ClientHello cut across two segments once it has the whole of it, with its first flight', () => {
    const { sent, data } = service();
    const h = hello();
    data(h.subarray(0, 60));
    expect(sent).toEqual([]);
    data(h.subarray(60));
    const flight = encodePacket(serverFlightRecords(createRng(3)));
    expect(sent.map((s) => s.flight)).toEqual([[...flight]]);
    expect(sent[0]!.texts[0]).toMatch(/^PortalVM answers the ClientHello for portal\.azurestack\.local with its first flight: ServerHello \(it picks /);
  });

  it('answers a ClientHello without a server name (a client that connects by address) in the same words, naming no site', () => {
    const { sent, data } = service();
    data(encodePacket([clientHelloRecord(createRng(1), undefined)]));
    expect(sent[0]!.texts[0]).toMatch(/^PortalVM answers the ClientHello with its first flight: ServerHello \(it picks /);
  });

  it("names what its first data segment delivers: the ClientHello, to the node's HTTPS service", () => {
    const { handlers, conn } = service();
    expect(handlers.deliveredText!(conn, [])).toBe("PortalVM's HTTPS service receives the ClientHello");
  });

  it('answers only the first ClientHello of a connection: a second one gets nothing', () => {
    const { sent, data } = service();
    data(hello());
    data(hello());
    expect(sent.length).toBe(1);
  });
});

describe("the client's side", () => {
  /** A scripted ClientVM: the note of what it sends, the notes of its closes, and how often its flight was complete. */
  function client(serverName: string | undefined, padTo: number | undefined) {
    const sent: string[] = [];
    const closed: string[] = [];
    const flights: number[] = [];
    const node = {
      id: 'ClientVM',
      ip: { rng: createRng(1) },
      tcp: { sendStream: (_c: Conn, _data: Uint8Array, why: (i: number, n: number) => string) => sent.push(why(0, 1)), close: (_c: Conn, why: string) => closed.push(why) },
    } as unknown as NodeRt;
    const conn = { handlers: {} } as Conn;
    startHttpsClient(node, conn, serverName, 0, padTo, { onFlight: () => flights.push(flights.length + 1) });
    return { sent, closed, flights, data: (bytes: Uint8Array) => conn.handlers.onData!(conn, [], 0, bytes) };
  }

  it('says what its ClientHello offers: the server name (SNI) or why there is none, and the padding when asked for', () => {
    const named = 'names portal.azurestack.local in its server_name extension (SNI), so the server knows which site and certificate are wanted.';
    expect(client('portal.azurestack.local', undefined).sent).toEqual([`ClientVM starts TLS 1.2: a ClientHello (133 bytes) that offers 8 cipher suites and ${named}`]);
    expect(client(undefined, undefined).sent).toEqual(['ClientVM starts TLS 1.2: a ClientHello (101 bytes) that offers 8 cipher suites and connects by address, so it sends no server name (SNI is for names only).']);
    expect(client('portal.azurestack.local', 1400).sent).toEqual([
      `ClientVM starts TLS 1.2: a ClientHello (1400 bytes) that offers 8 cipher suites and ${named} It is padded to 1400 bytes, a full segment (RFC 7685 padding extension), so that this run sends a full-size packet from client to server: only that direction crosses the MUX and its VXLAN leg (the answers come back by Direct Server Return, not encapsulated), and only a full-size packet shows what the PA network's MTU does.`,
    ]);
  });

  it('closes once it has the whole first flight, and only once: data after it changes nothing', () => {
    const c = client('portal.azurestack.local', undefined);
    const flight = encodePacket(serverFlightRecords(createRng(3)));
    c.data(flight.subarray(0, 1000));
    expect([c.flights, c.closed.length]).toEqual([[], 0]);
    c.data(flight.subarray(1000));
    c.data(flight);
    expect(c.flights).toEqual([1]);
    expect(c.closed).toEqual([
      "ClientVM has the server's whole first flight (ServerHelloDone). A browser would now send its key exchange and Finished, encrypted; Hoplab's TLS stops here (no keys are made) and ClientVM closes the connection (FIN).",
    ]);
  });
});
