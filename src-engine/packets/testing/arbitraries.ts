// fast-check generators of valid layer stacks: every stack they make decodes back to itself, with the
// fields the encoder computes (lengths, checksums left undefined) filled in.
import fc from 'fast-check';
import { encodePacket } from '../encode';
import type {
  ArpLayer, BgpCapability, BgpLayer, BgpMessage, BgpOptionalParameter, DnsAnswer, DnsLayer, DnsQuestion, EthernetLayer, IcmpLayer, Ipv4Layer, Layer, RawLayer, TcpLayer, TlsExtension, TlsHandshake, TlsLayer, UdpLayer, VxlanLayer,
} from '../layers';

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const hex2 = (b: number) => b.toString(16).padStart(2, '0');

export const ipv4Text = fc.tuple(u8, u8, u8, u8).map((b) => b.join('.'));
export const macText = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => Array.from(b, hex2).join(':'));
const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });
/** Half the time absent. */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
/** Option bytes already padded to 4, so the decoder gives back exactly these; half the time none. */
const words = (maxWords: number) => fc.oneof(fc.constant(new Uint8Array(0)), fc.integer({ min: 1, max: maxWords }).chain((n) => bytes(n * 4, n * 4)));
/** A checksum the caller left for the encoder, or any value it insists on. */
const checksum = maybe(u16);

/** Drops keys whose value is undefined, so generated layers look like decoded ones. */
function clean<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const raw: fc.Arbitrary<RawLayer> = bytes(1, 48).map((data) => ({ type: 'raw', data }));
/** A payload that may be absent: an empty one decodes as no layer at all. */
const payload = fc.option(raw, { nil: undefined }).map((r) => (r === undefined ? [] : [r]));

