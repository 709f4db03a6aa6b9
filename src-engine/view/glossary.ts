// The words of the engine's sentences that a student may not know, each with a plain explanation and its
// standard, and the one function that says which spans of a sentence are such words. The page draws the
// spans (a term it can open); it never decides what a term is. Pure and zod-free; the page loads it with
// the first run (the event list, the Why, the inspector), never with the first screen.

import { TABLE_COLUMNS } from './deviceTables';
import { MARK_SHORT, MARKS, type Mark, type Provenance } from './provenance';

/** One word explained: its full name, one or two plain sentences, and the document that defines it. */
export interface GlossEntry {
  /** What the letters stand for, or the word itself: "Retransmission timeout". */
  readonly name: string;
  /** One or two sentences a student can read. */
  readonly says: string;
  /** The standard that defines it, as cited: "RFC 6298", "IEEE 802.1Q". */
  readonly standard?: string;
}

const rfc = (n: number) => `RFC ${n}`;

/** Every term the engine's sentences use, by the spelling they use. */
export const GLOSSARY: Readonly<Record<string, GlossEntry>> = {
  // Addresses and links
  MAC: { name: 'Media access control address', says: 'The 6-byte hardware address of a network interface, written 00:15:5d:64:00:06. Ethernet frames are addressed to it.', standard: 'IEEE 802' },
  ARP: { name: 'Address Resolution Protocol', says: 'A device asks its network "who has this IPv4 address?" and the owner answers with its MAC address, so the frame can be addressed to it.', standard: rfc(826) },
  VLAN: { name: 'Virtual LAN', says: 'A number tagged on Ethernet frames that keeps several networks apart on one switch: a port in VLAN 1001 only hears VLAN 1001.', standard: 'IEEE 802.1Q' },
  MTU: { name: 'Maximum transmission unit', says: 'The largest packet a network carries in one frame, in bytes (1500 on Ethernet).', standard: rfc(894) },
  'on-link': { name: 'On-link route', says: 'A route with no router to go through: the destination is on the network of the interface named, so the packet goes straight to it.', standard: rfc(1812) },
  // IP
  IP: { name: 'Internet Protocol', says: 'The layer that carries a packet from one address to another, router by router.', standard: rfc(791) },
  IPv4: { name: 'Internet Protocol version 4', says: 'The layer that carries a packet from one 32-bit address (four numbers, like 192.168.100.6) to another, router by router.', standard: rfc(791) },
  IPv6: { name: 'Internet Protocol version 6', says: 'The newer IP, with 128-bit addresses. This lab uses IPv4 only.', standard: rfc(8200) },
  TTL: { name: 'Time to live', says: 'A count in every IPv4 packet that each router lowers by one. At 0 the packet is thrown away, so a packet caught in a loop cannot circle forever.', standard: rfc(791) },
  ICMP: { name: 'Internet Control Message Protocol', says: "The messages routers and hosts send about IP itself: 'destination unreachable', 'time exceeded', and ping's echo.", standard: rfc(792) },
  'time-exceeded': { name: 'ICMP time exceeded', says: "The message a router sends back to the sender when a packet's TTL reaches 0 there.", standard: rfc(792) },
  'equal-cost': { name: 'Equal-cost routes', says: 'Several routes to the same destination, equally good. The router spreads flows over them by a hash of each flow, so one flow always takes the same one.', standard: rfc(2992) },
  ECMP: { name: 'Equal-cost multipath', says: 'Several routes to the same destination, equally good. The router spreads flows over them by a hash of each flow, so one flow always takes the same one.', standard: rfc(2992) },
  NAT: { name: 'Network address translation', says: 'A router rewrites the addresses (and ports) of packets passing through it, and rewrites the answers back.', standard: rfc(3022) },
  SNAT: { name: 'Source NAT', says: "Address translation of the sender's address: the packet leaves with the router's address as its source.", standard: rfc(3022) },
  // Transport
  TCP: { name: 'Transmission Control Protocol', says: 'A reliable connection between two ports: opened by a handshake (SYN, SYN-ACK, ACK), every byte acknowledged, lost segments sent again.', standard: rfc(9293) },
  UDP: { name: 'User Datagram Protocol', says: 'Single messages between two ports, with no connection and no retries.', standard: rfc(768) },
  SYN: { name: 'Synchronize', says: 'The TCP flag that asks to open a connection: the first packet of the handshake.', standard: rfc(9293) },
  'SYN-ACK': { name: 'Synchronize-acknowledge', says: "The server's answer to a SYN: it agrees to open the connection. The client's ACK completes the handshake.", standard: rfc(9293) },
  ACK: { name: 'Acknowledgement', says: 'The TCP flag that says which bytes have arrived so far.', standard: rfc(9293) },
  RST: { name: 'Reset', says: 'The TCP flag that ends a connection at once, or refuses one.', standard: rfc(9293) },
  FIN: { name: 'Finish', says: 'The TCP flag that says the sender has no more data. Each side sends one to close the connection.', standard: rfc(9293) },
  PSH: { name: 'Push', says: 'The TCP flag that asks the receiver to hand the data to the application now.', standard: rfc(9293) },
  MSS: { name: 'Maximum segment size', says: 'The most data one TCP segment may carry, told by each side in the handshake.', standard: rfc(9293) },
  RTO: { name: 'Retransmission timeout', says: 'How long TCP waits for an acknowledgement before it sends a segment again. It doubles after each try.', standard: rfc(6298) },
  'half-open': { name: 'Half-open connection', says: 'A TCP connection whose handshake was never finished: a health probe only needs the SYN-ACK, then resets it.', standard: rfc(9293) },
  'FIN_WAIT': { name: 'FIN-WAIT state', says: 'A TCP connection that has sent its FIN and waits for the other side to close too.', standard: rfc(9293) },
  TcpMaxConnectRetransmissions: { name: 'TcpMaxConnectRetransmissions', says: 'A Windows setting: how many times TCP sends a SYN again before it gives up connecting.' },
  TcpMaxDataRetransmissions: { name: 'TcpMaxDataRetransmissions', says: 'A Windows setting: how many times TCP sends data again before it gives up on the connection.' },
  TcpAckFrequency: { name: 'TcpAckFrequency', says: 'A Windows setting: acknowledge every that-many data segments at once instead of each one.' },
  // Names and the web
  DNS: { name: 'Domain Name System', says: 'Turns a name like portal.azurestack.local into an address. Here ADVM answers for the zone azurestack.local.', standard: rfc(1035) },
  zone: { name: 'DNS zone', says: 'The names a DNS server is in charge of, all ending in one domain name: it answers for them from its own records, without asking another server.', standard: rfc(1035) },
  AAAA: { name: 'AAAA record', says: 'The DNS record that holds an IPv6 address (an A record holds an IPv4 one).', standard: rfc(3596) },
  SOA: { name: 'Start of authority', says: "The DNS record that names a zone's main server and its timers. An answer that has no address carries it.", standard: rfc(1035) },
  NOERROR: { name: 'NOERROR', says: 'DNS answer code 0: the server found no problem with the question.', standard: rfc(1035) },
  NXDOMAIN: { name: 'NXDOMAIN', says: 'DNS answer code 3: no such name exists.', standard: rfc(1035) },
  REFUSED: { name: 'REFUSED', says: 'DNS answer code 5: the server will not answer this question for this asker.', standard: rfc(1035) },
  SERVFAIL: { name: 'SERVFAIL', says: 'DNS answer code 2: the server failed to find the answer.', standard: rfc(1035) },
  HTTPS: { name: 'HTTP over TLS', says: 'Web traffic, encrypted, to TCP port 443.', standard: rfc(9110) },
  TLS: { name: 'Transport Layer Security', says: 'Encrypts a TCP connection. It starts with a handshake of hellos in which the two sides agree on keys.', standard: rfc(5246) },
  ClientHello: { name: 'ClientHello', says: "The client's first TLS message: the name it wants and the ciphers it can use.", standard: rfc(5246) },
  ServerHello: { name: 'ServerHello', says: "The server's first TLS answer: the cipher it picked.", standard: rfc(5246) },
  ServerHelloDone: { name: 'ServerHelloDone', says: "Ends the server's first TLS flight (hello and certificate): now the client sends its keys.", standard: rfc(5246) },
  server_name: { name: 'The server_name extension', says: 'The part of a ClientHello that carries the SNI: the name of the site the client wants.', standard: rfc(6066) },
  SNI: { name: 'Server Name Indication', says: 'The name the client asks for, sent in the ClientHello, so one address can serve several sites.', standard: rfc(6066) },
  TLS_RSA_WITH_AES_128_GCM_SHA256: { name: 'A TLS 1.2 cipher suite', says: 'Keys exchanged with RSA, data encrypted with AES-128 in GCM mode, SHA-256 for the key schedule.', standard: rfc(5288) },
  // BGP
  BGP: { name: 'Border Gateway Protocol', says: 'Routers tell their peers which address ranges they can reach, over a TCP connection to port 179. Here the MUX announces the VIPs to BGPVM.', standard: rfc(4271) },
  AS: { name: 'Autonomous system', says: "A network run by one party, known in BGP by its number (64628 is the MUXes', 64647 BGPVM's).", standard: rfc(4271) },
  ASN: { name: 'Autonomous system number', says: 'The number that names a network (an AS) in BGP.', standard: rfc(4271) },
  OPEN: { name: 'BGP OPEN', says: 'The first BGP message on a new connection: each side says its AS, its hold time and what it supports.', standard: rfc(4271) },
  UPDATE: { name: 'BGP UPDATE', says: 'The BGP message that announces routes (address ranges and where to send them) or withdraws them.', standard: rfc(4271) },
  KEEPALIVE: { name: 'BGP KEEPALIVE', says: "A small BGP message sent every third of the hold time to say 'I am still here'.", standard: rfc(4271) },
  NOTIFICATION: { name: 'BGP NOTIFICATION', says: 'The BGP message that reports an error and closes the session.', standard: rfc(4271) },
  OpenSent: { name: 'OpenSent', says: 'A BGP session state: this side has sent its OPEN and waits for the peer\'s.', standard: rfc(4271) },
  OpenConfirm: { name: 'OpenConfirm', says: 'A BGP session state: both OPENs are exchanged; a KEEPALIVE from the peer makes the session Established.', standard: rfc(4271) },
  'hold time': { name: 'Hold time', says: 'How long a BGP speaker waits without hearing from its peer before it declares the session down and drops its routes.', standard: rfc(4271) },
  'hold timer': { name: 'Hold timer', says: 'Counts down the hold time; any message from the peer restarts it. If it runs out, the session goes down.', standard: rfc(4271) },
  NLRI: { name: 'Network layer reachability information', says: 'The part of a BGP UPDATE that lists the address ranges it announces: the routes the sender offers.', standard: rfc(4271) },
  NEXT_HOP: { name: 'NEXT_HOP attribute', says: 'The part of a BGP UPDATE that gives the address to send traffic for the announced ranges to.', standard: rfc(4271) },
  MP: { name: 'Multiprotocol extensions', says: 'A BGP capability that says which kinds of address a speaker carries: here IPv4 unicast.', standard: rfc(4760) },
  'route refresh': { name: 'Route refresh', says: 'A BGP capability: a speaker may ask its peer to send all its routes again.', standard: rfc(2918) },
  '4-octet AS': { name: 'Four-octet AS numbers', says: 'A BGP capability (number 65) for AS numbers above 65535.', standard: rfc(6793) },
  DelayOpen: { name: 'DelayOpen', says: "An optional BGP timer: wait a while after the TCP connection is up before sending OPEN. It is off by default.", standard: rfc(4271) },
  TcpConnectionConfirmed: { name: 'TcpConnectionConfirmed', says: "The BGP state machine's event for 'the TCP connection is up'.", standard: rfc(4271) },
  BFD: { name: 'Bidirectional Forwarding Detection', says: "A fast hello between neighbours that notices a dead one in under a second, long before BGP's hold timer would.", standard: rfc(5880) },
  // The load balancer and the host
  VIP: { name: 'Virtual IP address', says: 'The address clients use for a load-balanced service. It is on no interface: BGP routes it to the MUX.' },
  DIP: { name: 'Dynamic IP address', says: 'The real address of a VM behind a VIP. The MUX picks one DIP for each new connection.' },
  PA: { name: 'Provider address', says: "An address on the physical network that carries VXLAN between the MUX and the hosts, beneath the VMs' own addresses." },
  MUX: { name: 'Multiplexer', says: "The load balancer's VM: it announces the VIPs over BGP, picks a DIP for each connection and wraps the packet in VXLAN to that DIP's host." },
  SLB: { name: 'Software Load Balancer', says: "Microsoft's SDN load balancer: the MUXes, a host agent on each host, and the SLB manager in the Network Controller." },
  VFP: { name: 'Virtual Filtering Platform', says: "The Hyper-V switch's rule engine on each host: it unwraps VXLAN, rewrites addresses, and keeps an entry for each flow." },
  VXLAN: { name: 'Virtual Extensible LAN', says: 'A whole Ethernet frame carried inside a UDP packet (port 4789) between two provider addresses, so a virtual network runs over a physical one.', standard: rfc(7348) },
  VNI: { name: 'VXLAN network identifier', says: 'The number in the VXLAN header that says which virtual network the inner frame belongs to.', standard: rfc(7348) },
  DSR: { name: 'Direct Server Return', says: "The answer goes from the DIP's host straight back to the client, with the VIP as its source: it never passes the MUX." },
  'Direct Server Return': { name: 'Direct Server Return', says: "The answer goes from the DIP's host straight back to the client, with the VIP as its source: it never passes the MUX." },
  '5-tuple': { name: 'Five-tuple', says: "The five values that tell one flow from another: source and destination address, source and destination port, and the protocol." },
  '5-tuple hash': { name: 'Five-tuple hash', says: "A number computed from a flow's five identifiers: source and destination address, source and destination port, protocol. The same flow always gives the same number, so all its packets get the same choice." },
  'flow hash': { name: 'Flow hash', says: "A number computed from a flow's addresses, ports and protocol. The same flow always gives the same number, so all its packets take the same route." },
  // Windows, Microsoft and the lab
  'Hyper-V': { name: 'Hyper-V', says: "Microsoft's hypervisor: it runs the VMs on the host, and its virtual switch connects them." },
  VM: { name: 'Virtual machine', says: 'A computer run as software on a physical host, with its own network cards and addresses.' },
  TP1: { name: 'Technical Preview 1', says: 'The first preview of Microsoft Azure Stack (2016), the release this lab models.' },
  KB: { name: 'Knowledge Base article', says: 'A numbered Microsoft support article (KB 949589 describes how Windows ages ARP entries).' },
  UInt32: { name: 'Unsigned 32-bit number', says: 'A whole number from 0 to 4,294,967,295.' },
  RFC: { name: 'Request for Comments', says: "The numbered documents that define the internet's standards, such as RFC 4271 for BGP." },
};

