// HTTPS as far as the bytes need, on both ends of the canonical flow: once TCP is up the client sends a
// TLS 1.2 ClientHello naming the server (SNI); the server answers with its first flight (ServerHello,
// Certificate, ServerHelloDone) cut into MSS-sized segments; the client, having what it came to show,
// closes with FIN. Real record bytes (Wireshark decodes them); no keys are made, nothing is encrypted,
// and the handshake goes no further: what follows would be ciphertext the simulator has no use for.
import { decodePacket, encodePacket } from '../packets/index';
import type { Layer, TlsExtension, TlsHandshake, TlsLayer } from '../packets/layers';
import { TLS_HANDSHAKE, TLS_VERSION_1_2 } from '../packets/tls';
import type { Rng } from '../sim/rng';
import { CIPHER_SUITES } from '../view/protocols';
import { PORTAL_CHAIN } from './illustrativeCertificate';
import type { NodeRt } from './node';
import type { Conn, TcpHandlers } from './tcp';
import { andList } from '../net/prose';

/**
 * What the client offers, most preferred first [illus: a plausible Windows 10 / Server 2016 list, trimmed;
 * the order SChannel used in 2016 is not modelled].
 */
export const CLIENT_CIPHER_SUITES: readonly number[] = [0xc030, 0xc02f, 0x009d, 0x009c, 0x003d, 0x003c, 0x0035, 0x002f];
/**
 * What the server picks: TLS_RSA_WITH_AES_128_GCM_SHA256 [illus]. An RSA key exchange needs no
 * ServerKeyExchange, so the first flight is exactly ServerHello, Certificate, ServerHelloDone.
 */
export const SERVER_CIPHER_SUITE = 0x009c;

/** RFC 7685: the padding extension, which lets a client make its ClientHello any size. */
const EXT_PADDING = 21;

const randomBytes = (rng: Rng, n: number): Uint8Array => {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const v = rng.nextU32();
    for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = v >>> (24 - 8 * j);
  }
  return out;
};

const ext = (type: number, ...bytes: number[]): TlsExtension => ({ kind: 'other', type, data: Uint8Array.from(bytes) });

const handshakeRecord = (...handshake: TlsHandshake[]): TlsLayer => ({ type: 'tls', contentType: TLS_HANDSHAKE, version: TLS_VERSION_1_2, handshake });

/**
 * The ClientHello record: SNI when the client connects by name (RFC 6066 3: never for an address), the
 * extensions an ECDHE-capable TLS 1.2 client sends (supported groups P-256 and P-384, uncompressed points,
 * signature algorithms, renegotiation info). `size`, when given, pads the record to that many bytes with
 * the padding extension (RFC 7685).
 */
export function clientHelloRecord(rng: Rng, serverName: string | undefined, size?: number): TlsLayer {
  const extensions: TlsExtension[] = [
    ...(serverName !== undefined ? [{ kind: 'server-name' as const, hostName: serverName }] : []),
    ext(10, 0x00, 0x04, 0x00, 0x17, 0x00, 0x18), // supported_groups: secp256r1, secp384r1
    ext(11, 0x01, 0x00), // ec_point_formats: uncompressed
    ext(13, 0x00, 0x08, 0x04, 0x01, 0x05, 0x01, 0x02, 0x01, 0x04, 0x03), // signature_algorithms: RSA SHA-256/384/1, ECDSA SHA-256
    ext(0xff01, 0x00), // renegotiation_info, empty (RFC 5746)
  ];
  const random = randomBytes(rng, 32);
  const hello = (exts: TlsExtension[]): TlsLayer =>
    handshakeRecord({ kind: 'client-hello', version: TLS_VERSION_1_2, random, sessionId: new Uint8Array(0), cipherSuites: CLIENT_CIPHER_SUITES, compressionMethods: [0], extensions: exts });
  if (size === undefined) return hello(extensions);
  const plain = encodePacket([hello(extensions)]).length;
  const pad = size - plain - 4; // the extension's own type and length
  return pad < 0 ? hello(extensions) : hello([...extensions, { kind: 'other', type: EXT_PADDING, data: new Uint8Array(pad) }]);
}

/** The server's first flight: ServerHello, the illustrative certificate chain, ServerHelloDone, one record each. */
export function serverFlightRecords(rng: Rng): TlsLayer[] {
  return [
    handshakeRecord({ kind: 'server-hello', version: TLS_VERSION_1_2, random: randomBytes(rng, 32), sessionId: randomBytes(rng, 32), cipherSuite: SERVER_CIPHER_SUITE, compressionMethod: 0, extensions: [ext(0xff01, 0x00)] }),
    handshakeRecord({ kind: 'certificate', certificates: PORTAL_CHAIN }),
    handshakeRecord({ kind: 'server-hello-done' }),
  ];
}

/** The handshake messages in a stream of whole records (what a TLS stack has received so far). */
function messagesIn(stream: Uint8Array): TlsHandshake[] {
  const d = decodePacket(stream, 'tls');
  if (!d.ok) return [];
  return d.value.layers.flatMap((l: Layer) => (l.type === 'tls' && l.handshake ? l.handshake : []));
}

