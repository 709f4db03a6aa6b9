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
  /**
   * TCP SYN retransmission (doc: Microsoft TCP/IP registry reference, TcpInitialRTT 3 s and
   * TcpMaxConnectRetransmissions 2: the SYN is sent at 0, 3 and 9 s; after the last, TCP waits double
   * the last interval and abandons the attempt at 21 s; Windows Server 2016 keeps MaxSynRetransmissions 2
   * in Get-NetTCPSetting [inf]).
   */
  synRetry: 3_000_000,
  synTries: 3,
  /**
   * Data retransmission timeout on an established connection. Windows bases it on the measured RTT,
   * which on one virtual switch is microseconds, so the floor applies: MinRto 300 ms (Get-NetTCPSetting,
   * InternetCustom template) [inf: the template a Server 2016 TP4 connection picks is not documented;
   * Datacenter's floor is 20 ms]. It doubles on each retransmission (RFC 6298 5.5).
   */
  dataRto: 300_000,
  /** TcpMaxDataRetransmissions default 5 (doc: Windows Server 2003 TCP/IP registry reference; still the default). */
  dataRetries: 5,
  /** Delayed ACK for data segments with nothing to piggyback on. */
  delayedAck: 200_000,
} as const;

export const SECOND = 1_000_000;

/** A simulated time in seconds for a sentence: "67.533 s", "5 s". */
export const secondsText = (t: number): string => `${+(t / SECOND).toFixed(3)} s`;

/** A stretch of simulated time for a sentence, to a tenth of a second once it is a second or more: "4 s", "198 s", "0.25 s". */
export const durationText = (d: number): string => (d >= SECOND ? `${Math.round((d / SECOND) * 10) / 10} s` : secondsText(d));
