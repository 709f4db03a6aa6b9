import { describe, expect, it } from 'vitest';
import { clientHelloRecord, serverFlightRecords } from '../devices/https';
import { PORTAL_CHAIN } from '../devices/illustrativeCertificate';
import { createRng } from '../sim/rng';
import { decodePacket } from './decode';
import { encodePacket } from './encode';
import type { Layer, TlsLayer } from './layers';
import { HANDSHAKE_NAMES, serverNameOf } from './tls';
import { fromHex, toHex } from './testing/hex';

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

describe('TLS edge cases', () => {
  const h = (n: number, bytes: number) => n.toString(16).padStart(bytes * 2, '0');
  const len = (hex: string, bytes: number) => `${h(hex.replace(/ /g, '').length / 2, bytes)} ${hex}`;
  const record = (type: number, body: string, version = '0303') => fromHex(`${h(type, 1)} ${version} ${len(body, 2)}`.replace(/ /g, ''));
  const message = (type: number, body: string) => `${h(type, 1)} ${len(body, 3)}`;
  const RANDOM = 'aa'.repeat(32);
  const hello = (rest: string) => `0303 ${RANDOM} 00 ${rest}`; // version, random, empty session ID
  const sni = (nameType: string, name: string) => `0000 ${len(len(`${nameType} ${len(name, 2)}`, 2), 2)}`;
  const clientHello = (extensions: string) => message(1, hello(`0002 009c 01 00 ${len(extensions, 2)}`));
  const firstMessage = (bytes: Uint8Array) => (decodeFrom(bytes).layers[0] as TlsLayer).handshake![0]!;
  const extensionOf = (ext: string) => {
    const m = firstMessage(record(22, clientHello(ext)));
    return m.kind === 'client-hello' ? m.extensions : m;
  };

  it('reads a server name of printable ASCII (0x21 to 0x7e) given as one host_name, and keeps any other as bytes', () => {
    expect(extensionOf(sni('00', '217e'))).toEqual([{ kind: 'server-name', hostName: '!~' }]);
    for (const [nameType, name] of [['00', '612062'], ['00', '7f'], ['00', '20'], ['00', ''], ['01', '61']] as const) {
      const ext = sni(nameType, name);
      expect(extensionOf(ext), `${nameType} ${name}`).toEqual([{ kind: 'other', type: 0, data: fromHex(ext.replace(/ /g, '').slice(8)) }]);
    }
    // A list holding more than the one name, and a server_name whose data runs past its list.
    const twoNames = `0000 ${len(len('00 0001 61 00 0001 62', 2), 2)}`;
    expect(extensionOf(twoNames)).toEqual([{ kind: 'other', type: 0, data: fromHex(twoNames.replace(/ /g, '').slice(8)) }]);
    const trailing = `0000 ${len(`${len('00 0001 61', 2)} ff`, 2)}`;
    expect(extensionOf(trailing)).toEqual([{ kind: 'other', type: 0, data: fromHex(trailing.replace(/ /g, '').slice(8)) }]);
  });

  it('keeps as bytes a hello it cannot read whole: an odd cipher suite length, bytes after the extensions, a short random', () => {
    const other = (msgType: number, body: string) => ({ kind: 'other', msgType, body: fromHex(body.replace(/ /g, '')) });
    const odd = hello('0003 009c00 01 00');
    expect(firstMessage(record(22, message(1, odd)))).toEqual(other(1, odd));
    const after = hello('0002 009c 01 00 0000 ff');
    expect(firstMessage(record(22, message(1, after)))).toEqual(other(1, after));
    const short = `0303 ${'aa'.repeat(31)}`;
    expect(firstMessage(record(22, message(2, short)))).toEqual(other(2, short));
    const noCompression = hello('009c');
    expect(firstMessage(record(22, message(2, noCompression)))).toEqual(other(2, noCompression));
    expect(firstMessage(record(22, message(14, '00')))).toEqual(other(14, '00'));
    // A certificate list whose one certificate runs past it.
    const cut = `${len('000005 3001', 3)}`;
    expect(firstMessage(record(22, message(11, cut)))).toEqual(other(11, cut));
    // A ServerHello with extensions is read whole.
    expect(firstMessage(record(22, message(2, hello('009c 00 0004 0017 0000'))))).toEqual({
      kind: 'server-hello', version: 0x0303, random: new Uint8Array(32).fill(0xaa), sessionId: new Uint8Array(0), cipherSuite: 0x9c, compressionMethod: 0,
      extensions: [{ kind: 'other', type: 0x17, data: new Uint8Array(0) }],
    });
  });

  it('takes as a record only content types 20 to 24 of version 3.x whose length fits; anything else is raw bytes', () => {
    const kinds = (bytes: Uint8Array) => decodeFrom(bytes).layers.map((l) => l.type);
    for (const type of [20, 21, 23, 24]) expect(kinds(record(type, '01')), `type ${type}`).toEqual(['tls']);
    for (const type of [19, 25]) expect(kinds(record(type, '01')), `type ${type}`).toEqual(['raw']);
    expect(kinds(record(23, '01', '0301'))).toEqual(['tls']);
    expect(kinds(record(23, '01', '0203'))).toEqual(['raw']);
    expect(kinds(record(23, '01', '0403'))).toEqual(['raw']);
    expect(kinds(record(23, '01').subarray(0, 5))).toEqual(['raw']); // its length says 1, no byte follows
    expect(kinds(fromHex('17030300'))).toEqual(['raw']); // 4 bytes: no whole header
    // Two records, then 3 bytes of a third.
    expect(kinds(Uint8Array.from([...record(23, '01'), ...record(21, '0100'), 0x17, 3, 3]))).toEqual(['tls', 'tls', 'raw']);
  });

  it('names the field whose value does not fit', () => {
    const ch = { kind: 'client-hello' as const, version: 0x0303, random: new Uint8Array(32), sessionId: new Uint8Array(0), cipherSuites: [0x9c], compressionMethods: [0] };
    const sh = { kind: 'server-hello' as const, version: 0x0303, random: new Uint8Array(32), sessionId: new Uint8Array(0), cipherSuite: 0x9c, compressionMethod: 0 };
    const rec = (handshake: TlsLayer['handshake'], extra: Partial<TlsLayer> = {}) => () => encodePacket([{ type: 'tls', contentType: 22, version: 0x0303, handshake, ...extra }]);
    expect(rec([ch], { contentType: 256 })).toThrow('tls.contentType: 256 is not an integer from 0 to 255');
    expect(rec([ch], { version: 65536 })).toThrow('tls.version: 65536 is not an integer from 0 to 65535');
    expect(rec([{ kind: 'other', msgType: 256, body: new Uint8Array(0) }])).toThrow('tls.handshake.msgType: 256 is not an integer from 0 to 255');
    expect(rec([{ ...ch, version: -1 }])).toThrow('tls.clientHello.version: -1 is not an integer from 0 to 65535');
    expect(rec([{ ...ch, random: new Uint8Array(31) }])).toThrow('tls.clientHello.random: the random is 32 bytes, not 31');
    expect(rec([{ ...ch, sessionId: new Uint8Array(256) }])).toThrow('tls.clientHello.sessionId: 256 bytes do not fit a 1-byte length');
    expect(rec([{ ...ch, cipherSuites: [65536] }])).toThrow('tls.clientHello.cipherSuites: 65536 is not an integer from 0 to 65535');
    expect(rec([{ ...ch, compressionMethods: [256] }])).toThrow('tls.clientHello.compressionMethods: 256 is not an integer from 0 to 255');
    expect(rec([{ ...ch, extensions: [{ kind: 'other', type: 65536, data: new Uint8Array(0) }] }])).toThrow('tls.clientHello.extensions.type: 65536 is not an integer from 0 to 65535');
    expect(rec([{ ...sh, version: 65536 }])).toThrow('tls.serverHello.version: 65536 is not an integer from 0 to 65535');
    expect(rec([{ ...sh, random: new Uint8Array(33) }])).toThrow('tls.serverHello.random: the random is 32 bytes, not 33');
    expect(rec([{ ...sh, sessionId: new Uint8Array(256) }])).toThrow('tls.serverHello.sessionId: 256 bytes do not fit a 1-byte length');
    expect(rec([{ ...sh, cipherSuite: 65536 }])).toThrow('tls.serverHello.cipherSuite: 65536 is not an integer from 0 to 65535');
    expect(rec([{ ...sh, compressionMethod: 256 }])).toThrow('tls.serverHello.compressionMethod: 256 is not an integer from 0 to 255');
    expect(rec([{ ...sh, extensions: [{ kind: 'other', type: 1, data: new Uint8Array(65536) }] }])).toThrow('tls.serverHello.extensions.data: 65536 bytes do not fit a 2-byte length');
    // A record of 65,536 bytes overflows its 2-byte length; 65,535 fit.
    expect(() => encodePacket([{ type: 'tls', contentType: 23, version: 0x0303, data: new Uint8Array(65536) }])).toThrow('tls.length: 65536 bytes do not fit a 2-byte length');
    expect(encodePacket([{ type: 'tls', contentType: 23, version: 0x0303, data: new Uint8Array(65535) }]).subarray(0, 5)).toEqual(Uint8Array.of(23, 3, 3, 0xff, 0xff));
    // An ordinary record without data or handshake is its header alone.
    expect(encodePacket([{ type: 'tls', contentType: 21, version: 0x0303 }])).toEqual(Uint8Array.of(21, 3, 3, 0, 0));
  });
});

