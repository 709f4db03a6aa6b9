import { beforeEach, describe, expect, it } from 'vitest';
import type { Hop, HopStep } from '../protocol';
import { runPoc } from '../run/fixtures';
import { portId } from './ids';
import { alignHops, compareParts, defaultPartKey, describeParting, hopDecision, hopSummary, runParts, type RunPart } from './compare';
import { nodeId } from './ids';

const SWITCH = 'CCI_External_vSwitch';

/** A hop with only what the alignment reads: where it was and what it decided. */
function hop(node: string, iface: string, ...steps: HopStep[]): Hop {
  return { node: nodeId(node), interface: iface, time: 0, steps, layers: [], why: '' };
}
const route = (nextHop: string, text = `route via ${nextHop}`): HopStep => ({ kind: 'route', prefix: '0.0.0.0/0', nextHop, interface: 'eth0', source: 'static', text });
const port = (node: string, iface: string): HopStep => ({ kind: 'switch', port: portId(node, iface), text: `out of port ${portId(node, iface)}` });

function part(run: ReturnType<typeof runPoc>, key: string): RunPart {
  const found = runParts(run.result).find((p) => p.key === key);
  if (!found) throw new Error(`no part ${key}: ${runParts(run.result).map((p) => p.key).join(', ')}`);
  return found;
}

describe('runParts', () => {
  it('lists a healthy run as its DNS lookup and flow, each with its answer', () => {
    const parts = runParts(runPoc().result);
    expect(parts.map((p) => [p.key, p.title, p.kind, p.isReply, p.attempt])).toEqual([
      ['dns', 'DNS lookup', 'dns', false, 1],
      ['dns-reply', 'DNS lookup: the answer', 'dns', true, 1],
      ['flow', 'The flow', 'flow', false, 1],
      ['flow-reply', 'The flow: the answer', 'flow', true, 1],
    ]);
    expect(defaultPartKey(parts)).toBe('flow');
  });

  it('names each attempt and its time when a failed MUX makes the run try twice', () => {
    const parts = runParts(runPoc({ whatIf: [{ action: 'fail', target: 'MuxVM', at: 1_000_000 }] }).result);
    expect(parts.map((p) => p.title)).toEqual([
      'Attempt 1 at 6 s: DNS lookup',
      'Attempt 1 at 6 s: DNS lookup: the answer',
      'Attempt 1 at 6 s: The flow',
      'Attempt 2 at 186 s: The flow',
      // The answer to the looping SYN: the ICMP time-exceeded its last router sends back.
      'Attempt 2 at 186 s: The flow: the answer',
    ]);
    expect(parts.map((p) => p.key)).toEqual(['dns', 'dns-reply', 'flow', 'flow-2', 'flow-2-reply']);
    expect(defaultPartKey(parts)).toBe('flow');
  });
});

