// Each protocol's name and filter, and the filters the page offers: all the page needs before a run (the
// filter buttons, stepping past hidden frames). Apart from the descriptors (protocols.ts), so a bundle
// that needs only these leaves the decoders' words out.

/** What a frame is, named for its innermost interesting layer. */
export type Protocol = 'arp' | 'dns' | 'tcp' | 'udp' | 'bgp' | 'tls' | 'vxlan' | 'icmp' | 'other';

/** The protocol filters the page offers (UDP other than DNS counts as "other"), in their order on screen. */
export const FILTER_KEYS = ['arp', 'dns', 'tcp', 'tls', 'bgp', 'vxlan', 'icmp', 'other'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Each protocol's name, and the filter that shows or hides its frames (the descriptors take theirs from here). */
export const IDENTITY: Readonly<Record<Protocol, { readonly name: string; readonly filter: FilterKey }>> = {
  arp: { name: 'ARP', filter: 'arp' },
  vxlan: { name: 'VXLAN', filter: 'vxlan' },
  bgp: { name: 'BGP', filter: 'bgp' },
  tcp: { name: 'TCP', filter: 'tcp' },
  tls: { name: 'TLS', filter: 'tls' },
  dns: { name: 'DNS', filter: 'dns' },
  udp: { name: 'UDP', filter: 'other' },
  icmp: { name: 'ICMP', filter: 'icmp' },
  other: { name: 'Other', filter: 'other' },
};

/** The filter that shows or hides a protocol's frames and events. */
export const filterOf = (protocol: Protocol): FilterKey => IDENTITY[protocol].filter;

/** A filter's button text: the name of the protocol it is named for. */
export const FILTER_LABELS: Readonly<Record<FilterKey, string>> = Object.fromEntries(FILTER_KEYS.map((k) => [k, IDENTITY[k].name])) as Record<FilterKey, string>;
