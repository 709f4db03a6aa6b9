// What the user typed as a destination, understood: a URL (DNS, then TCP to its port), an IPv4
// address with or without a port, a node's name (its first address, ping), or a DNS name.
import type { EngineError, Result } from '../protocol';
import { ipToU32 } from '../net/addr';
import type { Topology } from '../topology/schema';
import { engineError } from '../errors';
import { dnsNameProblem } from '../net/dnsName';

export type Destination =
  /** Look the name up first. */
  | { readonly kind: 'name'; readonly name: string; readonly port: number | undefined }
  | { readonly kind: 'address'; readonly address: number; readonly port: number | undefined; readonly node?: string };

const SCHEME_PORT: Record<string, number> = { http: 80, https: 443 };

/** A port is 1 to 5 digits, 1-65535: no sign, space, exponent or fraction ("443", never " 443" or "4.43e2"). */
function parsePort(text: string | undefined): number | undefined | 'bad' {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(text)) return 'bad';
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : 'bad';
}

function host(topology: Topology, text: string, port: number | undefined, original: string): Result<Destination, EngineError> {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const address = ipToU32(text);
    if (address < 0) return { ok: false, error: engineError('bad-destination', `"${original}": ${text} is not a valid IPv4 address`) };
    return { ok: true, value: { kind: 'address', address, port } };
  }
  const node = topology.nodes.find((n) => n.id.toLowerCase() === text.toLowerCase());
  if (node) {
    const first = node.interfaces[0];
    if (!first) return { ok: false, error: engineError('bad-destination', `"${original}": ${node.id} has no interface`) };
    return { ok: true, value: { kind: 'address', address: ipToU32(first.address.split('/')[0]!), port, node: node.id } };
  }
  if (/^[\d.]+$/.test(text)) return { ok: false, error: engineError('bad-destination', `"${original}": ${text} is not a valid IPv4 address (four numbers 0-255, no leading zeros)`) };
  const problem = text.includes('.') ? dnsNameProblem(text) : 'it is a single label';
  if (problem === undefined) return { ok: true, value: { kind: 'name', name: text.toLowerCase().replace(/\.$/, ''), port } };
  return { ok: false, error: engineError('bad-destination', `"${original}" is not a node of this topology, an IPv4 address, a DNS name or a URL (as a DNS name: ${problem})`) };
}

export function parseDestination(topology: Topology, input: string): Result<Destination, EngineError> {
  const to = input.trim();
  const url = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#]+)(?::([^/?#]*))?([/?#].*)?$/i.exec(to);
  if (url) {
    const scheme = url[1]!.toLowerCase();
    const defaultPort = SCHEME_PORT[scheme];
    if (defaultPort === undefined) return { ok: false, error: engineError('bad-destination', `"${to}": the scheme ${scheme}:// is not supported (use http:// or https://)`) };
    const port = parsePort(url[3]);
    if (port === 'bad') return { ok: false, error: engineError('bad-destination', `"${to}": port "${url[3]}" is not a number from 1 to 65535`) };
    return host(topology, url[2]!, port ?? defaultPort, to);
  }
  const withPort = /^([^:/\s]+):([^:/\s]*)$/.exec(to);
  if (withPort) {
    const port = parsePort(withPort[2]);
    if (port === 'bad') return { ok: false, error: engineError('bad-destination', `"${to}": port "${withPort[2]}" is not a number from 1 to 65535`) };
    return host(topology, withPort[1]!, port, to);
  }
  if (to === '') return { ok: false, error: engineError('bad-destination', 'the destination is empty') };
  return host(topology, to, undefined, to);
}
