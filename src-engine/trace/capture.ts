// The run as a capture: one pcapng interface per capture point ("ClientVM eth0", "CCI_External_vSwitch
// port NATVM.inside"), every frame one packet with its simulated timestamp, its direction at that point
// (pcapng epb_flags inbound/outbound) and a comment naming the hop and saying what happened there.
//
// Which points: 'all' keeps every link's sending side: each frame is seen leaving a VM and again leaving
// the switch, and a routed segment at every router, so tshark's TCP analysis flags the later copies as
// retransmissions (an artefact of capturing one segment at several points). 'switch' captures what
// leaves each switch port towards a VM (and what a VM sent into a port that is down). 'vm', the
// default, captures at the VMs' NICs and shows each TCP segment once, where it first appears: what a
// VM sends, and what it receives when the switch changed it (VFP's decapsulation and VIP/DIP
// rewrites, which make it a different conversation); a routed or VXLAN-wrapped copy of a segment
// already captured is left out (use 'switch' or 'all' to see the MUX's VXLAN leg). Other frames (ARP,
// DNS, ICMP, BGP's own segments once each) are kept at every VM that sends them.
import { writePcapng, type Capture, type CapturedPacket } from '../capture/index';
import { decodePacket } from '../packets/decode';
import type { Ipv4Layer, TcpLayer } from '../packets/layers';
import type { Transmission } from '../protocol';
import { portId } from '../view/ids';

export type CapturePoints = 'vm' | 'switch' | 'all';
export const CAPTURE_POINTS: readonly CapturePoints[] = ['vm', 'switch', 'all'];

export function capturePointOf(t: Transmission, switchId: string): string {
  return t.fromNode === switchId ? `${switchId} port ${t.fromInterface}` : `${t.fromNode} ${t.fromInterface}`;
}

/** The hop as the app names it: "ClientVM eth0 -> CCI_External_vSwitch ClientVM.eth0". */
function hopText(t: Transmission): string {
  const to = t.toNode ? `${t.toNode} ${t.toInterface ?? ''}`.trim() : 'nowhere (link down)';
  return `${t.fromNode} ${t.fromInterface} -> ${to}`;
}

export function buildCapture(transmissions: readonly Transmission[], switchId: string, points: CapturePoints = 'all'): Capture {
  const index = new Map<string, number>();
  const interfaces: { name: string }[] = [];
  const sorted = [...transmissions].sort((a, b) => a.time - b.time || a.id - b.id);
  const entered = new Set<string>();
  const segments = new Set<string>();
  const packets: CapturedPacket[] = [];
  const add = (t: Transmission, name: string, direction: 'inbound' | 'outbound', time: number): void => {
    let i = index.get(name);
    if (i === undefined) {
      i = interfaces.length;
      index.set(name, i);
      interfaces.push({ name });
    }
    const comment = `#${t.id} ${hopText(t)}: ${t.summary}${t.note ? ` | ${t.note}` : ''}${t.flowId ? ` [${t.flowId}]` : ''}`;
    packets.push({ interfaceIndex: i, timeUs: time, data: t.bytes, comment, direction });
  };
  // 'vm': a TCP segment already captured is a copy (forwarded, or wrapped in VXLAN) of one the capture has.
  const firstSeen = (bytes: Uint8Array): boolean => {
    const key = innerTcpKey(bytes);
    if (key === undefined) return true;
    if (segments.has(key)) return false;
    segments.add(key);
    return true;
  };
  for (const t of sorted) {
    const fromSwitch = t.fromNode === switchId;
    if (points === 'all') add(t, capturePointOf(t, switchId), 'outbound', t.time);
    else if (points === 'switch') {
      if (fromSwitch) add(t, capturePointOf(t, switchId), 'outbound', t.time);
      else if (t.toNode === undefined) add(t, `${switchId} port ${portId(t.fromNode, t.fromInterface)}`, 'inbound', t.time);
    } else if (!fromSwitch) {
      entered.add(bytesKey(t.bytes));
      if (firstSeen(t.bytes)) add(t, `${t.fromNode} ${t.fromInterface}`, 'outbound', t.time);
    } else if (t.toNode !== undefined && !entered.has(bytesKey(t.bytes)) && firstSeen(t.bytes)) {
      add(t, `${t.toNode} ${t.toInterface ?? ''}`.trim(), 'inbound', t.arrive);
    }
  }
  packets.sort((a, b) => a.timeUs - b.timeUs);
  return { interfaces, packets };
}

const bytesKey = (b: Uint8Array): string => String.fromCharCode(...b);

/** The innermost TCP segment's identity (addresses, ports, IP id, seq, ack, flags, length), or undefined. */
function innerTcpKey(bytes: Uint8Array): string | undefined {
  const d = decodePacket(bytes);
  if (!d.ok) return undefined;
  const layers = d.value.layers;
  let ip: Ipv4Layer | undefined;
  let tcp: TcpLayer | undefined;
  for (const l of layers) {
    if (l.type === 'ipv4') ip = l;
    if (l.type === 'tcp') tcp = l;
  }
  if (!ip || !tcp) return undefined;
  // The IP identification tells a routed copy (same id) from a real retransmission (a new packet, a new id).
  const f = tcp.flags;
  return `${ip.src}:${tcp.srcPort}>${ip.dst}:${tcp.dstPort} ${ip.identification} ${tcp.seq} ${tcp.ack} ${+f.syn}${+f.ack}${+f.fin}${+f.rst}${+f.psh} ${ip.totalLength}`;
}

/** The run as pcapng bytes. */
export function writeCapture(capture: Capture): Uint8Array {
  return writePcapng(capture);
}
