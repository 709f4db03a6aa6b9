// The user's flow, started on the source node at the chosen time (once per attempt): a DNS lookup
// first when the destination is a name and the resolver has no cached answer, then a TCP connection
// (when a port is known) or a ping. Each attempt traces with its own tags, so its frames carry their
// own flow id: attempt i uses tags 8i+1/8i+2 for the DNS query and answer, 8i+3/8i+4 for the flow's
// first packet and its answer, 8i+5/8i+6 (label-only) for the connection's later packets, and 8i+7/8i+8
// for an HTTPS connection's ClientHello and the first segment of the server's answer.
import { IPPROTO_ICMP, PORT_HTTPS } from '../packets/layers';
import { ipToU32, u32ToIp } from '../net/addr';
import { resolveName } from '../devices/dns';
import { startHttpsClient } from '../devices/https';
import type { NodeRt } from '../devices/node';
import type { SimTime } from '../protocol';
import { SECOND } from '../sim/timing';
import type { Destination } from '../view/destination';
import type { World } from './world';

export const DNS_TAG = 1;
export const FLOW_TAG = 3;
const TAGS_PER_ATTEMPT = 8;

/** What Windows ping sends as data. */
const PING_DATA = new TextEncoder().encode('abcdefghijklmnopqrstuvwabcdefghi');

export interface AttemptTags {
  readonly dns: number;
  readonly flow: number;
  /** The label-only twin of `flow`: retransmissions and the connection's later segments. */
  readonly follow: number;
  /** The ClientHello of an HTTPS connection (tls + 1: the first segment of the server's first flight). */
  readonly tls: number;
}

export function attemptTags(attempt: number): AttemptTags {
  const base = attempt * TAGS_PER_ATTEMPT;
  return { dns: base + DNS_TAG, flow: base + FLOW_TAG, follow: base + FLOW_TAG + 2, tls: base + FLOW_TAG + 4 };
}

/** Flow ids as transmissions carry them: the first attempt keeps the plain names. */
export function attemptIds(attempt: number): { flow: string; dns: string } {
  return attempt === 0 ? { flow: 'flow', dns: 'dns' } : { flow: `flow-${attempt + 1}`, dns: `dns-${attempt + 1}` };
}

/** The client resolver's cache: a Windows DNS client keeps an answer for its TTL. Shared by a run's attempts. */
export type DnsCache = Map<string, { readonly address: number; readonly expires: SimTime }>;

export interface FlowState {
  readonly attempt: number;
  readonly tags: AttemptTags;
  readonly startedAt: SimTime;
  /** Set when the flow ended before its first packet (no DNS answer). */
  dnsFailure: string | undefined;
  /** True when this attempt asked DNS (false: no name, or the answer was cached). */
  dnsAsked: boolean;
  /** Description of the traced flow once known. */
  description: string;
  /** For a TCP flow, the connection's progress. */
  tcp: { synTimes: SimTime[]; outcome: 'pending' | 'established' | 'gave-up' | 'refused' | 'unreachable'; endedAt: SimTime | undefined } | undefined;
  /** For an HTTPS flow once TCP is up: the TLS exchange and how the connection ended. */
  https: HttpsProgress | undefined;
}

export interface HttpsProgress {
  readonly helloAt: SimTime;
  /** When the client had the server's whole first flight. */
  flightAt: SimTime | undefined;
  /** How the established connection ended: FIN exchanged, data never acknowledged, reset; undefined while open. */
  closed: 'fin' | 'gave-up' | 'reset' | undefined;
  closedAt: SimTime | undefined;
}

export interface FlowOptions {
  /** Pad the ClientHello to a full segment (the MTU what-if: see startHttpsClient). */
  readonly padClientHello?: boolean;
}

