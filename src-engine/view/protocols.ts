// One descriptor per protocol: its name, the filter that shows or hides it, the colour it is drawn in,
// how it claims a frame, and the words for a frame of it (the event list's summary, the token's label)
// and for its layer (the inspector's title and one-line summary). Adding a protocol touches its codec
// and its descriptor here.
import type { ArpLayer, BgpMessage, DnsLayer, IcmpLayer, Ipv4Layer, Layer, LayerType, TcpFlags, TcpLayer, TlsLayer, UdpLayer, VxlanLayer } from '../packets/layers';
import { PORT_BGP, PORT_HTTPS } from '../packets/layers';
import { udpPayloadType } from '../packets/udp';
import { HANDSHAKE_NAMES, serverNameOf } from '../packets/tls';
import { LAYER_NAMES } from '../packets/errors';
import { rcodeName, rcodeRegistryName } from '../packets/dnsRcode';
import { capabilityText } from '../packets/bgpOpen';
import { IDENTITY, type FilterKey, type Protocol } from './protocolNames';
import { ttlSuffix } from './events';

export { FILTER_KEYS, FILTER_LABELS, filterOf, type FilterKey, type Protocol } from './protocolNames';

export interface ProtocolDescriptor {
  readonly protocol: Protocol;
  /** How people write it: "TCP", "VXLAN". */
  readonly name: string;
  /** The filter that shows or hides its frames and events. */
  readonly filter: FilterKey;
  /** The CSS class that colours it (`.proto-tcp`), drawn from the colour token (`--p-tcp`). */
  readonly className: string;
  readonly colorToken: string;
  /** Is a frame with these layers this protocol? Asked in PROTOCOL_ORDER; the first that claims it wins. */
  claims(layers: readonly Layer[]): boolean;
  /** One line for the event list and the pcapng comment. */
  summary(layers: readonly Layer[]): string;
  /** The few words written on the moving token. */
  tokenLabel(layers: readonly Layer[]): string;
}

/** A layer as the inspector lists it: Wireshark's title where it has one, and a one-line summary. */
export interface LayerDescriptor<T extends LayerType = LayerType> {
  readonly title: string;
  summary(layer: Extract<Layer, { type: T }>): string;
}

const find = <T extends LayerType>(layers: readonly Layer[], type: T) => layers.find((l): l is Extract<Layer, { type: T }> => l.type === type);
const has = (layers: readonly Layer[], type: LayerType) => layers.some((l) => l.type === type);

/** The TCP flags a frame has set, in the order people say them (SYN-ACK, FIN-ACK). */
export function tcpFlagNames(f: TcpFlags): string[] {
  const names: string[] = [];
  if (f.syn) names.push('SYN');
  if (f.fin) names.push('FIN');
  if (f.rst) names.push('RST');
  if (f.psh) names.push('PSH');
  if (f.ack) names.push('ACK');
  if (f.urg) names.push('URG');
  return names;
}

/** ", capabilities MP IPv4 unicast, route refresh": what an OPEN offers, or nothing when it offers none. */
function openCapabilities(m: Extract<BgpMessage, { kind: 'open' }>): string {
  const caps = (m.optionalParameters ?? []).flatMap((p) => (p.type === 'capabilities' ? p.capabilities.map(capabilityText) : []));
  return caps.length ? `, capabilities ${caps.join(', ')}` : '';
}

function bgpText(m: BgpMessage): string {
  switch (m.kind) {
    case 'open':
      return `BGP OPEN AS ${m.myAs} hold ${m.holdTime}s id ${m.bgpIdentifier}${openCapabilities(m)}`;
    case 'keepalive':
      return 'BGP KEEPALIVE';
    case 'notification':
      return `BGP NOTIFICATION code ${m.errorCode}/${m.errorSubcode}${m.errorCode === 4 ? ' (hold timer expired)' : ''}`;
    case 'update': {
      const parts: string[] = [];
      if (m.nlri.length) parts.push(`announce ${m.nlri.join(', ')} next hop ${m.attributes.nextHop ?? '?'}`);
      if (m.withdrawn.length) parts.push(`withdraw ${m.withdrawn.join(', ')}`);
      return `BGP UPDATE ${parts.join('; ') || '(end of RIB)'}`;
    }
  }
}