/** Appends bytes to a stream buffer. */
function append(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const suiteName = (s: number): string => CIPHER_SUITES[s] ?? `0x${s.toString(16).padStart(4, '0')}`;

/** What part of which records a byte range of the stream holds: "ServerHello and the start of Certificate". */
export function segmentHolds(parts: readonly { name: string; length: number }[], from: number, to: number): string {
  const out: string[] = [];
  let at = 0;
  for (const p of parts) {
    const start = at;
    const end = at + p.length;
    at = end;
    if (end <= from || start >= to) continue;
    const whole = start >= from && end <= to;
    out.push(whole ? p.name : start < from && end > to ? `the middle of ${p.name}` : start < from ? `the rest of ${p.name}` : `the start of ${p.name}`);
  }
  return out.length === 0 ? 'nothing' : andList(out);
}

/** The HTTPS service of a node listening on 443: answers a ClientHello with its first flight. */
export function httpsServer(node: NodeRt): (conn: Conn) => TcpHandlers {
  return () => {
    let received: Uint8Array = new Uint8Array(0);
    let answered = false;
    return {
      deliveredText: () => `${node.id}'s HTTPS service receives the ClientHello`,
      onData: (conn, _layers, tag, payload) => {
        if (answered) return;
        received = append(received, payload);
        const hello = messagesIn(received).find((m) => m.kind === 'client-hello');
        if (!hello || hello.kind !== 'client-hello') return;
        answered = true;
        const sni = hello.extensions?.find((e) => e.kind === 'server-name');
        const records = serverFlightRecords(node.ip.rng);
        const flight = encodePacket(records);
        const parts = records.map((r) => ({ name: r.handshake?.[0]?.kind === 'certificate' ? 'Certificate' : r.handshake?.[0]?.kind === 'server-hello' ? 'ServerHello' : 'ServerHelloDone', length: encodePacket([r]).length }));
        const reply = node.ip.ctx.tracer.replyTag(tag);
        const certs = PORTAL_CHAIN.map((c) => c.length).join(' + ');
        node.tcp.sendStream(
          conn,
          flight,
          (i, n) =>
            `${node.id} answers ${sni?.kind === 'server-name' ? `the ClientHello for ${sni.hostName}` : 'the ClientHello'} with its first flight: ServerHello (it picks ${suiteName(SERVER_CIPHER_SUITE)}), ` +
            `its certificate chain (${certs} bytes; illustrative, made for Hoplab) and ServerHelloDone, ${flight.length} bytes in all, more than one segment holds, ` +
            `so TCP cuts them at the MSS of ${conn.sndMss} bytes: segment ${i + 1} of ${n} holds ${segmentHolds(parts, i * conn.sndMss, Math.min(flight.length, (i + 1) * conn.sndMss))}.`,
          reply,
        );
      },
    };
  };
}

export interface HttpsClientEvents {
  /** The server's first flight is complete (ServerHelloDone received). */
  onFlight?(): void;
}

/**
 * The client side, started when the connection is established: sends the ClientHello (its first segment
 * carries `tag`), gathers the server's flight, then closes. `padTo` pads the ClientHello to that many bytes.
 */
export function startHttpsClient(node: NodeRt, conn: Conn, serverName: string | undefined, tag: number, padTo: number | undefined, events: HttpsClientEvents = {}): void {
  let received: Uint8Array = new Uint8Array(0);
  let done = false;
  const handlers = conn.handlers;
  conn.handlers = {
    ...handlers,
    deliveredText: () => `${node.id} receives the start of the server's first flight (ServerHello)`,
    onData: (c, layers, t, payload) => {
      handlers.onData?.(c, layers, t, payload);
      if (done) return;
      received = append(received, payload);
      if (!messagesIn(received).some((m) => m.kind === 'server-hello-done')) return;
      done = true;
      events.onFlight?.();
      node.tcp.close(c, `${node.id} has the server's whole first flight (ServerHelloDone). A browser would now send its key exchange and Finished, encrypted; Hoplab's TLS stops here (no keys are made) and ${node.id} closes the connection (FIN).`);
    },
  };
  const record = clientHelloRecord(node.ip.rng, serverName, padTo);
  const size = encodePacket([record]).length;
  const named = serverName !== undefined ? `names ${serverName} in its server_name extension (SNI), so the server knows which site and certificate are wanted` : 'connects by address, so it sends no server name (SNI is for names only)';
  const padded = padTo !== undefined ? ` It is padded to ${size} bytes, a full segment (RFC 7685 padding extension), so that this run sends a full-size packet from client to server: only that direction crosses the MUX and its VXLAN leg (the answers come back by Direct Server Return, not encapsulated), and only a full-size packet shows what the PA network's MTU does.` : '';
  node.tcp.sendStream(conn, encodePacket([record]), () => `${node.id} starts TLS 1.2: a ClientHello (${size} bytes) that offers ${CLIENT_CIPHER_SUITES.length} cipher suites and ${named}.${padded}`, tag);
}
