// Fixed per-link and per-device delays, in simulated microseconds. Small and constant on purpose:
// every hop is a port of one virtual switch on one host, so what matters is the order, not the size.
// All values illustrative.

export const Timing = {
  /** A frame crossing one link, VM NIC <-> switch port. */
  link: 20,
  /** The switch's forwarding decision. */
  switch: 5,
  /** VFP's extra work on a port: a rewrite, an encapsulation removed. */
  vfp: 10,
  /** An end host's stack answering (ARP, TCP, DNS). */
  host: 30,
  /** An RRAS router forwarding one packet. */
  router: 40,
  /** The MUX choosing a DIP and encapsulating. */
  mux: 25,
  /** ARP: retry interval and tries before giving up. */
  arpRetry: 1_000_000,
  arpTries: 3,
  /** TCP SYN retransmission times (Windows: 3 s, then doubling). */
  synRetry: 3_000_000,
  synTries: 3,
  /** Delayed ACK for data segments with nothing to piggyback on. */
  delayedAck: 200_000,
} as const;

export const SECOND = 1_000_000;
