import { describe, expect, it } from 'vitest';
import { createEngine } from './engine';
import { nodeId } from './view/ids';

const PORTAL = { from: 'ClientVM', to: 'https://portal.azurestack.local' } as const;

describe('compareRun', () => {
  it('runs run B and hands it back, while device tables keep reading the run on screen (run A)', async () => {
    const engine = createEngine();
    expect((await engine.compareRun(PORTAL)).ok).toBe(false);
    await engine.loadTopology();
    const a = await engine.run(PORTAL);
    if (!a.ok) throw new Error(a.error.message);
    const b = await engine.compareRun({ ...PORTAL, whatIf: [{ action: 'fail', target: 'MuxVM', at: 1_000_000 }] });
    if (!b.ok) throw new Error(b.error.message);
    expect(a.value.trace.disposition).toBe('delivered');
    expect(b.value.trace.disposition).toBe('node-down');
    // MuxVM failed only in run B: at B's flow time, the last run (A) still has it up.
    const tables = await engine.tables(nodeId('MuxVM'), b.value.trace.startedAt ?? 0);
    expect(tables).toMatchObject({ ok: true, value: { node: 'MuxVM', up: true } });
  });

  it('draws the second MUX when run B adds it', async () => {
    const engine = createEngine();
    await engine.loadTopology();
    const b = await engine.compareRun({ ...PORTAL, knobs: { secondMux: true } });
    if (!b.ok) throw new Error(b.error.message);
    expect(b.value.snapshot?.topology.nodes.some((n) => n.id === 'MuxVM2')).toBe(true);
  });
});
