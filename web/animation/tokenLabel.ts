// The few words written on a moving token: what the frame is, at a glance.
import type { Layer } from '../../src-engine/packets/layers';

export function tokenLabel(layers: readonly Layer[]): string {
  const vx = layers.findIndex((l) => l.type === 'vxlan');
  if (vx >= 0) return tokenLabel(layers.slice(vx + 1));
  const arp = layers.find((l) => l.type === 'arp');
  if (arp?.type === 'arp') return arp.opcode === 1 ? 'ARP who-has' : 'ARP reply';
  const bgp = layers.filter((l) => l.type === 'bgp').map((l) => (l.type === 'bgp' ? l.message.kind.toUpperCase() : ''));
  if (bgp.length > 0) return `BGP ${[...new Set(bgp)].join('+')}`;
  const dns = layers.find((l) => l.type === 'dns');
  if (dns?.type === 'dns') return dns.response ? 'DNS answer' : 'DNS query';
  const tcp = layers.find((l) => l.type === 'tcp');
  if (tcp?.type === 'tcp') {
    const f = tcp.flags;
    const names = [f.syn && 'SYN', f.fin && 'FIN', f.rst && 'RST', f.psh && 'PSH', f.ack && 'ACK'].filter(Boolean);
    return `TCP ${names.join('-') || 'data'}`;
  }
  const icmp = layers.find((l) => l.type === 'icmp');
  if (icmp?.type === 'icmp') return `ICMP ${icmp.kind.replace('destination-', '').replace('-', ' ')}`;
  if (layers.some((l) => l.type === 'udp')) return 'UDP';
  return 'frame';
}
