// TLS records (RFC 5246 6.2) and the handshake messages of a TLS 1.2 server's first flight (RFC 5246 7.4):
// ClientHello with its extensions (server_name, RFC 6066 3, decoded), ServerHello, Certificate,
// ServerHelloDone. A TCP segment to or from port 443 carries whole records, each its own layer; bytes that
// are not a whole record (one continued in the next segment, as TCP cuts the stream at the MSS) stay raw.
// Anything this codec does not model exactly is kept as bytes, so every record re-encodes to its bytes.
import { checkUint, get16, put16 } from './bytes';
import type { Decoder } from './decoder';
import type { TlsExtension, TlsHandshake, TlsLayer } from './layers';
import { reserve, writeBytes, type Writer } from './writer';

const RECORD_HEADER = 5;
/** RFC 5246 6.2.1: a plaintext record's fragment is at most 2^14 bytes (6.2.3 allows 2048 more once protected). */
export const TLS_MAX_RECORD = 16384 + 2048;
export const TLS_HANDSHAKE = 22;
export const TLS_VERSION_1_2 = 0x0303;
const HANDSHAKE_HEADER = 4;
const EXT_SERVER_NAME = 0;
const HOST_NAME = 0;

/** Handshake message types (RFC 5246 7.4) the codec decodes; every other type keeps its body as bytes. */
const MSG = { 'client-hello': 1, 'server-hello': 2, certificate: 11, 'server-hello-done': 14 } as const;

// ---- encoding ----

