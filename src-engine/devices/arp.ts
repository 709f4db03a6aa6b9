// ARP (RFC 826) for one IP stack: a cache, real requests broadcast on the wire, replies, retries,
// and packets queued while their next hop is being resolved. Entries age as Windows ages them (its
// neighbour cache follows RFC 4861 for IPv4 too): an entry stays Reachable for the interface's
// ReachableTime, BaseReachableTime 30 s times a random factor in [0.5, 1.5], and once that has passed
// without the neighbour confirming it, it is Stale and the next packet to it sends an ARP request.
import { ETHERTYPE_ARP } from '../packets/layers';
import { BROADCAST_MAC, numToMac, u32ToIp } from '../net/addr';
import { encodePacket } from '../net/codec';
import { ethernet, ZERO_MAC } from '../net/build';
import { ETH_HLEN, mac48, u16, u32 } from '../net/frame';
import { Timing } from '../sim/timing';
import type { Provenance } from '../topology/schema';
import type { Rng } from '../sim/rng';
import type { Ctx } from './context';
import type { Iface } from './iface';
import type { Note } from '../view/notes';

/** Windows' BaseReachableTime and the random factor's range (RFC 4861 MIN/MAX_RANDOM_FACTOR). */
export const BASE_REACHABLE_TIME = 30_000_000;
export const REACHABLE_FACTOR = [0.5, 1.5] as const;
export const ARP_AGEING_PROV: Provenance = {
  mark: 'documented',
  source: 'Microsoft KB 949589, "ARP caching behavior": Reachable for BaseReachableTime 30 s x [0.5, 1.5] (15-45 s), then Stale, and a Stale entry is resolved again with an ARP request; only ARP from the neighbour confirms an entry here (no upper-layer hints): inferred',
};

export type ArpOutcome = 'cached' | 'resolved' | 'failed';

/** What ARP needs from its node: whether it is up, its interfaces, the clock and recorder, and a way to send. */
export interface ArpHost {
  readonly node: { readonly id: string; readonly up: boolean };
  readonly ctx: Pick<Ctx, 'sched' | 'rec'>;
  readonly ifaces: readonly Pick<Iface, 'id' | 'ipText' | 'macText'>[];
  /** Each interface's address, by index. */
  readonly ifaceIps: readonly number[];
  transmit(ifIndex: number, frame: Uint8Array, tag: number, why: Note, delay: number): void;
}
type Waiter = (mac: number | undefined, outcome: ArpOutcome) => void;

interface Pending {
  readonly ifIndex: number;
  readonly waiters: Waiter[];
  tries: number;
}

// Shared, always empty: a stack gets maps of its own when it first caches or asks something (a world has
// thousands of stacks, many of which never do). Nothing is ever added to these two.
const NO_CACHE: ReadonlyMap<number, number> = new Map();
const NO_PENDING: ReadonlyMap<number, Pending> = new Map();
const NO_UNTIL: ReadonlyMap<number, number> = new Map();

export class Arp {
  private cache = NO_CACHE as Map<number, number>;
  private pending = NO_PENDING as Map<number, Pending>;
  /** When each cached entry stops being Reachable (simulated µs). */
  private until = NO_UNTIL as Map<number, number>;
  /** This interface's ReachableTime, drawn once from the node's stream (µs). */
  readonly reachableTime: number;
  // What a broadcast's receivers look at first, kept on this object: for nearly all of them the request
  // is not theirs and its sender is not in their cache, which these tell without touching the maps.
  /** The address of interface 0, set by the stack. */
  ip0 = -1;
  /** One bit (of 32, by a hash of the address) set for every address ever cached: a clear bit means absent. */
  private cachedBits = 0;
  /** Requests waiting for a reply. */
  private pendingCount = 0;
  /** A recorded run's "why" of this node's replies, per interface: one sentence, made on the first reply. */
  private replyWhy: string[] | undefined;

  constructor(
    private readonly host: ArpHost,
    /** The node's own random stream, for its ReachableTime. */
    rng: Rng,
  ) {
    const [min, max] = REACHABLE_FACTOR;
    this.reachableTime = Math.round(BASE_REACHABLE_TIME * (min + (max - min) * rng.unit()));
  }

  /** Whether `ip` is cached or being resolved: an entry a request or reply from it refreshes. */
  private knows(ip: number): boolean {
    return ((this.cachedBits & addressBit(ip)) !== 0 && this.cache.has(ip)) || (this.pendingCount > 0 && this.pending.has(ip));
  }

  /** The MAC of a Reachable entry; a Stale one is dropped here, so the caller resolves it again. */
  lookup(ip: number): number | undefined {
    const mac = this.cache.get(ip);
    if (mac === undefined) return undefined;
    if (this.until.get(ip)! > this.host.ctx.sched.now) return mac;
    this.stale(ip, mac);
    return undefined;
  }

  private stale(ip: number, mac: number): void {
    const s = this.host;
    this.cache.delete(ip);
    this.until.delete(ip);
    const { rec } = s.ctx;
    if (!rec.full) return;
    const seconds = (this.reachableTime / 1_000_000).toFixed(1);
    rec.event('info', s.node.id, `${s.node.id}'s ARP entry for ${u32ToIp(ip)} (${numToMac(mac)}) is stale: its reachable time of ${seconds} s has passed, so ${s.node.id} asks again (Windows, KB 949589)`, 'arp');
    rec.table(s.node.id, 'arp', String(ip), undefined);
  }

