// Ids made of names: a NIC across the network, a switch port, the diagram's boxes and wires. Each is
// built by one function here and read back by one; no other code joins or splits them. Names
// (topology/schema.ts) are letters, digits, "_", "." and "-", never ":", so a ":" is always a separator.

/** A name in a topology (node, interface, network, rule): a letter, then letters, digits, "_", "." or "-", at most 63 in all. */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,62}$/;

declare const brand: unique symbol;
/** A string only its builder below makes, so one kind of id cannot be passed where another is meant. */
type Branded<K extends string> = string & { readonly [brand]: K };

/** A node of the topology by its name ("MuxVM"), as the engine hands it to the page: in hops, events, frames and tables. */
export type NodeId = Branded<'NodeId'>;

/** A NIC named across the network, its node and interface: "MuxVM:pa". A link what-if names one. */
export type InterfaceId = Branded<'InterfaceId'>;

/**
 * A port of the virtual switch, one per NIC: "MuxVM.pa", as the switch's MAC table, the hops and the
 * capture name it (a frame from the switch leaves by a port; `Transmission.fromInterface` is then one).
 */
export type PortId = Branded<'PortId'>;

/** A NIC by its parts. */
export interface NicRef {
  readonly node: string;
  readonly iface: string;
}

/** A node's id from its name in a validated topology (or a name the engine itself gave, such as the switch's). */
export const nodeId = (name: string): NodeId => name as NodeId;

/** A node id read from outside (a link, a form): the name when it has a node name's form, else undefined. Whether the node exists is the topology's to say. */
export const readNodeId = (text: string): NodeId | undefined => (NAME_PATTERN.test(text) ? (text as NodeId) : undefined);

export const interfaceId = (node: string, iface: string): InterfaceId => `${node}:${iface}` as InterfaceId;

/**
 * A what-if's target read back: "MuxVM:pa" is MuxVM's NIC pa, "MuxVM" the node alone; undefined when the
 * text has an empty part or more than one ":". Whether the names exist is the caller's to check.
 */
export function readInterfaceId(text: string): { readonly node: string; readonly iface?: string } | undefined {
  const parts = text.split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) return undefined;
  return parts.length === 2 ? { node: parts[0]!, iface: parts[1]! } : { node: parts[0]! };
}

/** Is `text` a node ("MuxVM") or a NIC ("MuxVM:pa") by its form, each part a name? Whether they exist is the topology's to say. */
export function isInterfaceIdForm(text: string): boolean {
  const ref = readInterfaceId(text);
  return ref !== undefined && NAME_PATTERN.test(ref.node) && (ref.iface === undefined || NAME_PATTERN.test(ref.iface));
}

export const portId = (node: string, iface: string): PortId => `${node}.${iface}` as PortId;

/**
 * Reads switch port ids back to their NIC through the topology's nodes, never by splitting (a "." may sit
 * in a node's or an interface's name). Built once per topology, then one lookup a port. When two NICs
 * would share a port id ("a.b" + "c", "a" + "b.c"), the longer node id wins.
 */
export function portReader(nodes: readonly { readonly id: string; readonly interfaces: readonly { readonly id: string }[] }[]): (id: string) => NicRef | undefined {
  const ports = new Map<string, NicRef>();
  for (const node of [...nodes].sort((a, b) => a.id.length - b.id.length)) {
    for (const f of node.interfaces) ports.set(portId(node.id, f.id), { node: node.id, iface: f.id });
  }
  return (id) => ports.get(id);
}

// ---- The diagram: boxes (a node keeps its own id; the others are prefixed so they never clash with one) ----

export const hostBoxId = (node: string) => `host:${node}`;
export const networkBoxId = (network: string) => `net:${network}`;
export const vipBoxId = (address: string) => `vip:${address}`;
/** A NIC drawn in its own network, away from its node (MuxVM's PA NIC, the host's PA). */
export const portBoxId = (node: string, iface: string) => `port:${node}:${iface}`;
export const vfpBoxId = (switchId: string) => `vfp:${switchId}`;

/** What a box id stands for. */
export type BoxRef =
  | { readonly kind: 'node'; readonly node: string }
  | { readonly kind: 'host'; readonly node: string }
  | { readonly kind: 'network'; readonly network: string }
  | { readonly kind: 'vip'; readonly vip: string }
  | ({ readonly kind: 'port' } & NicRef)
  | { readonly kind: 'vfp'; readonly switchId: string };

/** A box id read back; an id without a known prefix is a node's own. */
export function readBoxId(id: string): BoxRef {
  const colon = id.indexOf(':');
  const rest = id.slice(colon + 1);
  switch (colon < 0 ? '' : id.slice(0, colon)) {
    case 'host':
      return { kind: 'host', node: rest };
    case 'net':
      return { kind: 'network', network: rest };
    case 'vip':
      return { kind: 'vip', vip: rest };
    case 'vfp':
      return { kind: 'vfp', switchId: rest };
    case 'port': {
      const nic = readInterfaceId(rest);
      if (nic?.iface !== undefined) return { kind: 'port', node: nic.node, iface: nic.iface };
      return { kind: 'node', node: id };
    }
    default:
      return { kind: 'node', node: id };
  }
}

/** The device a box acts for: a port box for the node that owns the NIC; every other box for itself. */
export function deviceOfBox(id: string): string {
  const box = readBoxId(id);
  return box.kind === 'port' ? box.node : id;
}

// ---- The diagram: wires ----

/** A NIC's drop to the switch (from its node, or from its port box). */
export const nicEdgeId = (node: string, iface: string) => `nic:${node}:${iface}`;
/** The BGP session between two speakers, the same whichever side is named first. */
export const bgpEdgeId = (a: string, b: string) => `bgp:${[a, b].sort().join('|')}`;
export const tunnelEdgeId = (mux: string, host: string) => `tunnel:${mux}:${host}`;
export const announceEdgeId = (vip: string, mux: string) => `announce:${vip}:${mux}`;
export const dipEdgeId = (vip: string, node: string) => `dip:${vip}:${node}`;

// ---- Endpoints ----

/** An IPv4 address and port as the hops write them: "192.168.133.74:443". */
export const endpoint = (address: string, port: number) => `${address}:${port}`;

/** An endpoint read back: its address, and its port when it has one ("192.168.133.74" has none). */
export function readEndpoint(text: string): { readonly address: string; readonly port?: number } {
  const colon = text.lastIndexOf(':');
  return colon < 0 ? { address: text } : { address: text.slice(0, colon), port: Number(text.slice(colon + 1)) };
}
