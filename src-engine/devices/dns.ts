// DNS over UDP 53. ADVM's server is authoritative for the topology's zone: A answers for its records,
// and negative answers as RFC 2308 has them (NOERROR with no data for a name that exists but has no
// record of the type asked, NXDOMAIN for a name that does not exist), each with the zone's SOA in the
// authority section. A client's resolver asks for A and AAAA, as Windows does for a name a program looks
// up, each from its own port and query id drawn from the node's stream, and repeats a query left
// unanswered on Windows' schedule.
import type { DnsLayer, DnsSoaRecord } from '../packets/layers';
import { PORT_DNS } from '../packets/layers';
import { RCODE, rcodeName, rcodeText } from '../packets/dnsRcode';
import { ipToU32, u32ToIp } from '../net/addr';
import type { Provenance } from '../topology/schema';
import type { IpStack } from './ipstack';
import type { UdpStack } from './udp';

export interface DnsRecord {
  readonly name: string;
  readonly address: string;
}

const TYPE_A = 1;
const TYPE_AAAA = 28;
const SECOND = 1_000_000;

/** TTL of the A answers: the zone's default (minimum) TTL. */
const ANSWER_TTL = 3600;

/** The zone's SOA as a new Windows DNS zone has it; the names follow the zone and its server. */
export const SOA_TIMERS = { refresh: 900, retry: 600, expire: 86400, minimum: 3600 } as const;
export const SOA_PROV: Provenance = {
  mark: 'documented',
  source: 'Windows DNS zone defaults: refresh 15 min, retry 10 min, expire 1 day (Microsoft, "Adjust the refresh, retry, or expire intervals for a zone"); minimum (default) TTL 1 hour, serial 1 and hostmaster mailbox inferred',
};

/**
 * Seconds to wait after each try before the next, with one DNS server configured: queries at 0, 1, 2, 4
 * and 8 s, given up at 10 s; a negative answer ends it at once.
 */
export const DNS_RETRY_WAITS = [1, 1, 2, 4, 2] as const;
export const DNS_RETRY_PROV: Provenance = { mark: 'documented', source: 'Microsoft, "DNS client resolution timeouts" (KB 2834226), single DNS server' };

/** Why the resolver asks AAAA too. */
export const AAAA_PROV: Provenance = {
  mark: 'inferred',
  source: 'Windows resolves a name for a program with getaddrinfo for any family, which asks A and AAAA when IPv6 is enabled (the default)',
};

function message(id: number, qtype: number, name: string, response: boolean, answers: DnsLayer['answers'], rcode = 0, authorities?: readonly DnsSoaRecord[]): DnsLayer {
  return {
    type: 'dns', id, response, opcode: 0, authoritative: response, truncated: false, recursionDesired: true, recursionAvailable: response, rcode,
    questions: [{ name, qtype, qclass: 1 }], answers, ...(authorities ? { authorities } : {}),
  };
}

const typeName = (qtype: number): string => (qtype === TYPE_A ? 'A' : qtype === TYPE_AAAA ? 'AAAA' : `type ${qtype}`);

export function startDnsServer(ip: IpStack, udp: UdpStack, zone: string, records: readonly DnsRecord[]): void {
  const table = new Map(records.map((r) => [r.name.toLowerCase(), r.address]));
  const zoneName = zone.toLowerCase();
  const me = ip.node.id;
  const soa = (pointer: number | undefined): DnsSoaRecord => ({
    name: zoneName,
    ...(pointer !== undefined ? { namePointer: pointer, mnamePointer: pointer, rnamePointer: pointer } : {}),
    rclass: 1,
    ttl: SOA_TIMERS.minimum,
    mname: `${me.toLowerCase()}.${zoneName}`,
    rname: `hostmaster.${zoneName}`,
    serial: 1,
    ...SOA_TIMERS,
  });
  udp.bind(PORT_DNS, (d) => {
    const query = d.payload[0];
    if (!query || query.type !== 'dns' || query.response) return;
    const q = query.questions[0];
    if (!q) return;
    const name = q.name.toLowerCase();
    const inZone = name === zoneName || name.endsWith(`.${zoneName}`);
    const address = table.get(name);
    // The zone's name inside the question, for compression: 12-byte header, then the name.
    const pointer = inZone ? 12 + (name.length - zoneName.length) : undefined;
    let answer: DnsLayer;
    let text: string;
    if (!inZone) {
      answer = message(query.id, q.qtype, q.name, true, [], RCODE.REFUSED);
      text = `${me}'s DNS server answers ${rcodeName(RCODE.REFUSED)} for ${q.name}: it is authoritative only for ${zoneName}, and in this lab it forwards no other name to another server`;
    } else if (address !== undefined && q.qtype === TYPE_A) {
      answer = message(query.id, q.qtype, q.name, true, [{ name: q.name, rtype: TYPE_A, rclass: 1, ttl: ANSWER_TTL, address }]);
      text = `${me}'s DNS server answers ${q.name} A ${address}`;
    } else if (address !== undefined || name === zoneName) {
      answer = message(query.id, q.qtype, q.name, true, [], 0, [soa(pointer)]);
      text = `${me}'s DNS server: ${q.name} exists but has no ${typeName(q.qtype)} record: ${rcodeName(RCODE.NOERROR)}, no data, with the zone's SOA (RFC 2308)`;
    } else {
      answer = message(query.id, q.qtype, q.name, true, [], RCODE.NXDOMAIN, [soa(pointer)]);
      text = `${me}'s DNS server: ${q.name} does not exist in ${zoneName}: ${rcodeName(RCODE.NXDOMAIN)} with the zone's SOA (RFC 2308)`;
    }
    const { tracer, rec } = ip.ctx;
    if (d.tag) tracer.end(d.tag, 'delivered', text, d.bytes, `The query reached the DNS server on ${me} (UDP 53).`);
    rec.event('info', me, text, 'dns');
    udp.send(d.src, PORT_DNS, d.srcPort, [answer], tracer.replyTag(d.tag), `${me} sends the DNS answer (${typeName(q.qtype)}) back to ${u32ToIp(d.src)}.`);
  });
}

