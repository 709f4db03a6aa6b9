// Every error code the engine returns, in one place, with the message that tells the user what to do.
import type { EngineError } from './protocol';

export const ERROR_MESSAGES = {
  'invalid-json': 'The file is not valid JSON. Check it in a JSON validator, fix the syntax, and load it again.',
  'invalid-document': 'The topology document does not match the hoplab/topology@1 format.',
  'duplicate-id': 'Two records share one id. Give each a unique id.',
  'duplicate-address': 'Two interfaces share one address. Give each interface its own address.',
  'duplicate-mac': 'Two interfaces share one MAC address. Give each interface its own MAC.',
  'unknown-reference': 'A record names something that does not exist. Fix the name or add the missing record.',
  'address-outside-subnet': "An interface address lies outside its network's prefix. Pick an address inside the prefix, or attach the interface to the right network.",
  'address-reserved': 'An interface uses the network or broadcast address of its prefix. Pick a host address.',
  'prefix-not-aligned': 'A prefix has host bits set. Use the network address, e.g. 192.168.100.0/24.',
  'gateway-not-on-link': "A route's next hop is not on any network this node is attached to. Use an address on one of its subnets.",
  'not-loaded': 'No topology is loaded. Load one first.',
  'unknown-node': 'Use the id of a node in the loaded topology (e.g. ClientVM).',
  'bad-destination': 'Give a node name (PortalVM), an IPv4 address (192.168.133.74 or 192.168.133.74:443), a DNS name (portal.azurestack.local) or an http(s) URL (https://portal.azurestack.local).',
  'bad-what-if': 'A what-if target is a node id ("MuxVM") or a link "NodeId:interfaceId" ("MuxVM:mgmt"), at a time of 0 or more microseconds.',
  'bad-flow-at': 'Give each flow start time as 0 or more (seconds on the command line, e.g. --flow-at 5s,200s), at most 8 of them.',
  'no-run': 'Run a flow first; tables and captures come from the last run.',
  'capture-failed': 'The capture could not be written.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** An EngineError with the standard message for its code, plus the specific detail. */
export function engineError(code: ErrorCode, detail?: string, path?: string): EngineError {
  const message = detail ? `${detail}. ${ERROR_MESSAGES[code]}` : ERROR_MESSAGES[code];
  return path === undefined ? { code, message } : { code, message, path };
}
