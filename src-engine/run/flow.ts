// The user's flow, started on the source node at the chosen time: a DNS lookup first when the
// destination is a name, then a TCP connection (when a port is known) or a ping. Tags 1/2 trace the
// DNS query and answer; tags 3/4 the flow's first packet and its answer.
import { IPPROTO_ICMP } from '../packets/layers';
import { ipToU32, u32ToIp } from '../net/addr';
import { resolveName } from '../devices/dns';
import type { NodeRt } from '../devices/node';
import type { Destination } from '../view/destination';
import type { World } from './world';

export const DNS_TAG = 1;
export const FLOW_TAG = 3;

/** What Windows ping sends as data. */
const PING_DATA = new TextEncoder().encode('abcdefghijklmnopqrstuvwabcdefghi');

export interface FlowState {
  /** Set when the flow ended before its first packet (no DNS answer). */
  dnsFailure: string | undefined;
  /** Description of the traced flow once known. */
  description: string;
}

export function startFlow(world: World, source: NodeRt, dest: Destination): FlowState {
  const state: FlowState = { dnsFailure: undefined, description: '' };
  const { tracer } = world.ctx;
  const go = (address: number, port: number | undefined, label: string): void => {
    state.description = port !== undefined ? `TCP ${source.id} -> ${label}:${port}` : `ping ${source.id} -> ${label}`;
    tracer.open(FLOW_TAG, 'flow', state.description);
    world.ctx.rec.event('info', source.id, `${source.id} starts ${state.description}`);
    if (port !== undefined) {
      source.tcp.connect(address, port, {}, FLOW_TAG);
      return;
    }
    const identifier = source.ip.rng.int(1, 0xffff);
    source.ip.originate(address, IPPROTO_ICMP, [{ type: 'icmp', kind: 'echo-request', code: 0, identifier, sequence: 1 }, { type: 'raw', data: PING_DATA }], FLOW_TAG, `${source.id} pings ${label}.`);
  };
  if (dest.kind === 'address') {
    go(dest.address, dest.port, dest.node ? `${dest.node} (${u32ToIp(dest.address)})` : u32ToIp(dest.address));
    return state;
  }
  const server = source.def.dnsServer;
  if (!server) {
    state.dnsFailure = `${source.id} has no DNS server configured, so it cannot look up ${dest.name}`;
    return state;
  }
  tracer.open(DNS_TAG, 'dns', `DNS lookup of ${dest.name} by ${source.id}`);
  resolveName(source.ip, source.udp, ipToU32(server), dest.name, DNS_TAG, (address, why) => {
    if (address === undefined) {
      state.dnsFailure = why;
      return;
    }
    go(address, dest.port, `${dest.name} (${u32ToIp(address)})`);
  });
  return state;
}

/** True when the flow has nothing more to show: both its packet and any answer have ended. */
export function flowDone(world: World, state: FlowState): boolean {
  if (state.dnsFailure !== undefined) return true;
  const req = world.ctx.tracer.get(FLOW_TAG);
  if (!req?.final) return false;
  const reply = world.ctx.tracer.get(FLOW_TAG + 1);
  return !reply || !reply.started || reply.final !== undefined;
}
