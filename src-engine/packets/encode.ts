// encodePacket: writes a layer stack, outermost first, and fills in every length and checksum left undefined.
// Headers are written front to back; lengths and checksums are then filled in back to front, because a
// UDP or TCP checksum covers the (finished) headers nested inside it, and Ethernet trailers go last.
import { appendEthernetTrailer, encodeEthernet } from './ethernet';
import { encodeArp } from './arp';
import { encodeBgp } from './bgp';
import { encodeDns } from './dns';
import { encodeIcmp, finishIcmp } from './icmp';
import { encodeIpv4, finishIpv4 } from './ipv4';
import { checkFollows } from './stacking';
import { encodeRaw } from './raw';
import { copyBytes, slabFree, slabWithRoom, takeFromSlab } from './slab';
import { encodeTcp, finishTcp, tcpPayloadType } from './tcp';
import { encodeTls } from './tls';
import { encodeUdp, finishUdp, udpPayloadType } from './udp';
import { encodeVxlan } from './vxlan';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Layer, type LayerType } from './layers';
import { createWriter, WRITER_FULL, type Writer } from './writer';

// The engine is single-threaded per worker and encoding calls nothing back, so these are shared.
const scratch: Writer = createWriter(2048);
const fixed: Writer = { buf: new Uint8Array(0), pos: 0, limit: 0, growable: false };
let starts = new Int32Array(16);
/** Room reserved in the slab for encoding in place: more than any Ethernet frame the simulator sends. */
const IN_PLACE = 2048;

/**
 * The packet as a new byte array (a view of a slab: see slab.ts for what that means for `.buffer`).
 * Throws an Error naming the field when a layer holds a value it cannot encode, or the stack is inconsistent.
 */
export function encodePacket(layers: readonly Layer[]): Uint8Array {
  // Written in place at the free end of the current slab, so the result needs no copy.
  const buf = slabWithRoom(IN_PLACE);
  const start = slabFree();
  const w = fixed;
  w.buf = buf;
  w.pos = start;
  w.limit = start + IN_PLACE;
  try {
    encodeLayers(w, layers);
  } catch (e) {
    buf.fill(0, start, w.limit); // the slab's free bytes stay zero
    if (e !== WRITER_FULL) throw e;
    // Larger than IN_PLACE (a big BGP UPDATE): encoded aside, then copied.
    scratch.pos = 0;
    encodeLayers(scratch, layers);
    return copyBytes(scratch.buf, 0, scratch.pos);
  }
  return takeFromSlab(w.pos - start);
}

/**
 * Writes the packet into `out` from `offset` on and returns its length in bytes: no allocation, for callers
 * that reuse a buffer. Throws a RangeError, leaving `out` from `offset` on unspecified, when it does not fit.
 */
export function encodePacketInto(layers: readonly Layer[], out: Uint8Array, offset = 0): number {
  if (!(offset >= 0 && offset <= out.length)) throw new RangeError(`encodePacketInto: offset ${offset} is outside the ${out.length}-byte buffer`);
  const w = fixed;
  w.buf = out;
  w.pos = offset;
  w.limit = out.length;
  try {
    encodeLayers(w, layers);
  } catch (e) {
    if (e !== WRITER_FULL) throw e;
    scratch.pos = 0;
    encodeLayers(scratch, layers);
    throw new RangeError(`encodePacketInto: the packet needs ${scratch.pos} bytes but only ${out.length - offset} remain from offset ${offset}; give a larger buffer`, { cause: e });
  } finally {
    w.buf = scratch.buf; // do not keep the caller's array alive
  }
  return w.pos - offset;
}

function encodeLayers(w: Writer, layers: readonly Layer[]): void {
  const n = layers.length;
  if (starts.length < n) starts = new Int32Array(n * 2);
  const s = starts;
  // What the previous layer says comes next (its EtherType, protocol, ports): one switch per layer
  // both encodes it and says what may follow, so a stack that would not decode back fails here.
  let next: LayerType | undefined;
  for (let i = 0; i < n; i++) {
    const l = layers[i]!;
    if (next !== undefined && l.type !== next && l.type !== 'raw') checkFollows(layers[i - 1], l, i);
    s[i] = w.pos;
    next = encodeLayer(w, l);
  }
  for (let i = n - 1; i >= 0; i--) {
    const l = layers[i]!;
    const start = s[i]!;
    const end = w.pos;
    switch (l.type) {
      case 'ethernet':
        appendEthernetTrailer(w, l);
        break;
      case 'ipv4':
        finishIpv4(w.buf, start, end, l);
        break;
      case 'udp':
        finishUdp(w.buf, start, end, l, enclosingIpv4(layers, i));
        break;
      case 'tcp':
        finishTcp(w.buf, start, end, l, enclosingIpv4(layers, i));
        break;
      case 'icmp':
        finishIcmp(w.buf, start, end, l);
        break;
      default:
        break;
    }
  }
}

/** Writes one layer's header (or, for dns, bgp, tls and raw, all of it); returns the type that may follow it. */
function encodeLayer(w: Writer, l: Layer): LayerType {
  switch (l.type) {
    case 'ethernet':
      encodeEthernet(w, l);
      return l.etherType === ETHERTYPE_IPV4 ? 'ipv4' : l.etherType === ETHERTYPE_ARP ? 'arp' : 'raw';
    case 'ipv4':
      encodeIpv4(w, l);
      if (l.moreFragments || l.fragmentOffset !== 0) return 'raw';
      return l.protocol === IPPROTO_TCP ? 'tcp' : l.protocol === IPPROTO_UDP ? 'udp' : l.protocol === IPPROTO_ICMP ? 'icmp' : 'raw';
    case 'udp':
      encodeUdp(w, l);
      return udpPayloadType(l.srcPort, l.dstPort);
    case 'tcp':
      encodeTcp(w, l);
      return tcpPayloadType(l.srcPort, l.dstPort);
    case 'vxlan':
      encodeVxlan(w, l);
      return 'ethernet';
    case 'arp':
      encodeArp(w, l);
      return 'raw';
    case 'icmp':
      encodeIcmp(w, l);
      return 'raw';
    case 'dns':
      encodeDns(w, l);
      return 'raw';
    case 'bgp':
      encodeBgp(w, l);
      return 'bgp';
    case 'tls':
      encodeTls(w, l);
      return 'tls';
    case 'raw':
      encodeRaw(w, l);
      return 'raw';
  }
}

/** Where the IPv4 header whose pseudo-header a UDP or TCP checksum needs starts, or -1. */
function enclosingIpv4(layers: readonly Layer[], i: number): number {
  return i > 0 && layers[i - 1]!.type === 'ipv4' ? starts[i - 1]! : -1;
}
