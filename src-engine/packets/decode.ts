// decodePacket: reads layers outermost first, each decoder naming the next (EtherType, IP protocol, ports),
// until the bytes run out. It never throws on any input and always terminates: each step consumes bytes or
// stops, and every error comes back as a value naming the layer, field and offset.
import { decodeArp } from './arp';
import { decodeBgp } from './bgp';
import type { DecodedPacket, DecodeResult, FieldSpan, LayerSpan } from './decoded';
import { Decoder, FAILED } from './decoder';
import { decodeDns } from './dns';
import { decodeEthernet } from './ethernet';
import { decodeIcmp } from './icmp';
import { decodeIpv4 } from './ipv4';
import type { Layer, LayerType } from './layers';
import { decodeRaw } from './raw';
import { decodeTcp } from './tcp';
import { decodeTls } from './tls';
import { decodeUdp } from './udp';
import { decodeVxlan } from './vxlan';

/** Decodes `bytes` from `first` on; an error is a value naming the layer, field and offset, never a throw. */
export function decodePacket(bytes: Uint8Array, first: LayerType = 'ethernet'): DecodeResult {
  const d = run(bytes, first, null, null);
  const layers = d.layers;
  const error = d.error;
  d.release();
  if (error !== null) return { ok: false, error };
  return { ok: true, value: new Decoded(layers, bytes, first) };
}

/**
 * Decodes as far as the bytes allow: the layers before the first one that fails, then that layer's bytes as raw
 * data, and which layer they failed to decode as (null when every layer decoded). A UDP datagram from port 53 that
 * holds no DNS message is Ethernet, IPv4, UDP and its bytes, not one undecodable blob.
 */
export function decodeLeading(bytes: Uint8Array, first: LayerType = 'ethernet'): { readonly layers: Layer[]; readonly failed: LayerType | null } {
  const d = run(bytes, first, null, null);
  const { layers, failed } = d;
  d.release();
  if (failed === null) return { layers, failed: null };
  const kept = layers.slice(0, failed.before);
  kept.push({ type: 'raw', data: bytes.slice(failed.at, failed.end) });
  return { layers: kept, failed: failed.type };
}

const shared = new Decoder(new Uint8Array(0), null, null);

function run(bytes: Uint8Array, first: LayerType, fields: FieldSpan[] | null, layerSpans: LayerSpan[] | null): Decoder {
  // decodePacket reuses one decoder; the getters below, which may run while it is in use (never, today:
  // decoding calls nothing back), get their own.
  const d = fields === null && layerSpans === null ? shared : new Decoder(bytes, fields, layerSpans);
  d.reset(bytes, fields, layerSpans);
  let type: LayerType | null = first;
  let at = 0;
  let end = bytes.length;
  while (type !== null) {
    d.next = null;
    d.end = end;
    const before = d.layers.length;
    const next = decodeLayer(d, type, at, end);
    if (next === FAILED) {
      d.failed = { type, at, end, before };
      break;
    }
    at = next;
    end = d.end;
    type = d.next;
  }
  return d;
}

function decodeLayer(d: Decoder, type: LayerType, at: number, end: number): number {
  switch (type) {
    case 'ethernet': return decodeEthernet(d, at, end);
    case 'arp': return decodeArp(d, at, end);
    case 'ipv4': return decodeIpv4(d, at, end);
    case 'icmp': return decodeIcmp(d, at, end);
    case 'udp': return decodeUdp(d, at, end);
    case 'tcp': return decodeTcp(d, at, end);
    case 'dns': return decodeDns(d, at, end);
    case 'vxlan': return decodeVxlan(d, at, end);
    case 'bgp': return decodeBgp(d, at, end);
    case 'tls': return decodeTls(d, at, end);
    case 'raw': return decodeRaw(d, at, end);
  }
}

/**
 * The result. `layerSpans` and `fields` are getters on the prototype that decode the bytes again, recording
 * spans, the first time they are read, then store them as own properties: only a hex view needs them, and
 * the simulator decodes millions of packets that never do (recording layer spans was a fifth of decoding's
 * time and most of its garbage). A class, because an object literal with a getter cost more than the rest
 * of decoding. The input must not change until then, and a DecodedPacket sent through postMessage carries
 * them only if they were read before (or decode again on the other side).
 */
class Decoded implements DecodedPacket {
  // Private fields: not enumerable, not cloned, not compared by toEqual; the result shows only what it promises.
  readonly #bytes: Uint8Array;
  readonly #first: LayerType;

  constructor(
    readonly layers: Layer[],
    bytes: Uint8Array,
    first: LayerType,
  ) {
    this.#bytes = bytes;
    this.#first = first;
  }

  get layerSpans(): LayerSpan[] {
    const spans: LayerSpan[] = [];
    run(this.#bytes, this.#first, null, spans);
    Object.defineProperty(this, 'layerSpans', { value: spans, enumerable: true });
    return spans;
  }

  get fields(): FieldSpan[] {
    const fields: FieldSpan[] = [];
    run(this.#bytes, this.#first, fields, null);
    fields.sort((a, b) => a.start - b.start);
    Object.defineProperty(this, 'fields', { value: fields, enumerable: true });
    return fields;
  }
}
