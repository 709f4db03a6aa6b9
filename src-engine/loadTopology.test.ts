// loadTopology's ways to refuse a document: each is a typed error from the one table, naming where in the
// document and what to do, and a refused document never replaces the topology that was loaded.
import { describe, expect, it } from 'vitest';
import { createEngine } from './engine';
import { guardEngine } from './guard';
import type { EngineApi, EngineError } from './protocol';
import { POC_TOPOLOGY } from './scenarios/poc';
import { MAX_ERRORS } from './topology/validate';
import { ERROR_MESSAGES } from './view/errors';

const PORTAL = { from: 'ClientVM', to: 'https://portal.azurestack.local' } as const;

async function refused(engine: EngineApi, doc: unknown): Promise<readonly EngineError[]> {
  const r = await engine.loadTopology(doc);
  if (r.ok) throw new Error('the document was accepted');
  return r.error;
}

/** The POC with one change. */
function poc(change: (d: typeof POC_TOPOLOGY) => void): unknown {
  const d = structuredClone(POC_TOPOLOGY);
  change(d);
  return d;
}

describe('loadTopology refuses', () => {
  it('what is not a topology document at all, null and arrays included: no POC stands in for it', async () => {
    const engine = createEngine();
    for (const doc of [null, 42, 'POC', [], {}]) {
      const errors = await refused(engine, doc);
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.code).toBe('invalid-document');
        expect(e.message.endsWith(ERROR_MESSAGES['invalid-document'])).toBe(true);
      }
    }
    // Nothing was loaded: a run has nothing to run on.
    expect(await engine.run(PORTAL)).toEqual({ ok: false, error: { code: 'not-loaded', message: ERROR_MESSAGES['not-loaded'] } });
  });

  it('a document of the wrong shape, with the path of each wrong field', async () => {
    const errors = await refused(createEngine(), poc((d) => ((d.nodes[1]!.interfaces[0] as { address: string }).address = '192.168.100.256/24')));
    expect(errors).toEqual([
      { code: 'invalid-document', path: 'nodes[1].interfaces[0].address', message: expect.stringMatching(/^nodes\[1\]\.interfaces\[0\]\.address: .+\. The topology document does not match the hoplab\/topology@1 format\.$/) },
    ]);
  });

  it("a well-shaped document a network engineer would reject, with the rule's own code and fix", async () => {
    const errors = await refused(createEngine(), poc((d) => (d.nodes[2]!.interfaces[0]!.address = d.nodes[1]!.interfaces[0]!.address)));
    expect(errors.map((e) => e.code)).toContain('duplicate-address');
    const dup = errors.find((e) => e.code === 'duplicate-address')!;
    expect(dup.path).toMatch(/^nodes\[\d\]\.interfaces\[0\]\.address$/);
    expect(dup.message.endsWith(ERROR_MESSAGES['duplicate-address'])).toBe(true);
  });

  it('a document broken everywhere: the first errors, then one line for the rest', async () => {
    const doc = poc((d) => {
      for (let i = 0; i < MAX_ERRORS + 10; i++) d.nodes.push({ ...d.nodes[1]!, id: `bad name ${i}` });
    });
    const errors = await refused(createEngine(), doc);
    expect(errors).toHaveLength(MAX_ERRORS + 1);
    expect(errors.slice(0, 2).map((e) => e.path)).toEqual([`nodes[${POC_TOPOLOGY.nodes.length}].id`, `nodes[${POC_TOPOLOGY.nodes.length + 1}].id`]);
    expect(errors.at(-1)).toEqual({ code: 'invalid-document', message: `and 10 more errors: fix these first, then load the file again to see the rest. ${ERROR_MESSAGES['invalid-document']}` });
  });

  it('and keeps the topology it had: the next run is on it', async () => {
    const engine = createEngine();
    const loaded = await engine.loadTopology();
    if (!loaded.ok) throw new Error(loaded.error[0]!.message);
    await refused(engine, poc((d) => (d.nodes = [])));
    await refused(engine, null);
    const r = await engine.run(PORTAL);
    expect(r.ok && r.value.trace.disposition).toBe('delivered');
  });

  it('with a typed engine-crashed error when validation itself throws, and the engine keeps serving', async () => {
    // A getter that throws stands for a bug met while reading the document.
    const hostile = poc(() => undefined) as Record<string, unknown>;
    Object.defineProperty(hostile, 'nodes', { enumerable: true, get: () => { throw new RangeError('too deep'); } });
    const engine = guardEngine(createEngine());
    const errors = await refused(engine, hostile);
    expect(errors).toEqual([{ code: 'engine-crashed', message: `loadTopology failed inside the engine: RangeError: too deep. ${ERROR_MESSAGES['engine-crashed']}` }]);
    expect((await engine.loadTopology()).ok).toBe(true);
  });
});
