// What the user typed as a destination, understood or refused with a sentence that names what is wrong
// and how to fix it: a URL (DNS, then TCP to its port), an IPv4 address with or without a port, a
// node's name (its first address), or a DNS name. The one parser: the engine runs what it returns,
// the page checks the field with it before asking the engine, and a link's destination reaches it as it
// was written.
import type { EngineError, Result } from '../protocol';
import { LIMITS } from '../limits';
import { dnsNameProblem } from '../net/dnsName';
import { unsafeCharacter } from '../net/text';
import { ipv4Text, parseIpv4 } from '../packets/addresses';
import type { Topology } from '../topology/schema';

export type Destination =
  /** Look the name up first. */
  | { readonly kind: 'name'; readonly name: string; readonly port: number | undefined }
  | { readonly kind: 'address'; readonly address: number; readonly port: number | undefined; readonly node?: string };

/** As much of a topology as the parser reads: its networks name their broadcast addresses. */
export type DestinationTopology = Pick<Topology, 'nodes'> & Partial<Pick<Topology, 'networks'>>;

const EXAMPLES = 'a node name (PortalVM), an IPv4 address (192.168.133.74) or a URL (https://portal.azurestack.local)';
const URL_FORM = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#]*)(?::([^/?#]*))?([/?#].*)?$/i;
const SCHEME_PORT: Readonly<Record<string, number>> = { http: 80, https: 443 };

const refuse = (message: string): Result<never, EngineError> => ({ ok: false, error: { code: 'bad-destination', message } });

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length]!;
}

/** The closest node name, if it is close enough to be a typo. */
export function suggestNode(topology: DestinationTopology, text: string): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of topology.nodes) {
    const d = distance(n.id.toLowerCase(), text.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = n.id;
    }
  }
  return bestD <= Math.max(2, Math.floor(text.length / 3)) ? best : undefined;
}

/** A port is 1 to 5 digits, 1-65535: no sign, space, exponent or fraction ("443", never " 443" or "4.43e2"). */
function parsePort(text: string, original: string): Result<number, EngineError> {
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  return n >= 1 && n <= 65535 ? { ok: true, value: n } : refuse(`"${original}": the port "${text}" must be a whole number from 1 to 65535, e.g. 443.`);
}

function parseAddress(text: string, original: string): Result<number, EngineError> {
  const parts = text.split('.');
  if (parts.length !== 4) return refuse(`"${original}" has ${parts.length} number${parts.length === 1 ? '' : 's'}; an IPv4 address has four, e.g. 192.168.133.74.`);
  const bad = parts.find((p) => p === '' || Number(p) > 255);
  if (bad !== undefined) return refuse(`"${original}" is not a valid IPv4 address: ${bad === '' ? 'a number is missing' : `${bad} is more than 255`}. Each of the four numbers must be 0 to 255, e.g. 192.168.133.74.`);
  const zero = parts.find((p) => p.length > 1 && p.startsWith('0'));
  if (zero !== undefined) return refuse(`"${original}" is not a valid IPv4 address: ${zero} has a leading zero. Write each number without one, e.g. 192.168.133.74.`);
  const address = parseIpv4(text);
  if (address < 0) return refuse(`"${original}" is not a valid IPv4 address. Each of the four numbers must be 0 to 255, e.g. 192.168.133.74.`);
  return { ok: true, value: address };
}

const ONE_DEVICE = 'Hoplab traces a packet to one device: type its address, e.g. 192.168.133.74, or a node name (PortalVM)';

/** Address blocks that name no one device (RFC 1122 3.2.1.3, RFC 919, RFC 5771, RFC 1112 4), with why. */
const SPECIAL_BLOCKS: readonly { readonly first: number; readonly last: number; readonly why: string }[] = [
  { first: 0x00000000, last: 0x00ffffff, why: 'is in 0.0.0.0/8, "this network": a host may use it only as a source while it learns its own address, never as a destination (RFC 1122, 3.2.1.3)' },
  { first: 0x7f000000, last: 0x7fffffff, why: 'is a loopback address (127.0.0.0/8): a packet to it never leaves the host that sends it (RFC 1122, 3.2.1.3), so it crosses no network' },
  { first: 0xe0000000, last: 0xefffffff, why: 'is a multicast address (224.0.0.0/4, RFC 5771): it names a group of receivers, not one device' },
  { first: 0xffffffff, last: 0xffffffff, why: 'is the limited broadcast address (RFC 919): it reaches every device on the sender\'s own network, and no router forwards it' },
  { first: 0xf0000000, last: 0xfffffffe, why: 'is in 240.0.0.0/4, reserved for future use (RFC 1112, 4): no device may have it' },
];

