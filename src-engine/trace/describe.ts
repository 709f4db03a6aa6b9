// One-line, human-readable descriptions of frames, decoded from their bytes: what the event list,
// the transmission list and the pcapng comments show.
import type { BgpMessage, Layer } from '../packets/layers';
import type { Protocol } from '../protocol';
import { decodePacket, standalone } from '../net/codec';
import { capabilityText } from '../packets/bgpOpen';

/** The frame's layers (decoding copies every byte array it returns, so they share nothing with `bytes`). */
export function decodeLayers(bytes: Uint8Array): readonly Layer[] {
  const d = decodePacket(bytes);
  return d.ok ? d.value.layers : [{ type: 'raw', data: standalone(bytes) }];
}

export function describeFrame(bytes: Uint8Array): { protocol: Protocol; summary: string } {
  return describeLayers(decodeLayers(bytes));
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

/** ", capabilities MP IPv4 unicast, route refresh": what an OPEN offers, or nothing when it offers none. */
function openCapabilities(m: Extract<BgpMessage, { kind: 'open' }>): string {
  const caps = (m.optionalParameters ?? []).flatMap((p) => (p.type === 'capabilities' ? p.capabilities.map(capabilityText) : []));
  return caps.length ? `, capabilities ${caps.join(', ')}` : '';
}

function tcpFlagText(l: Extract<Layer, { type: 'tcp' }>): string {
  const f = l.flags;
  const names = [f.syn && 'SYN', f.fin && 'FIN', f.rst && 'RST', f.psh && 'PSH', f.ack && 'ACK'].filter(Boolean);
  return names.join('/');
}

/** Protocol and summary of a decoded frame, describing the innermost interesting layer. */
export function describeLayers(layers: readonly Layer[]): { protocol: Protocol; summary: string } {
  const arp = layers.find((l) => l.type === 'arp');
  if (arp && arp.type === 'arp') {
    return arp.opcode === 1
      ? { protocol: 'arp', summary: `ARP who has ${arp.targetIp}? tell ${arp.senderIp}` }
      : { protocol: 'arp', summary: `ARP ${arp.senderIp} is at ${arp.senderMac}` };
  }
  const vxlanAt = layers.findIndex((l) => l.type === 'vxlan');
  if (vxlanAt >= 0) {
    const vx = layers[vxlanAt] as Extract<Layer, { type: 'vxlan' }>;
    const outer = layers.find((l) => l.type === 'ipv4');
    const inner = describeLayers(layers.slice(vxlanAt + 1));
    const outerText = outer && outer.type === 'ipv4' ? `${outer.src} -> ${outer.dst} ` : '';
    return { protocol: 'vxlan', summary: `VXLAN ${outerText}VNI ${vx.vni} [${inner.summary}]` };
  }
  const ip = layers.find((l) => l.type === 'ipv4');
  if (!ip || ip.type !== 'ipv4') return { protocol: 'other', summary: `frame of ${layers.length} layer(s)` };
  const ttl = ` TTL ${ip.ttl}`;
  const bgp = layers.filter((l) => l.type === 'bgp');
  const tcp = layers.find((l) => l.type === 'tcp');
  if (tcp && tcp.type === 'tcp') {
    const base = `${ip.src}:${tcp.srcPort} -> ${ip.dst}:${tcp.dstPort} TCP ${tcpFlagText(tcp)}`;
    if (bgp.length > 0) return { protocol: 'bgp', summary: `${base} ${bgp.map((b) => (b.type === 'bgp' ? bgpText(b.message) : '')).join(' + ')}` };
    return { protocol: tcp.srcPort === 179 || tcp.dstPort === 179 ? 'bgp' : 'tcp', summary: `${base}${ttl}` };
  }
  const dns = layers.find((l) => l.type === 'dns');
  const udp = layers.find((l) => l.type === 'udp');
  if (dns && dns.type === 'dns' && udp && udp.type === 'udp') {
    const q = dns.questions[0]?.name ?? '?';
    const text = dns.response
      ? `DNS response ${q} ${dns.answers.length ? `A ${dns.answers.map((a) => a.address).join(', ')}` : `rcode ${dns.rcode}`}`
      : `DNS query A ${q}`;
    return { protocol: 'dns', summary: `${ip.src}:${udp.srcPort} -> ${ip.dst}:${udp.dstPort} ${text}${ttl}` };
  }
  if (udp && udp.type === 'udp') return { protocol: 'udp', summary: `${ip.src}:${udp.srcPort} -> ${ip.dst}:${udp.dstPort} UDP${ttl}` };
  const icmp = layers.find((l) => l.type === 'icmp');
  if (icmp && icmp.type === 'icmp') return { protocol: 'icmp', summary: `${ip.src} -> ${ip.dst} ICMP ${icmp.kind}${icmp.code ? ` code ${icmp.code}` : ''}${ttl}` };
  return { protocol: 'other', summary: `${ip.src} -> ${ip.dst} IP protocol ${ip.protocol}${ttl}` };
}