describe('TLS lengths past two bytes', () => {
  const ch = { kind: 'client-hello' as const, version: 0x0303, random: new Uint8Array(32), sessionId: new Uint8Array(0), cipherSuites: [0x9c], compressionMethods: [0] };
  const handshake = (m: TlsLayer['handshake']) => () => encodePacket([{ type: 'tls', contentType: 22, version: 0x0303, handshake: m }]);

  it('lets a certificate outgrow a 2-byte length inside its 3-byte ones, so only the record, 2 bytes long, refuses it', () => {
    // 4 (message header) + 3 (list length) + 3 (certificate length) + 65,536 bytes: the record's length overflows first.
    expect(handshake([{ kind: 'certificate', certificates: [new Uint8Array(65536)] }])).toThrow('tls.length: 65546 bytes do not fit a 2-byte length');
  });

  it('names the extensions block when the extensions together outgrow its 2-byte length', () => {
    // One extension of 2 (type) + 2 (length) + 65,535 bytes: the extension fits its own length, the block does not.
    expect(handshake([{ ...ch, extensions: [{ kind: 'other', type: 1, data: new Uint8Array(65535) }] }])).toThrow(
      'tls.clientHello.extensions: 65539 bytes do not fit a 2-byte length',
    );
  });

  it('names the layer of a server name that outgrows a 2-byte length: the name, the list holding it, the extension holding the list', () => {
    const sni = (n: number) => handshake([{ ...ch, extensions: [{ kind: 'server-name', hostName: 'a'.repeat(n) }] }]);
    expect(sni(65536)).toThrow('tls.clientHello.extensions.hostName: 65536 bytes do not fit a 2-byte length');
    // The list adds a name type and the name's length (3 bytes); the extension's data adds the list's length (2).
    expect(sni(65535)).toThrow('tls.clientHello.extensions.serverNameList: 65538 bytes do not fit a 2-byte length');
    expect(sni(65532)).toThrow('tls.clientHello.extensions.serverName: 65537 bytes do not fit a 2-byte length');
  });

  it('names the list that outgrows its length: 32,768 cipher suites (65,536 bytes), 256 compression methods', () => {
    expect(handshake([{ ...ch, cipherSuites: new Array<number>(32768).fill(0x9c) }])).toThrow('tls.clientHello.cipherSuites: 65536 bytes do not fit a 2-byte length');
    expect(handshake([{ ...ch, compressionMethods: new Array<number>(256).fill(0) }])).toThrow('tls.clientHello.compressionMethods: 256 bytes do not fit a 1-byte length');
  });

  it('names the 3-byte length that 16 MiB outgrows: a handshake message, a certificate, the certificate list', () => {
    const MiB16 = 1 << 24;
    expect(handshake([{ kind: 'other', msgType: 4, body: new Uint8Array(MiB16) }])).toThrow('tls.handshake.length: 16777216 bytes do not fit a 3-byte length');
    expect(handshake([{ kind: 'certificate', certificates: [new Uint8Array(MiB16)] }])).toThrow('tls.certificate.certificates: 16777216 bytes do not fit a 3-byte length');
    // Two certificates of 8 MiB each fit their own lengths; with those lengths (3 bytes each) the list does not.
    const half = new Uint8Array(MiB16 / 2);
    expect(handshake([{ kind: 'certificate', certificates: [half, half] }])).toThrow('tls.certificate.certificates: 16777222 bytes do not fit a 3-byte length');
  });
});

