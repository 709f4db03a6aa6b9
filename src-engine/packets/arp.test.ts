import { describe, expect, it } from 'vitest';
import { decodePacket } from './decode';
import { encodePacket } from './encode';
import type { ArpLayer } from './layers';
import { arpReply, arpRequest } from './samples';
import { fromHex, toHex } from './testing/hex';

describe('ARP', () => {
  it('encodes the request ClientVM broadcasts for its gateway (bytes as tshark reads them)', () => {
    expect(toHex(encodePacket(arpRequest()))).toBe(
      'ffffffffffff00155dc8000a0806' + '0001' + '0800' + '06' + '04' + '0001' + '00155dc8000a' + 'c0a8c80a' + '000000000000' + 'c0a8c801',
    );
  });

  it('decodes the reply to what was encoded, with a span for every field', () => {
    const bytes = encodePacket(arpReply());
    const r = decodePacket(bytes);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.layers).toEqual(arpReply());
    expect(r.value.fields.filter((f) => f.layer === 'arp').map((f) => `${f.field} ${f.start}-${f.end}`)).toEqual([
      'hardwareType 14-16', 'protocolType 16-18', 'hardwareSize 18-19', 'protocolSize 19-20', 'opcode 20-22',
      'senderMac 22-28', 'senderIp 28-32', 'targetMac 32-38', 'targetIp 38-42',
    ]);
  });

  it('decodes on its own, given where to start', () => {
    const arp = arpRequest()[1] as ArpLayer;
    const bytes = encodePacket([arp]);
    expect(bytes.length).toBe(28);
    expect(decodePacket(bytes, 'arp')).toMatchObject({ ok: true, value: { layers: [arp] } });
  });

  it('reports address sizes other than Ethernet and IPv4 as malformed', () => {
    const bytes = encodePacket(arpRequest());
    bytes[18] = 8;
    expect(decodePacket(bytes)).toMatchObject({
      ok: false,
      error: { code: 'malformed', layer: 'arp', field: 'hardwareSize', offset: 18, message: 'ARP hardwareSize at byte 18: hardware size 8 is not 6: only Ethernet MAC addresses are modelled' },
    });
    bytes[18] = 6;
    bytes[19] = 16;
    expect(decodePacket(bytes)).toMatchObject({
      ok: false,
      error: { code: 'malformed', layer: 'arp', field: 'protocolSize', offset: 19, message: 'ARP protocolSize at byte 19: protocol size 16 is not 4: only IPv4 addresses are modelled' },
    });
  });

  it('reports a short packet and bytes after a bare one', () => {
    expect(decodePacket(encodePacket(arpRequest()).subarray(0, 40))).toMatchObject({ ok: false, error: { code: 'truncated', layer: 'arp', field: 'targetIp', offset: 38 } });
    const extra = fromHex(toHex(encodePacket([arpRequest()[1]!])) + '00');
    expect(decodePacket(extra, 'arp')).toMatchObject({
      ok: false,
      error: { code: 'malformed', layer: 'arp', field: 'trailer', offset: 28, message: 'ARP trailer at byte 28: 1 bytes follow the 28-byte ARP packet; decode it inside its Ethernet frame' },
    });
  });

  it('refuses bad addresses when encoding, naming the field', () => {
    const arp = { ...(arpRequest()[1] as ArpLayer), targetIp: '192.168.200' };
    expect(() => encodePacket([arp])).toThrow('arp.targetIp: "192.168.200" is not a dotted-quad IPv4 address');
    const request = arpRequest()[1] as ArpLayer;
    expect(() => encodePacket([{ ...request, hardwareType: 65536 }])).toThrow('arp.hardwareType: 65536 is not an integer from 0 to 65535');
    expect(() => encodePacket([{ ...request, protocolType: -1 }])).toThrow('arp.protocolType: -1 is not an integer from 0 to 65535');
    expect(() => encodePacket([{ ...request, opcode: 65536 }])).toThrow('arp.opcode: 65536 is not an integer from 0 to 65535');
    // Each of the four addresses is named by its own field.
    expect(() => encodePacket([{ ...request, senderMac: '00:15:5d:c8:00' }])).toThrow('arp.senderMac: "00:15:5d:c8:00" is not a MAC address such as "00:15:5d:c8:00:0a"');
    expect(() => encodePacket([{ ...request, senderIp: '192.168.200.300' }])).toThrow('arp.senderIp: "192.168.200.300" is not a dotted-quad IPv4 address');
    expect(() => encodePacket([{ ...request, targetMac: 'ff-ff-ff-ff-ff-ff' }])).toThrow('arp.targetMac: "ff-ff-ff-ff-ff-ff" is not a MAC address such as "00:15:5d:c8:00:0a"');
  });
});
