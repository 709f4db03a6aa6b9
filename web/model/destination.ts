// Checks what the user typed as a destination before the run, so a typo gets a sentence that names
// what is wrong and how to fix it (the engine checks again, and its message is shown the same way).
import { LIMITS } from '../../src-engine/limits';
import { dnsNameProblem } from '../../src-engine/net/dnsName';
import { parseDestination } from '../../src-engine/run/destination';
import type { Topology } from '../../src-engine/topology/schema';

export type Check = { ok: true } | { ok: false; message: string };

const EXAMPLES = 'a node name (PortalVM), an IPv4 address (192.168.133.74) or a URL (https://portal.azurestack.local)';

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
export function suggestNode(topology: Topology, text: string): string | undefined {
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

function checkIpv4(text: string, original: string): Check {
  const parts = text.split('.');
  if (parts.length !== 4) return { ok: false, message: `"${original}" has ${parts.length} number${parts.length === 1 ? '' : 's'}; an IPv4 address has four, e.g. 192.168.133.74.` };
  const bad = parts.find((p) => p === '' || Number(p) > 255 || (p.length > 1 && p.startsWith('0')));
  if (bad !== undefined && bad.length > 1 && bad.startsWith('0') && Number(bad) <= 255) {
    return { ok: false, message: `"${original}" is not a valid IPv4 address: ${bad} has a leading zero. Write each number without one, e.g. 192.168.133.74.` };
  }
  if (bad !== undefined) return { ok: false, message: `"${original}" is not a valid IPv4 address: ${bad === '' ? 'a number is missing' : `${bad} is more than 255`}. Each of the four numbers must be 0 to 255, e.g. 192.168.133.74.` };
  return { ok: true };
}

function checkPort(port: string, original: string): Check {
  const n = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
  return n >= 1 && n <= 65535 ? { ok: true } : { ok: false, message: `"${original}": the port "${port}" must be a whole number from 1 to 65535, e.g. 443.` };
}

function checkHost(topology: Topology, host: string, original: string): Check {
  if (/^[\d.]+$/.test(host)) return checkIpv4(host, original);
  if (topology.nodes.some((n) => n.id.toLowerCase() === host.toLowerCase())) return { ok: true };
  if (!host.includes('.')) {
    const near = suggestNode(topology, host);
    return { ok: false, message: `There is no node called "${host}".${near ? ` Did you mean ${near}?` : ''} Type ${EXAMPLES}.` };
  }
  const problem = dnsNameProblem(host);
  if (problem) return { ok: false, message: `"${host.length > 60 ? `${host.slice(0, 57)}...` : host}" is not a valid DNS name: ${problem}. Use letters, digits, "-" and dots, e.g. portal.azurestack.local.` };
  return { ok: true };
}

export function checkDestination(topology: Topology, from: string, input: string): Check {
  const to = input.trim();
  if (to === '') return { ok: false, message: `Type a destination: ${EXAMPLES}.` };
  if (to.length > LIMITS.destinationLength) return { ok: false, message: `The destination is ${to.length} characters long; at most ${LIMITS.destinationLength} are allowed. Type ${EXAMPLES}.` };
  if (/\s/.test(to)) return { ok: false, message: `"${to}" contains a space. Type one destination: ${EXAMPLES}.` };
  const url = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#]*)(?::([^/?#]*))?([/?#].*)?$/i.exec(to);
  let host = to;
  if (url) {
    const scheme = url[1]!.toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') return { ok: false, message: `"${to}" starts with ${scheme}://, but Hoplab opens only http:// and https:// URLs. Try https://${url[2] ?? ''}.` };
    if (!url[2]) return { ok: false, message: `"${to}" has no host name after ${scheme}://. Try https://portal.azurestack.local.` };
    if (url[3] !== undefined) {
      const port = checkPort(url[3], to);
      if (!port.ok) return port;
    }
    host = url[2];
  } else if (/^[^:]+:[^:]*$/.test(to)) {
    const [h, p] = to.split(':') as [string, string];
    const port = checkPort(p, to);
    if (!port.ok) return port;
    host = h;
  } else if (to.includes('/') || to.includes(':')) {
    return { ok: false, message: `"${to}" is not ${EXAMPLES}. A URL needs its scheme, e.g. https://portal.azurestack.local.` };
  }
  const hostCheck = checkHost(topology, host, to);
  if (!hostCheck.ok) return hostCheck;
  if (host.toLowerCase() === from.toLowerCase()) return { ok: false, message: `${from} cannot send to itself. Pick another destination, e.g. PortalVM.` };
  // The engine's parser has the last word, so the page never accepts what a run would refuse.
  const engine = parseDestination(topology, to);
  return engine.ok ? { ok: true } : { ok: false, message: engine.error.message };
}