/**
 * The BGP session states that are also English words, explained only where a sentence names a state: beside the
 * arrow of a change ("Idle -> Connect") or as a session's state ("BGP session with 192.168.100.1 (AS 64647) Idle:").
 */
export const BGP_STATE_WORDS: Readonly<Record<string, GlossEntry>> = {
  Idle: { name: 'Idle (BGP state)', says: 'The session is stopped: no connection, and none tried until its timer or an operator starts it.', standard: rfc(4271) },
  Connect: { name: 'Connect (BGP state)', says: 'This side is opening the TCP connection to its peer.', standard: rfc(4271) },
  Active: { name: 'Active (BGP state)', says: "This side waits for its peer to open the TCP connection (or will try again when its ConnectRetry timer fires).", standard: rfc(4271) },
  Established: { name: 'Established (BGP state)', says: 'The session is up: the two routers exchange routes (UPDATEs) and KEEPALIVEs.', standard: rfc(4271) },
};

/** Other spellings the sentences use (plurals, a flag pair), with the entry they mean. */
export const GLOSS_ALIASES: Readonly<Record<string, string>> = {
  SYNs: 'SYN',
  ACKs: 'ACK',
  RSTs: 'RST',
  'FIN-ACK': 'FIN',
  DIPs: 'DIP',
  VIPs: 'VIP',
  PAs: 'PA',
  MUXes: 'MUX',
  VMs: 'VM',
  KEEPALIVEs: 'KEEPALIVE',
  UPDATEs: 'UPDATE',
  ASNs: 'ASN',
  'FIN-WAIT': 'FIN_WAIT',
  FIN_WAIT_1: 'FIN_WAIT',
  FIN_WAIT_2: 'FIN_WAIT',
};

