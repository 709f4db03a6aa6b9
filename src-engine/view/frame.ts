// What the page shows about one frame, from its bytes: its protocol, summary, token label, TTL and the
// part it plays in the run. The diagram, the event list, the inspector, the sequence diagram and the
// lessons all read it from here, so they can never disagree.
import type { DecodedPacket } from '../packets/decoded';
import { decodeLeading, decodePacket } from '../packets/decode';
import type { Layer } from '../packets/layers';
import { PROTOCOLS, frameProtocol, innerLayers, type Protocol } from './protocols';

/** The part a frame plays in a run, named for what it is. */
export type FrameRole = 'control-plane' | 'name-resolution' | 'flow';

/** How the page names each role. */
export const ROLE_LABEL: Readonly<Record<FrameRole, string>> = {
  'control-plane': 'Control plane',
  'name-resolution': 'Name resolution',
  flow: 'The flow',
};

/** What each role is, in a sentence, for a frame the traced hops do not explain. */
export const ROLE_NOTE: Readonly<Record<FrameRole, string>> = {
  'control-plane': "The network keeping itself running: BGP sessions and keepalives, ARP, the SLB host agent's health probes. Not part of the traced flow.",
  'name-resolution': 'The DNS lookup that turns the name into an address before the flow can start.',
  flow: "The user's traffic, after the hops traced here (e.g. the handshake's last ACK).",
};

/**
 * A frame's role from its protocol: BGP and ARP keep the network running, DNS resolves the name,
 * anything else is the user's traffic (the POC sends no other).
 */
export function frameRole(protocol: Protocol): FrameRole {
  if (protocol === 'bgp' || protocol === 'arp') return 'control-plane';
  if (protocol === 'dns') return 'name-resolution';
  return 'flow';
}

export { PROBE_FLOW_IDS, inUserFlow, isProbeFlowId } from './flowIds';
import { isProbeFlowId } from './flowIds';

/** A transmitted frame's role: a health probe is control plane whatever protocol it speaks. */
export function transmissionRole(tx: { readonly bytes: Uint8Array; readonly flowId?: string | undefined }): FrameRole {
  return isProbeFlowId(tx.flowId) ? 'control-plane' : viewFrame(tx.bytes).role;
}

export interface FrameView {
  readonly protocol: Protocol;
  /** The protocol's name: "TCP", "BGP". */
  readonly name: string;
  /** The CSS class that colours it. */
  readonly className: string;
  readonly summary: string;
  /** A few words for the token: "TCP SYN", "BGP KEEPALIVE" (a VXLAN frame: what it carries). */
  readonly tokenLabel: string;
  /** The IP TTL of the packet the token stands for (the inner one in VXLAN); absent for ARP. */
  readonly ttl?: number;
  /** The token's label with its TTL: "TCP SYN · TTL 128". */
  readonly tokenTitle: string;
  /** Set for a VXLAN frame: drawn as an envelope around the inner token. */
  readonly vni?: number;
  readonly role: FrameRole;
  readonly roleLabel: string;
}

/** Everything the page says about a frame with these layers. */
export function viewLayers(layers: readonly Layer[]): FrameView {
  const protocol = frameProtocol(layers);
  const d = PROTOCOLS[protocol];
  const tokenLabel = d.tokenLabel(layers);
  const ip = innerLayers(layers).find((l) => l.type === 'ipv4');
  const vx = layers.find((l) => l.type === 'vxlan');
  // An encapsulated frame plays the part of what it carries.
  const role = frameRole(protocol === 'vxlan' ? frameProtocol(innerLayers(layers)) : protocol);
  return {
    protocol,
    name: d.name,
    className: d.className,
    summary: d.summary(layers),
    tokenLabel,
    ...(ip?.type === 'ipv4' ? { ttl: ip.ttl, tokenTitle: `${tokenLabel} · TTL ${ip.ttl}` } : { tokenTitle: tokenLabel }),
    ...(vx?.type === 'vxlan' ? { vni: vx.vni } : {}),
    role,
    roleLabel: ROLE_LABEL[role],
  };
}

const decodedCache = new WeakMap<Uint8Array, DecodedPacket | null>();

/** A frame decoded once however often it is asked for (keyed by its bytes); undefined if it does not decode. */
export function decodeFrame(bytes: Uint8Array): DecodedPacket | undefined {
  let d = decodedCache.get(bytes);
  if (d === undefined) {
    const r = decodePacket(bytes);
    d = r.ok ? r.value : null;
    decodedCache.set(bytes, d);
  }
  return d ?? undefined;
}

/**
 * The frame's layers, as far as its bytes decode: a layer that does not decode (a UDP datagram from port 53 that holds
 * no DNS message) is a raw layer with its bytes (a copy, sharing nothing with `bytes`), after the layers that did.
 */
export function decodeLayers(bytes: Uint8Array): readonly Layer[] {
  return decodeLeading(bytes).layers;
}

const viewCache = new WeakMap<Uint8Array, FrameView>();

/** Everything the page says about a frame, from its bytes (cached per byte array). */
export function viewFrame(bytes: Uint8Array): FrameView {
  let v = viewCache.get(bytes);
  if (!v) {
    v = viewLayers(decodeFrame(bytes)?.layers ?? decodeLayers(bytes));
    viewCache.set(bytes, v);
  }
  return v;
}

/**
 * What stays the same while one packet crosses the network, however routers, NAT, the MUX and VFP rewrite
 * it: the (inner) IPv4 identification and protocol with TCP's sequence numbers and flags, DNS's id or
 * ICMP's echo ids; ARP's operation and sender. Two frames with the same identity are one packet
 * at two hops; undefined for a frame with neither IPv4 nor ARP.
 */
export function packetIdentity(layers: readonly Layer[]): string | undefined {
  const inner = innerLayers(layers);
  const arp = inner.find((l) => l.type === 'arp');
  if (arp?.type === 'arp') return `arp ${arp.opcode} ${arp.senderMac} ${arp.senderIp} ${arp.targetIp}`;
  const at = inner.findIndex((l) => l.type === 'ipv4');
  const ip = inner[at];
  if (ip?.type !== 'ipv4') return undefined;
  const l4 = inner[at + 1];
  let rest = '';
  if (l4?.type === 'tcp') {
    const f = l4.flags;
    rest = `tcp ${l4.seq} ${l4.ack} ${+f.syn}${+f.ack}${+f.fin}${+f.rst}${+f.psh}`;
  } else if (l4?.type === 'udp') {
    const app = inner[at + 2];
    rest = `udp${app?.type === 'dns' ? ` dns ${app.id}` : ''}`;
  }
  else if (l4?.type === 'icmp') rest = `icmp ${l4.kind}${l4.kind === 'echo-request' || l4.kind === 'echo-reply' ? ` ${l4.identifier} ${l4.sequence}` : ''}`;
  return `ip ${ip.identification} ${ip.protocol} ${rest}`;
}

const identityCache = new WeakMap<Uint8Array, string | null>();

/** packetIdentity of a frame's bytes (cached per byte array, as the copies of a frame share theirs). */
export function frameIdentity(bytes: Uint8Array): string | undefined {
  let id = identityCache.get(bytes);
  if (id === undefined) {
    const layers = decodeFrame(bytes)?.layers;
    id = (layers && packetIdentity(layers)) ?? null;
    identityCache.set(bytes, id);
  }
  return id ?? undefined;
}
