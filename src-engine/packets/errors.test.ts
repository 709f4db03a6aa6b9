// The decoder's error values: the layer's name, the field, the byte, and the words, singular and plural.
import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { decodeError, LAYER_NAMES, truncatedError } from './errors';

describe('decode errors', () => {
  it('name every layer as the inspector titles it', () => {
    expect(LAYER_NAMES).toEqual({ ethernet: 'Ethernet', arp: 'ARP', ipv4: 'IPv4', icmp: 'ICMP', udp: 'UDP', tcp: 'TCP', dns: 'DNS', vxlan: 'VXLAN', bgp: 'BGP', tls: 'TLS', raw: 'Data' });
    expect(decodeError('malformed', 'raw', 'data', 3, 'odd')).toEqual({ code: 'malformed', layer: 'raw', field: 'data', offset: 3, message: 'Data data at byte 3: odd' });
  });

  it('say how many bytes a field needs and how many remain, one byte in the singular', () => {
    const tail = 'the packet was cut short; check the length fields of the layers around it.';
    expect(truncatedError('udp', 'length', 4, 1, 0).message).toBe(`UDP length at byte 4 needs 1 byte but only 0 remain: ${tail}`);
    expect(truncatedError('udp', 'length', 4, 2, 1).message).toBe(`UDP length at byte 4 needs 2 bytes but only 1 remain: ${tail}`);
  });

  it('span raw bytes as one Data field', () => {
    const r = decodePacket(Uint8Array.of(1, 2, 3), 'raw');
    expect(r.ok && r.value.fields).toEqual([{ layerIndex: 0, layer: 'raw', field: 'data', label: 'Data', start: 0, end: 3 }]);
  });
});
