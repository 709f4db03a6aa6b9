// What Windows ping prints for a failed echo request, from what came back to the sender (an ICMP error, or
// nothing): the line a student would read on a real machine, beside the engine's explanation of why.
import type { FlowTrace } from '../protocol';

/** ping.exe's line for each ICMP error it reports (type and code, RFC 792), after "Reply from <address>: ". */
const ERRORS: Readonly<Record<string, string>> = {
  'destination-unreachable/0': 'Destination net unreachable.',
  'destination-unreachable/1': 'Destination host unreachable.',
  'destination-unreachable/3': 'Destination port unreachable.',
  'destination-unreachable/4': 'Packet needs to be fragmented but DF set.',
  'time-exceeded/0': 'TTL expired in transit.',
};

/** The sentence for a ping that got no echo reply; undefined for a flow that is not a ping, or one answered. */
export function pingSees(trace: Pick<FlowTrace, 'hops' | 'returnHops' | 'disposition'>, from: string): string | undefined {
  const sent = trace.hops[0]?.layers.find((l) => l.type === 'icmp');
  if (sent?.type !== 'icmp' || sent.kind !== 'echo-request') return undefined;
  // What reached the sender: the return path's last hop, if it ended there.
  const back = trace.returnHops.at(-1)?.node === trace.hops[0]!.node ? trace.returnHops.at(-1) : undefined;
  const icmp = back?.layers.find((l) => l.type === 'icmp');
  const ip = back?.layers.find((l) => l.type === 'ipv4');
  if (icmp?.type === 'icmp' && icmp.kind === 'echo-reply') return undefined;
  const line = icmp?.type === 'icmp' ? ERRORS[`${icmp.kind}/${icmp.code}`] : undefined;
  const printed = line && ip?.type === 'ipv4' ? `Reply from ${ip.src}: ${line}` : 'Request timed out.';
  return `On Windows, ${from}'s ping prints "${printed}"`;
}
