// Every decode error is made here, so their wording stays uniform and each says what to look at.
import type { DecodeError } from './decoded';
import type { LayerType } from './layers';

export const LAYER_NAMES: Readonly<Record<LayerType, string>> = {
  ethernet: 'Ethernet',
  arp: 'ARP',
  ipv4: 'IPv4',
  icmp: 'ICMP',
  udp: 'UDP',
  tcp: 'TCP',
  dns: 'DNS',
  vxlan: 'VXLAN',
  bgp: 'BGP',
  tls: 'TLS',
  raw: 'Data',
};

/** The bytes end inside a field: a short capture, or a length field outside this layer that is too small. */
export function truncatedError(layer: LayerType, field: string, offset: number, need: number, have: number): DecodeError {
  return {
    code: 'truncated',
    layer,
    field,
    offset,
    message:
      `${LAYER_NAMES[layer]} ${field} at byte ${offset} needs ${need} byte${need === 1 ? '' : 's'} but only ${have} remain: ` +
      'the packet was cut short; check the length fields of the layers around it.',
  };
}

/**
 * Any error with its own wording; 'malformed' is for bytes that are all there but say something the protocol
 * forbids or this codec cannot represent exactly (it never drops what it cannot hold).
 */
export function decodeError(code: DecodeError['code'], layer: LayerType, field: string, offset: number, problem: string): DecodeError {
  return { code, layer, field, offset, message: `${LAYER_NAMES[layer]} ${field} at byte ${offset}: ${problem}` };
}
