import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../src-engine/protocol';
import { eventSignature, foldEvents, ttlRange } from './foldEvents';

let id = 0;
const ev = (node: string, summary: string, kind: 'transmission' | 'drop' = 'transmission'): SimEvent => {
  const common = { id: id++, time: id * 10, node, protocol: 'tcp' as const, summary };
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
    expect(ttlRange(loop)).toBe('TTL 126 → 122');
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

  it('tells repetitions apart by everything but the TTL', () => {
    expect(eventSignature(ev('A', 'SYN TTL 5'))).toBe(eventSignature({ ...ev('A', 'SYN TTL 9'), id: 0 }));
    expect(eventSignature(ev('A', 'SYN TTL 5'))).not.toBe(eventSignature(ev('B', 'SYN TTL 5')));
  });
});
