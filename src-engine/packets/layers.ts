// The typed headers of every protocol Hoplab builds. A packet is a stack of these, outermost first;
// encoding a stack and decoding its bytes gives the same stack back, field for field.
// Addresses are kept as text (dotted quad, colon-separated MAC) because that is how every person and
// every tool (tshark included) reads them; the codecs convert at the byte boundary.

/** "00:15:5d:00:01:02", lower case. */
export type MacAddress = string;
/** "192.168.100.2". */
export type Ipv4Address = string;

export interface VlanTag {
  readonly pcp: number; // 3 bits, priority code point
  readonly dei: number; // 1 bit, drop eligible
  readonly vid: number; // 12 bits, VLAN id
}

export interface EthernetLayer {
  readonly type: 'ethernet';
  readonly dst: MacAddress;
  readonly src: MacAddress;
  /** Present when the frame carries an 802.1Q tag (TPID 0x8100). */
  readonly vlan?: VlanTag;
  readonly etherType: number; // 0x0800 IPv4, 0x0806 ARP
  /**
   * Bytes after the payload's own length (the padding that brings a short frame to 60 bytes).
   * Encoded after everything this frame carries; decoded only when present, so frames round-trip exactly.
   */
  readonly trailer?: Uint8Array;
}

export interface ArpLayer {
  readonly type: 'arp';
  readonly hardwareType: number; // 1 Ethernet
  readonly protocolType: number; // 0x0800
  readonly opcode: number; // 1 request, 2 reply
  readonly senderMac: MacAddress;
  readonly senderIp: Ipv4Address;
  readonly targetMac: MacAddress;
  readonly targetIp: Ipv4Address;
}

export interface Ipv4Layer {
  readonly type: 'ipv4';
  readonly dscp: number;
  readonly ecn: number;
  /** Total length; the encoder computes it when given as undefined. */
  readonly totalLength?: number;
  readonly identification: number;
  readonly dontFragment: boolean;
  readonly moreFragments: boolean;
  readonly fragmentOffset: number; // in 8-byte units
  readonly ttl: number;
  readonly protocol: number; // 1 ICMP, 6 TCP, 17 UDP
  /** Header checksum; the encoder computes it when given as undefined. */
  readonly checksum?: number;
  readonly src: Ipv4Address;
  readonly dst: Ipv4Address;
  /** Option bytes after the 20-byte header; the encoder pads them with zeros to a multiple of 4 (max 40). */
  readonly options?: Uint8Array;
}

export type IcmpLayer =
  | {
      readonly type: 'icmp';
      readonly kind: 'echo-request' | 'echo-reply';
      readonly code: number;
      readonly checksum?: number;
      readonly identifier: number;
      readonly sequence: number;
    }
  | {
      readonly type: 'icmp';
      /** Destination unreachable (3), time exceeded (11): the payload is the offending IP header + 8 bytes. */
      readonly kind: 'destination-unreachable' | 'time-exceeded';
      readonly code: number;
      readonly checksum?: number;
      /** Destination unreachable, code 4 (fragmentation needed): the MTU of the next hop (RFC 1191). */
      readonly nextHopMtu?: number;
    }
  | {
      readonly type: 'icmp';
      readonly kind: 'redirect';
      readonly code: number;
      readonly checksum?: number;
      readonly gateway: Ipv4Address;
    };

export interface UdpLayer {
  readonly type: 'udp';
  readonly srcPort: number;
  readonly dstPort: number;
  readonly length?: number;
  /** undefined: compute over the pseudo-header. 0: no checksum (as VXLAN's outer UDP sends). */
  readonly checksum?: number;
}

export interface TcpFlags {
  readonly fin: boolean;
  readonly syn: boolean;
  readonly rst: boolean;
  readonly psh: boolean;
  readonly ack: boolean;
  readonly urg: boolean;
  readonly ece: boolean;
  readonly cwr: boolean;
}

