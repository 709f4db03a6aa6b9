import { describe, expect, it } from 'vitest';
import { ipToU32, u32ToIp } from '../net/addr';
import { type Route, RouteTable, routeKey } from './routes';

const ip = ipToU32;

describe('RouteTable', () => {
  // Each test builds its own table, so each test's coverage is its own (none is reached while the file loads).
  const table = () => {
    const t = new RouteTable();
    t.add({ network: 0, len: 0, nextHop: ip('192.168.200.1'), ifIndex: 1, source: 'static', metric: 0 });
    t.add({ network: ip('192.168.100.0'), len: 24, nextHop: 0, ifIndex: 0, source: 'connected', metric: 0 });
    t.add({ network: ip('192.168.133.74'), len: 32, nextHop: ip('192.168.100.6'), ifIndex: 0, source: 'bgp', metric: 0, peer: 'a' });
    t.add({ network: ip('192.168.133.74'), len: 32, nextHop: ip('192.168.100.8'), ifIndex: 0, source: 'bgp', metric: 0, peer: 'b' });
    return t;
  };

  it('matches the longest prefix', () => {
    const t = table();
    expect(t.lookup(ip('192.168.100.9'))?.len).toBe(24);
    expect(t.lookup(ip('8.8.8.8'))?.len).toBe(0);
    expect(t.lookup(ip('192.168.133.75'))?.len).toBe(0);
  });

  it('keeps equal-cost routes together and picks one by hash', () => {
    const t = table();
    expect(t.candidates(ip('192.168.133.74')).map((r) => r.peer)).toEqual(['a', 'b']);
    expect(t.lookup(ip('192.168.133.74'), 0)?.peer).toBe('a');
    expect(t.lookup(ip('192.168.133.74'), 1)?.peer).toBe('b');
  });

  it('removes by predicate and falls back to shorter prefixes', () => {
    const t = table();
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

describe('RouteTable, route by route', () => {
  const r = (cidr: string, nextHop: string, source: Route['source'], metric = 0, ifIndex = 0): Route => {
    const [net, len] = cidr.split('/');
    return { network: ip(net!), len: Number(len), nextHop: nextHop === 'on-link' ? 0 : ip(nextHop), ifIndex, source, metric };
  };

  it('names a route as its table row key: prefix, next hop or on-link, source', () => {
    expect(routeKey(r('192.168.133.74/32', '192.168.100.6', 'bgp'))).toBe('192.168.133.74/32 via 192.168.100.6 bgp');
    expect(routeKey(r('192.168.100.0/24', 'on-link', 'connected'))).toBe('192.168.100.0/24 via on-link connected');
    expect(routeKey(r('0.0.0.0/0', '192.168.200.1', 'static'))).toBe('0.0.0.0/0 via 192.168.200.1 static');
  });

  it('finds the longest matching prefix whatever order the prefix lengths were added in', () => {
    const t = new RouteTable();
    t.add(r('10.0.0.0/8', '1.0.0.8', 'static'));
    t.add(r('10.1.1.0/24', '1.0.0.24', 'static'));
    t.add(r('0.0.0.0/0', '1.0.0.0', 'static'));
    t.add(r('10.1.0.0/16', '1.0.0.16', 'static'));
    t.add(r('10.1.1.7/32', '1.0.0.32', 'static'));
    const via = (dst: string) => u32ToIp(t.lookup(ip(dst))!.nextHop);
    expect(via('10.1.1.7')).toBe('1.0.0.32');
    expect(via('10.1.1.8')).toBe('1.0.0.24');
    expect(via('10.1.2.1')).toBe('1.0.0.16');
    expect(via('10.2.0.1')).toBe('1.0.0.8');
    expect(via('11.0.0.1')).toBe('1.0.0.0');
    // Every route, longest prefixes first.
    expect(t.all().map((x) => x.len)).toEqual([32, 24, 16, 8, 0]);
  });

  it('matches nothing without a covering route: no candidates, no route', () => {
    const t = new RouteTable();
    t.add(r('10.0.0.0/8', '1.0.0.8', 'static'));
    expect(t.candidates(ip('11.0.0.1'))).toEqual([]);
    expect(t.lookup(ip('11.0.0.1'), 3)).toBeUndefined();
    expect(new RouteTable().lookup(ip('10.0.0.1'))).toBeUndefined();
  });

  it('ranks routes of one prefix by distance (connected, static, BGP), then metric; equal ones keep their order', () => {
    const t = new RouteTable();
    t.add(r('10.0.0.0/8', '1.0.0.1', 'bgp'));
    t.add(r('10.0.0.0/8', '1.0.0.2', 'static', 5));
    t.add(r('10.0.0.0/8', '1.0.0.3', 'static', 2));
    t.add(r('10.0.0.0/8', '1.0.0.4', 'static', 5));
    const order = () => t.all().map((x) => u32ToIp(x.nextHop));
    expect(order()).toEqual(['1.0.0.3', '1.0.0.2', '1.0.0.4', '1.0.0.1']);
    expect(t.candidates(ip('10.9.9.9')).map((x) => u32ToIp(x.nextHop))).toEqual(['1.0.0.3']);
    t.add(r('10.0.0.0/8', 'on-link', 'connected', 9));
    expect(order()).toEqual(['0.0.0.0', '1.0.0.3', '1.0.0.2', '1.0.0.4', '1.0.0.1']);
    expect(t.lookup(ip('10.9.9.9'))!.source).toBe('connected');
  });

  it('never offers routes of different distances as equal, even with equal metrics: the static one alone, whatever the hash', () => {
    const t = new RouteTable();
    t.add(r('10.0.0.0/8', '1.0.0.1', 'bgp'));
    t.add(r('10.0.0.0/8', '1.0.0.2', 'static'));
    expect(t.candidates(ip('10.0.0.1')).map((x) => u32ToIp(x.nextHop))).toEqual(['1.0.0.2']);
    expect([0, 1, 2, 3].map((h) => u32ToIp(t.lookup(ip('10.0.0.1'), h)!.nextHop))).toEqual(['1.0.0.2', '1.0.0.2', '1.0.0.2', '1.0.0.2']);
  });

  it('offers only the equal best routes for a flow hash to choose from, and a lone route whatever the hash', () => {
    const t = new RouteTable();
    t.add(r('10.0.0.0/8', '1.0.0.1', 'bgp'));
    t.add(r('10.0.0.0/8', '1.0.0.2', 'bgp'));
    t.add(r('10.0.0.0/8', '1.0.0.3', 'bgp'));
    t.add(r('10.0.0.0/8', '1.0.0.9', 'bgp', 1));
    expect(t.candidates(ip('10.0.0.1')).map((x) => u32ToIp(x.nextHop))).toEqual(['1.0.0.1', '1.0.0.2', '1.0.0.3']);
    expect([0, 1, 2, 3, 4, 5].map((h) => u32ToIp(t.lookup(ip('10.0.0.1'), h)!.nextHop))).toEqual(['1.0.0.1', '1.0.0.2', '1.0.0.3', '1.0.0.1', '1.0.0.2', '1.0.0.3']);
    const lone = new RouteTable();
    lone.add(r('10.0.0.0/8', '1.0.0.7', 'static'));
    expect(u32ToIp(lone.lookup(ip('10.0.0.1'), 5)!.nextHop)).toBe('1.0.0.7');
  });

  it('removes only the routes asked for, keeps the rest of their prefix, and tells the table history of each change', () => {
    const t = new RouteTable();
    const log: string[] = [];
    t.onChange = (x, installed) => log.push(`${installed ? '+' : '-'}${routeKey(x)}`);
    t.add(r('10.0.0.0/8', '1.0.0.1', 'bgp'));
    t.add(r('10.0.0.0/8', '1.0.0.2', 'static'));
    t.add(r('20.0.0.0/8', '1.0.0.3', 'bgp'));
    const removed = t.remove((x) => x.source === 'bgp');
    expect(removed.map(routeKey)).toEqual(['10.0.0.0/8 via 1.0.0.1 bgp', '20.0.0.0/8 via 1.0.0.3 bgp']);
    expect(log).toEqual([
      '+10.0.0.0/8 via 1.0.0.1 bgp',
      '+10.0.0.0/8 via 1.0.0.2 static',
      '+20.0.0.0/8 via 1.0.0.3 bgp',
      '-10.0.0.0/8 via 1.0.0.1 bgp',
      '-20.0.0.0/8 via 1.0.0.3 bgp',
    ]);
    expect(t.all().map(routeKey)).toEqual(['10.0.0.0/8 via 1.0.0.2 static']);
    expect(t.lookup(ip('20.0.0.1'))).toBeUndefined();
    expect(t.remove(() => false)).toEqual([]);
  });
});