const put24 = (b: Uint8Array, at: number, v: number): void => {
  b[at] = v >>> 16;
  b[at + 1] = v >>> 8;
  b[at + 2] = v;
};
const get24 = (b: Uint8Array, at: number): number => (b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!;

/** Writes a length of `size` bytes, then what `body` writes, then fills the length in. */
function lengthPrefixed(w: Writer, size: 1 | 2 | 3, what: string, body: () => void): void {
  const at = w.pos;
  reserve(w, size);
  w.pos += size;
  body();
  const n = w.pos - at - size;
  const max = size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffff;
  if (n > max) throw new Error(`tls.${what}: ${n} bytes do not fit a ${size}-byte length`);
  if (size === 1) w.buf[at] = n;
  else if (size === 2) put16(w.buf, at, n);
  else put24(w.buf, at, n);
}

function u8(w: Writer, v: number, what: string): void {
  checkUint(v, 0xff, `tls.${what}`);
  reserve(w, 1)[w.pos++] = v;
}

function u16(w: Writer, v: number, what: string): void {
  checkUint(v, 0xffff, `tls.${what}`);
  put16(reserve(w, 2), w.pos, v);
  w.pos += 2;
}

function random32(w: Writer, r: Uint8Array, what: string): void {
  if (r.length !== 32) throw new Error(`tls.${what}: the random is 32 bytes, not ${r.length}`);
  writeBytes(w, r);
}

function extensions(w: Writer, list: readonly TlsExtension[] | undefined, what: string): void {
  if (list === undefined) return;
  lengthPrefixed(w, 2, `${what}.extensions`, () => {
    for (const e of list) {
      if (e.kind === 'server-name') {
        u16(w, EXT_SERVER_NAME, `${what}.extensions.type`);
        const name = new TextEncoder().encode(e.hostName);
        lengthPrefixed(w, 2, `${what}.extensions.serverName`, () =>
          lengthPrefixed(w, 2, `${what}.extensions.serverNameList`, () => {
            u8(w, HOST_NAME, 'nameType');
            lengthPrefixed(w, 2, `${what}.extensions.hostName`, () => writeBytes(w, name));
          }),
        );
      } else {
        u16(w, e.type, `${what}.extensions.type`);
        lengthPrefixed(w, 2, `${what}.extensions.data`, () => writeBytes(w, e.data));
      }
    }
  });
}

function handshakeBody(w: Writer, m: TlsHandshake): void {
  switch (m.kind) {
    case 'client-hello':
      u16(w, m.version, 'clientHello.version');
      random32(w, m.random, 'clientHello.random');
      lengthPrefixed(w, 1, 'clientHello.sessionId', () => writeBytes(w, m.sessionId));
      lengthPrefixed(w, 2, 'clientHello.cipherSuites', () => m.cipherSuites.forEach((c) => u16(w, c, 'clientHello.cipherSuites')));
      lengthPrefixed(w, 1, 'clientHello.compressionMethods', () => m.compressionMethods.forEach((c) => u8(w, c, 'clientHello.compressionMethods')));
      extensions(w, m.extensions, 'clientHello');
      break;
    case 'server-hello':
      u16(w, m.version, 'serverHello.version');
      random32(w, m.random, 'serverHello.random');
      lengthPrefixed(w, 1, 'serverHello.sessionId', () => writeBytes(w, m.sessionId));
      u16(w, m.cipherSuite, 'serverHello.cipherSuite');
      u8(w, m.compressionMethod, 'serverHello.compressionMethod');
      extensions(w, m.extensions, 'serverHello');
      break;
    case 'certificate':
      lengthPrefixed(w, 3, 'certificate.certificates', () => m.certificates.forEach((c) => lengthPrefixed(w, 3, 'certificate.certificates', () => writeBytes(w, c))));
      break;
    case 'server-hello-done':
      break;
    case 'other':
      writeBytes(w, m.body);
      break;
  }
}

export function encodeTls(w: Writer, l: TlsLayer): void {
  u8(w, l.contentType, 'contentType');
  u16(w, l.version, 'version');
  lengthPrefixed(w, 2, 'length', () => {
    if (l.handshake) {
      for (const m of l.handshake) {
        u8(w, m.kind === 'other' ? m.msgType : MSG[m.kind], 'handshake.msgType');
        lengthPrefixed(w, 3, 'handshake.length', () => handshakeBody(w, m));
      }
    } else writeBytes(w, l.data ?? new Uint8Array(0));
  });
}

// ---- decoding ----

/** True when `[at, end)` starts with a whole record: a content type TLS defines, version 3.x, a length that fits. */
export function wholeRecordAt(b: Uint8Array, at: number, end: number): boolean {
  if (end - at < RECORD_HEADER) return false;
  const type = b[at]!;
  if (type < 20 || type > 24 || b[at + 1] !== 3) return false;
  const length = get16(b, at + 3);
  return length <= TLS_MAX_RECORD && at + RECORD_HEADER + length <= end;
}

export function decodeTls(d: Decoder, at: number, end: number): number {
  const b = d.bytes;
  if (!wholeRecordAt(b, at, end)) {
    // Part of a record that began in an earlier segment, or ends in a later one: bytes, as a capture shows them.
    d.next = 'raw';
    d.end = end;
    return at;
  }
  const contentType = b[at]!;
  const version = get16(b, at + 1);
  const recordEnd = at + RECORD_HEADER + get16(b, at + 3);
  const start = d.fields ? d.fields.length : 0;
  if (d.fields) {
    d.span('tls', 'contentType', 'Content type', at, at + 1);
    d.span('tls', 'version', 'Version', at + 1, at + 3);
    d.span('tls', 'length', 'Length', at + 3, at + 5);
  }
  const handshake = contentType === TLS_HANDSHAKE ? decodeHandshakes(d, at + RECORD_HEADER, recordEnd) : undefined;
  let layer: TlsLayer;
  if (handshake) layer = { type: 'tls', contentType, version, handshake };
  else {
    if (d.fields) {
      d.fields.length = start + 3; // a handshake that did not decode leaves no spans of its own
      d.span('tls', 'data', contentType === TLS_HANDSHAKE ? 'Handshake fragment' : 'Data', recordEnd > at + RECORD_HEADER ? at + RECORD_HEADER : at + 3, recordEnd);
    }
    layer = { type: 'tls', contentType, version, data: b.slice(at + RECORD_HEADER, recordEnd) };
  }
  d.push(layer, at, recordEnd);
  d.next = recordEnd < end ? 'tls' : null;
  d.end = end;
  return recordEnd;
}

/** The record's handshake messages, or undefined when they do not fill it exactly (a message split across records). */
function decodeHandshakes(d: Decoder, at: number, end: number): TlsHandshake[] | undefined {
  const b = d.bytes;
  const out: TlsHandshake[] = [];
  let p = at;
  while (p < end) {
    if (end - p < HANDSHAKE_HEADER) return undefined;
    const type = b[p]!;
    const bodyEnd = p + HANDSHAKE_HEADER + get24(b, p + 1);
    if (bodyEnd > end) return undefined;
    const i = out.length;
    if (d.fields) {
      d.span('tls', `handshake.${i}.kind`, 'Handshake type', p, p + 1);
      d.span('tls', `handshake.${i}.length`, 'Handshake length', p + 1, p + 4);
    }
    out.push(decodeMessage(d, type, p + HANDSHAKE_HEADER, bodyEnd, `handshake.${i}`));
    p = bodyEnd;
  }
  return out;
}

/** A cursor that fails (returns undefined) rather than read past `end`. */
class Reader {
  constructor(
    readonly b: Uint8Array,
    public p: number,
    readonly end: number,
  ) {}
  u8(): number | undefined {
    return this.p + 1 <= this.end ? this.b[this.p++] : undefined;
  }
  u16(): number | undefined {
    if (this.p + 2 > this.end) return undefined;
    const v = get16(this.b, this.p);
    this.p += 2;
    return v;
  }
  /** A length of `size` bytes and what it covers: [start, end) of the contents. */
  vector(size: 1 | 2 | 3): { start: number; end: number } | undefined {
    if (this.p + size > this.end) return undefined;
    const n = size === 1 ? this.b[this.p]! : size === 2 ? get16(this.b, this.p) : get24(this.b, this.p);
    const start = this.p + size;
    if (start + n > this.end) return undefined;
    this.p = start + n;
    return { start, end: start + n };
  }
}

function decodeMessage(d: Decoder, type: number, at: number, end: number, path: string): TlsHandshake {
  const mark = d.fields ? d.fields.length : 0;
  const decoded = type === MSG['client-hello'] ? clientHello(d, at, end, path) : type === MSG['server-hello'] ? serverHello(d, at, end, path) : type === MSG.certificate ? certificate(d, at, end, path) : type === MSG['server-hello-done'] && at === end ? ({ kind: 'server-hello-done' } as const) : undefined;
  if (decoded) return decoded;
  if (d.fields) {
    d.fields.length = mark;
    d.span('tls', `${path}.msgType`, 'Handshake type', at - HANDSHAKE_HEADER, at - HANDSHAKE_HEADER + 1);
    d.span('tls', `${path}.body`, 'Handshake body', end > at ? at : at - 3, end);
  }
  return { kind: 'other', msgType: type, body: d.bytes.slice(at, end) };
}

function hello(d: Decoder, r: Reader, path: string): { version: number; random: Uint8Array; sessionId: Uint8Array } | undefined {
  const at = r.p;
  const version = r.u16();
  if (version === undefined || r.p + 32 > r.end) return undefined;
  const random = r.b.slice(r.p, r.p + 32);
  r.p += 32;
  const sid = r.vector(1);
  if (!sid) return undefined;
  if (d.fields) {
    d.span('tls', `${path}.version`, 'Version', at, at + 2);
    d.span('tls', `${path}.random`, 'Random', at + 2, at + 34);
    d.span('tls', `${path}.sessionId`, 'Session ID', at + 34, sid.end);
  }
  return { version, random, sessionId: r.b.slice(sid.start, sid.end) };
}

function clientHello(d: Decoder, at: number, end: number, path: string): TlsHandshake | undefined {
  const r = new Reader(d.bytes, at, end);
  const h = hello(d, r, path);
  const suites = r.vector(2);
  if (!h || !suites || (suites.end - suites.start) % 2 !== 0) return undefined;
  const cipherSuites: number[] = [];
  for (let p = suites.start; p < suites.end; p += 2) cipherSuites.push(get16(r.b, p));
  const comp = r.vector(1);
  if (!comp) return undefined;
  const compressionMethods = Array.from(r.b.subarray(comp.start, comp.end));
  if (d.fields) {
    d.span('tls', `${path}.cipherSuites`, 'Cipher suites', suites.start - 2, suites.end);
    for (let i = 0; i < cipherSuites.length; i++) d.span('tls', `${path}.cipherSuites.${i}`, 'Cipher suite', suites.start + 2 * i, suites.start + 2 * i + 2);
    d.span('tls', `${path}.compressionMethods`, 'Compression methods', comp.start - 1, comp.end);
    for (let i = 0; i < compressionMethods.length; i++) d.span('tls', `${path}.compressionMethods.${i}`, 'Compression method', comp.start + i, comp.start + i + 1);
  }
  const base = { kind: 'client-hello' as const, ...h, cipherSuites, compressionMethods };
  if (r.p === end) return base;
  const exts = decodeExtensions(d, r, path);
  return exts && { ...base, extensions: exts };
}

function serverHello(d: Decoder, at: number, end: number, path: string): TlsHandshake | undefined {
  const r = new Reader(d.bytes, at, end);
  const h = hello(d, r, path);
  const suiteAt = r.p;
  const cipherSuite = r.u16();
  const compressionMethod = r.u8();
  if (!h || cipherSuite === undefined || compressionMethod === undefined) return undefined;
  if (d.fields) {
    d.span('tls', `${path}.cipherSuite`, 'Cipher suite', suiteAt, suiteAt + 2);
    d.span('tls', `${path}.compressionMethod`, 'Compression method', suiteAt + 2, suiteAt + 3);
  }
  const base = { kind: 'server-hello' as const, ...h, cipherSuite, compressionMethod };
  if (r.p === end) return base;
  const exts = decodeExtensions(d, r, path);
  return exts && { ...base, extensions: exts };
}

function decodeExtensions(d: Decoder, r: Reader, path: string): TlsExtension[] | undefined {
  const all = r.vector(2);
  if (!all || r.p !== r.end) return undefined;
  const out: TlsExtension[] = [];
  if (d.fields) d.span('tls', `${path}.extensions`, 'Extensions', all.start - 2, all.end);
  const e = new Reader(r.b, all.start, all.end);
  while (e.p < e.end) {
    const at = e.p;
    const type = e.u16();
    const data = e.vector(2);
    if (type === undefined || !data) return undefined;
    const i = out.length;
    const name = type === EXT_SERVER_NAME ? hostName(r.b, data.start, data.end) : undefined;
    if (d.fields) {
      d.span('tls', `${path}.extensions.${i}`, 'Extension', at, data.end);
      d.span('tls', `${path}.extensions.${i}.${name !== undefined ? 'kind' : 'type'}`, 'Extension type', at, at + 2);
      if (name === undefined) d.span('tls', `${path}.extensions.${i}.kind`, 'Extension', at, at + 2);
      if (name !== undefined) d.span('tls', `${path}.extensions.${i}.hostName`, 'Server name', data.end - new TextEncoder().encode(name).length, data.end);
      // Empty data is spanned over its length, so that every field has bytes to point at.
      else d.span('tls', `${path}.extensions.${i}.data`, 'Extension data', data.end > data.start ? data.start : data.start - 2, data.end);
    }
    out.push(name !== undefined ? { kind: 'server-name', hostName: name } : { kind: 'other', type, data: r.b.slice(data.start, data.end) });
  }
  return out;
}

/** The one host_name of a server_name extension written as the encoder writes it, else undefined. */
function hostName(b: Uint8Array, at: number, end: number): string | undefined {
  const r = new Reader(b, at, end);
  const list = r.vector(2);
  if (!list || r.p !== end) return undefined;
  const l = new Reader(b, list.start, list.end);
  if (l.u8() !== HOST_NAME) return undefined;
  const name = l.vector(2);
  if (!name || l.p !== list.end || name.end === name.start) return undefined;
  for (let p = name.start; p < name.end; p++) if (b[p]! < 0x21 || b[p]! > 0x7e) return undefined;
  return String.fromCharCode(...b.subarray(name.start, name.end));
}

function certificate(d: Decoder, at: number, end: number, path: string): TlsHandshake | undefined {
  const r = new Reader(d.bytes, at, end);
  const list = r.vector(3);
  if (!list || r.p !== end) return undefined;
  const c = new Reader(d.bytes, list.start, list.end);
  if (d.fields) d.span('tls', `${path}.certificates`, 'Certificates', at, end);
  const certificates: Uint8Array[] = [];
  while (c.p < c.end) {
    const one = c.vector(3);
    if (!one) return undefined;
    if (d.fields) d.span('tls', `${path}.certificates.${certificates.length}`, 'Certificate (DER)', one.end > one.start ? one.start : one.start - 3, one.end);
    certificates.push(d.bytes.slice(one.start, one.end));
  }
  return { kind: 'certificate', certificates };
}

/** The server name a ClientHello asks for (SNI), if any. */
export function serverNameOf(m: TlsHandshake): string | undefined {
  if (m.kind !== 'client-hello') return undefined;
  const e = m.extensions?.find((x) => x.kind === 'server-name');
  return e?.kind === 'server-name' ? e.hostName : undefined;
}

/** How people name a handshake message: "ClientHello". */
export const HANDSHAKE_NAMES: Readonly<Record<TlsHandshake['kind'], string>> = {
  'client-hello': 'ClientHello',
  'server-hello': 'ServerHello',
  certificate: 'Certificate',
  'server-hello-done': 'ServerHelloDone',
  other: 'Handshake',
};
