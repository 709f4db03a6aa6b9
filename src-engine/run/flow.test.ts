// A run's attempts of the user's flow: how each is named in the frames and events, and what the event list
// says as each one starts (the second and third find the name in the DNS cache).
import { describe, expect, it } from 'vitest';
import { runPoc } from './fixtures';
import { attemptIds } from './flow';

const S = 1_000_000;

describe('attempts of a flow', () => {
  it('are named flow, flow-2, flow-3 (and their lookups dns, dns-2, dns-3)', () => {
    expect([0, 1, 2].map(attemptIds)).toEqual([
      { flow: 'flow', dns: 'dns' },
      { flow: 'flow-2', dns: 'dns-2' },
      { flow: 'flow-3', dns: 'dns-3' },
    ]);
  });

  it('each later attempt is announced with its number, then found in the DNS cache', () => {
    const r = runPoc({ flowAt: [1 * S, 2 * S, 3 * S] }).result;
    expect(r.attempts.map((a) => [a.id, a.attempt, a.startedAt, a.disposition])).toEqual([
      ['flow', 1, 1 * S, 'delivered'],
      ['flow-2', 2, 2 * S, 'delivered'],
      ['flow-3', 3, 3 * S, 'delivered'],
    ]);
    const said = r.events.filter((e) => e.node === 'ClientVM' && e.time >= 2 * S && e.time <= 3 * S && (e.kind === 'flow-attempt' || e.protocol === 'dns' || e.summary.includes(' starts ')));
    expect(said.map((e) => [e.time, e.summary])).toEqual([
      [2 * S, 'Attempt 2: ClientVM tries portal.azurestack.local again'],
      [2 * S, "ClientVM finds portal.azurestack.local = 192.168.133.74 in its DNS cache (no query: the answer's TTL has not run out)"],
      [2 * S, 'ClientVM starts TCP ClientVM -> portal.azurestack.local (192.168.133.74):443'],
      [3 * S, 'Attempt 3: ClientVM tries portal.azurestack.local again'],
      [3 * S, "ClientVM finds portal.azurestack.local = 192.168.133.74 in its DNS cache (no query: the answer's TTL has not run out)"],
      [3 * S, 'ClientVM starts TCP ClientVM -> portal.azurestack.local (192.168.133.74):443'],
    ]);
    expect(r.events.filter((e) => e.kind === 'flow-attempt').map((e) => e.kind === 'flow-attempt' && [e.attempt, e.flowId])).toEqual([
      [2, 'flow-2'],
      [3, 'flow-3'],
    ]);
  });
});

describe('what a flow starts', () => {
  it('TCP to a port other than 443 that accepts (BGP, 179): the connection only, no TLS', () => {
    const r = runPoc({ to: '192.168.200.2:179' }).result;
    expect([r.trace.description, r.trace.disposition, r.trace.connection?.outcome]).toEqual(['TCP ClientVM -> 192.168.200.2:179', 'delivered', 'established']);
    expect(r.trace.tls).toBeUndefined();
  });

  it('TCP to a node by name on a port where nothing listens: named with its address, and refused', () => {
    const r = runPoc({ to: 'PortalVM:80' }).result;
    expect([r.trace.description, r.trace.disposition, r.trace.connection]).toEqual([
      'TCP ClientVM -> PortalVM (192.168.100.9):80', 'no-listener', { outcome: 'refused', synTimes: [1 * S], endedAt: 1_000_855 },
    ]);
  });

  it('a DNS answer lost on its way back: the lookup says so, since the flow never started', () => {
    // ClientVM's link goes down 900 µs after its query left, while the answer is on its way.
    const r = runPoc({ flowAt: [1 * S], whatIf: [{ action: 'fail', target: 'ClientVM:eth0', at: 1 * S + 900 }] }).result;
    expect(r.trace.disposition).toBe('no-dns-answer');
    expect([r.trace.dns?.disposition, r.trace.dns?.reason]).toEqual([
      'link-down',
      "ADVM's DNS server answers portal.azurestack.local A 192.168.133.74, but the answer never came back: the link from port ClientVM.eth0 to ClientVM eth0 is down",
    ]);
  });

  it('a DNS answer on the wire when the link goes down is lost there, and the lookup says so', () => {
    // The answers leave the switch for ClientVM at 1,000,985 µs and would arrive at 1,001,005 µs; the link fails at
    // 1,001,000 µs, while they cross it. The lookup failed (no answer), so its trace must not say "delivered".
    const r = runPoc({ flowAt: [1 * S], whatIf: [{ action: 'fail', target: 'ClientVM:eth0', at: 1 * S + 1000 }] }).result;
    expect(r.trace.disposition).toBe('no-dns-answer');
    expect([r.trace.dns?.disposition, r.trace.dns?.reason]).toEqual([
      'link-down',
      "ADVM's DNS server answers portal.azurestack.local A 192.168.133.74, but the answer never came back: the link from port ClientVM.eth0 to ClientVM eth0 went down while the frame was crossing it",
    ]);
    const lost = r.events.filter((e) => e.kind === 'drop' && e.time === 1 * S + 1005);
    expect(lost.map((e) => e.summary)).toEqual([
      'ClientVM eth0: link down while a frame was crossing it, frame lost',
      'ClientVM eth0: link down while a frame was crossing it, frame lost',
    ]);
  });

  it('a DNS query on the wire to the switch when its link goes down is lost there, and the lookup says so', () => {
    // The queries leave ClientVM at 1,000,180 µs and would reach its switch port at 1,000,200 µs; the link fails at 1,000,190 µs.
    const r = runPoc({ flowAt: [1 * S], whatIf: [{ action: 'fail', target: 'ClientVM:eth0', at: 1 * S + 190 }] }).result;
    expect([r.trace.disposition, r.trace.dns?.disposition, r.trace.dns?.reason]).toEqual([
      'no-dns-answer',
      'link-down',
      "ClientVM's link eth0 to port ClientVM.eth0 went down while the frame was crossing it",
    ]);
    expect(r.events.filter((e) => e.kind === 'drop' && e.time === 1 * S + 200).length).toBe(2);
  });
});