  /** Calls back at once when cached, else after a reply (or after the last retry, with undefined). */
  resolve(ifIndex: number, ip: number, done: Waiter): void {
    const mac = this.lookup(ip);
    if (mac !== undefined) {
      done(mac, 'cached');
      return;
    }
    const p = this.pending.get(ip);
    if (p) {
      p.waiters.push(done);
      return;
    }
    const pending: Pending = { ifIndex, waiters: [done], tries: 0 };
    if (this.pending === NO_PENDING) this.pending = new Map();
    this.pending.set(ip, pending);
    this.pendingCount++;
    this.request(ip, pending);
  }

  private request(ip: number, p: Pending): void {
    const s = this.host;
    const iface = s.ifaces[p.ifIndex]!;
    const { rec } = s.ctx;
    p.tries++;
    if (rec.full) rec.event('info', s.node.id, `${s.node.id} ARP request: who has ${u32ToIp(ip)}? (try ${p.tries})`, 'arp');
    const bytes = encodePacket([
      ethernet(iface.macText, numToMac(BROADCAST_MAC), ETHERTYPE_ARP),
      { type: 'arp', hardwareType: 1, protocolType: 0x0800, opcode: 1, senderMac: iface.macText, senderIp: iface.ipText, targetMac: ZERO_MAC, targetIp: u32ToIp(ip) },
    ]);
    s.transmit(p.ifIndex, bytes, 0, rec.full ? `${s.node.id} asks who has ${u32ToIp(ip)} (ARP request, broadcast).` : '', Timing.host);
    s.ctx.sched.call(s.ctx.sched.now + Timing.arpRetry, Arp.retry, this, ip, p);
  }

  /** No reply yet: ask again, or give up and tell the waiters. */
  private static retry(arp: Arp, ip: number, p: Pending): void {
    // A node that is down does nothing; one that restarted has cleared its pending requests.
    const s = arp.host;
    if (!s.node.up || arp.pending.get(ip) !== p) return;
    if (p.tries < Timing.arpTries) {
      arp.request(ip, p);
      return;
    }
    arp.pending.delete(ip);
    arp.pendingCount--;
    s.ctx.rec.eventWith('drop', s.node.id, `${s.node.id}: ARP for ${u32ToIp(ip)} failed after ${p.tries} tries`, { reason: 'neighbor-unreachable' }, 'arp');
    for (const w of p.waiters) w(undefined, 'failed');
  }

  /** An ARP frame arrived on `ifIndex`. */
  input(ifIndex: number, bytes: Uint8Array): void {
    const a = ETH_HLEN;
    const targetIp = u32(bytes, a + 24);
    const forMe = targetIp === (ifIndex === 0 ? this.ip0 : this.host.ifaceIps[ifIndex]);
    const senderIp = u32(bytes, a + 14);
    // RFC 826: a request for someone else only refreshes an entry we already have (or are waiting for).
    if (!forMe && !this.knows(senderIp)) return;
    const s = this.host;
    const iface = s.ifaces[ifIndex]!;
    const op = u16(bytes, a + 6);
    const senderMac = mac48(bytes, a + 8);
    this.learn(ifIndex, senderIp, senderMac);
    if (op === 1 && forMe) {
      const reply = encodePacket([
        ethernet(iface.macText, numToMac(senderMac), ETHERTYPE_ARP),
        { type: 'arp', hardwareType: 1, protocolType: 0x0800, opcode: 2, senderMac: iface.macText, senderIp: iface.ipText, targetMac: numToMac(senderMac), targetIp: u32ToIp(senderIp) },
      ]);
      s.transmit(ifIndex, reply, 0, s.ctx.rec.full ? ((this.replyWhy ??= [])[ifIndex] ??= `${s.node.id} answers: ${iface.ipText} is at ${iface.macText} (ARP reply).`) : '', Timing.host);
    }
  }

  private learn(ifIndex: number, ip: number, mac: number): void {
    const s = this.host;
    const known = this.cache.get(ip);
    const now = s.ctx.sched.now;
    if (this.until === NO_UNTIL) this.until = new Map();
    // Learned or confirmed by the neighbour's own ARP: Reachable for another ReachableTime.
    this.until.set(ip, now + this.reachableTime);
    if (known !== mac) {
      if (this.cache === NO_CACHE) this.cache = new Map();
      this.cache.set(ip, mac);
      this.cachedBits |= addressBit(ip);
    }
    const { rec } = s.ctx;
    if (rec.full) {
      rec.table(s.node.id, 'arp', String(ip), {
        cells: { address: u32ToIp(ip), mac: numToMac(mac), interface: s.ifaces[ifIndex]!.id, state: 'reachable', learned: String(now), 'reachable until': String(now + this.reachableTime) },
        prov: ARP_AGEING_PROV,
      });
      if (known === undefined) rec.eventWith('arp-learned', s.node.id, `${s.node.id} learned ${u32ToIp(ip)} is at ${numToMac(mac)}`, { address: u32ToIp(ip), mac: numToMac(mac) }, 'arp');
    }
    const p = this.pendingCount > 0 ? this.pending.get(ip) : undefined;
    if (p) {
      this.pending.delete(ip);
      this.pendingCount--;
      for (const w of p.waiters) w(mac, 'resolved');
    }
  }

  clear(): void {
    for (const ip of this.cache.keys()) this.host.ctx.rec.table(this.host.node.id, 'arp', String(ip), undefined);
    this.cache = NO_CACHE as Map<number, number>;
    this.until = NO_UNTIL as Map<number, number>;
    this.pending = NO_PENDING as Map<number, Pending>;
    this.cachedBits = 0;
    this.pendingCount = 0;
  }
}

/** The bit of Arp.cachedBits that stands for `ip`. */
function addressBit(ip: number): number {
  return 1 << (Math.imul(ip, 0x9e3779b1) >>> 27);
}