/** What the RFCs the engine cites are about, by number. */
export const RFC_TITLES: Readonly<Record<number, string>> = {
  768: 'UDP',
  791: 'Internet Protocol (IPv4)',
  792: 'ICMP',
  793: 'TCP (the original specification)',
  826: 'ARP',
  894: 'IPv4 over Ethernet',
  919: 'IPv4 broadcast',
  1035: 'DNS',
  1112: 'IPv4 multicast',
  1122: 'what every internet host must do',
  1191: 'path MTU discovery',
  1624: "updating an IPv4 header's checksum",
  1812: 'what every IPv4 router must do',
  2308: 'negative caching of DNS answers',
  2918: 'BGP route refresh',
  2992: 'equal-cost multipath',
  3022: 'network address translation',
  3596: 'DNS for IPv6 (AAAA records)',
  4271: 'BGP-4, the Border Gateway Protocol',
  4760: 'BGP multiprotocol extensions',
  4861: 'IPv6 neighbour discovery',
  5246: 'TLS 1.2',
  5288: 'AES-GCM cipher suites for TLS',
  5508: 'NAT behaviour for ICMP',
  5681: "TCP's congestion control",
  5746: 'TLS renegotiation',
  5771: 'IPv4 multicast address assignments',
  5880: 'BFD, Bidirectional Forwarding Detection',
  6066: 'TLS extensions (SNI)',
  6298: "TCP's retransmission timer",
  6793: 'four-octet AS numbers in BGP',
  6895: 'DNS parameters (answer codes)',
  7348: 'VXLAN',
  7685: 'the TLS padding extension',
  8200: 'IPv6',
  9110: 'HTTP',
  9293: 'TCP',
};

