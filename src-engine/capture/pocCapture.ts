// The POC network's canonical first flow as a capture from three points, built with the packet codecs: what
// the tshark test hands a real dissector, and a sample any "export pcapng" can be compared with.
import { encodePacket } from '../packets/encode';
import type { Layer } from '../packets/layers';
import * as poc from '../packets/samples';
import type { Capture, CapturedPacket } from './types';

export const POC_INTERFACES = {
  client: 0,
  muxMgmt: 1,
  muxPa: 2,
} as const;

export function pocCapture(): Capture {
  const packets: CapturedPacket[] = [];
  let timeUs = 1_000_000;
  const add = (interfaceIndex: number, layers: Layer[], comment: string, afterUs: number): void => {
    timeUs += afterUs;
    packets.push({ interfaceIndex, timeUs, data: encodePacket(layers), comment });
  };
  const [open, openReply, keepalive, keepaliveReply, update] = poc.bgpSession();

  add(POC_INTERFACES.muxMgmt, open!, 'MuxVM (AS 64628) opens a BGP session with BGPVM (AS 64647)', 0);
  add(POC_INTERFACES.muxMgmt, openReply!, 'BGPVM answers with its OPEN', 310);
  add(POC_INTERFACES.muxMgmt, keepalive!, 'MuxVM accepts the OPEN with a KEEPALIVE', 120);
  add(POC_INTERFACES.muxMgmt, keepaliveReply!, 'BGPVM accepts with a KEEPALIVE: the session is Established', 140);
  add(POC_INTERFACES.muxMgmt, update!, 'MuxVM announces the VIPs 192.168.133.74/32 and 192.168.133.1/32, next hop itself', 200);
  add(POC_INTERFACES.client, poc.arpRequest(), 'ClientVM asks who has its gateway 192.168.200.1 (ARP request, broadcast)', 250_000);
  add(POC_INTERFACES.client, poc.arpReply(), 'NATVM answers: 192.168.200.1 is at 00:15:5d:c8:00:01', 180);
  add(POC_INTERFACES.client, poc.dnsQuery(), 'ClientVM asks ADVM for portal.azurestack.local, via its gateway NATVM', 90);
  add(POC_INTERFACES.client, poc.dnsResponse(), 'ADVM answers 192.168.133.74; BGPVM delivers it on its transit arm', 1_400);
  add(POC_INTERFACES.client, poc.synAtClient(), 'ClientVM opens https://portal.azurestack.local: SYN to the VIP, MSS 1460, TTL 128', 60);
  add(POC_INTERFACES.muxMgmt, poc.synAtMux(), 'The SYN reaches MuxVM after NATVM and BGPVM each routed it (TTL 126)', 420);
  add(POC_INTERFACES.muxPa, poc.vxlanSyn(), "MuxVM picks the DIP 192.168.100.9 and wraps the frame in VXLAN (VNI 4096) to the DIP host's PA", 35);
  add(POC_INTERFACES.client, poc.synAckAtClient(), 'The SYN-ACK, its source turned back into the VIP by the host, routed by BGPVM', 610);

  return {
    interfaces: [
      { name: 'ClientVM eth0', description: 'ClientVM on the transit network 192.168.200.0/24' },
      { name: 'MuxVM mgmt', description: 'MuxVM on the management network 192.168.100.0/24' },
      { name: 'MuxVM pa', description: 'MuxVM on the provider-address network 192.168.233.0/24' },
    ],
    packets,
  };
}
