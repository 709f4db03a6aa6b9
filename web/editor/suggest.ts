// Values the editor's forms start with, so adding a VM or a MUX is one click that the engine accepts:
// the next free name, address and MAC in the document. Pure; the engine still checks what is submitted.
import type { TopologyDocument } from '../../src-engine/topology/schema';

const used = (doc: TopologyDocument) => new Set(doc.nodes.flatMap((n) => n.interfaces.map((f) => f.address.split('/')[0]!)));

/** The first free name `base`, `base2`, `base3`, ... */
export function freeName(doc: TopologyDocument, base: string): string {
  const names = new Set([...doc.nodes.map((n) => n.id), doc.switch.id]);
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base}${i}`)) return `${base}${i}`;
}

/** The first free host address of a network at or after `.from` (a /24 or longer), with its prefix length. */
export function freeAddress(doc: TopologyDocument, networkId: string, from = 20): string {
  const net = doc.networks.find((n) => n.id === networkId);
  if (!net) return '';
  const [base, len] = net.prefix.split('/') as [string, string];
  const parts = base.split('.').map(Number);
  const taken = used(doc);
  if (net.gateway) taken.add(net.gateway);
  for (let host = from; host < 255; host++) {
    const address = `${parts[0]}.${parts[1]}.${parts[2]}.${host}`;
    if (!taken.has(address)) return `${address}/${len}`;
  }
  return '';
}

/** A MAC in Hyper-V's range (00:15:5d) that no NIC of the document uses. */
export function freeMac(doc: TopologyDocument, prefix = '00:15:5d:64:00'): string {
  const macs = new Set(doc.nodes.flatMap((n) => n.interfaces.map((f) => f.mac)));
  for (let i = 0x10; i < 0x100; i++) {
    const mac = `${prefix}:${i.toString(16).padStart(2, '0')}`;
    if (!macs.has(mac)) return mac;
  }
  return '';
}
