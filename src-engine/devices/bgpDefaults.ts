// What a Windows Server 2016 BGP speaker (the RemoteAccess BGP router that MuxVM and BGPVM run) puts in
// its OPEN and how its timers behave, each with where we found it. No Microsoft document lists the OPEN's
// capabilities; the ones sent follow from features the BGP cmdlets document, and the rest is marked.
import type { BgpCapability } from '../packets/layers';
import type { Provenance } from '../topology/schema';
import { SECOND } from '../sim/timing';
import { markTitle } from '../view/provenance';

export interface MarkedCapability {
  readonly capability: BgpCapability;
  readonly prov: Provenance;
}

/** The capabilities in every OPEN this simulator's Windows speakers send, in one optional parameter. */
export const WINDOWS_BGP_CAPABILITIES: readonly MarkedCapability[] = [
  {
    capability: { kind: 'multiprotocol', afi: 1, safi: 1 },
    prov: {
      mark: 'inferred',
      source: 'Windows BGP carries IPv4 and IPv6 routes (Get-BgpStatistics counts IPv4Route and IPv6Route; Add-BgpRouter -IPv6Routing), which takes RFC 4760 address-family negotiation; IPv4 unicast is what the POC uses',
    },
  },
  {
    capability: { kind: 'route-refresh' },
    prov: { mark: 'inferred', source: 'Get-BgpStatistics (Windows Server 2016) counts RouteRefreshMessage sent and received: RFC 2918' },
  },
];

/** Why no 4-octet AS capability (RFC 6793) is sent. */
export const FOUR_OCTET_AS_PROV: Provenance = {
  mark: 'inferred',
  source: 'TP1 peers with 2-byte AS numbers, source S13; the cmdlets take UInt32 ASNs, but no source says a 2016 speaker advertises capability 65, so it is left out',
};

/** Both OPENs go out as soon as TCP is up (RFC 4271 8.2.2, no DelayOpen): no source says RRAS delays it. */
export const OPEN_TIMING_PROV: Provenance = { mark: 'documented', source: 'RFC 4271 section 8.2.2, source S19: OPEN on TcpConnectionConfirmed; DelayOpen is optional and off by default' };

/** KEEPALIVE and ConnectRetry intervals are each multiplied by a fresh random factor in [0.75, 1.0]. */
export const JITTER_MIN = 0.75;
export const JITTER_PROV: Provenance = { mark: 'documented', source: 'RFC 4271 section 10, source S19: jitter of 0.75 to 1.0 on the keepalive and connect-retry timers' };

/** A KEEPALIVE interval cut to a third of a negotiated hold time shorter than three keepalives. */
export const KEEPALIVE_THIRD_PROV: Provenance = { mark: 'documented', source: 'RFC 4271 section 4.4, source S19: at most a third of the negotiated hold time' };

/**
 * The KEEPALIVE interval as the event list shows it, each part with its mark, as the retry waits show theirs:
 * "KEEPALIVE every 60 s (inferred: ...) with jitter (documented: RFC 4271 section 10 ...)". `prov`: the configured
 * interval's mark (the topology's); an interval cut to a third of the negotiated hold time carries RFC 4271's.
 */
export function keepaliveText(interval: number, configured: number, prov: Provenance | undefined): string {
  const value = interval < configured ? KEEPALIVE_THIRD_PROV : prov;
  return `KEEPALIVE every ${interval} s${value ? ` (${markTitle(value)})` : ''} with jitter (${markTitle(JITTER_PROV)})`;
}

/** Seconds before a speaker whose TCP connection could not be opened tries again (RFC 4271 suggests 120). */
export const CONNECT_RETRY_TIME = 30;
/**
 * Seconds a speaker stays Idle after a session ends before it starts again (Add-BgpPeer -IdleHoldTimeSec
 * exists; its default is not documented). A peer connecting meanwhile is accepted.
 */
export const IDLE_HOLD_TIME = 30;
export const RETRY_TIMERS_PROV: Provenance = { mark: 'illustrative', source: 'Windows defaults for ConnectRetry and IdleHoldTime not found; 30 s chosen by Hoplab' };

/**
 * A jittered retry wait as the event list shows it, each value with its mark: "24.0 s: 30 s (illustrative: ...)
 * with jitter (documented: RFC 4271 10 ...)" after "ConnectRetry in", "26.1 s: IdleHoldTime 30 s (illustrative:
 * ...) with jitter" after "starts again in". RFC 4271 10 jitters ConnectRetry; jittering IdleHoldTime too is
 * Hoplab's choice, under the 30 s's own mark.
 */
export function retryWaitText(wait: number, timer: 'ConnectRetry' | 'IdleHoldTime'): string {
  const base = timer === 'ConnectRetry' ? `${CONNECT_RETRY_TIME} s` : `IdleHoldTime ${IDLE_HOLD_TIME} s`;
  const jitter = timer === 'ConnectRetry' ? ` (${markTitle(JITTER_PROV)})` : '';
  return `${(wait / SECOND).toFixed(1)} s: ${base} (${markTitle(RETRY_TIMERS_PROV)}) with jitter${jitter}`;
}

/** The hold time while waiting for the peer's OPEN ("a large value", RFC 4271 8.2.2: 4 minutes suggested). */
export const OPEN_HOLD_TIME = 240;

/** What BGPVM announces back to the MUX: nothing; the MUX installs no routes it learns. */
export const PASSIVE_ANNOUNCE_PROV: Provenance = {
  mark: 'illustrative',
  source: 'no source says what the TP1 BGPVM advertises; Hoplab has it announce nothing, so its UPDATE list is empty',
};
