import { describe, expect, it } from 'vitest';
import { ipToU32 } from '../net/addr';
import { RouteTable } from './routes';

const ip = ipToU32;

describe('RouteTable', () => {
  const t = new RouteTable();
  t.add({ network: 0, len: 0, nextHop: ip('192.168.200.1'), ifIndex: 1, source: 'static', metric: 0 });
  t.add({ network: ip('192.168.100.0'), len: 24, nextHop: 0, ifIndex: 0, source: 'connected', metric: 0 });
  t.add({ network: ip('192.168.133.74'), len: 32, nextHop: ip('192.168.100.6'), ifIndex: 0, source: 'bgp', metric: 0, peer: 'a' });
  t.add({ network: ip('192.168.133.74'), len: 32, nextHop: ip('192.168.100.8'), ifIndex: 0, source: 'bgp', metric: 0, peer: 'b' });

  it('matches the longest prefix', () => {
    expect(t.lookup(ip('192.168.100.9'))?.len).toBe(24);
    expect(t.lookup(ip('8.8.8.8'))?.len).toBe(0);
    expect(t.lookup(ip('192.168.133.75'))?.len).toBe(0);
  });

  it('keeps equal-cost routes together and picks one by hash', () => {
    expect(t.candidates(ip('192.168.133.74')).map((r) => r.peer)).toEqual(['a', 'b']);
    expect(t.lookup(ip('192.168.133.74'), 0)?.peer).toBe('a');
    expect(t.lookup(ip('192.168.133.74'), 1)?.peer).toBe('b');
  });

  it('removes by predicate and falls back to shorter prefixes', () => {
    const removed: string[] = [];
    t.onChange = (r, installed) => removed.push(`${r.peer ?? r.source} ${installed}`);
    t.remove((r) => r.source === 'bgp');
    expect(removed).toEqual(['a false', 'b false']);
    expect(t.lookup(ip('192.168.133.74'))?.len).toBe(0);
  });

  it('prefers a static route to a BGP route of the same prefix', () => {
    const u = new RouteTable();
    u.add({ network: ip('10.0.0.0'), len: 8, nextHop: 1, ifIndex: 0, source: 'bgp', metric: 0 });
    u.add({ network: ip('10.0.0.0'), len: 8, nextHop: 2, ifIndex: 0, source: 'static', metric: 0 });
    expect(u.lookup(ip('10.1.1.1'))?.nextHop).toBe(2);
  });
});
