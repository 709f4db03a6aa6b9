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
import { encodeTcp, finishTcp } from './tcp';
import { encodeUdp, finishUdp } from './udp';
import { encodeVxlan } from './vxlan';
import type { Layer } from './layers';
import { createWriter, type Writer } from './writer';

// One buffer reused for every packet (the engine is single-threaded per worker); the result is a copy.
const writer: Writer = createWriter(2048);
let starts = new Int32Array(16);

/** Throws an Error naming the field when a layer holds a value it cannot encode, or the stack is inconsistent. */
export function encodePacket(layers: readonly Layer[]): Uint8Array {
  const w = writer;
  w.pos = 0;
  const n = layers.length;
  if (starts.length < n) starts = new Int32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const l = layers[i]!;
    checkFollows(i === 0 ? undefined : layers[i - 1], l, i);
    starts[i] = w.pos;
    encodeLayer(w, l);
  }
  for (let i = n - 1; i >= 0; i--) {
    const l = layers[i]!;
    const start = starts[i]!;
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
  return w.buf.slice(0, w.pos);
}

function encodeLayer(w: Writer, l: Layer): void {
  switch (l.type) {
    case 'ethernet': return encodeEthernet(w, l);
    case 'arp': return encodeArp(w, l);
    case 'ipv4': return encodeIpv4(w, l);
    case 'icmp': return encodeIcmp(w, l);
    case 'udp': return encodeUdp(w, l);
    case 'tcp': return encodeTcp(w, l);
    case 'dns': return encodeDns(w, l);
    case 'vxlan': return encodeVxlan(w, l);
    case 'bgp': return encodeBgp(w, l);
    case 'raw': return encodeRaw(w, l);
  }
}

/** Where the IPv4 header whose pseudo-header a UDP or TCP checksum needs starts, or -1. */
function enclosingIpv4(layers: readonly Layer[], i: number): number {
  return i > 0 && layers[i - 1]!.type === 'ipv4' ? starts[i - 1]! : -1;
}
