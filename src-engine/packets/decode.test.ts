import { describe, expect, it } from 'vitest';
import { decodeLeading, decodePacket } from './decode';
import { encodePacket } from './encode';
import type { EthernetLayer, Layer, RawLayer } from './layers';
import { dnsQuery, dnsResponse, synAtClient, vxlanSyn } from './samples';

function decodeOk(bytes: Uint8Array, first?: Parameters<typeof decodePacket>[1]) {
  const r = decodePacket(bytes, first);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('decodePacket', () => {
  it('starts at Ethernet unless told otherwise', () => {
    const bytes = encodePacket(synAtClient());
    expect(decodeOk(bytes).layers.map((l) => l.type)).toEqual(['ethernet', 'ipv4', 'tcp']);
    const fromIp = decodeOk(bytes.subarray(14), 'ipv4');
    expect(fromIp.layers).toEqual(decodeOk(bytes).layers.slice(1));
    expect(fromIp.layerSpans).toEqual([{ start: 0, end: 20 }, { start: 20, end: 44 }]);
  });

  it('computes field spans on first read only, then keeps them as an own property', () => {
    const p = decodeOk(encodePacket(synAtClient()));
    expect(Object.getOwnPropertyDescriptor(p, 'fields')).toBeUndefined();
    const fields = p.fields;
    expect(fields).toHaveLength(38);
    expect(p.fields).toBe(fields);
    expect(Object.getOwnPropertyDescriptor(p, 'fields')).toMatchObject({ enumerable: true, value: fields });
    // Sent through postMessage (structuredClone), a packet carries the spans once they were read.
    expect(structuredClone(p).fields).toEqual(fields);
  });

  it('computes layer spans on first read only, then keeps them as an own property', () => {
    const p = decodeOk(encodePacket(synAtClient()));
    expect(Object.getOwnPropertyDescriptor(p, 'layerSpans')).toBeUndefined();
    const spans = p.layerSpans;
    expect(spans).toEqual([{ start: 0, end: 14 }, { start: 14, end: 34 }, { start: 34, end: 58 }]); // each header's bytes
    expect(p.layerSpans).toBe(spans);
    expect(Object.getOwnPropertyDescriptor(p, 'layerSpans')).toMatchObject({ enumerable: true, value: spans });
    expect(Object.keys(p)).toEqual(['layers', 'layerSpans']);
  });

  it('lists spans in byte order and covers every byte with at least one', () => {
    for (const layers of [vxlanSyn(), dnsResponse()]) {
      const bytes = encodePacket(layers);
      const { fields } = decodeOk(bytes);
      expect(fields.map((f) => f.start)).toEqual([...fields.map((f) => f.start)].sort((a, b) => a - b));
      for (let i = 0; i < bytes.length; i++) expect(fields.some((f) => f.start <= i && i < f.end), `byte ${i}`).toBe(true);
    }
  });

  it('copies raw bytes out, so later changes to the input do not reach the layers', () => {
    const bytes = encodePacket([...synAtClient(), { type: 'raw', data: Uint8Array.of(1, 2, 3) }]);
    const p = decodeOk(bytes);
    bytes[bytes.length - 1] = 99;
    expect((p.layers[3] as RawLayer).data).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('does not change its input', () => {
    const bytes = encodePacket(vxlanSyn());
    const copy = bytes.slice();
    void decodeOk(bytes).fields;
    expect(bytes).toEqual(copy);
  });

  it('returns an error value, not an exception, for empty input', () => {
    expect(decodePacket(new Uint8Array(0))).toEqual({
      ok: false,
      error: { code: 'truncated', layer: 'ethernet', field: 'dst', offset: 0, message: 'Ethernet dst at byte 0 needs 6 bytes but only 0 remain: the packet was cut short; check the length fields of the layers around it.' },
    });
    expect(decodePacket(new Uint8Array(0), 'raw')).toMatchObject({ ok: true, value: { layers: [{ type: 'raw', data: new Uint8Array(0) }] } });
  });
});

describe('decodeLeading', () => {
  it('keeps the layers before the one that fails, then that layer\'s own bytes, not the frame\'s trailer', () => {
    // A datagram to port 53 whose 3 bytes are no DNS message, in a frame padded to 60 bytes.
    const [eth, ip, udp] = dnsQuery() as [EthernetLayer, Layer, Layer];
    const bytes = encodePacket([{ ...eth, trailer: new Uint8Array(15) }, ip, udp, { type: 'raw', data: Uint8Array.of(1, 2, 3) }]);
    expect(bytes.length).toBe(60);
    const { layers, failed } = decodeLeading(bytes);
    expect(failed).toBe('dns');
    expect(layers.map((l) => l.type)).toEqual(['ethernet', 'ipv4', 'udp', 'raw']);
    expect(layers[3]).toEqual({ type: 'raw', data: Uint8Array.of(1, 2, 3) });
  });
});
