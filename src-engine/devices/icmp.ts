// ICMP errors as routers send them (RFC 792/1812): time exceeded, destination unreachable,
// redirect; each quotes the offending IP header and its first 8 payload bytes.
import { IPPROTO_ICMP } from '../packets/layers';
import { u32ToIp } from '../net/addr';
import { ETH_HLEN, ipDst, ipHeaderLen, ipProto, ipSrc } from '../net/frame';
import type { IpStack } from './ipstack';

export type IcmpErrorKind = 'time-exceeded' | 'destination-unreachable' | 'redirect';

const ICMP_ERROR_TYPES = new Set([3, 4, 5, 11, 12]);

export function icmpError(stack: IpStack, offending: Uint8Array, kind: IcmpErrorKind, code: number, tag: number, gateway?: number): void {
  const o = ETH_HLEN;
  const ihl = ipHeaderLen(offending, o);
  if (ipProto(offending, o) === IPPROTO_ICMP && ICMP_ERROR_TYPES.has(offending[o + ihl]!)) return;
  const dst = ipSrc(offending, o);
  if (dst === 0 || dst === 0xffffffff) return;
  const quoted = offending.slice(o, Math.min(offending.length, o + ihl + 8));
  const header = kind === 'redirect' ? { type: 'icmp' as const, kind, code, gateway: u32ToIp(gateway ?? 0) } : { type: 'icmp' as const, kind, code };
  const what = kind === 'time-exceeded' ? 'ICMP time exceeded' : kind === 'redirect' ? 'ICMP redirect' : `ICMP destination unreachable (code ${code})`;
  stack.originate(dst, IPPROTO_ICMP, [header, { type: 'raw', data: quoted }], tag, `${stack.node.id} reports ${what} about ${u32ToIp(ipSrc(offending, o))} -> ${u32ToIp(ipDst(offending, o))} to its source.`);
}
