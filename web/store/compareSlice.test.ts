// Comparing runs: run B is run A's flow with B's what-ifs, knobs and seed; the comparison shows only while
// run A is the run on screen; a failure or a run A that changed meanwhile is said, and nothing is compared.
import { engine, engineWith, freshStore, real, type AppStore } from './testing/inProcessStore';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunRequest } from '../../src-engine/protocol';
import { PRESET_REQUEST } from './runSlice';
import { runBRequest, selectComparison } from './store';

let store: AppStore;
beforeEach(async () => {
  store = await freshStore();
});

const muxFails = [{ action: 'fail', target: 'MuxVM', at: 1_000_000 }] as const;

describe("run B's request", () => {
  const a: RunRequest = { from: 'ClientVM', to: 'https://portal.azurestack.local', seed: 3, whatIf: [{ action: 'fail', target: 'NATVM', at: 5 }], knobs: { secondMux: true } };

  it("is run A's flow and seed, with B's what-ifs and knobs instead of A's", () => {
    expect(runBRequest(a, { whatIf: muxFails, knobs: { secondDip: true } })).toEqual({ from: 'ClientVM', to: 'https://portal.azurestack.local', seed: 3, whatIf: muxFails, knobs: { secondDip: true } });
  });

  it("takes B's own seed, and leaves out empty what-ifs and knobs that are all off", () => {
    expect(runBRequest(a, { seed: 7, whatIf: [], knobs: { secondMux: false } })).toEqual({ from: 'ClientVM', to: 'https://portal.azurestack.local', seed: 7 });
  });
});

describe('comparing', () => {
  it('with no run on screen says what to do first', async () => {
    expect(await store.getState().compareWith({ whatIf: muxFails })).toBe(false);
    expect(store.getState().compareStatus).toBe('error');
    expect(store.getState().compareError).toBe('There is no run on screen to compare with. Send traffic first, then choose "Compare with…".');
  });

  it('runs B beside A, pausing, and shows both while A is on screen', async () => {
    await store.getState().runFlow(PRESET_REQUEST);
    const a = store.getState().result!;
    store.getState().setCompareSetupOpen(true);
    store.setState({ playing: true });
    const pending = store.getState().compareWith({ whatIf: muxFails });
    expect(store.getState()).toMatchObject({ compareStatus: 'running', playing: false });
    expect(await pending).toBe(true);
    const comparison = selectComparison(store.getState())!;
    expect(comparison.a).toBe(a);
    expect(comparison.b.request).toEqual({ ...PRESET_REQUEST, whatIf: muxFails });
    expect(comparison.b.trace.disposition).toBe('node-down');
    expect(store.getState()).toMatchObject({ compareStatus: 'idle', compareSetupOpen: false });
    // The engine keeps A as its last run: the run on screen is still A.
    expect(store.getState().result).toBe(a);
    await store.getState().runFlow({ from: 'ClientVM', to: 'PortalVM' });
    expect(selectComparison(store.getState())).toBeUndefined();
  });

  it('a run B the engine cannot make is said, with its reason', async () => {
    await store.getState().runFlow(PRESET_REQUEST);
    engine.current = engineWith({ compareRun: async () => ({ ok: false, error: { code: 'unknown-node', message: 'MuxVM3 is not a node' } }) });
    expect(await store.getState().compareWith({ whatIf: muxFails })).toBe(false);
    expect(store.getState()).toMatchObject({ compareStatus: 'error', compareError: 'Run B could not be made: MuxVM3 is not a node', comparison: undefined });
  });

  it('a run on screen that changed while B ran is not compared', async () => {
    await store.getState().runFlow(PRESET_REQUEST);
    engine.current = engineWith({
      compareRun: async (r) => {
        await store.getState().runFlow({ from: 'ClientVM', to: 'PortalVM' });
        return real.compareRun(r);
      },
    });
    expect(await store.getState().compareWith({ whatIf: muxFails })).toBe(false);
    expect(store.getState()).toMatchObject({ compareStatus: 'error', compareError: 'The run on screen changed while run B was running. Choose "Compare with…" again.', comparison: undefined });
  });

  it('leaving the comparison drops a run B still under way', async () => {
    await store.getState().runFlow(PRESET_REQUEST);
    const pending = store.getState().compareWith({ whatIf: muxFails });
    store.getState().exitComparison();
    expect(await pending).toBe(false);
    expect(store.getState()).toMatchObject({ comparison: undefined, compareStatus: 'idle', compareError: undefined });
  });

  it('opening the form again clears the last error', async () => {
    await store.getState().compareWith({});
    store.getState().setCompareSetupOpen(true);
    expect(store.getState()).toMatchObject({ compareSetupOpen: true, compareStatus: 'idle', compareError: undefined });
    await store.getState().compareWith({});
    store.getState().setCompareSetupOpen(false);
    expect(store.getState()).toMatchObject({ compareSetupOpen: false, compareStatus: 'error' });
  });
});