const prefix = fc.tuple(u32, fc.integer({ min: 0, max: 32 })).map(([a, len]) => {
  const n = len === 0 ? 0 : (a & (0xffffffff << (32 - len))) >>> 0;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${len}`;
});

/** Capabilities as the decoder reads them: an 'other' never has a code and length a known kind would claim. */
const bgpCapability: fc.Arbitrary<BgpCapability> = fc.oneof(
  fc.record({ kind: fc.constant('multiprotocol' as const), afi: u16, safi: u8 }),
  fc.constant({ kind: 'route-refresh' as const }),
  fc.record({ kind: fc.constant('four-octet-as' as const), asn: u32 }),
  fc.record({ kind: fc.constant('other' as const), code: fc.integer({ min: 3, max: 64 }), data: bytes(0, 6) }),
);
const bgpOptionalParameter: fc.Arbitrary<BgpOptionalParameter> = fc.oneof(
  fc.record({ type: fc.constant('capabilities' as const), capabilities: fc.array(bgpCapability, { maxLength: 4 }) }),
  fc.record({ type: fc.constant('other' as const), code: fc.integer({ min: 3, max: 255 }), data: bytes(0, 6) }),
);

const bgpMessage: fc.Arbitrary<BgpMessage> = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), version: u8, myAs: u16, holdTime: u16, bgpIdentifier: ipv4Text, optionalParameters: maybe(fc.array(bgpOptionalParameter, { minLength: 1, maxLength: 3 })) }).map(clean),
  fc.constant({ kind: 'keepalive' as const }),
  fc.record({ kind: fc.constant('notification' as const), errorCode: u8, errorSubcode: u8, data: maybe(bytes(1, 8)) }).map(clean),
  fc.record({
    kind: fc.constant('update' as const),
    withdrawn: fc.array(prefix, { maxLength: 4 }),
    attributes: fc.record({ origin: maybe(fc.integer({ min: 0, max: 2 })), asPath: maybe(fc.array(u16, { maxLength: 5 })), nextHop: maybe(ipv4Text) }).map(clean),
    nlri: fc.array(prefix, { maxLength: 4 }),
  }),
);

const label = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
const dnsName = fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join('.'));

const dns: fc.Arbitrary<DnsLayer> = fc
  .record({
    id: u16, response: fc.boolean(), opcode: fc.integer({ min: 0, max: 15 }), authoritative: fc.boolean(), truncated: fc.boolean(),
    recursionDesired: fc.boolean(), recursionAvailable: fc.boolean(), rcode: fc.integer({ min: 0, max: 15 }),
    questions: fc.array(fc.record({ name: dnsName, qtype: u16, qclass: u16 }), { maxLength: 3 }),
    answerSpecs: fc.array(fc.record({ name: dnsName, sameAs: fc.nat(), full: fc.boolean(), rclass: u16, ttl: u32, address: ipv4Text }), { maxLength: 3 }),
    authorities: fc.array(
      fc.record({ name: dnsName, rclass: u16, ttl: u32, mname: dnsName, rname: dnsName, serial: u32, refresh: u32, retry: u32, expire: u32, minimum: u32 }),
      { maxLength: 2 },
    ),
  })
  .map(({ answerSpecs, questions, authorities, ...header }) => {
    const answers = answerSpecs.map(({ name, sameAs, full, ...rest }): DnsAnswer => {
      const q: DnsQuestion | undefined = questions[sameAs % (questions.length + 1)];
      // Either a name of its own, or a question's: compressed as the encoder chooses, or forced in full.
      if (q === undefined) return { name, rtype: 1, ...rest };
      return full ? { name: q.name, namePointer: null, rtype: 1, ...rest } : { name: q.name, rtype: 1, ...rest };
    });
    // Keep question names distinct: an answer then has one question it would point at.
    const distinct = questions.filter((q, i) => questions.findIndex((o) => o.name === q.name) === i);
    return { type: 'dns' as const, ...header, questions: distinct, answers, ...(authorities.length ? { authorities } : {}) };
  });

const tcpFlags = fc.record({ fin: fc.boolean(), syn: fc.boolean(), rst: fc.boolean(), psh: fc.boolean(), ack: fc.boolean(), urg: fc.boolean(), ece: fc.boolean(), cwr: fc.boolean() });

function tcp(portArb: fc.Arbitrary<[number, number]>): fc.Arbitrary<TcpLayer> {
  return fc
    .record({ ports: portArb, seq: u32, ack: u32, flags: tcpFlags, window: u16, urgentPointer: u16, mss: maybe(u16), other: words(9), checksum })
    .map(({ ports: [srcPort, dstPort], mss, other, ...rest }) => {
      // Options that do not start with MSS must not look like it; 40 bytes at most.
      const otherOptions = other.length === 0 ? undefined : Uint8Array.from(other.subarray(0, mss === undefined ? 40 : 36), (b, i) => (i === 0 ? 1 : b));
      return clean({ type: 'tcp' as const, srcPort, dstPort, ...rest, mss, otherOptions });
    });
}

const notPort = (...ports: number[]) => u16.filter((p) => !ports.includes(p));

function udp(srcPort: fc.Arbitrary<number>, dstPort: fc.Arbitrary<number>): fc.Arbitrary<UdpLayer> {
  return fc.record({ srcPort, dstPort, checksum }).map((u) => clean({ type: 'udp' as const, ...u }));
}

const icmp: fc.Arbitrary<IcmpLayer> = fc.oneof(
  fc.record({ kind: fc.constantFrom('echo-request' as const, 'echo-reply' as const), code: u8, checksum, identifier: u16, sequence: u16 }),
  fc.record({ kind: fc.constant('destination-unreachable' as const), code: u8, checksum, nextHopMtu: maybe(fc.integer({ min: 1, max: 0xffff })) }),
  fc.record({ kind: fc.constant('time-exceeded' as const), code: u8, checksum }),
  fc.record({ kind: fc.constant('redirect' as const), code: u8, checksum, gateway: ipv4Text }),
).map((l) => clean({ type: 'icmp' as const, ...l }) as IcmpLayer);

function ipv4(protocol: fc.Arbitrary<number>, fragment: boolean): fc.Arbitrary<Ipv4Layer> {
  return fc
    .record({
      dscp: fc.integer({ min: 0, max: 63 }), ecn: fc.integer({ min: 0, max: 3 }), identification: u16, dontFragment: fc.boolean(),
      moreFragments: fragment ? fc.boolean() : fc.constant(false),
      fragmentOffset: fragment ? fc.integer({ min: 1, max: 0x1fff }) : fc.constant(0),
      ttl: u8, protocol, checksum, src: ipv4Text, dst: ipv4Text, options: words(10).map((o) => (o.length === 0 ? undefined : o)),
    })
    .map((l) => clean({ type: 'ipv4' as const, ...l }));
}

const cat = <T>(...parts: fc.Arbitrary<T[]>[]) => fc.tuple(...parts).map((p) => p.flat());
const one = <T>(arb: fc.Arbitrary<T>) => arb.map((x) => [x] as T[]);

/** TLS extensions as the decoder reads them: an 'other' is never type 0 (server_name, which it would decode). */
const tlsExtension: fc.Arbitrary<TlsExtension> = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,30}$/).map((hostName) => ({ kind: 'server-name' as const, hostName })),
  fc.record({ kind: fc.constant('other' as const), type: fc.integer({ min: 1, max: 0xffff }), data: bytes(0, 12) }),
);
const helloBase = { version: u16, random: bytes(32, 32), sessionId: bytes(0, 32), extensions: maybe(fc.array(tlsExtension, { maxLength: 4 })) };
/** Handshake messages as the decoder reads them: an 'other' never has a type it decodes. */
const tlsHandshake: fc.Arbitrary<TlsHandshake> = fc.oneof(
  fc.record({ kind: fc.constant('client-hello' as const), ...helloBase, cipherSuites: fc.array(u16, { maxLength: 6 }), compressionMethods: fc.array(u8, { maxLength: 3 }) }).map(clean),
  fc.record({ kind: fc.constant('server-hello' as const), ...helloBase, cipherSuite: u16, compressionMethod: u8 }).map(clean),
  fc.record({ kind: fc.constant('certificate' as const), certificates: fc.array(bytes(0, 40), { maxLength: 3 }) }),
  fc.constant({ kind: 'server-hello-done' as const }),
  fc.record({ kind: fc.constant('other' as const), msgType: u8.filter((t) => ![1, 2, 11, 14].includes(t)), body: bytes(0, 20) }),
);
const tlsRecord: fc.Arbitrary<TlsLayer> = fc.oneof(
  fc.record({ type: fc.constant('tls' as const), contentType: fc.constant(22), version: fc.integer({ min: 0x0300, max: 0x03ff }), handshake: fc.array(tlsHandshake, { minLength: 1, maxLength: 3 }) }),
  fc.record({ type: fc.constant('tls' as const), contentType: fc.constantFrom(20, 21, 23), version: fc.integer({ min: 0x0300, max: 0x03ff }), data: bytes(0, 40) }),
);

function ipPacket(depth: number): fc.Arbitrary<Layer[]> {
  const bgp = bgpMessage.map((message): BgpLayer => ({ type: 'bgp', message }));
  const options: fc.WeightedArbitrary<Layer[]>[] = [
    { weight: 2, arbitrary: cat<Layer>(one(ipv4(fc.constant(1), false)), one(icmp), payload) },
    { weight: 3, arbitrary: cat<Layer>(one(ipv4(fc.constant(6), false)), one(tcp(fc.tuple(notPort(179, 443), notPort(179, 443)))), payload) },
    { weight: 2, arbitrary: cat<Layer>(one(ipv4(fc.constant(6), false)), one(tcp(fc.constantFrom<[number, number]>([49800, 443], [443, 49800]))), fc.array(tlsRecord, { maxLength: 3 })) },
    { weight: 3, arbitrary: cat<Layer>(one(ipv4(fc.constant(6), false)), one(tcp(fc.constantFrom<[number, number]>([49800, 179], [179, 49800]))), fc.array(bgp, { maxLength: 3 })) },
    { weight: 2, arbitrary: cat<Layer>(one(ipv4(fc.constant(17), false)), one(udp(notPort(53), notPort(53, 4789))), payload) },
    { weight: 3, arbitrary: cat<Layer>(one(ipv4(fc.constant(17), false)), one(udp(fc.constant(53), notPort(53, 4789))), one(dns), payload) },
    { weight: 1, arbitrary: cat<Layer>(one(ipv4(fc.integer({ min: 0, max: 255 }).filter((p) => ![1, 6, 17].includes(p)), false)), payload) },
    { weight: 1, arbitrary: cat<Layer>(one(ipv4(fc.constantFrom(1, 6, 17), true)), payload) },
  ];
  if (depth > 0) {
    const vxlan: fc.Arbitrary<VxlanLayer> = fc.record({ flags: u8, vni: fc.integer({ min: 0, max: 0xffffff }) }).map((v) => ({ type: 'vxlan', ...v }));
    options.push({ weight: 3, arbitrary: cat<Layer>(one(ipv4(fc.constant(17), false)), one(udp(notPort(53), fc.constant(4789))), one(vxlan), frame(depth - 1)) });
  }
  return fc.oneof(...options);
}

const arp: fc.Arbitrary<ArpLayer> = fc
  .record({ hardwareType: u16, protocolType: u16, opcode: u16, senderMac: macText, senderIp: ipv4Text, targetMac: macText, targetIp: ipv4Text })
  .map((a) => ({ type: 'arp', ...a }));

/** An Ethernet frame and what it carries; VXLAN nests `depth` more frames at most. */
export function frame(depth = 1): fc.Arbitrary<Layer[]> {
  const header = fc.record({
    dst: macText, src: macText,
    vlan: maybe(fc.record({ pcp: fc.integer({ min: 0, max: 7 }), dei: fc.integer({ min: 0, max: 1 }), vid: fc.integer({ min: 0, max: 0xfff }) })),
    trailer: maybe(bytes(1, 20)),
  });
  const ethernet = (etherType: number, trailer: boolean) =>
    header.map(({ trailer: t, ...h }): EthernetLayer => clean({ type: 'ethernet', ...h, etherType, trailer: trailer ? t : undefined }));
  return fc.oneof(
    { weight: 1, arbitrary: cat<Layer>(one(ethernet(0x0806, true)), one(arp)) },
    { weight: 6, arbitrary: cat<Layer>(one(ethernet(0x0800, true)), ipPacket(depth)) },
    // Other EtherTypes carry raw data; with no length to go by, a trailer would merge into it.
    { weight: 1, arbitrary: u16.filter((t) => ![0x0800, 0x0806, 0x8100].includes(t)).chain((t) => cat<Layer>(one(ethernet(t, false)), payload)) },
  );
}

/** The layer types decodePacket can start from. */
export const layerType = fc.constantFrom('ethernet', 'arp', 'ipv4', 'icmp', 'udp', 'tcp', 'dns', 'vxlan', 'bgp', 'tls', 'raw') as fc.Arbitrary<Layer['type']>;

/** A valid packet with some bytes changed, maybe cut short. */
export const mutatedFrame = fc
  .tuple(frame(1), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.option(fc.nat(), { nil: undefined }))
  .map(([layers, edits, cut]) => {
    const b = encodePacket(layers);
    for (const [at, v] of edits) if (b.length > 0) b[at % b.length] = v;
    return cut === undefined ? b : b.subarray(0, cut % (b.length + 1));
  });
