// What Windows ping prints for each way a ping fails, read from what came back to the sender.
import { describe, expect, it } from 'vitest';
import type { FlowTrace } from '../protocol';
import { runPoc } from './fixtures';
import { pingSees } from './pingSees';

const S = 1_000_000;

describe('pingSees', () => {
  it('says the line ping.exe prints for each ICMP error that reached the sender, and "Request timed out." when nothing did', () => {
    expect(pingSees(runPoc({ to: '192.168.133.50' }).result.trace, 'ClientVM')).toBe('On Windows, ClientVM\'s ping prints "Reply from 192.168.200.2: TTL expired in transit."');
    expect(pingSees(runPoc({ to: '10.0.0.99' }).result.trace, 'ClientVM')).toBe('On Windows, ClientVM\'s ping prints "Reply from 192.168.200.1: Destination host unreachable."');
    expect(pingSees(runPoc({ to: '192.168.133.74' }).result.trace, 'ClientVM')).toBe('On Windows, ClientVM\'s ping prints "Request timed out."');
    // PortalVM down: BGPVM, which has no ARP entry for it, asks in vain and answers for it.
    expect(pingSees(runPoc({ to: 'PortalVM', whatIf: [{ action: 'fail', target: 'PortalVM', at: 0.5 * S }], flowAt: [5 * S] }).result.trace, 'ClientVM')).toBe(
      'On Windows, ClientVM\'s ping prints "Reply from 192.168.200.2: Destination host unreachable."',
    );
  });

  it('says nothing of a ping that was answered, or of a flow that is no ping', () => {
    expect(pingSees(runPoc({ to: 'PortalVM' }).result.trace, 'ClientVM')).toBeUndefined();
    expect(pingSees(runPoc({ to: '10.0.0.99:443' }).result.trace, 'ClientVM')).toBeUndefined();
  });

  it('speaks of a ping only: a first packet carrying an echo reply is none', () => {
    const t = runPoc({ to: '10.0.0.99' }).result.trace;
    const first = t.hops[0]!;
    const replying = { ...t, hops: [{ ...first, layers: first.layers.map((l) => (l.type === 'icmp' && l.kind === 'echo-request' ? { ...l, kind: 'echo-reply' as const } : l)) }, ...t.hops.slice(1)] };
    expect(pingSees(t, 'ClientVM')).toBe('On Windows, ClientVM\'s ping prints "Reply from 192.168.200.1: Destination host unreachable."');
    expect(pingSees(replying, 'ClientVM')).toBeUndefined();
  });

  it('reads the error from the return path only when it ended at the sender', () => {
    const t = runPoc({ to: '10.0.0.99' }).result.trace;
    const cut: Pick<FlowTrace, 'hops' | 'returnHops' | 'disposition'> = { ...t, returnHops: t.returnHops.slice(0, -1) };
    expect(pingSees(cut, 'ClientVM')).toBe('On Windows, ClientVM\'s ping prints "Request timed out."');
    // An ICMP error with no IPv4 header to say who sent it names no one: nothing to print but the timeout.
    const last = t.returnHops.at(-1)!;
    const headless = { ...t, returnHops: [...t.returnHops.slice(0, -1), { ...last, layers: last.layers.filter((l) => l.type !== 'ipv4') }] };
    expect(pingSees(headless, 'ClientVM')).toBe('On Windows, ClientVM\'s ping prints "Request timed out."');
    // Each ICMP error ping.exe names: net, host, port unreachable, fragmentation needed, TTL expired.
    const back = t.returnHops.at(-1)!;
    const withIcmp = (kind: 'destination-unreachable' | 'time-exceeded', code: number) => ({
      ...t,
      returnHops: [...t.returnHops.slice(0, -1), { ...back, layers: back.layers.map((l) => (l.type === 'icmp' ? { ...l, kind, code } : l)) }],
    });
    const line = (kind: 'destination-unreachable' | 'time-exceeded', code: number) => pingSees(withIcmp(kind, code), 'X')!.replace('On Windows, X\'s ping prints ', '');
    expect([line('destination-unreachable', 0), line('destination-unreachable', 3), line('destination-unreachable', 4), line('time-exceeded', 0), line('destination-unreachable', 13)]).toEqual([
      '"Reply from 192.168.200.1: Destination net unreachable."',
      '"Reply from 192.168.200.1: Destination port unreachable."',
      '"Reply from 192.168.200.1: Packet needs to be fragmented but DF set."',
      '"Reply from 192.168.200.1: TTL expired in transit."',
      '"Request timed out."',
    ]);
  });
});
