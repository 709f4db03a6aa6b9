// A frame's note (what the sending device did and why) as the recorder keeps it: a sentence, or the
// data of one and the key of its template. The commonest notes of a run (a router forwarding, a host
// sending, the MUX and VFP rewriting, the handshake's segments) are thousands a run and most are never
// read: the device hands their data, and the text is made here when the page, the command line or the
// trace reads it. The templates are this module's alone; the devices name only the key.

/**
 * "192.168.133.74". The codec's own ipv4Text (packets/addresses.ts) says the same; imported here, it made
 * the page's lazily loaded run module (runLog.ts) wait for a chunk of its own, and the first screen's
 * JavaScript pay for the link (16 bytes gzip, over its budget). notes.test.ts checks they agree.
 */
export const ipv4Text = (n: number): string => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

/** A route as a note names it: "route 192.168.133.0/24 via 192.168.200.2 (BGPVM), static". */
export interface RouteNote {
  readonly network: number;
  readonly len: number;
  /** The next hop's address; 0 for an on-link route. */
  readonly nextHop: number;
  /** The next hop's name (its node, else its address); for an on-link route, the interface it leaves by. */
  readonly via: string;
  readonly source: string;
  /** For BGP routes: the peer it was learned from. */
  readonly peer?: string;
}

/** The data of a note, by the key of its template. */
export type NoteData =
  /** A router forwards a packet by a route, taking 1 off its TTL. */
  | { readonly key: 'forwarded'; readonly node: string; readonly dst: number; readonly route: RouteNote; readonly ttl: number }
  /** A node sends a packet it made, for a reason, by a route. */
  | { readonly key: 'originated'; readonly node: string; readonly why: Note; readonly route: RouteNote }
  /** TCP: the first SYN of a connection, its answer, and the handshake's last ACK. */
  | { readonly key: 'tcp-syn'; readonly node: string; readonly ip: number; readonly port: number }
  | { readonly key: 'tcp-syn-ack'; readonly node: string; readonly port: number }
  | { readonly key: 'tcp-ack'; readonly node: string }
  /** The MUX matches a VIP to a rule, picks a DIP and wraps the frame in VXLAN to the DIP's host. */
  | {
      readonly key: 'mux-dip';
      readonly node: string;
      readonly vip: number;
      /** "TCP port 443". */
      readonly what: string;
      readonly rule: string;
      readonly dip: number;
      readonly dipPort: number;
      /** "2 DIPs", or which are out of rotation. */
      readonly rotation: string;
      readonly host: string;
      readonly hostPa: number;
      readonly vni: number;
      readonly src: number;
    }
  /** VFP decapsulates a VXLAN packet for the host and rewrites its VIP to the DIP. */
  | { readonly key: 'vfp-dip'; readonly pa: number; readonly vip: number; readonly dip: number; readonly dipPort: number; readonly rule: string; readonly name: string };

export type Note = string | NoteData;

/** "route 192.168.133.0/24 via 192.168.200.2 (BGPVM), static". */
export function routeText(r: RouteNote): string {
  const via = r.nextHop ? `via ${ipv4Text(r.nextHop)} (${r.via})` : `on-link out of ${r.via}`;
  const src = r.source === 'bgp' ? `learned over BGP from ${r.peer ?? '?'}` : r.source;
  return `route ${ipv4Text(r.network)}/${r.len} ${via}, ${src}`;
}

/** A note's text. */
export function noteText(note: Note): string {
  if (typeof note === 'string') return note;
  switch (note.key) {
    case 'forwarded':
      return `${note.node} routes ${ipv4Text(note.dst)} by ${routeText(note.route)}; TTL ${note.ttl} -> ${note.ttl - 1}.`;
    case 'originated':
      return `${noteText(note.why)} ${note.node} sends it by ${routeText(note.route)}.`;
    case 'tcp-syn':
      return `${note.node} opens a TCP connection to ${ipv4Text(note.ip)}:${note.port} (SYN).`;
    case 'tcp-syn-ack':
      return `${note.node} accepts the connection on TCP ${note.port} (SYN-ACK).`;
    case 'tcp-ack':
      return `${note.node} completes the handshake (ACK).`;
    case 'mux-dip':
      return `${note.node} matches VIP ${ipv4Text(note.vip)} ${note.what} to rule ${note.rule}, picks DIP ${ipv4Text(note.dip)}:${note.dipPort} by 5-tuple hash (${note.rotation}), and wraps the whole frame in VXLAN to ${note.host}'s PA ${ipv4Text(note.hostPa)} (VNI ${note.vni}); the inner packet still says ${ipv4Text(note.src)} -> ${ipv4Text(note.vip)}.`;
    case 'vfp-dip':
      return `VFP decapsulates the VXLAN packet addressed to the host PA ${ipv4Text(note.pa)}, rewrites VIP ${ipv4Text(note.vip)} to DIP ${ipv4Text(note.dip)}:${note.dipPort} (rule ${note.rule}) and delivers it to ${note.name}'s port.`;
  }
}