const ttlText = (ip: Ipv4Layer) => ttlSuffix(ip.ttl);
const tcpBase = (ip: Ipv4Layer, tcp: TcpLayer) => `${ip.src}:${tcp.srcPort} -> ${ip.dst}:${tcp.dstPort} TCP ${tcpFlagNames(tcp.flags).join('/')}`;

/** The TCP flags byte's names joined by "/" ("SYN/ACK"), made once per byte value. */
const flagTexts: string[] = [];
function tcpFlagByteText(fb: number): string {
  let text = flagTexts[fb];
  if (text === undefined) {
    const flags: TcpFlags = { fin: (fb & 0x01) !== 0, syn: (fb & 0x02) !== 0, rst: (fb & 0x04) !== 0, psh: (fb & 0x08) !== 0, ack: (fb & 0x10) !== 0, urg: (fb & 0x20) !== 0, ece: (fb & 0x40) !== 0, cwr: (fb & 0x80) !== 0 };
    text = tcpFlagNames(flags).join('/');
    flagTexts[fb] = text;
  }
  return text;
}

/**
 * A TCP segment's summary from its fields, as the TCP descriptor writes it for a segment with no payload
 * ("10.2.0.71:49645 -> 10.4.0.243:443 TCP SYN TTL 128"): for the recorder, which reads these fields from
 * the bytes of most of a run's frames without decoding them into layers.
 */
export function tcpSegmentSummary(src: string, srcPort: number, dst: string, dstPort: number, flagsByte: number, ttl: number): string {
  return `${src}:${srcPort} -> ${dst}:${dstPort} TCP ${tcpFlagByteText(flagsByte & 0xff)}${ttlSuffix(ttl)}`;
}

/** An ARP packet's summary from its fields, as the ARP descriptor writes it. */
export function arpSummary(opcode: number, senderIp: string, senderMac: string, targetIp: string): string {
  return opcode === 1 ? `ARP who has ${targetIp}? tell ${senderIp}` : `ARP ${senderIp} is at ${senderMac}`;
}
const tcpToken = (tcp: TcpLayer) => `TCP ${tcpFlagNames(tcp.flags).join('-') || 'data'}`;
const bgpKinds = (layers: readonly Layer[]) => layers.flatMap((l) => (l.type === 'bgp' ? [l.message] : []));

function descriptor(protocol: Protocol, rest: Pick<ProtocolDescriptor, 'claims' | 'summary' | 'tokenLabel'>): ProtocolDescriptor {
  const { name, filter } = IDENTITY[protocol];
  // Drawn in its filter's colour: the legend, the filters and every drawing agree.
  return { protocol, name, filter, className: `proto-${filter}`, colorToken: `--p-${filter}`, ...rest };
}

const ARP = /* @__PURE__ */ descriptor('arp', {
  claims: (layers) => has(layers, 'arp'),
  summary: (layers) => {
    const arp = find(layers, 'arp')!;
    return arpSummary(arp.opcode, arp.senderIp, arp.senderMac, arp.targetIp);
  },
  tokenLabel: (layers) => (find(layers, 'arp')!.opcode === 1 ? 'ARP who-has' : 'ARP reply'),
});

/** The layers a VXLAN frame carries inside (from the inner Ethernet header on). */
export function innerLayers(layers: readonly Layer[]): readonly Layer[] {
  const at = layers.findIndex((l) => l.type === 'vxlan');
  return at >= 0 ? layers.slice(at + 1) : layers;
}

const VXLAN = /* @__PURE__ */ descriptor('vxlan', {
  claims: (layers) => has(layers, 'vxlan'),
  summary: (layers) => {
    const vx = find(layers, 'vxlan')!;
    const outer = find(layers, 'ipv4');
    const outerText = outer ? `${outer.src} -> ${outer.dst} ` : '';
    return `VXLAN ${outerText}VNI ${vx.vni} [${frameSummary(innerLayers(layers))}]`;
  },
  tokenLabel: (layers) => frameTokenLabel(innerLayers(layers)),
});

