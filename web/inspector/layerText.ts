// Names and one-line summaries of layers and field values, as a person reads them (Wireshark's wording
// where it has one).
import { LAYER_NAMES } from '../../src-engine/packets/errors';
import type { Layer, LayerType } from '../../src-engine/packets/layers';

/** The engine's layer names, with Wireshark's title for Ethernet. */
export const LAYER_TITLES: Record<LayerType, string> = { ...LAYER_NAMES, ethernet: 'Ethernet II' };

const ETHERTYPES: Record<number, string> = { 0x0800: 'IPv4', 0x0806: 'ARP', 0x8100: '802.1Q' };
const IP_PROTOCOLS: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP' };

const hex = (n: number, digits: number) => `0x${n.toString(16).padStart(digits, '0')}`;

export function tcpFlagsText(l: Extract<Layer, { type: 'tcp' }>): string {
  const f = l.flags;
  return [f.syn && 'SYN', f.fin && 'FIN', f.rst && 'RST', f.psh && 'PSH', f.ack && 'ACK', f.urg && 'URG'].filter(Boolean).join(', ') || 'none';
}

export function layerSummary(l: Layer): string {
  switch (l.type) {
    case 'ethernet':
      return `${l.src} → ${l.dst}${l.vlan ? `, VLAN ${l.vlan.vid}` : ''}`;
    case 'arp':
      return l.opcode === 1 ? `who has ${l.targetIp}? tell ${l.senderIp}` : `${l.senderIp} is at ${l.senderMac}`;
    case 'ipv4':
      return `${l.src} → ${l.dst}, TTL ${l.ttl}`;
    case 'icmp':
      return `${l.kind}${l.code ? ` code ${l.code}` : ''}`;
    case 'udp':
      return `port ${l.srcPort} → ${l.dstPort}`;
    case 'tcp':
      return `port ${l.srcPort} → ${l.dstPort} [${tcpFlagsText(l)}]`;
    case 'dns':
      return `${l.response ? 'response' : 'query'} ${l.questions.map((q) => q.name).join(', ')}${l.answers.length ? ` → ${l.answers.map((a) => a.address).join(', ')}` : ''}`;
    case 'vxlan':
      return `VNI ${l.vni}`;
    case 'bgp':
      return l.message.kind.toUpperCase();
    case 'raw':
      return `${l.data.length} bytes`;
  }
}

/** A field's value as text; `field` is a FieldSpan path ('ttl', 'flags.syn', 'questions.0.name'). */
export function formatValue(layer: LayerType, field: string, value: unknown, bytes: number): string {
  if (typeof value === 'boolean') return value ? 'Set' : 'Not set';
  if (value instanceof Uint8Array) return bytesText(value);
  if (typeof value === 'number') {
    const name = field.split('.').pop() ?? field;
    if (name === 'etherType' || name === 'tpid') return `${hex(value, 4)}${ETHERTYPES[value] ? ` (${ETHERTYPES[value]})` : ''}`;
    if (layer === 'ipv4' && name === 'protocol') return `${value}${IP_PROTOCOLS[value] ? ` (${IP_PROTOCOLS[value]})` : ''}`;
    if (/checksum|identification|^flags$|marker|protocolType|hardwareType/i.test(name)) return hex(value, Math.max(2, bytes * 2));
    return String(value);
  }
  if (typeof value === 'string') return value;
  return '';
}

export function bytesText(b: Uint8Array, max = 24): string {
  const shown = Array.from(b.subarray(0, max), (x) => x.toString(16).padStart(2, '0')).join(' ');
  return b.length > max ? `${shown} … (${b.length} bytes)` : shown;
}

/** A value from a layer diff (text of a number, boolean or string), written as formatValue writes it. */
export function formatWas(layer: LayerType, field: string, before: string, bytes: number): string {
  if (before === 'true' || before === 'false') return formatValue(layer, field, before === 'true', bytes);
  if (/^\d+$/.test(before)) return formatValue(layer, field, Number(before), bytes);
  return before;
}
