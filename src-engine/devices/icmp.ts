// ICMP at a node: what an arriving message asks of it (answer an echo, follow a redirect, or hand it to
// whoever waits), and the errors routers send (RFC 792/1812: time exceeded, destination unreachable,
// redirect), each quoting the offending IP header and its first 8 payload bytes. The decisions are
// data; the node's IP input acts on them.
import type { Layer } from '../packets/layers';
import { IPPROTO_ICMP } from '../packets/layers';
import { u32ToIp } from '../net/addr';
import { ETH_HLEN, ipDst, ipHeaderLen, ipProto, ipSrc, u16, u32 } from '../net/frame';
import type { SimTime } from '../protocol';
import type { Outcome } from './ipExplain';
import type { Route } from './routes';
import type { Note } from '../view/notes';

export type IcmpErrorKind = 'time-exceeded' | 'destination-unreachable' | 'redirect';

const ICMP_ERROR_TYPES = new Set([3, 4, 5, 11, 12]);
const ICMP_NAMES: Record<number, string> = { 0: 'ICMP echo reply', 3: 'ICMP destination unreachable', 5: 'ICMP redirect', 11: 'ICMP time exceeded' };
const ECHO_REQUEST = 8;
const REDIRECT = 5;

/** What sending an ICMP error needs: who sends it, and a way to originate a packet. */
export interface IcmpSender {
  readonly node: { readonly id: string };
  originate(dst: number, protocol: number, payload: readonly Layer[], tag: number, why: Note): unknown;
}

/** The ICMP type of a delivered ICMP packet. */
export const icmpType = (bytes: Uint8Array): number => bytes[ETH_HLEN + ipHeaderLen(bytes, ETH_HLEN)]!;

export const isEchoRequest = (bytes: Uint8Array): boolean => icmpType(bytes) === ECHO_REQUEST;
export const isRedirect = (bytes: Uint8Array): boolean => icmpType(bytes) === REDIRECT;

/** The echo reply to an echo request: same identifier, sequence and data. */
export function echoReply(bytes: Uint8Array): Layer[] {
  const t = ETH_HLEN + ipHeaderLen(bytes, ETH_HLEN);
  return [
    { type: 'icmp', kind: 'echo-reply', code: 0, identifier: u16(bytes, t + 4), sequence: u16(bytes, t + 6) },
    { type: 'raw', data: bytes.slice(t + 8) },
  ];
}

/** The host route a redirect (arrived on `ifIndex`) asks for: the quoted destination via the new gateway (Windows honours them). */
export function redirectRoute(bytes: Uint8Array, ifIndex: number, now: SimTime): Route {
  const t = ETH_HLEN + ipHeaderLen(bytes, ETH_HLEN);
  return { network: ipDst(bytes, t + 8), len: 32, nextHop: u32(bytes, t + 4), ifIndex, source: 'redirect', metric: 0, learnedAt: now };
}

export const echoDelivered = (me: string, bytes: Uint8Array): Outcome => ({
  disposition: 'delivered',
  reason: `${me} receives the echo request and answers it`,
  why: `${u32ToIp(ipDst(bytes, ETH_HLEN))} is ${me}'s own address.`,
});

export const icmpDelivered = (me: string, bytes: Uint8Array, nameOf: (ip: number) => string): Outcome => {
  const type = icmpType(bytes);
  const src = ipSrc(bytes, ETH_HLEN);
  return {
    disposition: 'delivered',
    reason: `${me} receives ${ICMP_NAMES[type] ?? `ICMP type ${type}`} from ${nameOf(src)} (${u32ToIp(src)})`,
    why: `The ICMP message is addressed to ${me}.`,
  };
};

export const redirectFollowed = (me: string, route: Route): string => `${me} follows an ICMP redirect: ${u32ToIp(route.network)}/32 via ${u32ToIp(route.nextHop)}`;

export const redirectSent = (me: string, gateway: number, offending: Uint8Array): string => `${me} sends an ICMP redirect: use ${u32ToIp(gateway)} for ${u32ToIp(ipDst(offending, ETH_HLEN))}`;

/** The error message about `offending`, or undefined where none may be sent (about an ICMP error, or to no one). */
export function icmpErrorPacket(offending: Uint8Array, kind: IcmpErrorKind, code: number, gateway?: number, nextHopMtu?: number): { dst: number; layers: Layer[] } | undefined {
  const o = ETH_HLEN;
  const ihl = ipHeaderLen(offending, o);
  if (ipProto(offending, o) === IPPROTO_ICMP && ICMP_ERROR_TYPES.has(offending[o + ihl]!)) return undefined;
  const dst = ipSrc(offending, o);
  if (dst === 0 || dst === 0xffffffff) return undefined;
  const quoted = offending.slice(o, Math.min(offending.length, o + ihl + 8));
  const header: Layer =
    kind === 'redirect' ? { type: 'icmp', kind, code, gateway: u32ToIp(gateway ?? 0) } : nextHopMtu !== undefined && kind === 'destination-unreachable' ? { type: 'icmp', kind, code, nextHopMtu } : { type: 'icmp', kind, code };
  return { dst, layers: [header, { type: 'raw', data: quoted }] };
}

/** Sends the ICMP error about `offending` to its source (tagged `tag`, the answer's tag, or 0). */
export function icmpError(sender: IcmpSender, offending: Uint8Array, kind: IcmpErrorKind, code: number, tag: number, gateway?: number, nextHopMtu?: number): void {
  const packet = icmpErrorPacket(offending, kind, code, gateway, nextHopMtu);
  if (!packet) return;
  const o = ETH_HLEN;
  const what = kind === 'time-exceeded' ? 'ICMP time exceeded' : kind === 'redirect' ? 'ICMP redirect' : nextHopMtu !== undefined ? `ICMP destination unreachable (code ${code}, fragmentation needed; next-hop MTU ${nextHopMtu})` : `ICMP destination unreachable (code ${code})`;
  sender.originate(packet.dst, IPPROTO_ICMP, packet.layers, tag, `${sender.node.id} reports ${what} about ${u32ToIp(ipSrc(offending, o))} -> ${u32ToIp(ipDst(offending, o))} to its source.`);
}
