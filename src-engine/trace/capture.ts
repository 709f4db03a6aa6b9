// The run as a capture: one pcapng interface per capture point (the sending side of each link:
// "ClientVM eth0", "CCI_External_vSwitch port NATVM.inside"), every transmission one packet with its
// simulated timestamp and a comment saying what happened at that hop.
import { writePcapng, type Capture } from '../capture/index';
import type { Transmission } from '../protocol';

export function capturePointOf(t: Transmission, switchId: string): string {
  return t.fromNode === switchId ? `${switchId} port ${t.fromInterface}` : `${t.fromNode} ${t.fromInterface}`;
}

export function buildCapture(transmissions: readonly Transmission[], switchId: string): Capture {
  const index = new Map<string, number>();
  const interfaces: { name: string }[] = [];
  const packets = [...transmissions]
    .sort((a, b) => a.time - b.time || a.id - b.id)
    .map((t) => {
      const name = capturePointOf(t, switchId);
      let i = index.get(name);
      if (i === undefined) {
        i = interfaces.length;
        index.set(name, i);
        interfaces.push({ name });
      }
      const to = t.toNode ? `${t.toNode} ${t.toInterface ?? ''}`.trim() : 'nowhere (link down)';
      const comment = `#${t.id} ${t.fromNode} ${t.fromInterface} -> ${to}: ${t.summary}${t.note ? ` | ${t.note}` : ''}${t.flowId ? ` [${t.flowId}]` : ''}`;
      return { interfaceIndex: i, timeUs: t.time, data: t.bytes, comment };
    });
  return { interfaces, packets };
}

/** The run as pcapng bytes. */
export function writeCapture(capture: Capture): Uint8Array {
  return writePcapng(capture);
}
