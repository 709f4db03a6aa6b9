// Fuzzing topology documents: the POC and generated topologies, broken by structural and semantic mutations
// (values replaced by hostile strings, numbers, addresses; keys dropped; records duplicated; values swapped
// between fields), then validated, and whatever validates is run. Nothing may throw, take over the budget,
// or be accepted while breaking a rule that an independent oracle below checks by brute force.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../run/simulate';
import { generateTopology } from '../scenarios/generate';
import { POC_TOPOLOGY } from '../scenarios/poc';
import { fuzzRuns, fuzzSync, tallyProblem } from '../testing/fuzz';
import type { Topology } from './schema';
import { parseTopology } from './validate';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

const BASES: Json[] = [POC_TOPOLOGY as unknown as Json, generateTopology({ vms: 8, vips: 3, seed: 2 }) as unknown as Json];

/** Every path in a document, containers included. */
function paths(doc: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(doc)) doc.forEach((v, i) => paths(v, [...at, i], out));
  else if (doc !== null && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) paths(v, [...at, k], out);
  return out;
}

function get(doc: Json, path: Path): Json | undefined {
  let v: Json | undefined = doc;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, Json>)[p] : undefined;
  return v;
}

function set(doc: Json, path: Path, value: Json | undefined): Json {
  if (path.length === 0) return value ?? null;
  const parent = get(doc, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return doc;
  const key = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
    else delete (parent as Record<string, Json>)[key];
  } else (parent as Record<string | number, Json>)[key] = value;
  return doc;
}

const octet = fc.oneof(fc.integer({ min: 0, max: 255 }).map(String), fc.constantFrom('256', '999', '01', '00', '-1', '', '1e2'));
const dotted = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const hostile = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  dotted,
  fc.tuple(dotted, fc.integer({ min: -1, max: 40 })).map(([a, l]) => `${a}/${l}`),
  fc.constantFrom('192.168.100.2', '192.168.100.1', '192.168.133.74', '0.0.0.0', '255.255.255.255', '192.168.100.0/24', '10.0.0.0/8', '0.0.0.0/0'),
  fc.constantFrom('MuxVM', 'BGPVM', 'ADVM', 'pa', 'mgmt', 'eth0', 'HyperVHost', 'portal.azurestack.local'),
  fc.constantFrom('a\u202Eb', 'x\u2066y', 'z\u200Bw', `${'a'.repeat(64)}.local`, `${'abcdefghi.'.repeat(26)}x`, 'x'.repeat(100_000), '-a.b', 'a..b'),
);
const number = fc.oneof(fc.integer(), fc.integer({ min: -2, max: 70_000 }), fc.double({ noNaN: true }), fc.constantFrom(0, 1, 3, 60, 180, 4094, 4095, 65535, 65536, 0xffffff, 2 ** 32));
const value: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: hostile },
  { weight: 2, arbitrary: number },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}) },
);

type Mutation = { kind: 'replace'; at: number; value: Json } | { kind: 'delete'; at: number } | { kind: 'duplicate'; at: number } | { kind: 'swap'; at: number; with: number };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }) },
);

const documents = fc.tuple(fc.nat({ max: BASES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([b, ms]) => {
  let doc: Json = structuredClone(BASES[b]!) as Json;
  for (const m of ms) {
    const all = paths(doc);
    const at = all[m.at % all.length]!;
    if (m.kind === 'replace') doc = set(doc, at, m.value);
    else if (m.kind === 'delete') doc = set(doc, at, undefined);
    else if (m.kind === 'duplicate') {
      const parent = get(doc, at.slice(0, -1));
      if (Array.isArray(parent)) parent.push(structuredClone(get(doc, at)!));
    } else {
      const other = all[m.with % all.length]!;
      const a = get(doc, at);
      const c = get(doc, other);
      if (a !== undefined && c !== undefined && at.length > 0 && other.length > 0 && !other.join('.').startsWith(at.join('.')) && !at.join('.').startsWith(other.join('.'))) {
        doc = set(doc, at, structuredClone(c));
        doc = set(doc, other, structuredClone(a));
      }
    }
  }
  return doc;
});

// The oracle: the rules, checked again by plain brute force, independent of validate.ts and of ip-num.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BIDI_OR_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200D\u2028\u2029\uFEFF]/u;

function quad(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

function span(cidr: string): [number, number] | undefined {
  const [a, l] = cidr.split('/');
  const addr = quad(a ?? '');
  const len = Number(l);
  if (addr === undefined || !/^\d{1,2}$/.test(l ?? '') || len > 32) return undefined;
  const size = 2 ** (32 - len);
  const first = Math.floor(addr / size) * size;
  return [first, first + size - 1];
}

function dnsOk(name: string): boolean {
  const n = name.replace(/\.$/, '');
  return n.length >= 1 && n.length <= 253 && n.split('.').every((l) => l.length >= 1 && l.length <= 63 && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i.test(l)) && !/^\d+$/.test(n.split('.').pop()!);
}

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push(k);
      strings(x, out);
    }
  }
  return out;
}

function duplicates(list: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const x of list) {
    if (seen.has(x)) return x;
    seen.add(x);
  }
  return undefined;
}

