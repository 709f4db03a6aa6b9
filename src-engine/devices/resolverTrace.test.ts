// The DNS lookup's own trace, as the student follows it: the query ends at ADVM's DNS server, the answer at
// ClientVM's resolver on the port it asked from, each with its sentence, for a name that exists and one that does not.
import { describe, expect, it } from 'vitest';
import { runPoc } from '../run/fixtures';

describe("the DNS lookup's trace", () => {
  const cases = [
    {
      name: 'portal.azurestack.local',
      server: "ADVM's DNS server answers portal.azurestack.local A 192.168.133.74",
      client: 'ClientVM learns portal.azurestack.local is 192.168.133.74',
    },
    {
      name: 'nosuch.azurestack.local',
      server: "ADVM's DNS server: nosuch.azurestack.local does not exist in azurestack.local: NXDOMAIN with the zone's SOA (RFC 2308)",
      client: 'ClientVM: nosuch.azurestack.local does not exist (NXDOMAIN); the SOA says to remember this for 3600 s',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: the query ends at the server, the answer at ClientVM's resolver on its own port, each in words`, () => {
      const r = runPoc({ to: `https://${c.name}` }).result;
      const d = r.dnsTrace!;
      expect([d.disposition, d.reason]).toEqual(['delivered', c.server]);
      expect(d.hops.at(-1)!.steps.at(-1)).toEqual({ kind: 'delivered', text: c.server });
      expect(d.hops.at(-1)!.why).toBe('The query reached the DNS server on ADVM (UDP 53).');
      const query = r.transmissions.find((t) => t.fromNode === 'ClientVM' && t.summary.includes(`DNS query A ${c.name}`))!;
      const port = Number(/:(\d+) -> 192\.168\.100\.2:53/.exec(query.summary)![1]);
      expect(d.returnHops!.at(-1)!.steps.at(-1)).toEqual({ kind: 'delivered', text: c.client });
      expect(d.returnHops!.at(-1)!.why).toBe(`The DNS answer reached ClientVM's resolver on UDP ${port}.`);
    });
  }

  it('a name that does not exist ends the flow before any TCP: no-dns-answer, with the resolver\'s words', () => {
    const r = runPoc({ to: 'https://nosuch.azurestack.local' }).result;
    expect([r.trace.disposition, r.trace.reason]).toEqual(['no-dns-answer', 'ClientVM: nosuch.azurestack.local does not exist (NXDOMAIN); the SOA says to remember this for 3600 s']);
    expect(r.transmissions.some((t) => t.protocol === 'tcp' && t.fromNode === 'ClientVM')).toBe(false);
    // One answer for each question, A and AAAA, and one sentence for the lookup.
    expect(r.events.filter((e) => e.node === 'ClientVM' && e.protocol === 'dns' && e.kind === 'info').map((e) => e.summary)).toEqual([
      'ClientVM asks 192.168.100.2 for nosuch.azurestack.local A (DNS query id 35435)',
      'ClientVM asks 192.168.100.2 for nosuch.azurestack.local AAAA (DNS query id 12577)',
      'ClientVM: nosuch.azurestack.local does not exist (NXDOMAIN); the SOA says to remember this for 3600 s',
    ]);
  });
});