export interface TcpLayer {
  readonly type: 'tcp';
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: TcpFlags;
  readonly window: number;
  readonly urgentPointer: number;
  /** MSS option (kind 2) when present. Other options are not modelled. */
  readonly mss?: number;
  readonly checksum?: number;
  /**
   * Option bytes not modelled (window scale, SACK, timestamps), written after the MSS option as given and
   * padded with zeros to a multiple of 4; decoded only when present, so a segment round-trips exactly.
   */
  readonly otherOptions?: Uint8Array;
}

/**
 * How a name was compressed on the wire (RFC 1035 4.1.4): undefined lets the encoder choose (an answer
 * whose name equals a question's points at it); a number is the offset, from the start of the DNS
 * message, that the name's pointer targets; null writes the name in full. The decoder fills it in
 * only when the wire differs from the encoder's choice, so any message round-trips byte for byte.
 */
export type DnsNamePointer = number | null;

export interface DnsQuestion {
  readonly name: string;
  readonly namePointer?: DnsNamePointer;
  readonly qtype: number; // 1 A
  readonly qclass: number; // 1 IN
}

export interface DnsAnswer {
  readonly name: string;
  readonly namePointer?: DnsNamePointer;
  readonly rtype: number; // 1 A
  readonly rclass: number;
  readonly ttl: number;
  readonly address: Ipv4Address;
}

/**
 * An SOA record (RFC 1035 3.3.13) in the authority section: the zone's start of authority, which negative
 * answers carry so that resolvers know how long to remember them (RFC 2308 3). Names inside are written in
 * full unless a pointer is given (see DnsNamePointer).
 */
export interface DnsSoaRecord {
  readonly name: string;
  readonly namePointer?: DnsNamePointer;
  readonly rclass: number;
  readonly ttl: number;
  /** The zone's primary name server. */
  readonly mname: string;
  readonly mnamePointer?: DnsNamePointer;
  /** The responsible person's mailbox, "hostmaster.azurestack.local". */
  readonly rname: string;
  readonly rnamePointer?: DnsNamePointer;
  readonly serial: number;
  readonly refresh: number;
  readonly retry: number;
  readonly expire: number;
  /** Since RFC 2308: how long a negative answer may be cached. */
  readonly minimum: number;
}

export interface DnsLayer {
  readonly type: 'dns';
  readonly id: number;
  readonly response: boolean;
  readonly opcode: number;
  readonly authoritative: boolean;
  readonly truncated: boolean;
  readonly recursionDesired: boolean;
  readonly recursionAvailable: boolean;
  readonly rcode: number;
  readonly questions: readonly DnsQuestion[];
  readonly answers: readonly DnsAnswer[];
  /** The authority section: only SOA records are modelled; absent when empty. */
  readonly authorities?: readonly DnsSoaRecord[];
}

export interface VxlanLayer {
  readonly type: 'vxlan';
  readonly flags: number; // 0x08: VNI valid
  readonly vni: number; // 24 bits
}

export interface BgpPathAttributes {
  readonly origin?: number; // 0 IGP, 1 EGP, 2 INCOMPLETE
  /** AS_SEQUENCE of 2-byte AS numbers. */
  readonly asPath?: readonly number[];
  readonly nextHop?: Ipv4Address;
}

/** One capability (RFC 5492) an OPEN advertises; codes the simulator does not interpret stay as bytes. */
export type BgpCapability =
  /** Code 1 (RFC 4760): the speaker exchanges routes of this address family (AFI 1 IPv4, SAFI 1 unicast). */
  | { readonly kind: 'multiprotocol'; readonly afi: number; readonly safi: number }
  /** Code 2 (RFC 2918): the speaker accepts ROUTE-REFRESH messages. */
  | { readonly kind: 'route-refresh' }
  /** Code 65 (RFC 6793): the speaker handles 4-octet AS numbers; its own AS in 4 bytes. */
  | { readonly kind: 'four-octet-as'; readonly asn: number }
  | { readonly kind: 'other'; readonly code: number; readonly data: Uint8Array };

/** An OPEN's optional parameter (RFC 4271 4.2): capabilities (type 2, RFC 5492) or anything else, kept as bytes. */
export type BgpOptionalParameter =
  | { readonly type: 'capabilities'; readonly capabilities: readonly BgpCapability[] }
  | { readonly type: 'other'; readonly code: number; readonly data: Uint8Array };

