// DNS messages (RFC 1035) with questions, A answers and SOA authority records (the negative answers of
// RFC 2308). Additional records, other record types and the Z/AD/CD bits are not modelled: a message that
// has them decodes as malformed rather than lose them.
import { readIpv4, writeIpv4 } from './addresses';
import { checkUint, get16, get32, put16, put32 } from './bytes';
import { addFixedSpans, type Decoder, failShort, type FixedField } from './decoder';
import { DNS_HEADER_LENGTH, type NameRead, readName, writeName } from './dnsName';
import type { DnsAnswer, DnsLayer, DnsNamePointer, DnsQuestion, DnsSoaRecord } from './layers';
import { reserve, type Writer } from './writer';

const TYPE_A = 1;
const TYPE_SOA = 6;

const HEADER: readonly FixedField[] = [
  { field: 'id', label: 'Transaction ID', start: 0, end: 2 },
  { field: 'response', label: 'Response', start: 2, end: 3, bitMask: 0x80 },
  { field: 'opcode', label: 'Opcode', start: 2, end: 3, bitMask: 0x78 },
  { field: 'authoritative', label: 'Authoritative', start: 2, end: 3, bitMask: 0x04 },
  { field: 'truncated', label: 'Truncated', start: 2, end: 3, bitMask: 0x02 },
  { field: 'recursionDesired', label: 'Recursion desired', start: 2, end: 3, bitMask: 0x01 },
  { field: 'recursionAvailable', label: 'Recursion available', start: 3, end: 4, bitMask: 0x80 },
  { field: 'reserved', label: 'Z, AD, CD', start: 3, end: 4, bitMask: 0x70 },
  { field: 'rcode', label: 'Reply code', start: 3, end: 4, bitMask: 0x0f },
  { field: 'questionCount', label: 'Questions', start: 4, end: 6 },
  { field: 'answerCount', label: 'Answer RRs', start: 6, end: 8 },
  { field: 'authorityCount', label: 'Authority RRs', start: 8, end: 10 },
  { field: 'additionalCount', label: 'Additional RRs', start: 10, end: 12 },
];

export function encodeDns(w: Writer, l: DnsLayer): void {
  const start = w.pos;
  const b = reserve(w, DNS_HEADER_LENGTH);
  checkUint(l.id, 0xffff, 'dns.id');
  checkUint(l.opcode, 15, 'dns.opcode');
  checkUint(l.rcode, 15, 'dns.rcode');
  checkUint(l.questions.length, 0xffff, 'dns.questions.length');
  checkUint(l.answers.length, 0xffff, 'dns.answers.length');
  put16(b, start, l.id);
  b[start + 2] = (l.response ? 0x80 : 0) | (l.opcode << 3) | (l.authoritative ? 4 : 0) | (l.truncated ? 2 : 0) | (l.recursionDesired ? 1 : 0);
  b[start + 3] = (l.recursionAvailable ? 0x80 : 0) | l.rcode;
  put16(b, start + 4, l.questions.length);
  put16(b, start + 6, l.answers.length);
  const authorities = l.authorities ?? [];
  checkUint(authorities.length, 0xffff, 'dns.authorities.length');
  put16(b, start + 8, authorities.length);
  put16(b, start + 10, 0);
  w.pos = start + DNS_HEADER_LENGTH;

  const questionAt: number[] = [];
  l.questions.forEach((q, i) => {
    const what = `dns.questions.${i}`;
    questionAt.push(w.pos - start);
    writeName(w, start, q.name, q.namePointer ?? null, `${what}.name`);
    checkUint(q.qtype, 0xffff, `${what}.qtype`);
    checkUint(q.qclass, 0xffff, `${what}.qclass`);
    const c = reserve(w, 4);
    put16(c, w.pos, q.qtype);
    put16(c, w.pos + 2, q.qclass);
    w.pos += 4;
  });
  l.answers.forEach((a, i) => {
    const what = `dns.answers.${i}`;
    const pointer = a.namePointer === undefined ? defaultPointer(l.questions, questionAt, a.name) : a.namePointer;
    writeName(w, start, a.name, pointer, `${what}.name`);
    if (a.rtype !== TYPE_A) throw new Error(`${what}.rtype: ${a.rtype} is not 1 (A), the only record type modelled`);
    checkUint(a.rclass, 0xffff, `${what}.rclass`);
    checkUint(a.ttl, 0xffffffff, `${what}.ttl`);
    const c = reserve(w, 14);
    const p = w.pos;
    put16(c, p, a.rtype);
    put16(c, p + 2, a.rclass);
    put32(c, p + 4, a.ttl);
    put16(c, p + 8, 4);
    writeIpv4(c, p + 10, a.address, `${what}.address`);
    w.pos = p + 14;
  });
  authorities.forEach((r, i) => encodeSoa(w, start, r, `dns.authorities.${i}`));
}

