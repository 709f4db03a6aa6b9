import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket } from './encode';
import type { DnsAnswer, DnsLayer, DnsQuestion, Layer } from './layers';
import { dnsQuery, dnsResponse } from './samples';
import { fromHex, toHex } from './testing/hex';

const query = dnsQuery()[3] as DnsLayer;
const response = dnsResponse()[3] as DnsLayer;
const PORTAL = '06 706f7274616c 0a 617a757265737461636b 05 6c6f63616c 00'; // portal.azurestack.local
const HEADER_ANSWER = '6a1f 8580 0001 0001 0000 0000';

const message = (l: Partial<DnsLayer>): DnsLayer => ({ ...response, ...l });
const q = (name: string, more: Partial<DnsQuestion> = {}): DnsQuestion => ({ name, qtype: 1, qclass: 1, ...more });
const a = (name: string, more: Partial<DnsAnswer> = {}): DnsAnswer => ({ name, rtype: 1, rclass: 1, ttl: 60, address: '10.0.0.1', ...more });
const hex = (text: string) => text.replace(/ /g, '');

function decodeDns(bytes: Uint8Array) {
  const r = decodePacket(bytes, 'dns');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function errorOf(bytes: Uint8Array) {
  const r = decodePacket(bytes, 'dns');
  return r.ok ? undefined : r.error;
}

describe('DNS', () => {
  it('encodes the query for portal.azurestack.local: RD, one A IN question', () => {
    expect(toHex(encodePacket([query]))).toBe(hex(`6a1f 0100 0001 0000 0000 0000 ${PORTAL} 0001 0001`));
  });

  it("encodes the answer's name as a pointer to the question (c00c), TTL 3600, 192.168.133.74", () => {
    expect(toHex(encodePacket([response]))).toBe(hex(`${HEADER_ANSWER} ${PORTAL} 0001 0001 c00c 0001 0001 00000e10 0004 c0a8854a`));
    expect(decodeDns(encodePacket([response])).layers).toEqual([response]);
  });

  it('carries a negative answer with the zone SOA in the authority section (RFC 2308), names compressed where given', () => {
    const nodata = message({
      questions: [q('portal.azurestack.local', { qtype: 28 })],
      answers: [],
      authorities: [{ name: 'azurestack.local', namePointer: 19, rclass: 1, ttl: 3600, mname: 'advm.azurestack.local', mnamePointer: 19, rname: 'hostmaster.azurestack.local', rnamePointer: 19, serial: 1, refresh: 900, retry: 600, expire: 86400, minimum: 3600 }],
    });
    const bytes = encodePacket([nodata]);
    expect(toHex(bytes)).toBe(hex(
      `6a1f 8580 0001 0000 0001 0000 ${PORTAL} 001c 0001` +
      ' c013 0006 0001 00000e10 0028' + // azurestack.local (pointer into the question), SOA IN, TTL 3600, 40 bytes
      ' 04 6164766d c013' + // advm + pointer
      ' 0a 686f73746d6173746572 c013' + // hostmaster + pointer
      ' 00000001 00000384 00000258 00015180 00000e10', // serial 1, refresh 900, retry 600, expire 86400, minimum 3600
    ));
    expect(decodeDns(bytes).layers).toEqual([nodata]);
    const full = message({ answers: [], authorities: [{ ...nodata.authorities![0]!, namePointer: undefined, mnamePointer: undefined, rnamePointer: undefined }] });
    const back = decodeDns(encodePacket([full])).layers[0] as DnsLayer;
    expect(back.authorities![0]).toEqual({ name: 'azurestack.local', rclass: 1, ttl: 3600, mname: 'advm.azurestack.local', rname: 'hostmaster.azurestack.local', serial: 1, refresh: 900, retry: 600, expire: 86400, minimum: 3600 });
  });

  it('reports authority records it does not model and SOA data of the wrong length', () => {
    const bytes = encodePacket([message({ answers: [], authorities: [{ name: 'azurestack.local', rclass: 1, ttl: 1, mname: 'a', rname: 'b', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 }] })]);
    const soaAt = 12 + 25 + 4 + 18; // header, question name, type and class, owner name
    const edit = (i: number, v: number) => {
      const b = bytes.slice();
      b[i] = v;
      return errorOf(b);
    };
    expect(edit(soaAt + 1, 2)).toMatchObject({ code: 'malformed', field: 'authorities.0.rtype' });
    expect(edit(soaAt + 9, 20)).toMatchObject({ code: 'malformed', field: 'authorities.0.dataLength' });
  });

  it('packs the header bits: QR, opcode, AA, TC, RD; RA, rcode', () => {
    const bits = encodePacket([message({ opcode: 2, truncated: true, rcode: 3, questions: [], answers: [] })]);
    expect(toHex(bits.subarray(2, 4))).toBe('9783');
    expect(decodeDns(bits).layers[0]).toMatchObject({ response: true, opcode: 2, authoritative: true, truncated: true, recursionDesired: true, recursionAvailable: true, rcode: 3 });
  });

  it('records an answer written in full as namePointer null, and writes it back in full', () => {
    const full = fromHex(`${HEADER_ANSWER} ${PORTAL} 0001 0001 ${PORTAL} 0001 0001 00000e10 0004 c0a8854a`);
    const layer = decodeDns(full).layers[0] as DnsLayer;
    expect(layer.answers[0]).toEqual({ ...response.answers[0], namePointer: null });
    expect(toHex(encodePacket([layer]))).toBe(toHex(full));
  });

  it('follows a pointer into the middle of an earlier name, and one after leading labels', () => {
    const dns = message({ questions: [q('www.example.com')], answers: [a('example.com', { namePointer: 16 }), a('mail.example.com', { namePointer: 16 })] });
    const bytes = encodePacket([dns]);
    expect(toHex(bytes.subarray(12))).toBe(hex(
      '03777777 07 6578616d706c65 03 636f6d 00 0001 0001' + // www.example.com
      ' c010 0001 0001 0000003c 0004 0a000001' + // example.com -> offset 16
      ' 046d61696c c010 0001 0001 0000003c 0004 0a000001', // mail + pointer to offset 16
    ));
    expect(decodeDns(bytes).layers).toEqual([dns]);
  });

  it('records a pointer in a question, and the root name', () => {
    const dns = message({ questions: [q('example.com'), q('a.example.com', { namePointer: 12 }), q('')], answers: [] });
    const bytes = encodePacket([dns]);
    expect(toHex(bytes.subarray(29))).toBe(hex('0161 c00c 0001 0001 00 0001 0001'));
    expect(decodeDns(bytes).layers).toEqual([dns]);
  });

  it('spans each name where it lies, its pointer too, and the fields after it', () => {
    const p = decodeDns(encodePacket([response]));
    const spans = p.fields.filter((f) => f.field.startsWith('answers.')).map((f) => `${f.field} ${f.start}-${f.end}`);
    expect(spans).toEqual(['answers.0 41-57', 'answers.0.name 41-43', 'answers.0.namePointer 41-43', 'answers.0.rtype 43-45', 'answers.0.rclass 45-47', 'answers.0.ttl 47-51', 'answers.0.dataLength 51-53', 'answers.0.address 53-57']);
    expect(p.fields.find((f) => f.field === 'questions.0.name')).toMatchObject({ start: 12, end: 37, label: 'Name' });
  });

  it('hands bytes after the message to a raw layer', () => {
    const r = decodePacket(fromHex(toHex(encodePacket([query])) + 'beef'), 'dns');
    expect(r.ok && r.value.layers[1]).toEqual({ type: 'raw', data: Uint8Array.of(0xbe, 0xef) });
  });

  describe('refuses pointers that could loop', () => {
    const oneQuestion = (name: string) => fromHex(`0001 0000 0001 0000 0000 0000 ${name} 0001 0001`);
    it('to itself', () => {
      expect(errorOf(oneQuestion('c00c'))).toMatchObject({ code: 'malformed', field: 'questions.0.name', offset: 12, message: expect.stringContaining('does not point back to an earlier name') });
    });
    it('to a label before it in the same name', () => {
      expect(errorOf(oneQuestion('0161 c00c'))).toMatchObject({ code: 'malformed', offset: 14 });
    });
    it('around two names', () => {
      // Question 1 at 12: "b" then a pointer forward to question 2 at 20; question 2: a pointer back to 12.
      const bytes = fromHex(`0001 0000 0002 0000 0000 0000 0162 c014 0001 0001 c00c 0001 0001`);
      expect(errorOf(bytes)).toMatchObject({ code: 'malformed', field: 'questions.0.name', offset: 14 });
    });
    it('into the header', () => {
      expect(errorOf(fromHex(`0001 0000 0002 0000 0000 0000 00 0001 0001 c002 0001 0001`))).toMatchObject({ code: 'malformed', field: 'questions.1.name', message: expect.stringContaining('points into the header') });
    });
    it('and ends a long chain of backward pointers at the 255-byte name limit', () => {
      // Question i: the label "a" then a pointer to question i - 1's name, so name i has i + 1 labels.
      const count = 1000;
      const bytes = new Uint8Array(12 + 7 + (count - 1) * 8);
      bytes[4] = count >>> 8;
      bytes[5] = count & 255;
      bytes.set([1, 0x61, 0, 0, 1, 0, 1], 12);
      for (let i = 1, at = 19, prev = 12; i < count; i++, prev = at, at += 8) {
        bytes.set([1, 0x61, 0xc0 | (prev >>> 8), prev & 255, 0, 1, 0, 1], at);
      }
      // 128 labels of 2 bytes and the root make 257 bytes: question 127 is the first too long. Question 126
      // (at 19 + 125 * 8) points at question 125 (at 19 + 124 * 8).
      expect(errorOf(bytes)).toMatchObject({ code: 'malformed', field: 'questions.127.name', message: expect.stringContaining('longer than 255 bytes') });
      const fine = decodeDns(bytes.subarray(0, 12 + 7 + 126 * 8).map((b, i) => (i === 4 ? 0 : i === 5 ? 127 : b)));
      expect((fine.layers[0] as DnsLayer).questions[126]).toEqual({ name: Array(127).fill('a').join('.'), namePointer: 12 + 7 + 124 * 8, qtype: 1, qclass: 1 });
    });
  });

  it('reports names that are cut short, too long or unrepresentable', () => {
    expect(errorOf(fromHex('0001 0000 0001 0000 0000 0000 0561626364'))).toMatchObject({ code: 'truncated', field: 'questions.0.name', offset: 12 });
    expect(errorOf(fromHex('0001 0000 0001 0000 0000 0000 03612e62 00 0001 0001'))).toMatchObject({ code: 'malformed', offset: 14, message: expect.stringContaining('contains a dot') });
    expect(errorOf(fromHex('0001 0000 0001 0000 0000 0000 4100 0001 0001'))).toMatchObject({ code: 'malformed', message: expect.stringContaining('extended labels') });
    const long = fromHex(`0001 0000 0001 0000 0000 0000 ${'3f' + '61'.repeat(63)}`.repeat(1) + ('3f' + '61'.repeat(63)).repeat(3) + '00 0001 0001');
    expect(errorOf(long)).toMatchObject({ code: 'malformed', message: expect.stringContaining('longer than 255 bytes') });
  });

  it('reports what it does not model rather than drop it', () => {
    const bytes = encodePacket([response]);
    const edit = (i: number, v: number) => {
      const b = bytes.slice();
      b[i] = v;
      return errorOf(b);
    };
    expect(edit(3, 0xa0)).toMatchObject({ code: 'malformed', field: 'reserved', offset: 3 });
    expect(edit(9, 1)).toMatchObject({ code: 'truncated', field: 'authorities.0.name' });
    expect(edit(11, 1)).toMatchObject({ code: 'malformed', field: 'additionalCount', offset: 10, message: expect.stringContaining('EDNS') });
    expect(edit(44, 28)).toMatchObject({ code: 'malformed', field: 'answers.0.rtype', offset: 43 });
    expect(edit(52, 16)).toMatchObject({ code: 'malformed', field: 'answers.0.dataLength', offset: 51 });
    expect(errorOf(bytes.subarray(0, 55))).toMatchObject({ code: 'truncated', field: 'answers.0.address', offset: 53 });
  });

  it('refuses names and pointers it cannot write', () => {
    const enc = (l: Partial<DnsLayer>) => () => encodePacket([message(l)]);
    expect(enc({ questions: [q('a..b')] })).toThrow('dns.questions.0.name: "a..b" has an empty label');
    expect(enc({ questions: [q('portal.')] })).toThrow('has an empty label');
    expect(enc({ questions: [q(`${'a'.repeat(64)}.local`)] })).toThrow('is longer than 63 bytes');
    expect(enc({ questions: [q(`${'abcdefg.'.repeat(32)}x`)] })).toThrow('is longer than 255 bytes on the wire');
    expect(enc({ questions: [q('ü.中')] })).toThrow('has a character outside Latin-1');
    expect(enc({ answers: [a('x', { namePointer: 200 })] })).toThrow('dns.answers.0.namePointer: 200 is not the offset of a name written earlier in the message');
    expect(enc({ answers: [a('other.example', { namePointer: 12 })] })).toThrow('the name at offset 12, "portal.azurestack.local", is not a suffix of "other.example"');
    expect(enc({ answers: [a('x', { rtype: 28 })] })).toThrow('dns.answers.0.rtype: 28 is not 1 (A), the only record type modelled');
  });

  it('names the field of every number it cannot write, as "dns.<path>: <value> is not an integer from 0 to <max>"', () => {
    const enc = (l: Partial<DnsLayer>) => () => encodePacket([message(l)]);
    const soa = { name: 'azurestack.local', rclass: 1, ttl: 1, mname: 'a', rname: 'b', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 };
    expect(enc({ id: 0x10000 })).toThrow('dns.id: 65536 is not an integer from 0 to 65535');
    expect(enc({ opcode: 16 })).toThrow('dns.opcode: 16 is not an integer from 0 to 15');
    expect(enc({ rcode: 16 })).toThrow('dns.rcode: 16 is not an integer from 0 to 15');
    expect(enc({ questions: Array.from({ length: 0x10000 }, () => q('a')) })).toThrow('dns.questions.length: 65536 is not an integer from 0 to 65535');
    expect(enc({ answers: Array.from({ length: 0x10000 }, () => a('a')) })).toThrow('dns.answers.length: 65536 is not an integer from 0 to 65535');
    expect(enc({ answers: [], authorities: Array.from({ length: 0x10000 }, () => soa) })).toThrow('dns.authorities.length: 65536 is not an integer from 0 to 65535');
    expect(enc({ questions: [q('a'), q('b', { qtype: -1 })] })).toThrow('dns.questions.1.qtype: -1 is not an integer from 0 to 65535');
    expect(enc({ questions: [q('a', { qclass: 0x10000 })] })).toThrow('dns.questions.0.qclass: 65536 is not an integer from 0 to 65535');
    expect(enc({ answers: [a('x', { rclass: 1.5 })] })).toThrow('dns.answers.0.rclass: 1.5 is not an integer from 0 to 65535');
    expect(enc({ answers: [a('x'), a('x', { ttl: 2 ** 32 })] })).toThrow('dns.answers.1.ttl: 4294967296 is not an integer from 0 to 4294967295');
    expect(enc({ answers: [a('x', { address: '10.0.0' })] })).toThrow('dns.answers.0.address');
    const bad = (more: Partial<typeof soa>) => enc({ answers: [], authorities: [soa, { ...soa, ...more }] });
    expect(bad({ name: 'a..b' })).toThrow('dns.authorities.1.name: "a..b" has an empty label');
    expect(bad({ rclass: -2 })).toThrow('dns.authorities.1.rclass: -2 is not an integer from 0 to 65535');
    expect(bad({ ttl: -1 })).toThrow('dns.authorities.1.ttl: -1 is not an integer from 0 to 4294967295');
    expect(bad({ mname: 'x..y' })).toThrow('dns.authorities.1.mname: "x..y" has an empty label');
    expect(bad({ rname: '.z' })).toThrow('dns.authorities.1.rname: ".z" has an empty label');
    expect(bad({ serial: -1 })).toThrow('dns.authorities.1.serial: -1 is not an integer from 0 to 4294967295');
    expect(bad({ refresh: -1 })).toThrow('dns.authorities.1.refresh: -1 is not');
    expect(bad({ retry: -1 })).toThrow('dns.authorities.1.retry: -1 is not');
    expect(bad({ expire: -1 })).toThrow('dns.authorities.1.expire: -1 is not');
    expect(bad({ minimum: 2 ** 32 })).toThrow('dns.authorities.1.minimum: 4294967296 is not');
  });

  it('says where a message is cut short or holds what it does not model: field, byte offset, and the words', () => {
    // The answer of portal.azurestack.local: question at 12-40, answer 41-56 (pointer 41-42, type 43, class 45, TTL 47, length 51, address 53).
    const bytes = encodePacket([response]);
    expect(errorOf(bytes.subarray(0, 39))).toEqual({
      code: 'truncated', layer: 'dns', field: 'questions.0.qtype', offset: 37,
      message: 'DNS questions.0.qtype at byte 37 needs 4 bytes but only 2 remain: the packet was cut short; check the length fields of the layers around it.',
    });
    expect(errorOf(bytes.subarray(0, 50))).toEqual({
      code: 'truncated', layer: 'dns', field: 'answers.0.rtype', offset: 43,
      message: 'DNS answers.0.rtype at byte 43 needs 10 bytes but only 7 remain: the packet was cut short; check the length fields of the layers around it.',
    });
    expect(errorOf(bytes.subarray(0, 53))).toMatchObject({ field: 'answers.0.address', offset: 53, message: expect.stringContaining('needs 4 bytes but only 0 remain') });
    expect(errorOf(bytes.subarray(0, 55))).toMatchObject({ field: 'answers.0.address', offset: 53, message: expect.stringContaining('needs 4 bytes but only 2 remain') });
    const edit = (i: number, v: number) => {
      const b = bytes.slice();
      b[i] = v;
      return errorOf(b);
    };
    expect(edit(3, 0x90)).toEqual({ code: 'malformed', layer: 'dns', field: 'reserved', offset: 3, message: 'DNS reserved at byte 3: the Z, AD or CD bit is set; they are not modelled' });
    expect(edit(44, 28)?.message).toBe('DNS answers.0.rtype at byte 43: record type 28 is not modelled; only A (1) is');
    expect(edit(52, 16)?.message).toBe("DNS answers.0.dataLength at byte 51: an A record's data is 4 bytes, not 16");
    // A name that cannot be read names its field: the second question's.
    expect(errorOf(fromHex('0001 0000 0002 0000 0000 0000 00 0001 0001 05616263'))).toMatchObject({ code: 'truncated', field: 'questions.1.name', offset: 17 });
    expect(errorOf(fromHex(`${HEADER_ANSWER} ${PORTAL} 0001 0001 0561`))).toMatchObject({ code: 'truncated', field: 'answers.0.name', offset: 41 });
  });

  it('finds a short DNS header inside a frame by its own offset, not the frame\'s', () => {
    // UDP to port 53 with 5 bytes of payload: the DNS header starts at byte 42 of the frame and is cut short in its
    // question count (bytes 4-5 of the header).
    const frame = dnsQuery().map((l): Layer => (l.type === 'dns' ? { type: 'raw', data: Uint8Array.of(1, 2, 3, 4, 5) } : l));
    const r = decodePacket(encodePacket(frame));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ code: 'truncated', layer: 'dns', offset: 46, field: 'questionCount' });
  });

  /** The SOA record's spans as "field start-end label". */
  const soaSpans = (l: DnsLayer) => {
    const r = decodePacket(encodePacket([l]), 'dns');
    if (!r.ok) throw new Error(r.error.message);
    return r.value.fields.filter((f) => f.field.startsWith('authorities.')).map((f) => `${f.field} ${f.start}-${f.end} ${f.label}`);
  };

  it('spans every field of an SOA record as Wireshark lists them, with its name pointers where it has them', () => {
    const soa = { name: 'azurestack.local', namePointer: 19, rclass: 1, ttl: 3600, mname: 'advm.azurestack.local', mnamePointer: 19, rname: 'hostmaster.azurestack.local', rnamePointer: 19, serial: 1, refresh: 900, retry: 600, expire: 86400, minimum: 3600 };
    // Header 12, question 12-40 (name 25 bytes, type, class), SOA at 41: owner pointer 41-42, type 43, class 45,
    // TTL 47, length 51, mname 53-59 (advm + pointer), rname 60-72 (hostmaster + pointer), numbers 73-92.
    expect(soaSpans(message({ questions: [q('portal.azurestack.local', { qtype: 28 })], answers: [], authorities: [soa] }))).toEqual([
      'authorities.0 41-93 Authority (SOA)',
      'authorities.0.name 41-43 Name',
      'authorities.0.namePointer 41-43 Name pointer',
      'authorities.0.rtype 43-45 Type',
      'authorities.0.rclass 45-47 Class',
      'authorities.0.ttl 47-51 Time to live',
      'authorities.0.dataLength 51-53 Data length',
      'authorities.0.mname 53-60 Primary name server',
      'authorities.0.mnamePointer 58-60 Name pointer',
      'authorities.0.rname 60-73 Responsible mailbox',
      'authorities.0.rnamePointer 71-73 Name pointer',
      'authorities.0.serial 73-77 Serial',
      'authorities.0.refresh 77-81 Refresh interval',
      'authorities.0.retry 81-85 Retry interval',
      'authorities.0.expire 85-89 Expire limit',
      'authorities.0.minimum 89-93 Minimum TTL',
    ]);
    // Written in full, its names have no pointer spans.
    const full = soaSpans(message({ questions: [q('a')], answers: [], authorities: [{ ...soa, namePointer: undefined, mnamePointer: undefined, rnamePointer: undefined }] }));
    expect(full.filter((f) => f.includes('Pointer'))).toEqual([]);
    // Question "a" 12-18, the SOA from 19: owner 18 bytes, 10 of type to length, mname 23, rname 29, numbers 20.
    expect(full.slice(0, 2)).toEqual(['authorities.0 19-119 Authority (SOA)', 'authorities.0.name 19-37 Name']);
    expect(full.slice(6, 8)).toEqual(['authorities.0.mname 47-70 Primary name server', 'authorities.0.rname 70-99 Responsible mailbox']);
  });

  it('says where an SOA record is cut short or wrong: its type, its data length, its names', () => {
    const soa = { name: 'z', rclass: 1, ttl: 1, mname: 'a', rname: 'b', serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 };
    // Header 12, question "a" 12-18, SOA at 19: owner "z" 19-21, type 22, class 24, TTL 26, length 30, mname 32-34, rname 35-37, numbers 38-57.
    const bytes = encodePacket([message({ questions: [q('a')], answers: [], authorities: [soa] })]);
    expect(bytes.length).toBe(58);
    expect(errorOf(bytes.subarray(0, 28))).toEqual({
      code: 'truncated', layer: 'dns', field: 'authorities.0.rtype', offset: 22,
      message: 'DNS authorities.0.rtype at byte 22 needs 10 bytes but only 6 remain: the packet was cut short; check the length fields of the layers around it.',
    });
    // Cut right after the type, class, TTL and length: those 10 bytes are whole, the data is what is missing.
    expect(errorOf(bytes.subarray(0, 32))).toEqual({
      code: 'truncated', layer: 'dns', field: 'authorities.0.dataLength', offset: 30,
      message: 'DNS authorities.0.dataLength at byte 30 needs 26 bytes but only 0 remain: the packet was cut short; check the length fields of the layers around it.',
    });
    expect(errorOf(bytes.subarray(0, 50))).toEqual({
      code: 'truncated', layer: 'dns', field: 'authorities.0.dataLength', offset: 30,
      message: 'DNS authorities.0.dataLength at byte 30 needs 26 bytes but only 18 remain: the packet was cut short; check the length fields of the layers around it.',
    });
    const edit = (i: number, v: number) => {
      const b = bytes.slice();
      b[i] = v;
      return errorOf(b);
    };
    expect(edit(23, 5)?.message).toBe('DNS authorities.0.rtype at byte 22: authority record type 5 is not modelled; only SOA (6) is');
    expect(edit(31, 25)?.message).toBe("DNS authorities.0.dataLength at byte 30: an SOA's data is its two names and 20 bytes, not 25 bytes");
    expect(edit(32, 0x3f)).toMatchObject({ code: 'truncated', field: 'authorities.0.mname', offset: 32 });
    expect(edit(35, 0xc0)).toMatchObject({ code: 'malformed', field: 'authorities.0.rname', offset: 35 });
    expect(edit(19, 0x41)).toMatchObject({ code: 'malformed', field: 'authorities.0.name', offset: 19 });
  });

  it('sits on UDP port 53 in a frame', () => {
    const layers: Layer[] = dnsResponse();
    const r = decodePacket(encodePacket(layers));
    expect(r.ok && r.value.layers.map((l) => l.type)).toEqual(['ethernet', 'ipv4', 'udp', 'dns']);
  });
});
