// ARP (RFC 826) for one IP stack: a cache, real requests broadcast on the wire, replies, retries,
// and packets queued while their next hop is being resolved.
import { ETHERTYPE_ARP } from '../packets/layers';
import { BROADCAST_MAC, numToMac, u32ToIp } from '../net/addr';
import { encodePacket } from '../net/codec';
import { ethernet, ZERO_MAC } from '../net/build';
import { ETH_HLEN, mac48, u16, u32 } from '../net/frame';
import { Timing } from '../sim/timing';
import type { IpStack } from './ipstack';

export type ArpOutcome = 'cached' | 'resolved' | 'failed';
type Waiter = (mac: number | undefined, outcome: ArpOutcome) => void;

interface Pending {
  readonly ifIndex: number;
  readonly waiters: Waiter[];
  tries: number;
}

export class Arp {
  private readonly cache = new Map<number, number>();
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly stack: IpStack) {}

  lookup(ip: number): number | undefined {
    return this.cache.get(ip);
  }

  /** Calls back at once when cached, else after a reply (or after the last retry, with undefined). */
  resolve(ifIndex: number, ip: number, done: Waiter): void {
    const mac = this.cache.get(ip);
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
    this.pending.set(ip, pending);
    this.request(ip, pending);
  }

  private request(ip: number, p: Pending): void {
    const s = this.stack;
    const iface = s.ifaces[p.ifIndex]!;
    p.tries++;
    s.ctx.rec.event('info', s.node.id, `${s.node.id} ARP request: who has ${u32ToIp(ip)}? (try ${p.tries})`, 'arp');
    const bytes = encodePacket([
      ethernet(iface.macText, numToMac(BROADCAST_MAC), ETHERTYPE_ARP),
      { type: 'arp', hardwareType: 1, protocolType: 0x0800, opcode: 1, senderMac: iface.macText, senderIp: iface.ipText, targetMac: ZERO_MAC, targetIp: u32ToIp(ip) },
    ]);
    s.transmit(p.ifIndex, bytes, 0, `${s.node.id} asks who has ${u32ToIp(ip)} (ARP request, broadcast).`, Timing.host);
    s.node.later(Timing.arpRetry, () => {
      if (this.pending.get(ip) !== p) return;
      if (p.tries < Timing.arpTries) {
        this.request(ip, p);
        return;
      }
      this.pending.delete(ip);
      s.ctx.rec.event('drop', s.node.id, `${s.node.id}: ARP for ${u32ToIp(ip)} failed after ${p.tries} tries`, 'arp');
      for (const w of p.waiters) w(undefined, 'failed');
    });
  }

  /** An ARP frame arrived on `ifIndex`. */
  input(ifIndex: number, bytes: Uint8Array): void {
    const s = this.stack;
    const iface = s.ifaces[ifIndex]!;
    const a = ETH_HLEN;
    const targetIp = u32(bytes, a + 24);
    const senderIp = u32(bytes, a + 14);
    const forMe = targetIp === iface.ip;
    if (!forMe && !this.cache.has(senderIp) && !this.pending.has(senderIp)) return;
    const op = u16(bytes, a + 6);
    const senderMac = mac48(bytes, a + 8);
    if (forMe || this.cache.has(senderIp) || this.pending.has(senderIp)) this.learn(ifIndex, senderIp, senderMac);
    if (op === 1 && forMe) {
      const reply = encodePacket([
        ethernet(iface.macText, numToMac(senderMac), ETHERTYPE_ARP),
        { type: 'arp', hardwareType: 1, protocolType: 0x0800, opcode: 2, senderMac: iface.macText, senderIp: iface.ipText, targetMac: numToMac(senderMac), targetIp: u32ToIp(senderIp) },
      ]);
      s.transmit(ifIndex, reply, 0, `${s.node.id} answers: ${iface.ipText} is at ${iface.macText} (ARP reply).`, Timing.host);
    }
  }

  private learn(ifIndex: number, ip: number, mac: number): void {
    const s = this.stack;
    const known = this.cache.get(ip);
    if (known !== mac) {
      this.cache.set(ip, mac);
      s.ctx.rec.table(s.node.id, 'arp', String(ip), {
        cells: { address: u32ToIp(ip), mac: numToMac(mac), interface: s.ifaces[ifIndex]!.id, learned: String(s.ctx.sched.now) },
      });
      if (known === undefined) s.ctx.rec.event('arp-learned', s.node.id, `${s.node.id} learned ${u32ToIp(ip)} is at ${numToMac(mac)}`, 'arp');
    }
    const p = this.pending.get(ip);
    if (p) {
      this.pending.delete(ip);
      for (const w of p.waiters) w(mac, 'resolved');
    }
  }

  clear(): void {
    for (const ip of this.cache.keys()) this.stack.ctx.rec.table(this.stack.node.id, 'arp', String(ip), undefined);
    this.cache.clear();
    this.pending.clear();
  }
}

