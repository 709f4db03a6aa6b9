// A routing table in numeric form, for longest-prefix match per packet without parsing text:
// one Map per prefix length, the lengths present tried from the longest. Equal-cost routes of the
// same prefix and preference are kept together and chosen per flow by hash (ECMP).
import { cidrText, maskOf, u32ToIp } from '../net/addr';
import type { Provenance } from '../topology/schema';
import type { SimTime } from '../protocol';

export type RouteSource = 'connected' | 'static' | 'bgp' | 'redirect';

/** Administrative distance: lower wins among routes of one prefix (Windows/RRAS-like order). */
const DISTANCE: Record<RouteSource, number> = { connected: 0, redirect: 1, static: 1, bgp: 20 };

export interface Route {
  readonly network: number;
  readonly len: number;
  /** Next-hop address; 0 for an on-link (connected) route. */
  readonly nextHop: number;
  readonly ifIndex: number;
  readonly source: RouteSource;
  readonly metric: number;
  /** For BGP routes: the peer it came from and its AS path. */
  readonly peer?: string;
  readonly asPath?: readonly number[];
  readonly learnedAt?: SimTime;
  readonly prov?: Provenance;
}

export function routeKey(r: Route): string {
  return `${cidrText(r.network, r.len)} via ${r.nextHop === 0 ? 'on-link' : u32ToIp(r.nextHop)} ${r.source}`;
}

export class RouteTable {
  private readonly byLen: (Map<number, Route[]> | undefined)[] = new Array(33);
  private lengths: number[] = [];
  /** Called on every install and removal, for the table history. */
  onChange: ((route: Route, installed: boolean) => void) | undefined;

  add(route: Route): void {
    let map = this.byLen[route.len];
    if (!map) {
      map = new Map();
      this.byLen[route.len] = map;
      this.lengths = [...this.lengths, route.len].sort((a, b) => b - a);
    }
    const list = map.get(route.network) ?? [];
    const next = [...list, route].sort((a, b) => DISTANCE[a.source] - DISTANCE[b.source] || a.metric - b.metric);
    map.set(route.network, next);
    this.onChange?.(route, true);
  }

  /** Removes every route for which `match` is true; returns them. */
  remove(match: (r: Route) => boolean): Route[] {
    const removed: Route[] = [];
    for (const len of this.lengths) {
      const map = this.byLen[len]!;
      for (const [network, list] of map) {
        const keep = list.filter((r) => !match(r));
        if (keep.length === list.length) continue;
        for (const r of list) if (match(r)) removed.push(r);
        if (keep.length > 0) map.set(network, keep);
        else map.delete(network);
      }
    }
    for (const r of removed) this.onChange?.(r, false);
    return removed;
  }

  /** The equal best routes of the longest matching prefix (empty when none matches). */
  candidates(dst: number): readonly Route[] {
    const lengths = this.lengths;
    for (let i = 0; i < lengths.length; i++) {
      const len = lengths[i]!;
      const list = this.byLen[len]!.get((dst & maskOf(len)) >>> 0);
      if (list !== undefined && list.length > 0) {
        const best = list[0]!;
        let n = 1;
        while (n < list.length && DISTANCE[list[n]!.source] === DISTANCE[best.source] && list[n]!.metric === best.metric) n++;
        return n === list.length ? list : list.slice(0, n);
      }
    }
    return [];
  }

  /** Longest-prefix match; among equal-cost routes the flow hash picks one. */
  lookup(dst: number, hash = 0): Route | undefined {
    const c = this.candidates(dst);
    return c.length <= 1 ? c[0] : c[hash % c.length];
  }

  all(): Route[] {
    const out: Route[] = [];
    for (const len of this.lengths) for (const list of this.byLen[len]!.values()) out.push(...list);
    return out;
  }
}
