// One network interface of a node at run time: its address in numbers (what every packet compares)
// and in text (what sentences and tables show), its MAC, and its port on the switch.
import type { InterfaceDef } from '../topology/schema';
import type { Port } from './vswitch';

export interface Iface {
  readonly index: number;
  readonly id: string;
  readonly ip: number;
  readonly ipText: string;
  readonly len: number;
  readonly network: number;
  readonly mac: number;
  readonly macText: string;
  readonly port: Port;
  readonly def: InterfaceDef;
  /** The largest IPv4 packet this interface sends: its network's MTU (a what-if may change it). */
  mtu: number;
}
