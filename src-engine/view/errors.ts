// Every error code, in one place, with the message that tells the user what to do: the engine's answers and
// the page's own (a worker that died or took too long, a file that is not JSON, an edit that cannot be
// made) alike. Pure text, so the page may import it; it loads it only when it has an error to show.
import type { EngineError } from '../protocol';
import { LIMITS, MAX_MTU, MIN_MTU } from './limits';

export const ERROR_MESSAGES = {
  'invalid-json': 'Check it in a JSON validator, fix the syntax, and load it again.',
  'document-too-large': `A topology document is at most ${LIMITS.documentBytes / 1048576} MB. Load a smaller one.`,
  'invalid-document': 'The topology document does not match the hoplab/topology@1 format.',
  'duplicate-id': 'Two records share one id. Give each a unique id.',
  'duplicate-address': 'Two interfaces share one address. Give each interface its own address.',
  'duplicate-mac': 'Two interfaces share one MAC address. Give each interface its own MAC.',
  'unknown-reference': 'A record names something that does not exist. Fix the name or add the missing record.',
  'address-outside-subnet': "An interface address lies outside its network's prefix. Pick an address inside the prefix, or attach the interface to the right network.",
  'address-reserved': 'An interface uses the network or broadcast address of its prefix. Pick a host address.',
  'prefix-not-aligned': 'A prefix has host bits set. Use the network address, e.g. 192.168.100.0/24.',
  'gateway-not-on-link': "A route's next hop is not on any network this node is attached to. Use an address on one of its subnets.",
  'overlapping-subnets': 'Two networks overlap, so an address would belong to both. Give each network its own, non-overlapping prefix.',
  'gateway-outside-prefix': "A network's gateway is not a host address inside its prefix. Use an address inside the prefix that is neither the network nor the broadcast address.",
  'gateway-is-self': "A route's next hop is the node's own address. Use the address of the next router, or drop \"via\" for an on-link route.",
  'keepalive-not-below-hold': 'BGP keepalives must come more often than the hold time, or every session expires. Set the keepalive below the hold time (RFC 4271 suggests a third of it).',
  'vip-is-interface-address': 'A VIP is also the address of an interface, so the MUX and the interface would both answer for it. Pick a VIP that no interface uses (from the VIP pool).',
  'bgp-peer-is-self': 'A BGP speaker names its own address as a peer. Use the address of the router it should peer with.',
  'bgp-asn-mismatch': "A BGP peer's AS number differs from the AS that the speaker at that address uses. Make the two agree.",
  'nat-same-interface': "A NAT's inside and outside are the same interface. Name the inside (private) and the outside (public) interfaces.",
  'not-loaded': 'No topology is loaded. Load one first.',
  'unknown-node': 'Use the id of a node in the loaded topology (e.g. ClientVM).',
  'bad-destination': 'Give a node name (PortalVM), an IPv4 address (192.168.133.74 or 192.168.133.74:443), a DNS name (portal.azurestack.local) or an http(s) URL (https://portal.azurestack.local).',
  'bad-what-if': 'A what-if target is a node id ("MuxVM") or a link "NodeId:interfaceId" ("MuxVM:mgmt"), at a time from 0 to 600 s (600000000 microseconds); a run takes at most 64 what-ifs.',
  'bad-mtu': `An MTU what-if names one of the topology's networks by its id ("pa") and gives its MTU, a whole number of bytes from ${MIN_MTU} to ${MAX_MTU}; a run takes at most ${LIMITS.mtuWhatIfs} of them.`,
  'engine-crashed': 'Your topology, flow and view are kept; try again, and if it happens again, report it with the link from "Copy link".',
  'engine-timeout': 'Your topology, flow and view are kept; try again, perhaps with a smaller topology or fewer what-ifs.',
  'bad-request': 'The run request is malformed: check the seed (a whole number from 0 to 4294967295) and the knobs (true or false).',
  'bad-flow-at': `Give each flow start time from 0 to ${LIMITS.latestFlowStart / 1e6} s (seconds on the command line, e.g. --flow-at 5s,200s), at most 8 of them.`,
  'no-run': 'Run a flow first; tables and captures come from the last run.',
  'capture-failed': 'The capture could not be written.',
  'invalid-edit': 'The topology is unchanged; change the value named here and try again.',
  'unknown-lesson': 'Open the list of lessons and pick one of them.',
  'lesson-unresolved': 'This lesson no longer matches what the engine simulates. Choose "Show everything" to explore the run freely, and report the lesson and chapter named here.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** An EngineError with the standard message for its code, plus the specific detail. */
export function engineError(code: ErrorCode, detail?: string, path?: string): EngineError {
  const message = detail ? `${detail}. ${ERROR_MESSAGES[code]}` : ERROR_MESSAGES[code];
  return path === undefined ? { code, message } : { code, message, path };
}