export type BgpMessage =
  | {
      readonly kind: 'open';
      readonly version: number; // 4
      readonly myAs: number; // 2 bytes
      readonly holdTime: number;
      readonly bgpIdentifier: Ipv4Address;
      /** Absent when the OPEN carries none (optional parameters length 0). */
      readonly optionalParameters?: readonly BgpOptionalParameter[];
    }
  | {
      readonly kind: 'update';
      /** Prefixes in CIDR text, e.g. "192.168.133.74/32". */
      readonly withdrawn: readonly string[];
      readonly attributes: BgpPathAttributes;
      readonly nlri: readonly string[];
    }
  | { readonly kind: 'keepalive' }
  | {
      readonly kind: 'notification';
      readonly errorCode: number;
      readonly errorSubcode: number;
      /** Diagnostic data after the subcode (RFC 4271 4.5), e.g. the unacceptable hold time. */
      readonly data?: Uint8Array;
    };

/** One BGP message; a TCP segment to or from port 179 may carry several, each its own layer. */
export interface BgpLayer {
  readonly type: 'bgp';
  readonly message: BgpMessage;
}

/** A TLS extension (RFC 5246 7.4.1.4): server_name (RFC 6066 3) with one host name is decoded; any other stays bytes. */
export type TlsExtension =
  | { readonly kind: 'server-name'; readonly hostName: string }
  | { readonly kind: 'other'; readonly type: number; readonly data: Uint8Array };

/** A handshake message (RFC 5246 7.4): the ones of a TLS 1.2 server's first flight are decoded; others stay bytes. */
export type TlsHandshake =
  | {
      readonly kind: 'client-hello';
      readonly version: number; // 0x0303 TLS 1.2
      readonly random: Uint8Array; // 32 bytes
      readonly sessionId: Uint8Array;
      readonly cipherSuites: readonly number[];
      readonly compressionMethods: readonly number[];
      /** Absent when the hello has no extensions block at all. */
      readonly extensions?: readonly TlsExtension[];
    }
  | {
      readonly kind: 'server-hello';
      readonly version: number;
      readonly random: Uint8Array;
      readonly sessionId: Uint8Array;
      readonly cipherSuite: number;
      readonly compressionMethod: number;
      readonly extensions?: readonly TlsExtension[];
    }
  /** The server's chain, leaf first, each certificate as its DER bytes. */
  | { readonly kind: 'certificate'; readonly certificates: readonly Uint8Array[] }
  | { readonly kind: 'server-hello-done' }
  | { readonly kind: 'other'; readonly msgType: number; readonly body: Uint8Array };

/**
 * One TLS record (RFC 5246 6.2.1). A handshake record whose messages fill it exactly holds them in
 * `handshake`; any other record (or a handshake message split across records) holds its bytes in `data`.
 */
export interface TlsLayer {
  readonly type: 'tls';
  readonly contentType: number; // 22 handshake, 21 alert, 20 change_cipher_spec, 23 application_data
  readonly version: number; // 0x0303
  readonly handshake?: readonly TlsHandshake[];
  readonly data?: Uint8Array;
}

/** Bytes no codec here interprets: part of a TLS record continued in another segment, an ICMP error's quoted datagram, application data. */
export interface RawLayer {
  readonly type: 'raw';
  readonly data: Uint8Array;
}

export type Layer =
  | EthernetLayer
  | ArpLayer
  | Ipv4Layer
  | IcmpLayer
  | UdpLayer
  | TcpLayer
  | DnsLayer
  | VxlanLayer
  | BgpLayer
  | TlsLayer
  | RawLayer;

export type LayerType = Layer['type'];

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_VLAN = 0x8100;
export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const PORT_DNS = 53;
export const PORT_BGP = 179;
export const PORT_VXLAN = 4789;
export const PORT_HTTPS = 443;
/** VXLAN flags with only the I bit set: the VNI is valid (RFC 7348 5). */
export const VXLAN_FLAGS_VNI = 0x08;
/** BGP path attribute flags for ORIGIN, AS_PATH, NEXT_HOP: well-known (not optional), transitive. */
export const BGP_ATTR_FLAGS_WELL_KNOWN = 0x40;
