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
  // The prefix lengths present, longest first, each with its mask and its routes by network. (Parallel
  // arrays as long as the lengths in use, two or three for most nodes: a world has thousands of tables.)
  private lengths: number[] = [];
  private masks: number[] = [];
  private maps: Map<number, Route[]>[] = [];
  /** Called on every install and removal, for the table history. */
  onChange: ((route: Route, installed: boolean) => void) | undefined;

  add(route: Route): void {
    let at = 0;
    while (at < this.lengths.length && this.lengths[at]! > route.len) at++;
    if (this.lengths[at] !== route.len) {
      this.lengths.splice(at, 0, route.len);
      this.masks.splice(at, 0, maskOf(route.len));
      this.maps.splice(at, 0, new Map());
    }
    const map = this.maps[at]!;
    // A new list each time (candidates() hands lists out), kept sorted by preference; a new route goes
    // after those it ties with, as a stable sort would put it.
    const list = map.get(route.network);
    if (list === undefined) map.set(route.network, [route]);
    else {
      const rank = (r: Route) => DISTANCE[r.source] * 0x100000000 + r.metric;
      let i = list.length;
      while (i > 0 && rank(list[i - 1]!) > rank(route)) i--;
      map.set(route.network, [...list.slice(0, i), route, ...list.slice(i)]);
    }
    this.onChange?.(route, true);
  }

  /** Removes every route for which `match` is true; returns them. */
  remove(match: (r: Route) => boolean): Route[] {
    const removed: Route[] = [];
    for (const map of this.maps) {
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
    const masks = this.masks;
    for (let i = 0; i < masks.length; i++) {
      const list = this.maps[i]!.get((dst & masks[i]!) >>> 0);
      if (list !== undefined && list.length > 0) {
        const best = list[0]!;
        let n = 1;
        while (n < list.length && DISTANCE[list[n]!.source] === DISTANCE[best.source] && list[n]!.metric === best.metric) n++;
        return n === list.length ? list : list.slice(0, n);
      }
    }
    return NONE;
  }

  /** Longest-prefix match; among equal-cost routes the flow hash picks one. */
  lookup(dst: number, hash = 0): Route | undefined {
    const c = this.candidates(dst);
    return c.length <= 1 ? c[0] : c[hash % c.length];
  }

  all(): Route[] {
    const out: Route[] = [];
    for (const map of this.maps) for (const list of map.values()) out.push(...list);
    return out;
  }
}

const NONE: readonly Route[] = [];
