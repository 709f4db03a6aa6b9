import { describe, expect, it } from 'vitest';
import { clientHelloRecord, serverFlightRecords } from '../devices/https';
import { PORTAL_CHAIN } from '../devices/illustrativeCertificate';
import { createRng } from '../sim/rng';
import { decodePacket } from './decode';
import { encodePacket } from './encode';
import type { Layer, TlsLayer } from './layers';
import { serverNameOf } from './tls';
import { toHex } from './testing/hex';

const tcp443: Layer[] = [
  { type: 'ipv4', dscp: 0, ecn: 0, identification: 1, dontFragment: true, moreFragments: false, fragmentOffset: 0, ttl: 128, protocol: 6, src: '192.168.200.10', dst: '192.168.133.74' },
  { type: 'tcp', srcPort: 50000, dstPort: 443, seq: 1, ack: 1, flags: { fin: false, syn: false, rst: false, psh: true, ack: true, urg: false, ece: false, cwr: false }, window: 64240, urgentPointer: 0 },
];

const decodeFrom = (bytes: Uint8Array, first: Layer['type'] = 'tls') => {
  const d = decodePacket(bytes, first);
  if (!d.ok) throw new Error(d.error.message);
  return d.value;
};

describe('TLS records', () => {
  it('writes a ClientHello with SNI byte for byte as RFC 5246 and RFC 6066 lay it out', () => {
    const record: TlsLayer = {
      type: 'tls', contentType: 22, version: 0x0303,
      handshake: [{ kind: 'client-hello', version: 0x0303, random: new Uint8Array(32).fill(0xaa), sessionId: new Uint8Array(0), cipherSuites: [0x009c], compressionMethods: [0], extensions: [{ kind: 'server-name', hostName: 'a.b' }] }],
    };
    const bytes = encodePacket([record]);
    expect(toHex(bytes)).toBe(
      ('16 0303 003b' + // handshake record, TLS 1.2, 59 bytes
        '01 000037' + // ClientHello, 55 bytes
        '0303' + 'aa'.repeat(32) + '00' + '0002 009c' + '01 00' +
        '000c 0000 0008 0006 00 0003 612e62') // extensions: server_name, its list, host_name "a.b"
        .replace(/ /g, ''),
    );
    expect(decodeFrom(bytes).layers).toEqual([record]);
  });

  it('round-trips the simulator ClientHello, the padded one and the server flight, field by field and byte for byte', () => {
    const rng = createRng(7);
    for (const records of [[clientHelloRecord(rng, 'portal.azurestack.local')], [clientHelloRecord(rng, undefined, 1460)], serverFlightRecords(rng)]) {
      const bytes = encodePacket(records);
      const back = decodeFrom(bytes);
      expect(back.layers).toEqual(records);
      expect(encodePacket(back.layers)).toEqual(bytes);
    }
  });

  it('pads a ClientHello to exactly the size asked for (RFC 7685), and names the server only when given one', () => {
    const rng = createRng(1);
    expect(encodePacket([clientHelloRecord(rng, 'portal.azurestack.local', 1460)]).length).toBe(1460);
    const named = clientHelloRecord(rng, 'portal.azurestack.local').handshake![0]!;
    expect(serverNameOf(named)).toBe('portal.azurestack.local');
    expect(serverNameOf(clientHelloRecord(rng, undefined).handshake![0]!)).toBeUndefined();
  });

  it('carries the certificate chain as DER, leaf first, each a SEQUENCE', () => {
    const flight = serverFlightRecords(createRng(3));
    expect(flight.map((r) => r.handshake![0]!.kind)).toEqual(['server-hello', 'certificate', 'server-hello-done']);
    const cert = flight[1]!.handshake![0]!;
    expect(cert.kind === 'certificate' && cert.certificates).toEqual(PORTAL_CHAIN);
    for (const c of PORTAL_CHAIN) expect(c[0]).toBe(0x30);
    // The leaf names the portal; the marking as illustrative is in its subject.
    expect(new TextDecoder().decode(PORTAL_CHAIN[0])).toContain('portal.azurestack.local');
    expect(new TextDecoder().decode(PORTAL_CHAIN[0])).toContain('Illustrative certificate');
  });

  it('decodes a segment on port 443 as whole records, and the part of a record cut at the segment end as raw bytes', () => {
    const flight = encodePacket(serverFlightRecords(createRng(3)));
    const first = flight.subarray(0, 1460);
    const second = flight.subarray(1460);
    const a = decodeFrom(encodePacket([...tcp443, { type: 'raw', data: first }]), 'ipv4');
    expect(a.layers.map((l) => l.type)).toEqual(['ipv4', 'tcp', 'tls', 'raw']);
    expect((a.layers[2] as TlsLayer).handshake![0]!.kind).toBe('server-hello');
    const b = decodeFrom(encodePacket([...tcp443, { type: 'raw', data: second }]), 'ipv4');
    expect(b.layers.map((l) => l.type)).toEqual(['ipv4', 'tcp', 'raw']);
    expect((b.layers[2] as { data: Uint8Array }).data).toEqual(second);
  });

  it('keeps what it does not model as bytes, so it still re-encodes exactly', () => {
    // An alert record, and a handshake record holding half a message (a message split across records).
    const alert = Uint8Array.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00]);
    const half = Uint8Array.from([0x16, 0x03, 0x03, 0x00, 0x04, 0x0b, 0x00, 0x01, 0x00]);
    for (const bytes of [alert, half]) {
      const d = decodeFrom(bytes);
      expect(d.layers).toHaveLength(1);
      expect((d.layers[0] as TlsLayer).data).toEqual(bytes.subarray(5));
      expect(encodePacket(d.layers)).toEqual(bytes);
    }
  });

  it('spans the server name for the inspector', () => {
    const bytes = encodePacket([clientHelloRecord(createRng(1), 'portal.azurestack.local')]);
    const sni = decodeFrom(bytes).fields.find((f) => f.field.endsWith('hostName'))!;
    expect(new TextDecoder().decode(bytes.subarray(sni.start, sni.end))).toBe('portal.azurestack.local');
    expect(sni.label).toBe('Server name');
  });

  it('takes a record up to the 18,432 bytes a protected fragment may hold (RFC 5246 6.2.3) as a record, one byte more as raw bytes', () => {
    const record = (length: number) => {
      const bytes = new Uint8Array(5 + length).fill(0x5a);
      bytes.set([23, 0x03, 0x03, length >>> 8, length & 0xff]);
      return bytes;
    };
    const longest = decodeFrom(record(16384 + 2048));
    expect(longest.layers).toHaveLength(1);
    expect(longest.layers[0]).toMatchObject({ type: 'tls', contentType: 23, version: 0x0303 });
    expect((longest.layers[0] as TlsLayer).data).toHaveLength(18432);
    const over = decodeFrom(record(18433));
    expect(over.layers.map((l) => l.type)).toEqual(['raw']);
  });
});
