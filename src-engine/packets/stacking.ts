// Which layer may follow which: the decoder's dispatch rules, checked when encoding so that a stack of typed
// layers decodes back to itself. A stack may start with any layer (a hex view may decode from IPv4 on), and a
// raw layer may follow any layer: it is bytes the caller already has (an inner frame to wrap in VXLAN, an IP
// packet to put in a new frame), and decodes as whatever those bytes are.
import { tcpPayloadType } from './tcp';
import { udpPayloadType } from './udp';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Layer } from './layers';

export function checkFollows(prev: Layer | undefined, l: Layer, index: number): void {
  if (prev === undefined || l.type === 'raw') return;
  const problem = mismatch(prev, l);
  if (problem !== undefined) throw new Error(`encodePacket: layer ${index} (${l.type}) cannot follow ${prev.type}: ${problem}`);
}

function mismatch(prev: Layer, l: Layer): string | undefined {
  switch (prev.type) {
    case 'ethernet':
      if (prev.etherType === ETHERTYPE_IPV4) return l.type === 'ipv4' ? undefined : 'its etherType is 0x0800 (IPv4)';
      if (prev.etherType === ETHERTYPE_ARP) return l.type === 'arp' ? undefined : 'its etherType is 0x0806 (ARP)';
      return `etherType 0x${prev.etherType.toString(16)} carries raw data`;
    case 'ipv4': {
      if (prev.moreFragments || prev.fragmentOffset !== 0) return 'a fragment carries raw data';
      const want = prev.protocol === IPPROTO_TCP ? 'tcp' : prev.protocol === IPPROTO_UDP ? 'udp' : prev.protocol === IPPROTO_ICMP ? 'icmp' : 'raw';
      return l.type === want ? undefined : `its protocol ${prev.protocol} carries ${want}`;
    }
    case 'udp': {
      const want = udpPayloadType(prev.srcPort, prev.dstPort);
      return l.type === want ? undefined : `ports ${prev.srcPort} -> ${prev.dstPort} carry ${want}`;
    }
    case 'tcp': {
      const want = tcpPayloadType(prev.srcPort, prev.dstPort);
      return l.type === want ? undefined : `ports ${prev.srcPort} -> ${prev.dstPort} carry ${want}`;
    }
    case 'icmp':
      return 'ICMP carries raw data (echo data or the quoted datagram)';
    case 'vxlan':
      return l.type === 'ethernet' ? undefined : 'VXLAN carries an Ethernet frame';
    case 'dns':
      return 'only raw bytes may follow a DNS message';
    case 'bgp':
      return l.type === 'bgp' ? undefined : 'only another BGP message may follow a BGP message';
    case 'tls':
      return l.type === 'tls' ? undefined : 'only another TLS record (or raw bytes) may follow a TLS record';
    case 'arp':
      return 'nothing follows ARP; put padding in the Ethernet trailer';
    case 'raw':
      return 'only more raw data may follow raw data';
  }
}
