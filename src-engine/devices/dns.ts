// DNS over UDP 53: ADVM's server answers A records of the topology's zone; a client's resolver asks
// its configured server from an ephemeral port and query id drawn from the seeded RNG.
import type { DnsLayer } from '../packets/layers';
import { PORT_DNS } from '../packets/layers';
import { ipToU32, u32ToIp } from '../net/addr';
import type { IpStack } from './ipstack';
import type { UdpStack } from './udp';

export interface DnsRecord {
  readonly name: string;
  readonly address: string;
}

const RCODE_NXDOMAIN = 3;

function message(id: number, name: string, response: boolean, answers: DnsLayer['answers'], rcode = 0): DnsLayer {
  return { type: 'dns', id, response, opcode: 0, authoritative: response, truncated: false, recursionDesired: true, recursionAvailable: response, rcode, questions: [{ name, qtype: 1, qclass: 1 }], answers };
}

export function startDnsServer(ip: IpStack, udp: UdpStack, records: readonly DnsRecord[]): void {
  const table = new Map(records.map((r) => [r.name.toLowerCase(), r.address]));
  const me = ip.node.id;
  udp.bind(PORT_DNS, (d) => {
    const query = d.payload[0];
    if (!query || query.type !== 'dns' || query.response) return;
    const q = query.questions[0];
    if (!q) return;
    const address = q.qtype === 1 ? table.get(q.name.toLowerCase()) : undefined;
    const answers = address ? [{ name: q.name, rtype: 1, rclass: 1, ttl: 3600, address }] : [];
    const { tracer, rec } = ip.ctx;
    const text = address ? `${me}'s DNS server answers ${q.name} A ${address}` : `${me}'s DNS server has no A record for ${q.name} (NXDOMAIN)`;
    if (d.tag) tracer.end(d.tag, 'delivered', text, d.bytes, `The query reached the DNS server on ${me} (UDP 53).`);
    rec.event('info', me, text, 'dns');
    udp.send(d.src, PORT_DNS, d.srcPort, [message(query.id, q.name, true, answers, address ? 0 : RCODE_NXDOMAIN)], tracer.replyTag(d.tag), `${me} sends the DNS answer back to ${u32ToIp(d.src)}.`);
  });
}

/** Asks the node's DNS server for an A record; calls back with the address (number) or undefined. */
export function resolveName(ip: IpStack, udp: UdpStack, server: number, name: string, tag: number, done: (address: number | undefined, why: string) => void): void {
  const { rec, tracer } = ip.ctx;
  const { rng } = ip;
  let port = rng.int(49152, 65535);
  while (udp.isBound(port)) port = port === 65535 ? 49152 : port + 1;
  const id = rng.int(0, 0xffff);
  let finished = false;
  const finish = (address: number | undefined, why: string): void => {
    if (finished) return;
    finished = true;
    udp.unbind(port);
    done(address, why);
  };
  udp.bind(port, (d) => {
    const answer = d.payload[0];
    if (!answer || answer.type !== 'dns' || !answer.response || answer.id !== id) return;
    const a = answer.answers.find((x) => x.rtype === 1);
    const text = a ? `${ip.node.id} learns ${name} is ${a.address}` : `${ip.node.id}: ${name} does not exist (rcode ${answer.rcode})`;
    if (d.tag) tracer.end(d.tag, 'delivered', text, d.bytes, `The DNS answer reached ${ip.node.id}'s resolver on UDP ${port}.`);
    rec.event('info', ip.node.id, text, 'dns');
    finish(a ? ipToU32(a.address) : undefined, text);
  });
  rec.event('info', ip.node.id, `${ip.node.id} asks ${u32ToIp(server)} for ${name} (DNS query id ${id})`, 'dns');
  udp.send(server, port, PORT_DNS, [message(id, name, false, [])], tag, `${ip.node.id} asks its DNS server ${u32ToIp(server)} for the address of ${name}.`);
  ip.node.later(5_000_000, () => finish(undefined, `no DNS answer for ${name} within 5 s`));
}