/** The numbered sources the lab's network facts cite (S2 ... S20), as the reference lists them. */
export const SOURCES: Readonly<Record<string, { readonly title: string; readonly standard?: string }>> = {
  S2: { title: 'Microsoft Azure Stack TP1 documentation: deployment prerequisites (2016)' },
  S3: { title: 'Microsoft Azure Stack TP1 documentation: troubleshooting (2016)' },
  S4: { title: 'Microsoft Azure Stack TP1 documentation: multiple VPN users (2016)' },
  S5: { title: 'Microsoft Azure Stack TP1 documentation: POC architecture (2016)' },
  S6: { title: 'Microsoft Azure Stack TP1 documentation: connect to Azure Stack (2016)' },
  S7: { title: 'Microsoft Azure Stack TP1 documentation: run the deployment script (2016)' },
  S8: { title: 'B. Gelens, "Adding CentOS 7 to Azure Stack TP1" (2016)' },
  S10: { title: 'Microsoft, "Software Load Balancing (SLB) for SDN", Windows Server 2016 documentation' },
  S11: { title: 'Microsoft, "Software Load Balancer (SLB) for SDN in Azure Stack HCI"' },
  S12: { title: 'Microsoft, "Hyper-V Network Virtualization technical details in Windows Server 2016"' },
  S13: { title: 'Microsoft, "Plan a Software Defined Network infrastructure"' },
  S14: { title: 'Microsoft, "Troubleshoot the Windows Server SDN stack"' },
  S15: { title: 'Microsoft, "Configure the Software Load Balancer for load balancing and NAT"' },
  S16: { title: 'microsoft/SDN repository, SDNExpress sample SLB configuration' },
  S17: { title: 'microsoft/SdnDiagnostics, port profile help' },
  S18: { title: 'Microsoft, Add-BgpPeer (RemoteAccess module) reference' },
  S19: { title: 'RFC 4271, BGP-4', standard: rfc(4271) },
  S20: { title: 'RFC 7348, VXLAN', standard: rfc(7348) },
};

