// What the page and the CLI call each kind of event, and a narrowing filter for reading an event's data.
import type { EventKind, EventOf, SimEvent } from '../protocol';

/**
 * A kind's name in a few words: the event list's kind column for events that are not frames, which holds
 * 11 characters whole at a laptop's width. The row's summary says the rest.
 */
export const EVENT_LABEL: Readonly<Record<EventKind, string>> = {
  transmission: 'frame',
  drop: 'drop',
  'node-failed': 'failure',
  'node-restored': 'restore',
  'link-failed': 'link down',
  'link-restored': 'link up',
  'bgp-state': 'BGP state',
  'bgp-hold-expired': 'hold timer',
  'bgp-notification': 'BGP notify',
  'bgp-session-down': 'BGP down',
  'bgp-connection': 'BGP TCP',
  'route-installed': 'route +',
  'route-removed': 'route −',
  'arp-learned': 'ARP learned',
  'flow-created': 'VFP flow',
  'tcp-retransmit': 'TCP retry',
  'tcp-gave-up': 'TCP gave up',
  'flow-attempt': 'attempt',
  'dip-health': 'DIP health',
  info: 'note',
};

/** A filter that narrows: `events.filter(isEvent('bgp-state'))` is a list of events with `peer` and `state`. */
export const isEvent =
  <K extends EventKind>(kind: K) =>
  (e: SimEvent): e is EventOf<K> =>
    e.kind === kind;

/** The transmission an event stands for: only a 'transmission' event has one. */
export const transmissionOf = (e: SimEvent): number | undefined => (e.kind === 'transmission' ? e.transmissionId : undefined);

/** The TTL with which an IPv4 frame's summary ends (" TTL 63"): written here, so the signature below knows it. */
export const ttlSuffix = (ttl: number): string => ` TTL ${ttl}`;
const TTL_AT_END = / TTL \d+$/;

/**
 * What makes two events "the same again": everything but the TTL a frame's summary ends with. A routing
 * loop's round trips differ only in it, so the event list folds them into one row.
 */
export const eventSignature = (e: SimEvent): string =>
  `${e.kind}|${e.node}|${e.protocol ?? ''}|${e.kind === 'transmission' ? e.summary.replace(TTL_AT_END, '') : e.summary}`;
