// Fuzzing destination text: random text and near-misses of every form (URLs, address:port, DNS names with
// long labels, numeric names, stray spaces and signs). The engine's parser never throws; what it accepts
// obeys RFC 1035 lengths and real IPv4; the page's check never accepts what the engine refuses; and an
// accepted destination runs on the POC without an exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDestination, parseDestination } from './destination';
import { fuzzRuns, fuzzSync, tallyProblem } from '../testing/fuzz';
import { u32ToIp } from '../net/addr';
import { pocTopology } from '../run/fixtures';
import { simulate } from '../run/simulate';

const topology = pocTopology();
const label = fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,12}$/), fc.integer({ min: 0, max: 70 }).map((n) => 'a'.repeat(n)), fc.constantFrom('azurestack', 'local', 'portal', '74', '0', '-x', 'x-', '', 'ü', 'PortalVM'));
const name = fc.array(label, { minLength: 1, maxLength: 6 }).map((l) => l.join('.'));
const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('01', '00', '', ' 1', '+1'));
const address = fc.array(octet, { minLength: 3, maxLength: 5 }).map((o) => o.join('.'));
const port = fc.oneof(fc.integer({ min: -1, max: 70_000 }).map(String), fc.constantFrom('', ' 443', '443 ', '+443', '4.43e2', '0x1bb', '443abc'));
const hostText = fc.oneof(name, address, fc.constantFrom('PortalVM', 'portalvm', 'ClientVM', 'MuxVM', 'portal.azurestack.local'));
const destination = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  hostText,
  fc.tuple(hostText, port).map(([h, p]) => `${h}:${p}`),
  fc.tuple(fc.constantFrom('http', 'https', 'ftp', 'HTTPS', 'h'), hostText, fc.option(port, { nil: undefined }), fc.constantFrom('', '/', '/x?y#z')).map(([s, h, p, rest]) => `${s}://${h}${p === undefined ? '' : `:${p}`}${rest}`),
  fc.tuple(fc.constantFrom(' ', '\t', '\u202E', '\u200B'), hostText).map(([c, h]) => `${h}${c}`),
  fc.integer({ min: 250, max: 400 }).map((n) => `${'a'.repeat(n - 6)}.local`),
);

function labelsOk(n: string): boolean {
  return n.length <= 253 && n.split('.').every((l) => l.length >= 1 && l.length <= 63 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(l)) && !/^\d+$/.test(n.split('.').pop()!);
}

function check(text: string): string | undefined {
  const r = parseDestination(topology, text);
  const page = checkDestination(topology, 'ClientVM', text);
  if (page.ok && !r.ok) return `the page accepts what the engine refuses: ${r.error.message}`;
  if (!r.ok) return r.error.code === 'bad-destination' ? undefined : `unexpected error code ${r.error.code}`;
  const d = r.value;
  if (d.port !== undefined && !(Number.isInteger(d.port) && d.port >= 1 && d.port <= 65535)) return `port ${d.port} accepted`;
  if (d.kind === 'name' && !labelsOk(d.name)) return `name ${d.name.slice(0, 80)} (${d.name.length} characters) accepted`;
  if (d.kind === 'address' && !(Number.isInteger(d.address) && d.address >= 0 && d.address <= 0xffffffff)) return `address ${d.address} accepted`;
  if (d.kind === 'address' && !d.node) {
    const host = text.trim().replace(/^[a-z]+:\/\//i, '').split(/[:/?#]/)[0]!;
    if (host !== u32ToIp(d.address)) return `address text ${host} read as ${u32ToIp(d.address)}`;
  }
  const run = simulate(topology, { from: 'ClientVM', to: text }, { full: false });
  if (!run.ok && run.error.code !== 'bad-destination') return `the run refused it with ${run.error.code}`;
  return undefined;
}

describe('fuzzing destination text', () => {
  it('one parser: never throws, accepts only RFC 1035 names, real IPv4 and ports 1-65535, and every accepted text runs', { timeout: 600_000 }, () => {
    const tally = fuzzSync('destination text', destination, fuzzRuns(2000), 2000, check);
    expect(tallyProblem(tally)).toBeUndefined();
  });
});
