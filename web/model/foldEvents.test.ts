import { describe, expect, it } from 'vitest';
import { ethernet, ipv4, SYN, tcp } from '../../src-engine/net/build';
import { encodePacket } from '../../src-engine/net/codec';
import { IPPROTO_TCP } from '../../src-engine/packets/layers';
import type { SimEvent } from '../../src-engine/protocol';
import { runPoc } from '../../src-engine/run/fixtures';
import { foldEvents, ttlRange } from './foldEvents';
import { nodeId } from '../../src-engine/view/ids';

let id = 0;
const ev = (node: string, summary: string, kind: 'transmission' | 'drop' = 'transmission'): SimEvent => {
  const common = { id: id++, time: id * 10, node: nodeId(node), protocol: 'tcp' as const, summary };
  return kind === 'drop' ? { ...common, kind, reason: 'ttl-exceeded' } : { ...common, kind, transmissionId: common.id };
};

describe('foldEvents', () => {
  it('folds a routing loop into one row, counting the rounds, whatever the TTL', () => {
    const before = ev('ClientVM', 'SYN TTL 128');
    const loop = [126, 125, 124, 123].flatMap((t) => [ev('NATVM', `SYN TTL ${t}`), ev('BGPVM', `SYN TTL ${t - 1}`)]);
    const after = ev('BGPVM', 'ICMP time exceeded', 'drop');
    const rows = foldEvents([before, ...loop, after]);
    expect(rows.map((r) => r.kind)).toEqual(['event', 'repeat', 'event']);
    const rep = rows[1]!;
    expect(rep.kind === 'repeat' && { period: rep.period, times: rep.times, n: rep.events.length }).toEqual({ period: 2, times: 4, n: 8 });
  });

  it("reads a repetition's TTL range from its frames' IPv4 headers, not from the sentences", () => {
    const frames = new Map<number, { bytes: Uint8Array }>();
    const sent = (node: string, ttl: number, summary: string) => {
      const e = ev(node, summary);
      frames.set(e.id, { bytes: encodePacket([ethernet('00:15:5d:00:00:01', '00:15:5d:00:00:02'), ipv4('192.168.200.10', '192.168.133.50', IPPROTO_TCP, 7, ttl, true), tcp(50000, 443, 1, 0, SYN)]) });
      return e;
    };
    // The sentences name other numbers: only the headers count.
    const loop = [126, 125, 124].flatMap((t) => [sent('NATVM', t, 'SYN TTL 1'), sent('BGPVM', t - 1, 'SYN (no TTL here)')]);
    expect(ttlRange(loop, (txId) => frames.get(txId))).toBe('TTL 126 → 123');
    expect(ttlRange([ev('A', 'ARP TTL 9'), ev('A', 'ARP TTL 8')], (txId) => frames.get(txId))).toBeUndefined();
  });

  it('folds the routing loop of a real run, with the TTL its frames carried', () => {
    const r = runPoc({ to: '192.168.133.50' }).result;
    const tx = new Map(r.transmissions.map((t) => [t.id, t]));
    const rep = foldEvents(r.events).find((row) => row.kind === 'repeat');
    expect(rep && ttlRange(rep.events, (txId) => tx.get(txId))).toBe('TTL 127 → 2');
  });

  it('leaves fewer than three rounds alone', () => {
    const rows = foldEvents([ev('A', 'x TTL 3'), ev('A', 'x TTL 2'), ev('B', 'y')]);
    expect(rows.map((r) => r.kind)).toEqual(['event', 'event', 'event']);
  });

  it('gathers consecutive background events into one row, keeping the rest in order', () => {
    const a = ev('MuxVM', 'ARP who has', 'transmission');
    const b = ev('BGPVM', 'ARP reply', 'transmission');
    const c = ev('MuxVM', 'BGP OPEN');
    const d = ev('NCVM', 'ARP who has');
    const rows = foldEvents([a, b, c, d], (e) => e.summary.startsWith('ARP'));
    expect(rows.map((r) => (r.kind === 'event' ? r.event.id : r.kind === 'background' ? r.events.map((e) => e.id) : r.kind))).toEqual([[a.id, b.id], c.id, [d.id]]);
  });

  it('does not change its input', () => {
    const list = [ev('A', 'x'), ev('A', 'x'), ev('A', 'x')];
    const copy = structuredClone(list);
    foldEvents(list);
    expect(list).toEqual(copy);
  });

});