const BGP = /* @__PURE__ */ descriptor('bgp', {
  claims: (layers) => {
    const tcp = find(layers, 'tcp');
    return has(layers, 'ipv4') && tcp !== undefined && (has(layers, 'bgp') || tcp.srcPort === PORT_BGP || tcp.dstPort === PORT_BGP);
  },
  summary: (layers) => {
    const ip = find(layers, 'ipv4')!;
    const base = tcpBase(ip, find(layers, 'tcp')!);
    const messages = bgpKinds(layers);
    // A segment that carries BGP messages is named by them; the TTL is on the TCP handshake's lines.
    return messages.length > 0 ? `${base} ${messages.map(bgpText).join(' + ')}` : `${base}${notWhatThePortSays(layers, find(layers, 'tcp')!, 'bgp')}${ttlText(ip)}`;
  },
  tokenLabel: (layers) => {
    const kinds = bgpKinds(layers).map((m) => m.kind.toUpperCase());
    return kinds.length > 0 ? `BGP ${[...new Set(kinds)].join('+')}` : tcpToken(find(layers, 'tcp')!);
  },
});

const CONTENT_TYPES: Readonly<Record<number, string>> = { 20: 'ChangeCipherSpec', 21: 'Alert', 22: 'Handshake', 23: 'Application Data', 24: 'Heartbeat' };

/** A record as people name it: its handshake messages ("ClientHello (SNI portal.azurestack.local)"), else its content type. */
export function tlsRecordText(l: TlsLayer): string {
  if (!l.handshake) return `${CONTENT_TYPES[l.contentType] ?? `record type ${l.contentType}`}${l.contentType === 22 ? ' fragment' : ''}`;
  return l.handshake
    .map((m) => {
      const sni = serverNameOf(m);
      if (sni !== undefined) return `${HANDSHAKE_NAMES[m.kind]} (SNI ${sni})`;
      if (m.kind === 'certificate') return `Certificate (${m.certificates.length} cert${m.certificates.length === 1 ? '' : 's'})`;
      return m.kind === 'other' ? `Handshake type ${m.msgType}` : HANDSHAKE_NAMES[m.kind];
    })
    .join(', ');
}

const tlsRecords = (layers: readonly Layer[]) => layers.filter((l): l is TlsLayer => l.type === 'tls');
/** Bytes after the last whole record: a record that continues in another segment. */
const tlsRest = (layers: readonly Layer[]) => {
  const last = layers.at(-1);
  const before = layers.at(-2)?.type;
  return last?.type === 'raw' && (before === 'tcp' || before === 'tls') ? last.data.length : 0;
};

const TLS = /* @__PURE__ */ descriptor('tls', {
  claims: (layers) => {
    const tcp = find(layers, 'tcp');
    if (!has(layers, 'ipv4') || tcp === undefined) return false;
    // A segment carrying TLS records, or carrying bytes to or from 443 (part of a record cut at the MSS).
    return has(layers, 'tls') || ((tcp.srcPort === PORT_HTTPS || tcp.dstPort === PORT_HTTPS) && layers.at(-1)?.type === 'raw');
  },
  summary: (layers) => {
    const ip = find(layers, 'ipv4')!;
    const base = tcpBase(ip, find(layers, 'tcp')!);
    const records = tlsRecords(layers).map(tlsRecordText);
    const rest = tlsRest(layers);
    if (records.length === 0) return `${base} TLS continued: ${rest} bytes of a record that spans segments`;
    return `${base} TLS ${records.join(' + ')}${rest ? ` + ${rest} bytes of a record continued in the next segment` : ''}`;
  },
  tokenLabel: (layers) => {
    const first = tlsRecords(layers)[0];
    if (!first) return 'TLS cont.';
    const m = first.handshake?.[0];
    return m ? `TLS ${m.kind === 'other' ? 'Handshake' : HANDSHAKE_NAMES[m.kind]}` : `TLS ${CONTENT_TYPES[first.contentType] ?? 'record'}`;
  },
});