/** Why an address names no one device: a special block, or a network's broadcast address. */
function notOneDevice(topology: DestinationTopology, address: number): string | undefined {
  const block = SPECIAL_BLOCKS.find((b) => address >= b.first && address <= b.last);
  if (block) return block.why;
  for (const n of topology.networks ?? []) {
    if (n.kind === 'vip') continue;
    const [base, len] = n.prefix.split('/') as [string, string];
    const size = 2 ** (32 - Number(len));
    if (size >= 4 && address === parseIpv4(base) + size - 1) return `is the broadcast address of ${n.label}: it reaches every device on that network, not one`;
  }
  return undefined;
}

function parseHost(topology: DestinationTopology, host: string, port: number | undefined, original: string): Result<Destination, EngineError> {
  if (/^[\d.]+$/.test(host)) {
    const address = parseAddress(host, original);
    if (!address.ok) return address;
    const why = notOneDevice(topology, address.value);
    if (why) return refuse(`${host} ${why}. ${ONE_DEVICE}.`);
    return { ok: true, value: { kind: 'address', address: address.value, port } };
  }
  const node = topology.nodes.find((n) => n.id.toLowerCase() === host.toLowerCase());
  if (node) {
    const first = node.interfaces[0];
    if (!first) return refuse(`${node.id} has no interface to send to. Pick a node with an address, e.g. PortalVM.`);
    return { ok: true, value: { kind: 'address', address: parseIpv4(first.address.split('/')[0]!), port, node: node.id } };
  }
  if (!host.includes('.')) {
    const near = suggestNode(topology, host);
    return refuse(`There is no node called "${host}".${near ? ` Did you mean ${near}?` : ''} Type ${EXAMPLES}.`);
  }
  const problem = dnsNameProblem(host);
  if (problem) return refuse(`"${host.length > 60 ? `${host.slice(0, 57)}...` : host}" is not a valid DNS name: ${problem}. Use letters, digits, "-" and dots, e.g. portal.azurestack.local.`);
  return { ok: true, value: { kind: 'name', name: host.toLowerCase().replace(/\.$/, ''), port } };
}

/** What a destination means in a topology, or why it means nothing (code 'bad-destination'). */
export function parseDestination(topology: DestinationTopology, input: string): Result<Destination, EngineError> {
  const to = input.trim();
  if (to === '') return refuse(`Type a destination: ${EXAMPLES}.`);
  if (to.length > LIMITS.destinationLength) return refuse(`The destination is ${to.length} characters long; at most ${LIMITS.destinationLength} are allowed. Type ${EXAMPLES}.`);
  const unsafe = unsafeCharacter(to);
  if (unsafe !== undefined) return refuse(`The destination contains ${unsafe}. Type it again without it: ${EXAMPLES}.`);
  if (/\s/.test(to)) return refuse(`"${to}" contains a space. Type one destination: ${EXAMPLES}.`);
  const url = URL_FORM.exec(to);
  if (url) {
    const scheme = url[1]!.toLowerCase();
    const defaultPort = SCHEME_PORT[scheme];
    if (defaultPort === undefined) return refuse(`"${to}" starts with ${scheme}://, but Hoplab opens only http:// and https:// URLs. Try https://${url[2] ?? ''}.`);
    if (!url[2]) return refuse(`"${to}" has no host name after ${scheme}://. Try https://portal.azurestack.local.`);
    let port = defaultPort;
    if (url[3] !== undefined) {
      const p = parsePort(url[3], to);
      if (!p.ok) return p;
      port = p.value;
    }
    return parseHost(topology, url[2], port, to);
  }
  const withPort = /^([^:/]+):([^:/]*)$/.exec(to);
  if (withPort) {
    const p = parsePort(withPort[2]!, to);
    return p.ok ? parseHost(topology, withPort[1]!, p.value, to) : p;
  }
  if (to.includes('/') || to.includes(':')) return refuse(`"${to}" is not ${EXAMPLES}. A URL needs its scheme, e.g. https://portal.azurestack.local.`);
  return parseHost(topology, to, undefined, to);
}

/**
 * parseDestination, and one rule more that needs the source: a node does not send to itself, by name or by any
 * of its addresses. The engine runs what this accepts, as the page checks it.
 */
export function checkDestination(topology: DestinationTopology, from: string, input: string): Result<Destination, EngineError> {
  const parsed = parseDestination(topology, input);
  if (!parsed.ok || parsed.value.kind !== 'address') return parsed;
  const source = topology.nodes.find((n) => n.id.toLowerCase() === from.trim().toLowerCase());
  const { address } = parsed.value;
  if (source && source.interfaces.some((f) => parseIpv4(f.address.split('/')[0]!) === address)) {
    const own = parsed.value.node ? '' : ` ${ipv4Text(address)} is its own address, and`;
    return refuse(`${source.id} cannot send to itself:${own} a packet to its own address never leaves it (the IP stack loops it back), so it crosses no network. Pick another destination, e.g. PortalVM.`);
  }
  return parsed;
}
