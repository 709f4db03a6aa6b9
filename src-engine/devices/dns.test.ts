// The resolver and the server by the rules they follow: A and AAAA asked, RFC 2308 negative answers with
// the zone's SOA, and a query left unanswered asked again at 1, 2, 4 and 8 s, given up at 10 s.
import { describe, expect, it } from 'vitest';
import { decodePacket } from '../packets/index';
import type { DnsLayer } from '../packets/layers';
import { ipToU32 } from '../net/addr';
import { pocTopology, runPoc } from '../run/fixtures';
import { buildWorld } from '../run/world';

const S = 1_000_000;

/** The DNS messages a node sent into the switch, in order. */
function dnsSent(r: ReturnType<typeof runPoc>['result'], node: string): { time: number; dns: DnsLayer }[] {
  return r.transmissions
    .filter((t) => t.fromNode === node && t.toNode === 'CCI_External_vSwitch' && t.protocol === 'dns')
    .map((t) => {
      const d = decodePacket(t.bytes);
      const dns = d.ok ? d.value.layers.find((l) => l.type === 'dns') : undefined;
      return { time: t.time, dns: dns as DnsLayer };
    });
}

describe('DNS', () => {
  it('ClientVM asks A and AAAA; ADVM answers A, and AAAA with NOERROR, no data and the SOA', () => {
    const r = runPoc().result;
    const asked = dnsSent(r, 'ClientVM').map((m) => m.dns.questions[0]!.qtype);
    expect(asked).toEqual([1, 28]);
    const answers = dnsSent(r, 'ADVM').map((m) => m.dns);
    const aaaa = answers.find((m) => m.questions[0]!.qtype === 28)!;
    expect(aaaa).toMatchObject({ rcode: 0, answers: [], authoritative: true });
    expect(aaaa.authorities).toEqual([expect.objectContaining({ name: 'azurestack.local', mname: 'advm.azurestack.local', rname: 'hostmaster.azurestack.local', refresh: 900, retry: 600, expire: 86400, minimum: 3600 })]);
    expect(answers.find((m) => m.questions[0]!.qtype === 1)!.answers[0]!.address).toBe('192.168.133.74');
    expect(r.trace.disposition).toBe('delivered');
  });

  it('a name that does not exist gets NXDOMAIN with the SOA, and the lookup ends at once', () => {
    const r = runPoc({ to: 'nothere.azurestack.local:443' }).result;
    const nx = dnsSent(r, 'ADVM').map((m) => m.dns);
    expect(nx.map((m) => m.rcode)).toEqual([3, 3]);
    expect(nx[0]!.authorities?.[0]?.name).toBe('azurestack.local');
    expect(r.trace.disposition).toBe('no-dns-answer');
    expect(r.trace.reason).toContain('does not exist (NXDOMAIN)');
    expect(dnsSent(r, 'ClientVM')).toHaveLength(2);
  });

  it('after NXDOMAIN the lookup is over: its unanswered AAAA query is not asked again, though the run goes on for 12 s', () => {
    const r = runPoc({ to: 'nothere.azurestack.local:443', flowAt: [0, 12 * S] }).result;
    // [second, qtype]: A (1) and AAAA (28) for each of the two lookups, nothing in between.
    expect(dnsSent(r, 'ClientVM').map((m) => [Math.round(m.time / S), m.dns.questions[0]!.qtype])).toEqual([
      [0, 1],
      [0, 28],
      [12, 1],
      [12, 28],
    ]);
  });

  it('an unanswered query is asked again at 1, 2, 4 and 8 s and given up at 10 s', () => {
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'ADVM', at: 0.5 * S }] }).result;
    const a = dnsSent(r, 'ClientVM').filter((m) => m.dns.questions[0]!.qtype === 1);
    // When the resolver asked (the first frame also waited for ARP).
    const asked = r.events.filter((e) => e.node === 'ClientVM' && /asks 192\.168\.100\.2 for portal\.azurestack\.local A\b/.test(e.summary)).map((e) => e.time);
    const t0 = asked[0]!;
    expect(asked.map((t) => (t - t0) / S)).toEqual([0, 1, 2, 4, 8]);
    expect(a).toHaveLength(5);
    expect(new Set(a.map((m) => m.dns.id)).size).toBe(1);
    expect(r.trace.disposition).toBe('no-dns-answer');
    expect(r.trace.reason).toBe('no DNS answer for portal.azurestack.local A after 5 tries over 10 s');
    expect(r.endTime - t0).toBeGreaterThanOrEqual(10 * S);
  });

  /** What the resolver and the server said, in order: the run's DNS sentences. */
  const said = (r: ReturnType<typeof runPoc>['result']) => r.events.filter((e) => e.kind === 'info' && 'protocol' in e && e.protocol === 'dns').map((e) => `${e.node}: ${e.summary}`);

  it('says each step in words: the two questions, the answer, the empty AAAA answer and how long the SOA says to remember it', () => {
    const r = runPoc().result;
    const ids = dnsSent(r, 'ClientVM').map((m) => m.dns.id);
    expect(said(r)).toEqual([
      `ClientVM: ClientVM asks 192.168.100.2 for portal.azurestack.local A (DNS query id ${ids[0]})`,
      `ClientVM: ClientVM asks 192.168.100.2 for portal.azurestack.local AAAA (DNS query id ${ids[1]})`,
      "ADVM: ADVM's DNS server answers portal.azurestack.local A 192.168.133.74",
      "ADVM: ADVM's DNS server: portal.azurestack.local exists but has no AAAA record: NOERROR, no data, with the zone's SOA (RFC 2308)",
      'ClientVM: ClientVM learns portal.azurestack.local is 192.168.133.74',
      'ClientVM: ClientVM: portal.azurestack.local has no AAAA record (NOERROR, no data); the SOA says to remember this for 3600 s',
    ]);
    // The A query is the traced lookup, answered at ADVM and back at ClientVM; the AAAA query carries no trace.
    const dns = r.trace.dns!;
    expect(dns.hops.at(-1)!.steps.at(-1)).toEqual({ kind: 'delivered', text: "ADVM's DNS server answers portal.azurestack.local A 192.168.133.74" });
    expect(dns.hops.at(-1)!.why).toBe('The query reached the DNS server on ADVM (UDP 53).');
    expect(dns.returnHops.at(-1)!.steps.at(-1)).toEqual({ kind: 'delivered', text: 'ClientVM learns portal.azurestack.local is 192.168.133.74' });
    // The resolver's port: the A query's source port, as its summary shows it ("192.168.200.10:52014 -> ...").
    const port = r.transmissions.find((t) => t.fromNode === 'ClientVM' && t.protocol === 'dns')!.summary.match(/:(\d+) ->/)![1];
    expect(dns.returnHops.at(-1)!.why).toBe(`The DNS answer reached ClientVM's resolver on UDP ${port}.`);
    const aaaa = r.transmissions.filter((t) => t.protocol === 'dns' && t.summary.includes('AAAA'));
    expect(aaaa.length).toBeGreaterThan(0);
    for (const t of aaaa) expect(t.flowId).toBeUndefined();
    // The SOA's owner name points at the zone's name inside the question (12-byte header, then "portal."): offset 19.
    const soa = dnsSent(r, 'ADVM').find((m) => m.dns.questions[0]!.qtype === 28)!.dns.authorities![0]!;
    expect(soa).toMatchObject({ namePointer: 19, mnamePointer: 19, rnamePointer: 19 });
  });

  it("each message's header bits and note: queries ask for recursion; answers are authoritative, offer recursion, none truncated", () => {
    const r = runPoc().result;
    const messages = r.transmissions.filter((t) => t.protocol === 'dns' && t.toNode === 'CCI_External_vSwitch' && (t.fromNode === 'ClientVM' || t.fromNode === 'ADVM'));
    const bits = messages.map((t) => {
      const d = decodePacket(t.bytes);
      const m = (d.ok ? d.value.layers.find((l) => l.type === 'dns') : undefined) as DnsLayer;
      return [m.response, m.authoritative, m.truncated, m.recursionDesired, m.recursionAvailable, t.note];
    });
    const by = (via: string) => `sends it by route 0.0.0.0/0 via ${via}, static.`;
    // response, authoritative, truncated, recursion desired, recursion available; the note
    expect(bits).toEqual([
      [false, false, false, true, false, `ClientVM asks its DNS server 192.168.100.2 for the A record of portal.azurestack.local. ClientVM ${by('192.168.200.1 (NATVM)')}`],
      [false, false, false, true, false, `ClientVM asks its DNS server 192.168.100.2 for the AAAA record of portal.azurestack.local. ClientVM ${by('192.168.200.1 (NATVM)')}`],
      [true, true, false, true, true, `ADVM sends the DNS answer (A) back to 192.168.200.10. ADVM ${by('192.168.100.1 (BGPVM)')}`],
      [true, true, false, true, true, `ADVM sends the DNS answer (AAAA) back to 192.168.200.10. ADVM ${by('192.168.100.1 (BGPVM)')}`],
    ]);
  });

  it('a query for another type (MX, 15) than A or AAAA: NOERROR, no data, the type named by its number', () => {
    const w = buildWorld(pocTopology(), { seed: 1, icmpRedirects: false, record: { full: true } });
    for (const node of w.nodes.values()) for (const boot of node.boot) w.ctx.sched.at(0, boot);
    const mx: DnsLayer = { type: 'dns', id: 7, response: false, opcode: 0, authoritative: false, truncated: false, recursionDesired: true, recursionAvailable: false, rcode: 0, questions: [{ name: 'portal.azurestack.local', qtype: 15, qclass: 1 }], answers: [] };
    w.ctx.sched.at(1 * S, () => w.nodes.get('ClientVM')!.udp.send(ipToU32('192.168.100.2'), 50000, 53, [mx], 0, 'ClientVM asks for MX.'));
    w.ctx.sched.run(2 * S);
    expect(w.ctx.rec.events.filter((e) => e.node === 'ADVM' && e.kind === 'info').map((e) => e.summary)).toEqual([
      "ADVM's DNS server: portal.azurestack.local exists but has no type 15 record: NOERROR, no data, with the zone's SOA (RFC 2308)",
    ]);
    expect(w.ctx.rec.transmissions.filter((t) => t.fromNode === 'ADVM' && t.protocol === 'dns').map((t) => t.note)).toEqual(['ADVM sends the DNS answer (type 15) back to 192.168.200.10. ADVM sends it by route 0.0.0.0/0 via 192.168.100.1 (BGPVM), static.']);
  });

  it('a name outside its zone: the server is not authoritative and answers REFUSED, without an SOA', () => {
    const r = runPoc({ to: 'www.example.com' }).result;
    const refused = dnsSent(r, 'ADVM').map((m) => m.dns);
    expect(refused.map((m) => [m.rcode, m.answers.length, m.authorities])).toEqual([
      [5, 0, undefined],
      [5, 0, undefined],
    ]);
    expect(said(r).filter((x) => x.startsWith('ADVM'))).toEqual(Array(2).fill("ADVM: ADVM's DNS server answers REFUSED for www.example.com: it is authoritative only for azurestack.local, and in this lab it forwards no other name to another server"));
    expect(r.trace.disposition).toBe('no-dns-answer');
    // The code by its name (RFC 1035, RFC 6895) and what it means, never a bare number.
    expect(r.trace.reason).toBe('ClientVM: www.example.com could not be looked up: its DNS server 192.168.100.2 answered REFUSED (rcode 5): the server will not answer this query, by its own policy');
  });

  it("the zone's own name exists but has no address: NOERROR, no data, with the SOA, for A as for AAAA", () => {
    const r = runPoc({ to: 'azurestack.local' }).result;
    expect(said(r).filter((x) => x.startsWith('ADVM'))).toEqual([
      "ADVM: ADVM's DNS server: azurestack.local exists but has no A record: NOERROR, no data, with the zone's SOA (RFC 2308)",
      "ADVM: ADVM's DNS server: azurestack.local exists but has no AAAA record: NOERROR, no data, with the zone's SOA (RFC 2308)",
    ]);
    const answers = dnsSent(r, 'ADVM').map((m) => m.dns);
    expect(answers.map((m) => m.rcode)).toEqual([0, 0]);
    // The zone's name is the whole question: the SOA points at offset 12.
    expect(answers[0]!.authorities![0]).toMatchObject({ name: 'azurestack.local', namePointer: 12 });
    expect(r.trace.disposition).toBe('no-dns-answer');
    expect(r.trace.reason).toBe('ClientVM: azurestack.local has no A record (NOERROR, no data); the SOA says to remember this for 3600 s');
  });

  it('a name under the zone that is not in it: NXDOMAIN for both, said as such', () => {
    const r = runPoc({ to: 'nothere.azurestack.local' }).result;
    expect(said(r).filter((x) => x.startsWith('ADVM'))).toEqual(Array(2).fill("ADVM: ADVM's DNS server: nothere.azurestack.local does not exist in azurestack.local: NXDOMAIN with the zone's SOA (RFC 2308)"));
    expect(r.trace.reason).toBe('ClientVM: nothere.azurestack.local does not exist (NXDOMAIN); the SOA says to remember this for 3600 s');
  });

  it('asked again, the resolver says so; only the first A query is traced', () => {
    const r = runPoc({ whatIf: [{ action: 'fail', target: 'ADVM', at: 0.5 * S }] }).result;
    const asks = said(r).filter((x) => x.includes(' A ') || x.endsWith(' A'));
    expect(asks.map((x) => x.replace(/ \(DNS query id \d+\)$/, ''))).toEqual([
      'ClientVM: ClientVM asks 192.168.100.2 for portal.azurestack.local A',
      'ClientVM: ClientVM asks 192.168.100.2 for portal.azurestack.local A again (try 2, no answer yet)',
      'ClientVM: ClientVM asks 192.168.100.2 for portal.azurestack.local A again (try 3, no answer yet)',
      'ClientVM: ClientVM asks 192.168.100.2 for portal.azurestack.local A again (try 4, no answer yet)',
      'ClientVM: ClientVM asks 192.168.100.2 for portal.azurestack.local A again (try 5, no answer yet)',
    ]);
    const a = r.transmissions.filter((t) => t.fromNode === 'ClientVM' && t.protocol === 'dns' && / A\b/.test(t.summary) && !t.summary.includes('AAAA'));
    expect(a.map((t) => t.flowId)).toEqual(['dns', undefined, undefined, undefined, undefined]);
    expect(a[1]!.note).toBe('ClientVM asks its DNS server 192.168.100.2 for the A record of portal.azurestack.local again (try 2, no answer yet). ClientVM sends it by route 0.0.0.0/0 via 192.168.200.1 (NATVM), static.');
  });
});