interface Query {
  readonly qtype: number;
  readonly port: number;
  readonly id: number;
  tries: number;
  /** undefined while unanswered; the address (A) or null (no address) once answered. */
  result: number | null | undefined;
  why: string;
}

/**
 * Asks the node's DNS server for `name`, A and AAAA; calls back once with the IPv4 address, or undefined
 * and why. The A query carries `tag` (the traced lookup); the AAAA query is recorded but not traced.
 */
export function resolveName(ip: IpStack, udp: UdpStack, server: number, name: string, tag: number, done: (address: number | undefined, why: string) => void): void {
  const { rec, tracer } = ip.ctx;
  const me = ip.node.id;
  const queries: Query[] = [];
  let finished = false;
  const finish = (address: number | undefined, why: string): void => {
    if (finished) return;
    finished = true;
    for (const q of queries) udp.unbind(q.port);
    done(address, why);
  };
  const settle = (): void => {
    const a = queries[0]!;
    if (a.result === undefined) return;
    // Like getaddrinfo, wait for both answers (or the AAAA query's end) before handing back the address.
    if (queries.some((q) => q.result === undefined)) return;
    finish(a.result ?? undefined, a.why);
  };
  const send = (q: Query): void => {
    q.tries++;
    const again = q.tries > 1 ? ` again (try ${q.tries}, no answer yet)` : '';
    rec.event('info', me, `${me} asks ${u32ToIp(server)} for ${name} ${typeName(q.qtype)}${again} (DNS query id ${q.id})`, 'dns');
    const traced = q.qtype === TYPE_A && q.tries === 1 ? tag : 0;
    udp.send(server, q.port, PORT_DNS, [message(q.id, q.qtype, name, false, [])], traced, `${me} asks its DNS server ${u32ToIp(server)} for the ${typeName(q.qtype)} record of ${name}${again}.`);
    const wait = DNS_RETRY_WAITS[q.tries - 1];
    ip.node.later((wait ?? 0) * SECOND, () => {
      if (finished || q.result !== undefined) return;
      if (q.tries < DNS_RETRY_WAITS.length) {
        send(q);
        return;
      }
      q.result = null;
      q.why = `no DNS answer for ${name} ${typeName(q.qtype)} after ${q.tries} tries over ${DNS_RETRY_WAITS.reduce((s, x) => s + x, 0)} s`;
      if (q.qtype === TYPE_A) finish(undefined, q.why);
      else settle();
    });
  };
  for (const qtype of [TYPE_A, TYPE_AAAA]) {
    let port = ip.rng.int(49152, 65535);
    while (udp.isBound(port)) port = port === 65535 ? 49152 : port + 1;
    const q: Query = { qtype, port, id: ip.rng.int(0, 0xffff), tries: 0, result: undefined, why: '' };
    queries.push(q);
    udp.bind(port, (d) => {
      const answer = d.payload[0];
      if (finished || q.result !== undefined || !answer || answer.type !== 'dns' || !answer.response || answer.id !== q.id) return;
      const a = answer.answers.find((x) => x.rtype === TYPE_A);
      const negative =
        answer.rcode === RCODE.NXDOMAIN
          ? `does not exist (${rcodeName(RCODE.NXDOMAIN)})`
          : answer.rcode !== RCODE.NOERROR
            ? `could not be looked up: its DNS server ${u32ToIp(server)} answered ${rcodeText(answer.rcode)}`
            : `has no ${typeName(qtype)} record (${rcodeName(RCODE.NOERROR)}, no data)`;
      const soa = answer.authorities?.[0];
      const cache = soa ? `; the SOA says to remember this for ${Math.min(soa.ttl, soa.minimum)} s` : '';
      const text = a ? `${me} learns ${name} is ${a.address}` : `${me}: ${name} ${negative}${cache}`;
      if (d.tag) tracer.end(d.tag, 'delivered', text, d.bytes, `The DNS answer reached ${me}'s resolver on UDP ${q.port}.`);
      rec.event('info', me, text, 'dns');
      q.result = a ? ipToU32(a.address) : null;
      q.why = text;
      // A name that does not exist ends the lookup at once: Windows does not retry a negative answer.
      if (answer.rcode === RCODE.NXDOMAIN && qtype === TYPE_A) {
        finish(undefined, text);
        return;
      }
      settle();
    });
  }
  for (const q of queries) send(q);
}