function encodeSoa(w: Writer, message: number, r: DnsSoaRecord, what: string): void {
  writeName(w, message, r.name, r.namePointer ?? null, `${what}.name`);
  checkUint(r.rclass, 0xffff, `${what}.rclass`);
  checkUint(r.ttl, 0xffffffff, `${what}.ttl`);
  const h = reserve(w, 10);
  const at = w.pos;
  put16(h, at, TYPE_SOA);
  put16(h, at + 2, r.rclass);
  put32(h, at + 4, r.ttl);
  w.pos = at + 10;
  writeName(w, message, r.mname, r.mnamePointer ?? null, `${what}.mname`);
  writeName(w, message, r.rname, r.rnamePointer ?? null, `${what}.rname`);
  const c = reserve(w, 20);
  const p = w.pos;
  const numbers = [r.serial, r.refresh, r.retry, r.expire, r.minimum] as const;
  const names = ['serial', 'refresh', 'retry', 'expire', 'minimum'] as const;
  numbers.forEach((v, k) => {
    checkUint(v, 0xffffffff, `${what}.${names[k]}`);
    put32(c, p + 4 * k, v);
  });
  w.pos = p + 20;
  put16(w.buf, at + 8, w.pos - at - 10);
}

/** The encoder's choice for an answer: point at the first question with the same name, else write it in full. */
function defaultPointer(questions: readonly DnsQuestion[], questionAt: readonly number[], name: string): DnsNamePointer {
  const i = questions.findIndex((q) => q.name === name);
  return i < 0 ? null : questionAt[i]!;
}

export function decodeDns(d: Decoder, at: number, end: number): number {
  const b = d.bytes;
  if (end - at < DNS_HEADER_LENGTH) return failShort(d, 'dns', HEADER, at, end);
  if (b[at + 3]! & 0x70) return d.malformed('dns', 'reserved', at + 3, 'the Z, AD or CD bit is set; they are not modelled');
  if (get16(b, at + 10)) return d.malformed('dns', 'additionalCount', at + 10, 'additional records (EDNS included) are not modelled');
  if (d.fields) addFixedSpans(d, 'dns', HEADER, at);

  let p = at + DNS_HEADER_LENGTH;
  const questions: DnsQuestion[] = [];
  const questionAt: number[] = [];
  const questionCount = get16(b, at + 4);
  for (let i = 0; i < questionCount; i++) {
    const field = `questions.${i}`;
    const read = readName(b, at, p, end);
    if (!read.ok) return failName(d, `${field}.name`, read);
    if (read.next + 4 > end) return d.truncated('dns', `${field}.qtype`, read.next, 4, end - read.next);
    const name = read.name;
    const qtype = get16(b, read.next);
    const qclass = get16(b, read.next + 2);
    // Questions are written in full unless told otherwise, so only a pointer is worth recording.
    questionAt.push(p - at);
    questions.push(read.pointer < 0 ? { name, qtype, qclass } : { name, namePointer: read.pointer, qtype, qclass });
    if (d.fields) {
      d.span('dns', field, 'Question', p, read.next + 4);
      nameSpans(d, field, p, read);
      d.span('dns', `${field}.qtype`, 'Type', read.next, read.next + 2);
      d.span('dns', `${field}.qclass`, 'Class', read.next + 2, read.next + 4);
    }
    p = read.next + 4;
  }

  const answers: DnsAnswer[] = [];
  const answerCount = get16(b, at + 6);
  for (let i = 0; i < answerCount; i++) {
    const field = `answers.${i}`;
    const read = readName(b, at, p, end);
    if (!read.ok) return failName(d, `${field}.name`, read);
    const r = read.next;
    if (r + 10 > end) return d.truncated('dns', `${field}.rtype`, r, 10, end - r);
    const rtype = get16(b, r);
    if (rtype !== TYPE_A) return d.malformed('dns', `${field}.rtype`, r, `record type ${rtype} is not modelled; only A (1) is`);
    const dataLength = get16(b, r + 8);
    if (dataLength !== 4) return d.malformed('dns', `${field}.dataLength`, r + 8, `an A record's data is 4 bytes, not ${dataLength}`);
    if (r + 14 > end) return d.truncated('dns', `${field}.address`, r + 10, 4, end - r - 10);
    const name = read.name;
    const base = { name, rtype, rclass: get16(b, r + 2), ttl: get32(b, r + 4), address: readIpv4(b, r + 10) };
    // Record the compression only where the encoder would choose differently.
    const wire: DnsNamePointer = read.pointer < 0 ? null : read.pointer;
    const chosen = defaultPointer(questions, questionAt, name);
    const pure = read.pointer >= 0 && read.next === p + 2;
    answers.push(wire === chosen && (wire === null || pure) ? base : { ...base, namePointer: wire });
    if (d.fields) {
      d.span('dns', field, 'Answer', p, r + 14);
      nameSpans(d, field, p, read);
      d.span('dns', `${field}.rtype`, 'Type', r, r + 2);
      d.span('dns', `${field}.rclass`, 'Class', r + 2, r + 4);
      d.span('dns', `${field}.ttl`, 'Time to live', r + 4, r + 8);
      d.span('dns', `${field}.dataLength`, 'Data length', r + 8, r + 10);
      d.span('dns', `${field}.address`, 'Address', r + 10, r + 14);
    }
    p = r + 14;
  }

  const authorities: DnsSoaRecord[] = [];
  const authorityCount = get16(b, at + 8);
  for (let i = 0; i < authorityCount; i++) {
    const next = decodeSoa(d, at, p, end, `authorities.${i}`, authorities);
    if (next < 0) return next;
    p = next;
  }

  const layer: DnsLayer = {
    type: 'dns',
    id: get16(b, at),
    response: (b[at + 2]! & 0x80) !== 0,
    opcode: (b[at + 2]! >>> 3) & 15,
    authoritative: (b[at + 2]! & 4) !== 0,
    truncated: (b[at + 2]! & 2) !== 0,
    recursionDesired: (b[at + 2]! & 1) !== 0,
    recursionAvailable: (b[at + 3]! & 0x80) !== 0,
    rcode: b[at + 3]! & 15,
    questions,
    answers,
    ...(authorities.length ? { authorities } : {}),
  };
  d.push(layer, at, p);
  d.next = p < end ? 'raw' : null;
  d.end = end;
  return p;
}