const TCP = /* @__PURE__ */ descriptor('tcp', {
  claims: (layers) => has(layers, 'ipv4') && has(layers, 'tcp'),
  summary: (layers) => {
    const ip = find(layers, 'ipv4')!;
    return `${tcpBase(ip, find(layers, 'tcp')!)}${ttlText(ip)}`;
  },
  tokenLabel: (layers) => tcpToken(find(layers, 'tcp')!),
});

/** A question's record type as people name it: A (IPv4 address), AAAA (IPv6 address), else its number. */
const dnsTypeName = (qtype: number) => (qtype === 1 ? 'A' : qtype === 28 ? 'AAAA' : `type ${qtype}`);

const DNS = /* @__PURE__ */ descriptor('dns', {
  claims: (layers) => has(layers, 'ipv4') && has(layers, 'dns') && has(layers, 'udp'),
  summary: (layers) => {
    const ip = find(layers, 'ipv4')!;
    const udp = find(layers, 'udp')!;
    const dns = find(layers, 'dns')!;
    const q = dns.questions[0]?.name ?? '?';
    const type = dnsTypeName(dns.questions[0]?.qtype ?? 1);
    const empty = dns.rcode === 0 ? `no ${type} record` : rcodeName(dns.rcode);
    const text = dns.response ? `DNS response ${q} ${dns.answers.length ? `A ${dns.answers.map((a) => a.address).join(', ')}` : empty}` : `DNS query ${type} ${q}`;
    return `${ip.src}:${udp.srcPort} -> ${ip.dst}:${udp.dstPort} ${text}${ttlText(ip)}`;
  },
  tokenLabel: (layers) => (find(layers, 'dns')!.response ? 'DNS answer' : 'DNS query'),
});

/** How people name the layer a port promises, for a payload that is not it ("DNS"). */
const PROMISED: Readonly<Partial<Record<LayerType, string>>> = { dns: 'DNS', vxlan: 'VXLAN', bgp: 'BGP' };

/**
 * ", 5 bytes that do not decode as DNS": the payload after `l4` when its port promises a protocol (53: DNS) and its
 * bytes are not that protocol (the decoder kept them raw); nothing otherwise.
 */
function notWhatThePortSays(layers: readonly Layer[], l4: UdpLayer | TcpLayer, promised: LayerType): string {
  const next = layers[layers.indexOf(l4) + 1];
  const name = PROMISED[promised];
  return next?.type === 'raw' && name !== undefined ? `, ${next.data.length} byte${next.data.length === 1 ? '' : 's'} that do not decode as ${name}` : '';
}

const UDP = /* @__PURE__ */ descriptor('udp', {
  claims: (layers) => has(layers, 'ipv4') && has(layers, 'udp'),
  summary: (layers) => {
    const ip = find(layers, 'ipv4')!;
    const udp = find(layers, 'udp')!;
    const payload = notWhatThePortSays(layers, udp, udpPayloadType(udp.srcPort, udp.dstPort));
    return `${ip.src}:${udp.srcPort} -> ${ip.dst}:${udp.dstPort} UDP${payload}${ttlText(ip)}`;
  },
  tokenLabel: () => 'UDP',
});

const ICMP = /* @__PURE__ */ descriptor('icmp', {
  claims: (layers) => has(layers, 'ipv4') && has(layers, 'icmp'),
  summary: (layers) => {
    const ip = find(layers, 'ipv4')!;
    const icmp = find(layers, 'icmp')!;
    return `${ip.src} -> ${ip.dst} ICMP ${icmp.kind}${icmp.code ? ` code ${icmp.code}` : ''}${ttlText(ip)}`;
  },
  tokenLabel: (layers) => `ICMP ${find(layers, 'icmp')!.kind.replace('destination-', '').replace('-', ' ')}`,
});

