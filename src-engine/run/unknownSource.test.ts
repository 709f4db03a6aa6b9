// A source that is not in the topology is refused with the names to choose from: all of a small topology's,
// the first dozen of a large one's and how many more (a 4,000-VM topology's message once listed 4,000 names).
import { describe, expect, it } from 'vitest';
import { generateTopology } from '../scenarios/generate';
import { parseTopology } from '../topology/validate';
import { pocTopology, runPoc } from './fixtures';
import { simulate } from './simulate';

describe('an unknown source', () => {
  it('on the POC: refused, naming every node', () => {
    const r = simulate(pocTopology(), { from: 'Nowhere', to: 'PortalVM' });
    expect(r.ok ? undefined : [r.error.code, r.error.message]).toEqual([
      'unknown-node',
      '"Nowhere" is not a node of this topology (nodes: HyperVHost, ADVM, BGPVM, NATVM, ClientVM, MuxVM, NCVM, PortalVM, ACSVM, SQLVM, xRPVM). Use the id of a node in the loaded topology (e.g. ClientVM).',
    ]);
  });

  it('with exactly a dozen nodes (the POC and PortalVM2): every name, none left out', () => {
    const r = simulate(pocTopology(), { from: 'Nowhere', to: 'PortalVM', knobs: { secondDip: true } });
    expect(r.ok ? undefined : r.error.message).toBe(
      '"Nowhere" is not a node of this topology (nodes: HyperVHost, ADVM, BGPVM, NATVM, ClientVM, MuxVM, NCVM, PortalVM, ACSVM, SQLVM, xRPVM, PortalVM2). Use the id of a node in the loaded topology (e.g. ClientVM).',
    );
  });

  it('on a large topology: the first dozen names and how many more', () => {
    const t = parseTopology(generateTopology({ vms: 1200, vips: 5, seed: 1 }));
    if (!t.ok) throw new Error('invalid');
    const r = simulate(t.value, { from: 'Nowhere', to: '10.0.0.1' }, { full: false });
    const message = r.ok ? '' : r.error.message;
    const names = /\(nodes: (.*) and ([\d,]+) more\)\. /.exec(message);
    expect(names?.[1]?.split(', ')).toHaveLength(12);
    expect(Number(names?.[2]?.replace(/,/g, '')) + 12).toBe(t.value.nodes.length);
    expect(message.length).toBeLessThan(400);
  });
  it('a known source with spaces around it, in another case, is that node: the same run but for the request it echoes', () => {
    const r = simulate(pocTopology(), { from: '  clientvm ', to: 'PortalVM' });
    const asked = r.ok ? { ...r.value.result, request: undefined } : r.error;
    expect(asked).toEqual({ ...runPoc({ to: 'PortalVM' }).result, request: undefined });
  });
});