describe('alignHops', () => {
  it('puts every hop of two identical paths in a same row, and says they never part', () => {
    const path = [hop('ClientVM', 'eth0', route('NATVM')), hop(SWITCH, 'ClientVM.eth0', port('NATVM', 'inside'))];
    const al = alignHops(path, path);
    expect(al).toEqual({ rows: [{ a: 0, b: 0, status: 'same' }, { a: 1, b: 1, status: 'same' }] });
    expect(describeParting(al, path, path, SWITCH)).toBe('The two paths are the same, hop for hop (2 hops).');
  });

  it('marks a hop at the same place that decided otherwise, and sets the hops after it side by side', () => {
    const a = [hop('BGPVM', 'transit', route('MuxVM')), hop(SWITCH, 'BGPVM.mgmt', port('MuxVM', 'mgmt')), hop('MuxVM', 'mgmt')];
    const b = [hop('BGPVM', 'transit', route('NATVM')), hop(SWITCH, 'BGPVM.transit', port('NATVM', 'inside')), hop('NATVM', 'inside'), hop(SWITCH, 'NATVM.inside')];
    const al = alignHops(a, b);
    expect(al.rows).toEqual([
      { a: 0, b: 0, status: 'differs' },
      { a: 1, b: 1, status: 'apart' },
      { a: 2, b: 2, status: 'apart' },
      { b: 3, status: 'only-b' },
    ]);
    expect(al.partedAt).toBe(0);
    expect(al.rejoinedAt).toBeUndefined();
  });

  it('lines up where two paths meet again (one MUX or the other, then the same host)', () => {
    const a = [hop('BGPVM', 'transit', route('MuxVM')), hop('MuxVM', 'mgmt'), hop('PortalVM', 'eth0')];
    const b = [hop('BGPVM', 'transit', route('MuxVM2')), hop('MuxVM2', 'mgmt'), hop('PortalVM', 'eth0')];
    const al = alignHops(a, b);
    expect(al.rows.map((r) => r.status)).toEqual(['differs', 'apart', 'same']);
    expect(al.rejoinedAt).toBe(2);
    expect(describeParting(al, a, b, SWITCH)).toBe(
      'The paths part at hop 1, from the first hop: both reach BGPVM, and there they part. A: route via MuxVM. B: route via MuxVM2. They meet again at PortalVM (A\'s hop 3, B\'s hop 3).',
    );
  });

  it('keeps a detour on its own rows so the hops after it still line up', () => {
    const a = [hop('ClientVM', 'eth0'), hop('PortalVM', 'eth0')];
    const b = [hop('ClientVM', 'eth0'), hop('NATVM', 'inside'), hop('PortalVM', 'eth0')];
    expect(alignHops(a, b).rows).toEqual([
      { a: 0, b: 0, status: 'same' },
      { b: 1, status: 'only-b' },
      { a: 1, b: 2, status: 'same' },
    ]);
  });

  it('says which run ended first when one path is the start of the other', () => {
    const a = [hop('ClientVM', 'eth0'), hop(SWITCH, 'ClientVM.eth0')];
    const b = [hop('ClientVM', 'eth0')];
    expect(describeParting(alignHops(a, b), a, b, SWITCH)).toBe("B's path ends after 1 shared hop; A goes on to the switch (hop 2).");
    expect(describeParting(alignHops(b, a), b, a, SWITCH)).toBe("A's path ends after 1 shared hop; B goes on to the switch (hop 2).");
  });

  it('handles empty paths', () => {
    expect(alignHops([], [])).toEqual({ rows: [] });
    expect(describeParting(alignHops([], []), [], [])).toBe('Neither run has a hop here.');
  });

  it('does not change the hops it reads', () => {
    const a = [hop('BGPVM', 'transit', route('MuxVM'))];
    const copy = structuredClone(a);
    alignHops(a, a);
    expect(a).toEqual(copy);
  });
});

describe('hopDecision', () => {
  it('ignores ARP and TTL (which differ between attempts) but not the route or the drop', () => {
    const cached = hop('NATVM', 'inside', route('BGPVM'), { kind: 'arp', target: '192.168.200.2', outcome: 'cached', text: '' }, { kind: 'ttl', before: 128, after: 127, text: '' });
    const asked = hop('NATVM', 'inside', route('BGPVM'), { kind: 'arp', target: '192.168.200.2', outcome: 'resolved', text: '' }, { kind: 'ttl', before: 126, after: 125, text: '' });
    expect(hopDecision(cached)).toBe(hopDecision(asked));
    expect(hopDecision(cached)).toBe('route 0.0.0.0/0 BGPVM eth0');
    expect(hopDecision(hop('MuxVM', 'mgmt', { kind: 'dropped', reason: 'node-down', text: '' }))).toBe('dropped node-down');
  });
});