describe('TLS spans', () => {
  it('spans each of several compression methods over its own byte', () => {
    const record: TlsLayer = {
      type: 'tls', contentType: 22, version: 0x0303,
      handshake: [{ kind: 'client-hello', version: 0x0303, random: new Uint8Array(32), sessionId: new Uint8Array(0), cipherSuites: [0x9c], compressionMethods: [1, 0] }],
    };
    // Record header 5, message header 4, version 2, random 32, session ID length 1, suites 2 + 2: the methods' length is byte 48.
    const spans = decodeFrom(encodePacket([record])).fields.filter((f) => f.field.includes('compressionMethods')).map((f) => [f.field, f.start, f.end]);
    expect(spans).toEqual([
      ['handshake.0.compressionMethods', 48, 51],
      ['handshake.0.compressionMethods.0', 49, 50],
      ['handshake.0.compressionMethods.1', 50, 51],
    ]);
  });
});

describe('TLS extensions of other types', () => {
  it('keeps as bytes an extension of another type even when its data reads as a server-name list', () => {
    const record: TlsLayer = {
      type: 'tls', contentType: 22, version: 0x0303,
      // Type 16 (ALPN) holding the bytes of a server_name list naming "a": list length 4, host_name, length 1, "a".
      handshake: [{ kind: 'client-hello', version: 0x0303, random: new Uint8Array(32), sessionId: new Uint8Array(0), cipherSuites: [0x9c], compressionMethods: [0], extensions: [{ kind: 'other', type: 16, data: fromHex('00040000' + '0161') }] }],
    };
    expect(decodeFrom(encodePacket([record])).layers).toEqual([record]);
  });

  it('keeps as bytes a Certificate message with a byte after its certificate list', () => {
    // The list's length (3), one empty certificate (its length, 0), then 0xff outside the list.
    const record: TlsLayer = { type: 'tls', contentType: 22, version: 0x0303, handshake: [{ kind: 'other', msgType: 11, body: fromHex('000003' + '000000' + 'ff') }] };
    expect(decodeFrom(encodePacket([record])).layers).toEqual([record]);
  });

  it('finds the server name behind other extensions', () => {
    const hello = { kind: 'client-hello' as const, version: 0x0303, random: new Uint8Array(32), sessionId: new Uint8Array(0), cipherSuites: [0x9c], compressionMethods: [0] };
    expect(serverNameOf({ ...hello, extensions: [{ kind: 'other', type: 0x17, data: new Uint8Array(0) }, { kind: 'server-name', hostName: 'portal.azurestack.local' }] })).toBe('portal.azurestack.local');
  });
});

describe('TLS handshake names', () => {
  it('names each handshake message as RFC 5246 does, and any other as a handshake', () => {
    expect(HANDSHAKE_NAMES).toEqual({ 'client-hello': 'ClientHello', 'server-hello': 'ServerHello', certificate: 'Certificate', 'server-hello-done': 'ServerHelloDone', other: 'Handshake' });
  });
});