const OTHER = /* @__PURE__ */ descriptor('other', {
  claims: () => true,
  summary: (layers) => {
    const ip = find(layers, 'ipv4');
    if (ip) return `${ip.src} -> ${ip.dst} IP protocol ${ip.protocol}${ttlText(ip)}`;
    // Bytes that decode as no frame at all (the decoder keeps them as one raw layer), or an Ethernet header and then
    // bytes that are not what its EtherType says.
    const eth = find(layers, 'ethernet');
    const rest = find(layers, 'raw')?.data.length ?? 0;
    return eth ? `${eth.src} -> ${eth.dst} Ethernet, EtherType 0x${eth.etherType.toString(16).padStart(4, '0')}, ${rest} bytes` : `${rest} bytes that do not decode as an Ethernet frame`;
  },
  tokenLabel: (layers) => (has(layers, 'udp') ? 'UDP' : 'frame'),
});

export const PROTOCOLS: Readonly<Record<Protocol, ProtocolDescriptor>> = { arp: ARP, vxlan: VXLAN, bgp: BGP, tls: TLS, tcp: TCP, dns: DNS, udp: UDP, icmp: ICMP, other: OTHER };

/** The order frames are claimed in: an encapsulation before what it carries, BGP and TLS before the TCP under them. */
export const PROTOCOL_ORDER: readonly Protocol[] = ['arp', 'vxlan', 'bgp', 'tls', 'tcp', 'dns', 'udp', 'icmp', 'other'];

/** The protocol a frame is listed, filtered and coloured as. */
export function frameProtocol(layers: readonly Layer[]): Protocol {
  return PROTOCOL_ORDER.find((p) => PROTOCOLS[p].claims(layers)) ?? 'other';
}

/** The frame's one-line summary (addresses, ports, flags or message, TTL). */
export function frameSummary(layers: readonly Layer[]): string {
  return PROTOCOLS[frameProtocol(layers)].summary(layers);
}

/** The token's label; a VXLAN frame is labelled by what it carries (the envelope says VXLAN). */
export function frameTokenLabel(layers: readonly Layer[]): string {
  return PROTOCOLS[frameProtocol(layers)].tokenLabel(layers);
}

const hex = (n: number, digits: number) => `0x${n.toString(16).padStart(digits, '0')}`;

/** Every layer's title (the codec's name; Wireshark's for Ethernet) and summary, as the inspector shows them. */
export const LAYERS: { readonly [T in LayerType]: LayerDescriptor<T> } = {
  ethernet: { title: 'Ethernet II', summary: (l) => `${l.src} → ${l.dst}${l.vlan ? `, VLAN ${l.vlan.vid}` : ''}` },
  arp: { title: LAYER_NAMES.arp, summary: (l: ArpLayer) => (l.opcode === 1 ? `who has ${l.targetIp}? tell ${l.senderIp}` : `${l.senderIp} is at ${l.senderMac}`) },
  ipv4: { title: LAYER_NAMES.ipv4, summary: (l: Ipv4Layer) => `${l.src} → ${l.dst}, TTL ${l.ttl}` },
  icmp: { title: LAYER_NAMES.icmp, summary: (l: IcmpLayer) => `${l.kind}${l.code ? ` code ${l.code}` : ''}` },
  udp: { title: LAYER_NAMES.udp, summary: (l: UdpLayer) => `port ${l.srcPort} → ${l.dstPort}` },
  tcp: { title: LAYER_NAMES.tcp, summary: (l: TcpLayer) => `port ${l.srcPort} → ${l.dstPort} [${tcpFlagNames(l.flags).join(', ') || 'none'}]` },
  dns: {
    title: LAYER_NAMES.dns,
    summary: (l: DnsLayer) => `${l.response ? 'response' : 'query'} ${l.questions.map((q) => q.name).join(', ')}${l.answers.length ? ` → ${l.answers.map((a) => a.address).join(', ')}` : ''}`,
  },
  vxlan: { title: LAYER_NAMES.vxlan, summary: (l: VxlanLayer) => `VNI ${l.vni}` },
  bgp: { title: LAYER_NAMES.bgp, summary: (l) => l.message.kind.toUpperCase() },
  tls: { title: 'Transport Layer Security', summary: (l: TlsLayer) => `${l.version === 0x0303 ? 'TLS 1.2 record' : `record version ${hex(l.version, 4)}`}: ${tlsRecordText(l)}` },
  raw: { title: LAYER_NAMES.raw, summary: (l) => `${l.data.length} bytes` },
};