/** The public address of a standard the glossary cites: an RFC's page at the RFC Editor; none for others. */
export function standardHref(standard: string): string | undefined {
  const m = /^RFC (\d+)$/.exec(standard);
  return m ? `https://www.rfc-editor.org/rfc/rfc${m[1]}` : undefined;
}

// ---- Names of the network a sentence mentions -------------------------------------------------------

/** The little of a topology the glossary reads: its networks and which network each NIC is on. */
export interface GlossTopology {
  readonly networks: readonly { readonly id: string; readonly label: string; readonly vlan?: number | undefined }[];
  readonly nodes: readonly { readonly id: string; readonly interfaces: readonly { readonly id: string; readonly network: string }[] }[];
}

/**
 * What a sentence is read against: the topology's NICs, and the device that said it (so a bare "out of mgmt"
 * is that device's NIC).
 */
export interface GlossContext {
  readonly topology?: GlossTopology | undefined;
  readonly node?: string | undefined;
}

/** A span of a sentence: plain text, or a term the page can explain (`key` for `explainTerm`). */
export type GlossSegment = { readonly text: string; readonly key?: undefined } | { readonly text: string; readonly key: string };

/** What the page shows for a term: a title, the explanation, and where to read more. */
export interface TermExplanation {
  readonly key: string;
  /** As the sentence writes it: "RTO". */
  readonly term: string;
  readonly name: string;
  readonly says: string;
  readonly standard?: string;
  readonly href?: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const WORDS = [...Object.keys(GLOSSARY), ...Object.keys(GLOSS_ALIASES)].sort((a, b) => b.length - a.length);
/** Glossary words, whole (not part of a longer word, an id like "gateway-not-on-link", or a name like "MuxVM2"). */
const WORD_PATTERN = `(?<![\\w-])(?:${WORDS.map(escape).join('|')})(?![\\w]|-\\w)`;
/** A source marker: "S19" in "(S19)" or "(S3, S8)". */
const SOURCE_PATTERN = `(?<![\\w-])S(?:${Object.keys(SOURCES)
  .map((s) => s.slice(1))
  .sort((a, b) => b.length - a.length)
  .join('|')})(?![\\w])`;
/** A standard by its number: "RFC 4271". */
const RFC_PATTERN = 'RFC \\d{1,5}(?!\\d)';
/** A BGP state that is also an English word, where a sentence names it as a state (see BGP_STATE_WORDS). */
const STATE_NAMES = Object.keys(BGP_STATE_WORDS).join('|');
const STATE_PATTERN = `(?<=-> )(?:${STATE_NAMES})\\b|\\b(?:${STATE_NAMES})(?= -> )|(?<=\\(AS \\d+\\) )(?:${STATE_NAMES})(?=:)`;
const STATIC = new RegExp(`${RFC_PATTERN}|${SOURCE_PATTERN}|${STATE_PATTERN}|${WORD_PATTERN}`, 'g');

interface NicIndex {
  /** Each device's NICs: NIC id -> network id. */
  readonly byNode: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Each NIC id: the networks it is on at any device, and the devices that have it. */
  readonly byIface: ReadonlyMap<string, { readonly networks: ReadonlySet<string>; readonly nodes: readonly string[] }>;
  readonly networks: ReadonlyMap<string, { readonly label: string; readonly vlan?: number | undefined }>;
}

const nicIndexes = new WeakMap<GlossTopology, NicIndex>();

/** The topology's NICs by device and by id, built once per topology (a sentence is then read in one pass). */
function nicIndex(topology: GlossTopology): NicIndex {
  const known = nicIndexes.get(topology);
  if (known) return known;
  const byNode = new Map<string, Map<string, string>>();
  const byIface = new Map<string, { networks: Set<string>; nodes: string[] }>();
  for (const n of topology.nodes) {
    const own = new Map<string, string>();
    for (const i of n.interfaces) {
      own.set(i.id, i.network);
      const at = byIface.get(i.id) ?? { networks: new Set<string>(), nodes: [] };
      at.networks.add(i.network);
      at.nodes.push(n.id);
      byIface.set(i.id, at);
    }
    byNode.set(n.id, own);
  }
  const index = { byNode, byIface, networks: new Map(topology.networks.map((n) => [n.id, { label: n.label, vlan: n.vlan }])) };
  nicIndexes.set(topology, index);
  return index;
}

/** One device's NIC (or, with no device, an id every device has on one network) and its network's label, without the alias in brackets at its end. */
function networkOfNic(topology: GlossTopology, node: string | undefined, iface: string): { readonly node?: string; readonly label: string; readonly vlan?: number } | undefined {
  const index = nicIndex(topology);
  let networkId: string | undefined;
  let owner: string | undefined;
  if (node !== undefined) {
    networkId = index.byNode.get(node)?.get(iface);
    owner = node;
  } else {
    const at = index.byIface.get(iface);
    if (at?.networks.size === 1) [networkId] = at.networks;
    if (at?.nodes.length === 1) owner = at.nodes[0];
  }
  const net = networkId === undefined ? undefined : index.networks.get(networkId);
  if (!net) return undefined;
  const label = net.label.replace(/\s+\([^()]*\)$/, '');
  return { ...(owner !== undefined ? { node: owner } : {}), label, ...(net.vlan !== undefined ? { vlan: net.vlan } : {}) };
}

/**
 * The network a NIC is on, as a student reads it beside the NIC's id: "Management 192.168.100.0/24" for MuxVM's
 * mgmt. Undefined when the topology has no such NIC.
 */
export function nicNetwork(topology: GlossTopology, node: string, iface: string): string | undefined {
  return networkOfNic(topology, node, iface)?.label;
}

/** A NIC's term key: "interface/MuxVM/mgmt", or "interface//mgmt" for an id every device has on one network. */
const nicKey = (node: string | undefined, iface: string) => `interface/${node ?? ''}/${iface}`;

/** Words of a sentence that may be names (a device, a NIC id). */
const NAME_WORD = /(?<![\w-])[A-Za-z][\w-]*/g;
/** What comes before a NIC id named alone: "sent out of mgmt", "received on mgmt", "arrives at mgmt". */
const BEFORE_BARE_NIC = /\b(?:out of|on|at) $/;

/**
 * The NICs a sentence names, in one pass over its words: "MuxVM.mgmt", "MuxVM:mgmt" or "MuxVM mgmt" (a device and
 * one of its NIC ids), and a NIC id alone after "out of", "on" or "at" (the context's device's, else an id every
 * device has on one network).
 */
function nicSpans(sentence: string, topology: GlossTopology, node: string | undefined): { start: number; end: number; key: string }[] {
  const index = nicIndex(topology);
  const out: { start: number; end: number; key: string }[] = [];
  let prev: { word: string; end: number } | undefined;
  for (const m of sentence.matchAll(NAME_WORD)) {
    const word = m[0];
    const start = m.index;
    const sep = prev && start === prev.end + 1 ? sentence[prev.end] : undefined;
    if (prev && (sep === '.' || sep === ':' || sep === ' ') && index.byNode.get(prev.word)?.has(word)) {
      out.push({ start, end: start + word.length, key: nicKey(prev.word, word) });
    } else if (index.byIface.has(word) && BEFORE_BARE_NIC.test(sentence.slice(Math.max(0, start - 7), start))) {
      const at = networkOfNic(topology, node, word);
      if (at) out.push({ start, end: start + word.length, key: nicKey(at.node, word) });
    }
    prev = { word, end: start + word.length };
  }
  return out;
}

/**
 * Shorthand the engine's sentences keep for the capture's packet comments (whose bytes are fixed), said in words
 * where a student reads it: "on-link out of transit, connected" is "out of transit straight to the destination,
 * which is on that network (connected route)".
 */
const PLAIN_WORDING: readonly (readonly [RegExp, string])[] = [
  [/(?<![\w-])on-link out of ([\w.:-]+?), (?:source )?(connected|static|default)\b/g, 'out of $1 straight to the destination, which is on that network ($2 route)'],
  [/(?<![\w-])on-link out of ([\w.:-]+)/g, 'out of $1 straight to the destination, which is on that network'],
];

/** A sentence as a student reads it: the engine's shorthand said in words (see PLAIN_WORDING). */
export function plainSentence(sentence: string): string {
  if (!sentence.includes('on-link')) return sentence;
  return PLAIN_WORDING.reduce((s, [pattern, words]) => s.replace(pattern, words), sentence);
}

/**
 * A sentence split into plain text and the terms in it, in order, each term marked the first time it appears;
 * the texts joined give the sentence back (as `plainSentence` words it). `everyTime`: each time it appears.
 * Terms are the glossary's words, the numbered source markers (S19), and, with a topology, NICs named by their
 * ids ("MuxVM.mgmt", or "out of mgmt" in a sentence of the context's node).
 */
export function glossSegments(said: string, ctx: GlossContext = {}, options: { readonly everyTime?: boolean } = {}): readonly GlossSegment[] {
  const sentence = plainSentence(said);
  const spans: { start: number; end: number; key: string }[] = [];
  for (const m of sentence.matchAll(STATIC)) {
    const word = m[0];
    const key = word.startsWith('RFC ') ? `rfc/${word.slice(4)}` : word in SOURCES ? `source/${word}` : word in BGP_STATE_WORDS ? `bgp-state/${word}` : `term/${GLOSS_ALIASES[word] ?? word}`;
    spans.push({ start: m.index, end: m.index + word.length, key });
  }
  if (ctx.topology) spans.push(...nicSpans(sentence, ctx.topology, ctx.node));
  if (spans.length === 0) return [{ text: sentence }];
  spans.sort((a, b) => a.start - b.start);
  const out: GlossSegment[] = [];
  const seen = new Set<string>();
  let at = 0;
  for (const s of spans) {
    // A term is marked once a sentence (its first time): "TCP" four times over would be four stops for the keyboard.
    if (s.start < at || (seen.has(s.key) && !options.everyTime)) continue;
    seen.add(s.key);
    if (s.start > at) out.push({ text: sentence.slice(at, s.start) });
    out.push({ text: sentence.slice(s.start, s.end), key: s.key });
    at = s.end;
  }
  if (at < sentence.length) out.push({ text: sentence.slice(at) });
  // Text spans left side by side by a repeated term are one.
  return out.reduce<GlossSegment[]>((joined, seg) => {
    const last = joined[joined.length - 1];
    if (last && last.key === undefined && seg.key === undefined) joined[joined.length - 1] = { text: last.text + seg.text };
    else joined.push(seg);
    return joined;
  }, []);
}

/** The explanation behind a segment's key; undefined for a key this glossary did not make. */
export function explainTerm(key: string, ctx: GlossContext = {}): TermExplanation | undefined {
  const [kind, ...rest] = key.split('/');
  if (kind === 'term') {
    const word = rest.join('/');
    const entry = GLOSSARY[word];
    if (!entry) return undefined;
    const href = entry.standard !== undefined ? standardHref(entry.standard) : undefined;
    return { key, term: word, name: entry.name, says: entry.says, ...(entry.standard !== undefined ? { standard: entry.standard } : {}), ...(href ? { href } : {}) };
  }
  if (kind === 'bgp-state') {
    const word = rest.join('/');
    const entry = BGP_STATE_WORDS[word];
    if (!entry) return undefined;
    return { key, term: word, name: entry.name, says: entry.says, standard: entry.standard!, href: standardHref(entry.standard!)! };
  }
  if (kind === 'rfc' && rest.length === 1 && /^\d+$/.test(rest[0]!)) {
    const standard = rfc(Number(rest[0]));
    const about = RFC_TITLES[Number(rest[0])];
    const says = `One of the numbered documents that define the internet's standards${about ? `. This one is about ${about}` : ''}.`;
    return { key, term: standard, name: `Request for Comments ${rest[0]}`, says, standard, href: standardHref(standard)! };
  }
  if (kind === 'source') {
    const id = rest[0]!;
    const source = SOURCES[id];
    if (!source) return undefined;
    const href = source.standard !== undefined ? standardHref(source.standard) : undefined;
    return {
      key,
      term: id,
      name: `Source ${id}`,
      says: `Source ${id.slice(1)} in the numbered list of sources the lab's network facts come from (gathered for the 2016 blog post's network): ${source.title}. The marks beside each value in Device details (doc, blog, inf, illus) name their sources by these numbers too.`,
      ...(source.standard !== undefined ? { standard: source.standard } : {}),
      ...(href ? { href } : {}),
    };
  }
  if (kind === 'mark' && (MARKS as readonly string[]).includes(rest[0]!)) {
    const mark = rest[0] as Mark;
    const source = rest.slice(1).join('/');
    const entry = MARK_WORDS[mark];
    return { key, term: MARK_SHORT[mark], name: entry.name, says: `${entry.says}${source ? ` Where: ${source}.` : ''}` };
  }
  if (kind === 'interface' && rest.length === 2 && ctx.topology) {
    const [node, iface] = rest as [string, string];
    const at = networkOfNic(ctx.topology, node || undefined, iface);
    if (!at) return undefined;
    const owner = node ? `${node}'s network interface` : 'The network interface';
    return {
      key,
      term: iface,
      name: node ? `${node}'s interface ${iface}` : `Interface ${iface}`,
      says: `${owner} named "${iface}", on the network ${at.label}${at.vlan !== undefined ? ` (VLAN ${at.vlan} on the switch)` : ''}.`,
    };
  }
  return undefined;
}

/**
 * A device table's cell as text and terms: a BGP neighbour's state is the state it names, though the word stands alone
 * (a sentence names a state only beside its arrow: "OpenConfirm -> Established"); any other cell is a sentence.
 */
export function glossCell(table: string, column: string, value: string, ctx: GlossContext = {}): readonly GlossSegment[] {
  if (table === TABLE_COLUMNS['bgp-neighbors'].title && column === 'state' && Object.hasOwn(BGP_STATE_WORDS, value)) return [{ text: value, key: `bgp-state/${value}` }];
  return glossSegments(value, ctx);
}

/** The provenance marks as the README explains them: how sure the lab is of a value. */
const MARK_WORDS: Readonly<Record<Mark, { readonly name: string; readonly says: string }>> = {
  documented: { name: 'Documented', says: 'A Microsoft document or an RFC states this value.' },
  blog: { name: 'Blog', says: 'Only the 2016 blog post this lab follows states this value.' },
  inferred: { name: 'Inferred', says: 'No source states this value outright; it follows from what the sources do say.' },
  illustrative: { name: 'Illustrative', says: 'No source was found: a plausible value, chosen for the lab.' },
};

/**
 * The terms a provenance badge opens: the mark itself with its source ("mark/documented/S10, S12"), then every term
 * that source names (numbered sources, RFCs, words), once each.
 */
export function markTerms(prov: Provenance, ctx: GlossContext = {}): readonly string[] {
  return [`mark/${prov.mark}${prov.source ? `/${prov.source}` : ''}`, ...(prov.source ? termsOf(prov.source, ctx) : [])];
}

/** The keys of every term in a sentence, once each, in order: what "the words of this row" lists. */
export function termsOf(sentence: string, ctx: GlossContext = {}): readonly string[] {
  return [...new Set(glossSegments(sentence, ctx).flatMap((s) => (s.key !== undefined ? [s.key] : [])))];
}