export function oracle(t: Topology): string | undefined {
  for (const s of strings(t)) {
    if (BIDI_OR_CONTROL.test(s)) return `a string with a bidi or control character was accepted: ${JSON.stringify(s.slice(0, 40))}`;
    if (s.length > 2000) return `a string of ${s.length} characters was accepted`;
  }
  const nets = new Map<string, [number, number]>();
  for (const n of t.networks) {
    const r = span(n.prefix);
    if (!r || quad(n.prefix.split('/')[0]!) !== r[0]) return `network ${n.id} has a bad prefix ${n.prefix}`;
    for (const [id, o] of nets) if (r[0] <= o[1] && o[0] <= r[1]) return `networks ${id} and ${n.id} overlap`;
    nets.set(n.id, r);
    if (n.gateway !== undefined) {
      const g = quad(n.gateway);
      if (g === undefined || g < r[0] || g > r[1]) return `gateway ${n.gateway} is outside ${n.prefix}`;
    }
  }
  const dup = duplicates(t.networks.map((n) => n.id)) ?? duplicates([...t.nodes.map((n) => n.id), t.switch.id]);
  if (dup) return `duplicate id ${dup}`;
  const addresses = new Set<string>();
  for (const node of t.nodes) {
    const d = duplicates(node.interfaces.map((f) => f.id));
    if (d) return `duplicate interface ${node.id}.${d}`;
    for (const f of node.interfaces) {
      const [a, l] = f.address.split('/') as [string, string];
      const ip = quad(a);
      const net = nets.get(f.network);
      if (ip === undefined) return `interface address ${f.address} is not a dotted quad`;
      if (!net || ip < net[0] || ip > net[1]) return `interface address ${f.address} is outside its network`;
      if (2 ** (32 - Number(l)) !== net[1] - net[0] + 1) return `interface ${f.address} has another prefix length than its network`;
      if (addresses.has(a)) return `address ${a} is used twice`;
      addresses.add(a);
    }
  }
  if (t.bgp && t.bgp.keepalive >= t.bgp.holdTime) return `keepalive ${t.bgp.keepalive} is not below hold ${t.bgp.holdTime}`;
  if (t.slb) {
    for (const v of [...t.slb.rules.map((r) => r.vip), ...t.slb.extraVips]) if (addresses.has(v)) return `VIP ${v} is an interface address`;
    const d = duplicates(t.slb.rules.map((r) => r.name));
    if (d) return `duplicate rule name ${d}`;
  }
  if (t.dns) {
    if (!dnsOk(t.dns.zone)) return `zone ${t.dns.zone} is not a DNS name`;
    for (const r of t.dns.records) if (!dnsOk(r.name)) return `record name ${r.name.slice(0, 80)} is not a DNS name`;
  }
  return undefined;
}

const DISPOSITIONS = new Set(['delivered', 'no-route', 'ttl-exceeded', 'node-down', 'neighbor-unreachable', 'no-listener', 'no-dns-answer', 'no-rule', 'link-down', 'timeout', 'back-to-sender', 'budget-exceeded']);

/** Validates, checks the oracle, and runs what validates: to the first VIP (or DNS name), from the first VM. */
function check(doc: Json): string | undefined {
  const r = parseTopology(doc);
  if (!r.ok) {
    for (const e of r.error) if (typeof e.code !== 'string' || typeof e.message !== 'string' || e.message.length === 0) return `an error without code or message: ${JSON.stringify(e)}`;
    return undefined;
  }
  const wrong = oracle(r.value);
  if (wrong) return wrong;
  const t = r.value;
  const from = t.nodes.find((n) => n.kind === 'vm' && n.interfaces.length > 0)?.id ?? t.nodes[0]!.id;
  const to = t.dns?.records[0]?.name ?? (t.slb?.rules[0] ? `${t.slb.rules[0].vip}:${t.slb.rules[0].port}` : t.nodes[t.nodes.length - 1]!.id);
  const run = simulate(t, { from, to }, { full: false });
  if (run.ok && !DISPOSITIONS.has(run.value.result.trace.disposition)) return `unknown disposition ${run.value.result.trace.disposition}`;
  return undefined;
}

describe('fuzzing topology documents', () => {
  it('never crashes, hangs or accepts a broken document; whatever validates runs', { timeout: 600_000 }, () => {
    const tally = fuzzSync('topology documents', documents, fuzzRuns(2000), 2000, check);
    expect(tally.cases).toBe(fuzzRuns(2000));
    expect(tallyProblem(tally)).toBeUndefined();
  });

  it('the oracle itself sees the rules broken (it is not vacuous)', () => {
    const poc = parseTopology(POC_TOPOLOGY);
    if (!poc.ok) throw new Error('the POC must validate');
    expect(oracle(poc.value)).toBeUndefined();
    const broken = structuredClone(poc.value);
    broken.bgp!.keepalive = 999;
    expect(oracle(broken)).toMatch(/keepalive/);
    const vip = structuredClone(poc.value);
    vip.slb!.rules[0]!.vip = '192.168.100.9';
    expect(oracle(vip)).toMatch(/VIP/);
  });
});
