// How a traced flow ended, as a closed list: the compiler checks every place that names one, and each
// has the words the page, the CLI and the lessons show for it.

export const DISPOSITIONS = [
  'delivered',
  'no-route',
  'ttl-exceeded',
  'node-down',
  'neighbor-unreachable',
  'no-listener',
  'no-dns-answer',
  /** The MUX or VFP has no load-balancing rule for the VIP, protocol and port. */
  'no-rule',
  /** The MUX has a rule, but the SLB manager took every DIP out of rotation (their health probes fail). */
  'no-healthy-dip',
  /** The packet was sent into a link (a NIC's switch port) that is down. */
  'link-down',
  /** The packet (with any encapsulation) is larger than the MTU of the link it must leave by, and may not be fragmented. */
  'too-big',
  'timeout',
  /**
   * A server opened its own load-balanced VIP and the hash picked that same server: its SYN came back to it, and the
   * two halves of the connection do not match (Azure Load Balancer documents this as not supported).
   */
  'back-to-sender',
  /** A device dropped the packet because its IPv4 header checksum is wrong (the header was corrupted on the way). */
  'bad-checksum',
  /** An end host (one that does not forward) got a packet addressed to someone else: a gateway set to a host. */
  'not-a-router',
  /** The run reached its simulated-time or event budget (limits.ts) before the flow ended. */
  'budget-exceeded',
] as const;

export type Disposition = (typeof DISPOSITIONS)[number];

/** The flow's fate in a few words, after "Flow " on the status line. */
export const DISPOSITION_LABEL: Readonly<Record<Disposition, string>> = {
  delivered: 'delivered',
  'no-route': 'failed: no route',
  'ttl-exceeded': 'failed: TTL exceeded',
  'node-down': 'failed: node down',
  'neighbor-unreachable': 'failed: neighbour unreachable',
  'no-listener': 'failed: nothing listens',
  'no-dns-answer': 'failed: no DNS answer',
  'no-rule': 'failed: no load-balancing rule',
  'no-healthy-dip': 'failed: no healthy DIP',
  'link-down': 'failed: link down',
  'too-big': 'failed: packet too big for the MTU',
  timeout: 'failed: timed out',
  'back-to-sender': 'failed: load-balanced back to its sender',
  'bad-checksum': 'failed: header checksum wrong',
  'not-a-router': 'failed: sent to a host that does not forward',
  'budget-exceeded': 'stopped: the run reached its limit',
};

/** The fate alone, for a short line on the diagram ("flow died: no route"). */
export const dispositionShort = (d: Disposition): string => DISPOSITION_LABEL[d].replace(/^\w+: /, '');

/** Only 'delivered' is a success; every other disposition names how the flow failed. */
export const isDelivered = (d: Disposition): boolean => d === 'delivered';

/** Narrows text from outside (a URL, a lesson file) to a disposition. */
export const isDisposition = (text: string): text is Disposition => (DISPOSITIONS as readonly string[]).includes(text);