describe('compareParts on real runs', () => {
  // Run in each test, not when the file loads, so each test's coverage is its own.
  let healthy: ReturnType<typeof runPoc>;
  let failed: ReturnType<typeof runPoc>;
  beforeEach(() => {
    healthy = runPoc();
    failed = runPoc({ whatIf: [{ action: 'fail', target: 'MuxVM', at: 1_000_000 }] });
  });

  it('healthy against MuxVM failed (the black hole): the same six hops, then they part at MuxVM', () => {
    const c = compareParts(part(healthy, 'flow'), part(failed, 'flow'), SWITCH);
    const nodes = (side: 'a' | 'b', run: typeof healthy, key: string) => c.alignment.rows.map((r) => (r[side] === undefined ? '-' : part(run, key).hops[r[side]!]!.node));
    expect(nodes('a', healthy, 'flow')).toEqual(['ClientVM', SWITCH, 'NATVM', SWITCH, 'BGPVM', SWITCH, 'MuxVM', SWITCH, 'PortalVM']);
    expect(nodes('b', failed, 'flow')).toEqual(['ClientVM', SWITCH, 'NATVM', SWITCH, 'BGPVM', SWITCH, 'MuxVM', '-', '-']);
    expect(c.alignment.rows.map((r) => r.status)).toEqual(['same', 'same', 'same', 'same', 'same', 'same', 'differs', 'only-a', 'only-a']);
    expect(c.alignment.partedAt).toBe(6);
    expect(c.parting).toMatch(/^The paths part at hop 7, after 6 shared hops: both reach MuxVM, and there they part\. A: rule portal-https matches 192\.168\.133\.74 TCP port 443.*\. B: MuxVM is down: nothing processes the packet\.$/);
    expect(c.verdict).toBe('A: delivered. B: failed: node down.');
    expect(c.a).toMatchObject({ disposition: 'delivered', delivered: true });
    expect(c.b).toMatchObject({ disposition: 'node-down', delivered: false, label: 'failed: node down' });
  });

  it('healthy against the second attempt (BGPVM has withdrawn the route): they part at BGPVM, which sends the SYN back to NATVM', () => {
    const b = part(failed, 'flow-2');
    const c = compareParts(part(healthy, 'flow'), b, SWITCH);
    expect(c.alignment.partedAt).toBe(4);
    expect(c.alignment.rows[4]).toEqual({ a: 4, b: 4, status: 'differs' });
    expect(c.parting).toBe(
      'The paths part at hop 5, after 4 shared hops: both reach BGPVM, and there they part. A: route 192.168.133.74/32 via 192.168.100.6 (MuxVM) out of mgmt, source bgp from 192.168.100.6 (AS 64628). B: route 0.0.0.0/0 via 192.168.200.1 (NATVM) out of transit, source static.',
    );
    expect(c.b.disposition).toBe('ttl-exceeded');
    // Every hop of the loop has its row: nothing of the longer path is lost.
    expect(c.alignment.rows.filter((r) => r.b !== undefined)).toHaveLength(b.hops.length);
    expect(c.alignment.rows.filter((r) => r.a !== undefined)).toHaveLength(part(healthy, 'flow').hops.length);
  });

  it('a run against itself is the same hop for hop', () => {
    const c = compareParts(part(healthy, 'flow-reply'), part(healthy, 'flow-reply'), SWITCH);
    expect(c.alignment.partedAt).toBeUndefined();
    expect(c.parting).toMatch(/^The two paths are the same, hop for hop \(\d+ hops\)\.$/);
    expect(c.verdict).toBe('A: delivered. B: delivered.');
  });

  it('summarises a hop by what it decided, in the engine\'s words', () => {
    const mux = part(healthy, 'flow').hops[6]!;
    expect(hopSummary(mux)).toMatch(/^rule portal-https matches 192\.168\.133\.74 TCP port 443/);
    const sw = part(healthy, 'flow').hops[1]!;
    expect(hopSummary(sw)).toBe('out of port NATVM.inside');
  });
});