/** One SOA record at `p`, pushed onto `out`; returns where it ends, or -1 after recording the error. */
function decodeSoa(d: Decoder, message: number, p: number, end: number, field: string, out: DnsSoaRecord[]): number {
  const b = d.bytes;
  const owner = readName(b, message, p, end);
  if (!owner.ok) return failName(d, `${field}.name`, owner);
  const r = owner.next;
  if (r + 10 > end) return d.truncated('dns', `${field}.rtype`, r, 10, end - r);
  const rtype = get16(b, r);
  if (rtype !== TYPE_SOA) return d.malformed('dns', `${field}.rtype`, r, `authority record type ${rtype} is not modelled; only SOA (6) is`);
  const dataLength = get16(b, r + 8);
  const dataEnd = r + 10 + dataLength;
  if (dataEnd > end) return d.truncated('dns', `${field}.dataLength`, r + 8, dataLength, end - r - 10);
  const mname = readName(b, message, r + 10, dataEnd);
  if (!mname.ok) return failName(d, `${field}.mname`, mname);
  const rname = readName(b, message, mname.next, dataEnd);
  if (!rname.ok) return failName(d, `${field}.rname`, rname);
  const n = rname.next;
  if (n + 20 !== dataEnd) return d.malformed('dns', `${field}.dataLength`, r + 8, `an SOA's data is its two names and 20 bytes, not ${dataLength} bytes`);
  const pointers = {
    ...(owner.pointer >= 0 ? { namePointer: owner.pointer } : {}),
    ...(mname.pointer >= 0 ? { mnamePointer: mname.pointer } : {}),
    ...(rname.pointer >= 0 ? { rnamePointer: rname.pointer } : {}),
  };
  out.push({
    name: owner.name, rclass: get16(b, r + 2), ttl: get32(b, r + 4), mname: mname.name, rname: rname.name,
    serial: get32(b, n), refresh: get32(b, n + 4), retry: get32(b, n + 8), expire: get32(b, n + 12), minimum: get32(b, n + 16), ...pointers,
  });
  if (d.fields) {
    d.span('dns', field, 'Authority (SOA)', p, dataEnd);
    nameSpans(d, field, p, owner);
    d.span('dns', `${field}.rtype`, 'Type', r, r + 2);
    d.span('dns', `${field}.rclass`, 'Class', r + 2, r + 4);
    d.span('dns', `${field}.ttl`, 'Time to live', r + 4, r + 8);
    d.span('dns', `${field}.dataLength`, 'Data length', r + 8, r + 10);
    d.span('dns', `${field}.mname`, 'Primary name server', r + 10, mname.next);
    if (mname.pointer >= 0) d.span('dns', `${field}.mnamePointer`, 'Name pointer', mname.next - 2, mname.next);
    d.span('dns', `${field}.rname`, 'Responsible mailbox', mname.next, n);
    if (rname.pointer >= 0) d.span('dns', `${field}.rnamePointer`, 'Name pointer', n - 2, n);
    const labels = ['Serial', 'Refresh interval', 'Retry interval', 'Expire limit', 'Minimum TTL'];
    ['serial', 'refresh', 'retry', 'expire', 'minimum'].forEach((k, i) => d.span('dns', `${field}.${k}`, labels[i]!, n + 4 * i, n + 4 * i + 4));
  }
  return dataEnd;
}

function nameSpans(d: Decoder, field: string, at: number, read: NameRead & { ok: true }): void {
  d.span('dns', `${field}.name`, 'Name', at, read.next);
  if (read.pointer >= 0) d.span('dns', `${field}.namePointer`, 'Name pointer', read.next - 2, read.next);
}

function failName(d: Decoder, field: string, read: NameRead & { ok: false }): number {
  return d.fail(read.code, 'dns', field, read.offset, read.problem);
}
