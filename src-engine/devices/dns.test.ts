// The resolver and the server by the rules they follow: A and AAAA asked, RFC 2308 negative answers with
// the zone's SOA, and a query left unanswered asked again at 1, 2, 4 and 8 s, given up at 10 s.
import { describe, expect, it } from 'vitest';
import { decodePacket } from '../packets/index';
import type { DnsLayer } from '../packets/layers';
import { runPoc } from '../run/fixtures';

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
});