export function startFlow(world: World, source: NodeRt, dest: Destination, attempt = 0, cache: DnsCache = new Map(), options: FlowOptions = {}): FlowState {
  const tags = attemptTags(attempt);
  const ids = attemptIds(attempt);
  const { sched } = world.ctx;
  const state: FlowState = { attempt, tags, startedAt: sched.now, dnsFailure: undefined, dnsAsked: false, description: '', tcp: undefined, https: undefined };
  const { tracer } = world.ctx;
  if (attempt > 0) world.ctx.rec.eventWith('flow-attempt', source.id, `Attempt ${attempt + 1}: ${source.id} tries ${dest.kind === 'name' ? dest.name : u32ToIp(dest.address)} again`, { attempt: attempt + 1, flowId: ids.flow });
  const go = (address: number, port: number | undefined, label: string): void => {
    state.description = port !== undefined ? `TCP ${source.id} -> ${label}:${port}` : `ping ${source.id} -> ${label}`;
    tracer.open(tags.flow, ids.flow, state.description);
    tracer.label(tags.flow, tags.follow);
    world.ctx.rec.event('info', source.id, `${source.id} starts ${state.description}`);
    if (port !== undefined) {
      const tcp: NonNullable<FlowState['tcp']> = { synTimes: [], outcome: 'pending', endedAt: undefined };
      state.tcp = tcp;
      const end = (outcome: 'established' | 'gave-up' | 'refused' | 'unreachable'): void => {
        if (tcp.outcome !== 'pending') return;
        tcp.outcome = outcome;
        tcp.endedAt = sched.now;
      };
      source.tcp.connect(address, port, {
        onSynSent: () => void tcp.synTimes.push(sched.now),
        onEstablished: (conn) => {
          end('established');
          if (port !== PORT_HTTPS) return;
          const https: HttpsProgress = { helloAt: sched.now, flightAt: undefined, closed: undefined, closedAt: undefined };
          state.https = https;
          const serverName = dest.kind === 'name' ? dest.name.toLowerCase() : undefined;
          tracer.open(tags.tls, ids.flow, `TLS ClientHello ${source.id} -> ${label}:${port}`);
          startHttpsClient(source, conn, serverName, tags.tls, options.padClientHello ? conn.sndMss : undefined, { onFlight: () => void (https.flightAt = sched.now) });
        },
        onClose: (_c, reason) => {
          if (state.https && state.https.closed === undefined) {
            state.https.closed = reason === 'timeout' ? 'gave-up' : reason === 'reset' ? 'reset' : 'fin';
            state.https.closedAt = sched.now;
          }
          end(reason === 'timeout' ? 'gave-up' : reason === 'unreachable' ? 'unreachable' : 'refused');
        },
      }, tags.flow);
      return;
    }
    const identifier = source.ip.rng.int(1, 0xffff);
    source.ip.originate(address, IPPROTO_ICMP, [{ type: 'icmp', kind: 'echo-request', code: 0, identifier, sequence: 1 }, { type: 'raw', data: PING_DATA }], tags.flow, `${source.id} pings ${label}.`);
  };
  if (dest.kind === 'address') {
    go(dest.address, dest.port, dest.node ? `${dest.node} (${u32ToIp(dest.address)})` : u32ToIp(dest.address));
    return state;
  }
  const key = `${source.id}|${dest.name.toLowerCase()}`;
  const cached = cache.get(key);
  if (cached && cached.expires > sched.now) {
    world.ctx.rec.event('info', source.id, `${source.id} finds ${dest.name} = ${u32ToIp(cached.address)} in its DNS cache (no query: the answer's TTL has not run out)`, 'dns');
    go(cached.address, dest.port, `${dest.name} (${u32ToIp(cached.address)})`);
    return state;
  }
  const server = source.def.dnsServer;
  if (!server) {
    state.dnsFailure = `${source.id} has no DNS server configured, so it cannot look up ${dest.name}`;
    return state;
  }
  state.dnsAsked = true;
  tracer.open(tags.dns, ids.dns, `DNS lookup of ${dest.name} by ${source.id}`);
  resolveName(source.ip, source.udp, ipToU32(server), dest.name, tags.dns, (address, why) => {
    if (address === undefined) {
      state.dnsFailure = why;
      return;
    }
    const ttl = answerTtl(world, tags.dns + 1);
    if (ttl > 0) cache.set(key, { address, expires: sched.now + ttl * SECOND });
    go(address, dest.port, `${dest.name} (${u32ToIp(address)})`);
  });
  return state;
}

/** The TTL of the A record in the traced DNS answer (0 when there is none). */
function answerTtl(world: World, replyTag: number): number {
  const last = world.ctx.tracer.get(replyTag)?.hops.at(-1);
  const dns = last?.layers.find((l) => l.type === 'dns');
  return dns && dns.type === 'dns' ? (dns.answers.find((a) => a.rtype === 1)?.ttl ?? 0) : 0;
}

/** True when the attempt has nothing more to show: its packet, any answer and its connection have ended. */
export function flowDone(world: World, state: FlowState): boolean {
  if (state.dnsFailure !== undefined) return true;
  const req = world.ctx.tracer.get(state.tags.flow);
  if (state.tcp) {
    if (state.tcp.outcome === 'pending') return false;
    if (state.tcp.outcome === 'gave-up' || state.tcp.outcome === 'unreachable') return true;
  }
  if (state.https && state.https.closed === undefined) return false;
  if (!req?.final) return false;
  const reply = world.ctx.tracer.get(state.tags.flow + 1);
  return !reply || !reply.started || reply.final !== undefined;
}
