import { beforeEach, describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket } from './encode';
import { fieldAt } from './fieldAt';
import type { EthernetLayer, Layer } from './layers';
import { arpRequest, dnsQuery, vxlanSyn } from './samples';

function decodeOk(layers: Layer[]) {
  const r = decodePacket(encodePacket(layers));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('fieldAt', () => {
  // Built inside each test (beforeEach), not once for the file: mutation testing then knows which tests cover what.
  let vxlan: ReturnType<typeof decodeOk>;
  beforeEach(() => {
    vxlan = decodeOk(vxlanSyn());
  });

  it('finds the field under a byte, with the layer it belongs to', () => {
    expect(fieldAt(vxlan, 0)).toEqual({ layerIndex: 0, layer: 'ethernet', field: 'dst', label: 'Destination', start: 0, end: 6 });
    expect(fieldAt(vxlan, 47)).toMatchObject({ layerIndex: 3, layer: 'vxlan', field: 'vni', start: 46, end: 49 });
    expect(fieldAt(vxlan, 72)).toMatchObject({ layerIndex: 5, layer: 'ipv4', field: 'ttl', start: 72, end: 73 });
  });

  it('prefers a narrower field listed after a wider one that starts with it: a DNS question\'s name, not the whole question', () => {
    const dns = decodeOk(dnsQuery());
    // The question spans 54-83 and is listed first; its name spans 54-79.
    expect(fieldAt(dns, 54)).toMatchObject({ layer: 'dns', field: 'questions.0.name', start: 54, end: 79 });
    expect(fieldAt(dns, 80)).toMatchObject({ layer: 'dns', field: 'questions.0.qtype', start: 79, end: 81 });
  });

  it('prefers the narrower field where spans nest, the first listed where they tie', () => {
    expect(fieldAt(vxlan, 97)).toMatchObject({ layer: 'tcp', field: 'flags' }); // the flags byte, before its bits
    expect(fieldAt(vxlan, 64)).toMatchObject({ layer: 'ipv4', field: 'version' }); // version and header length share a byte
  });

  it('finds the trailer, and nothing outside the packet', () => {
    const [eth, arp] = arpRequest() as [EthernetLayer, Layer];
    const padded = decodeOk([{ ...eth, trailer: new Uint8Array(18) }, arp]);
    expect(fieldAt(padded, 59)).toMatchObject({ layerIndex: 0, field: 'trailer', start: 42, end: 60 });
    expect(fieldAt(padded, 60)).toBeUndefined();
    expect(fieldAt(padded, -1)).toBeUndefined();
  });
});