/** A layer's title ("Ethernet II", "IPv4"). */
export const layerTitle = (type: LayerType): string => LAYERS[type].title;

/** A layer's one-line summary. */
export function layerSummary(layer: Layer): string {
  return (LAYERS[layer.type] as LayerDescriptor).summary(layer as never);
}

const ETHERTYPES: Record<number, string> = { 0x0800: 'IPv4', 0x0806: 'ARP', 0x8100: '802.1Q' };
const IP_PROTOCOLS: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP' };
const TLS_VERSIONS: Record<number, string> = { 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1', 0x0303: 'TLS 1.2' };
/** The suites Hoplab's client offers and its server picks (IANA TLS Cipher Suites registry). */
export const CIPHER_SUITES: Readonly<Record<number, string>> = {
  0xc030: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  0xc02f: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  0x009d: 'TLS_RSA_WITH_AES_256_GCM_SHA384',
  0x009c: 'TLS_RSA_WITH_AES_128_GCM_SHA256',
  0x003d: 'TLS_RSA_WITH_AES_256_CBC_SHA256',
  0x003c: 'TLS_RSA_WITH_AES_128_CBC_SHA256',
  0x0035: 'TLS_RSA_WITH_AES_256_CBC_SHA',
  0x002f: 'TLS_RSA_WITH_AES_128_CBC_SHA',
};

/** A field's value as text; `field` is a FieldSpan path ('ttl', 'flags.syn', 'questions.0.name'). */
export function formatField(layer: LayerType, field: string, value: unknown, bytes: number): string {
  if (typeof value === 'boolean') return value ? 'Set' : 'Not set';
  if (value instanceof Uint8Array) return bytesText(value);
  if (typeof value === 'number') {
    const name = field.split('.').pop() ?? field;
    if (name === 'etherType' || name === 'tpid') return `${hex(value, 4)}${ETHERTYPES[value] ? ` (${ETHERTYPES[value]})` : ''}`;
    if (layer === 'ipv4' && name === 'protocol') return `${value}${IP_PROTOCOLS[value] ? ` (${IP_PROTOCOLS[value]})` : ''}`;
    if (layer === 'dns' && name === 'rcode') return `${value} (${rcodeRegistryName(value) ?? 'unassigned'})`;
    if (layer === 'tls' && name === 'contentType') return `${value}${CONTENT_TYPES[value] ? ` (${CONTENT_TYPES[value]})` : ''}`;
    if (layer === 'tls' && name === 'version') return `${hex(value, 4)}${TLS_VERSIONS[value] ? ` (${TLS_VERSIONS[value]})` : ''}`;
    if (layer === 'tls' && name === 'cipherSuite') return `${hex(value, 4)}${CIPHER_SUITES[value] ? ` (${CIPHER_SUITES[value]})` : ''}`;
    if (/checksum|identification|^flags$|marker|protocolType|hardwareType/i.test(name)) return hex(value, Math.max(2, bytes * 2));
    return String(value);
  }
  if (typeof value === 'string') return value;
  return '';
}

/** Bytes as spaced hex, cut after `max` with the full length said. */
export function bytesText(b: Uint8Array, max = 24): string {
  const shown = Array.from(b.subarray(0, max), (x) => x.toString(16).padStart(2, '0')).join(' ');
  return b.length > max ? `${shown} … (${b.length} bytes)` : shown;
}

/** A value from a layer diff (text of a number, boolean or string), written as formatField writes it. */
export function formatWas(layer: LayerType, field: string, before: string, bytes: number): string {
  if (before === 'true' || before === 'false') return formatField(layer, field, before === 'true', bytes);
  if (/^\d+$/.test(before)) return formatField(layer, field, Number(before), bytes);
  return before;
}
