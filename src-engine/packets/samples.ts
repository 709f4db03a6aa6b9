// The POC network's canonical first flow as layer stacks: ClientVM resolves its gateway and the portal, MuxVM
// announces the VIP to BGPVM, the portal SYN is load-balanced through VXLAN, the SYN-ACK returns. Known-good
// inputs for tests, the benchmark and the tshark proof. Addresses and MACs follow scenarios/poc.ts.
import type { BgpMessage, EthernetLayer, Ipv4Layer, Layer, TcpFlags, TcpLayer } from './layers';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, IPPROTO_TCP, IPPROTO_UDP, VXLAN_FLAGS_VNI } from './layers';
import { encodePacket } from './encode';
import { vxlanSourcePort } from './vxlanSourcePort';

export const MAC = {
  client: '00:15:5d:c8:00:0a',
  natInside: '00:15:5d:c8:00:01',
  bgpTransit: '00:15:5d:c8:00:02',
  bgpMgmt: '00:15:5d:64:00:01',
  muxMgmt: '00:15:5d:64:00:06',
  muxPa: '00:15:5d:e9:00:06',
  hostPa: '00:15:5d:e9:00:15',
  portal: '00:15:5d:64:00:09',
  broadcast: 'ff:ff:ff:ff:ff:ff',
  zero: '00:00:00:00:00:00',
} as const;

export const IP = {
  client: '192.168.200.10',
  natInside: '192.168.200.1',
  ad: '192.168.100.2',
  bgp: '192.168.100.1',
  mux: '192.168.100.6',
  muxPa: '192.168.233.6',
  hostPa: '192.168.233.21',
  vip: '192.168.133.74',
  vip2: '192.168.133.1',
} as const;

export const AS_MUX = 64628;
export const AS_BGPVM = 64647;
export const VNI = 4096;
/** Windows starts every TTL at 128; each router on the way takes one off. */
export const TTL_WINDOWS = 128;

export const CLIENT_PORT = 49731;
export const CLIENT_ISN = 0x3b9a_ca07;
export const PORTAL_ISN = 0x7f1e_2d40;
const DNS_CLIENT_PORT = 58017;
const DNS_ID = 0x6a1f;
const BGP_MUX_PORT = 49800;
const BGP_MUX_ISN = 0x0012_d687;
const BGP_PEER_ISN = 0x4c6f_a9e1;

const NO_FLAGS: TcpFlags = { fin: false, syn: false, rst: false, psh: false, ack: false, urg: false, ece: false, cwr: false };

export function eth(src: string, dst: string, etherType = ETHERTYPE_IPV4): EthernetLayer {
  return { type: 'ethernet', dst, src, etherType };
}

export function ipv4(src: string, dst: string, protocol: number, identification: number, ttl = TTL_WINDOWS): Ipv4Layer {
  return { type: 'ipv4', dscp: 0, ecn: 0, identification, dontFragment: protocol === IPPROTO_TCP, moreFragments: false, fragmentOffset: 0, ttl, protocol, src, dst };
}

function tcp(srcPort: number, dstPort: number, seq: number, ack: number, flags: Partial<TcpFlags>, mss?: number): TcpLayer {
  const base = { type: 'tcp' as const, srcPort, dstPort, seq, ack, flags: { ...NO_FLAGS, ...flags }, window: 64240, urgentPointer: 0 };
  return mss === undefined ? base : { ...base, mss };
}

export function arpRequest(): Layer[] {
  return [
    eth(MAC.client, MAC.broadcast, ETHERTYPE_ARP),
    { type: 'arp', hardwareType: 1, protocolType: ETHERTYPE_IPV4, opcode: 1, senderMac: MAC.client, senderIp: IP.client, targetMac: MAC.zero, targetIp: IP.natInside },
  ];
}

export function arpReply(): Layer[] {
  return [
    eth(MAC.natInside, MAC.client, ETHERTYPE_ARP),
    { type: 'arp', hardwareType: 1, protocolType: ETHERTYPE_IPV4, opcode: 2, senderMac: MAC.natInside, senderIp: IP.natInside, targetMac: MAC.client, targetIp: IP.client },
  ];
}

const QUESTION = { name: 'portal.azurestack.local', qtype: 1, qclass: 1 };

/** ClientVM asks ADVM, through its gateway NATVM. */
export function dnsQuery(): Layer[] {
  return [
    eth(MAC.client, MAC.natInside),
    ipv4(IP.client, IP.ad, IPPROTO_UDP, 0x2c01),
    { type: 'udp', srcPort: DNS_CLIENT_PORT, dstPort: 53 },
    { type: 'dns', id: DNS_ID, response: false, opcode: 0, authoritative: false, truncated: false, recursionDesired: true, recursionAvailable: false, rcode: 0, questions: [QUESTION], answers: [] },
  ];
}

/** ADVM answers; BGPVM has an arm on the client's network, so the answer comes straight from it (one hop). */
export function dnsResponse(): Layer[] {
  return [
    eth(MAC.bgpTransit, MAC.client),
    ipv4(IP.ad, IP.client, IPPROTO_UDP, 0x0b5e, TTL_WINDOWS - 1),
    { type: 'udp', srcPort: 53, dstPort: DNS_CLIENT_PORT },
    {
      type: 'dns', id: DNS_ID, response: true, opcode: 0, authoritative: true, truncated: false, recursionDesired: true, recursionAvailable: true, rcode: 0,
      questions: [QUESTION],
      answers: [{ name: QUESTION.name, rtype: 1, rclass: 1, ttl: 3600, address: IP.vip }],
    },
  ];
}

export const BGP_OPEN_MUX: BgpMessage = { kind: 'open', version: 4, myAs: AS_MUX, holdTime: 180, bgpIdentifier: IP.mux };
export const BGP_OPEN_PEER: BgpMessage = { kind: 'open', version: 4, myAs: AS_BGPVM, holdTime: 180, bgpIdentifier: IP.bgp };
export const BGP_KEEPALIVE: BgpMessage = { kind: 'keepalive' };
export const BGP_UPDATE_VIPS: BgpMessage = {
  kind: 'update',
  withdrawn: [],
  attributes: { origin: 0, asPath: [AS_MUX], nextHop: IP.mux },
  nlri: [`${IP.vip}/32`, `${IP.vip2}/32`],
};

/**
 * The BGP session's segments in order, as seen on MuxVM's management NIC after the TCP handshake:
 * each side's OPEN, each side's KEEPALIVE, then MuxVM's UPDATE. Sequence numbers follow the bytes sent.
 */
export function bgpSession(): Layer[][] {
  let muxSeq = BGP_MUX_ISN + 1;
  let peerSeq = BGP_PEER_ISN + 1;
  const size = (message: BgpMessage) => encodePacket([{ type: 'bgp', message }]).length;
  const fromMux = (message: BgpMessage, id: number): Layer[] => {
    const l: Layer[] = [eth(MAC.muxMgmt, MAC.bgpMgmt), ipv4(IP.mux, IP.bgp, IPPROTO_TCP, id), tcp(BGP_MUX_PORT, 179, muxSeq, peerSeq, { psh: true, ack: true }), { type: 'bgp', message }];
    muxSeq += size(message);
    return l;
  };
  const fromPeer = (message: BgpMessage, id: number): Layer[] => {
    const l: Layer[] = [eth(MAC.bgpMgmt, MAC.muxMgmt), ipv4(IP.bgp, IP.mux, IPPROTO_TCP, id), tcp(179, BGP_MUX_PORT, peerSeq, muxSeq, { psh: true, ack: true }), { type: 'bgp', message }];
    peerSeq += size(message);
    return l;
  };
  return [
    fromMux(BGP_OPEN_MUX, 0x1101),
    fromPeer(BGP_OPEN_PEER, 0x5201),
    fromMux(BGP_KEEPALIVE, 0x1102),
    fromPeer(BGP_KEEPALIVE, 0x5202),
    fromMux(BGP_UPDATE_VIPS, 0x1103),
  ];
}

/** The portal SYN as ClientVM sends it, to its gateway NATVM. */
export function synAtClient(): Layer[] {
  return [eth(MAC.client, MAC.natInside), ipv4(IP.client, IP.vip, IPPROTO_TCP, 0x2c02), tcp(CLIENT_PORT, 443, CLIENT_ISN, 0, { syn: true }, 1460)];
}

/** The same SYN reaching MuxVM: NATVM and BGPVM (which learned the VIP from MuxVM) each routed it once. */
export function synAtMux(): Layer[] {
  return [eth(MAC.bgpMgmt, MAC.muxMgmt), ipv4(IP.client, IP.vip, IPPROTO_TCP, 0x2c02, TTL_WINDOWS - 2), tcp(CLIENT_PORT, 443, CLIENT_ISN, 0, { syn: true }, 1460)];
}

/**
 * MuxVM's VXLAN packet to the DIP's host: the inner frame is the SYN as it arrived, its destination MAC now the
 * DIP's (PortalVM); the outer UDP source port comes from the inner flow's hash; no outer UDP checksum.
 */
export function vxlanSyn(): Layer[] {
  const [, innerIp, innerTcp] = synAtMux();
  const inner: Layer[] = [eth(MAC.bgpMgmt, MAC.portal), innerIp!, innerTcp!];
  return [
    eth(MAC.muxPa, MAC.hostPa),
    ipv4(IP.muxPa, IP.hostPa, IPPROTO_UDP, 0x1104),
    { type: 'udp', srcPort: vxlanSourcePort(encodePacket(inner)), dstPort: 4789, checksum: 0 },
    { type: 'vxlan', flags: VXLAN_FLAGS_VNI, vni: VNI },
    ...inner,
  ];
}

/** PortalVM's SYN-ACK after the host's VFP turned its source DIP back into the VIP; BGPVM routes it to the client. */
export function synAckAtClient(): Layer[] {
  return [
    eth(MAC.bgpTransit, MAC.client),
    ipv4(IP.vip, IP.client, IPPROTO_TCP, 0x0e21, TTL_WINDOWS - 1),
    tcp(443, CLIENT_PORT, PORTAL_ISN, (CLIENT_ISN + 1) >>> 0, { syn: true, ack: true }, 1460),
  ];
}
