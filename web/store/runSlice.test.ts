// Running a flow in the engine: the playhead lands where the user's flow begins; a failure comes back as a
// value (and an engine that throws as 'engine-crashed'); a run overtaken by a newer one is dropped; the
// what-if actions build the next request from the current one.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunRequest } from '../../src-engine/protocol';
import { FLOW_START } from '../../src-engine/view/index';
import type { Step } from '../model/timeline';
import { engine, engineWith, freshStore, real, type AppStore } from './testing/inProcessStore';
import { PRESET_REQUEST, flowStartStep } from './runSlice';

let store: AppStore;
/** The requests the engine was asked to run, in order. */
let asked: RunRequest[];

beforeEach(async () => {
  store = await freshStore();
  asked = [];
  engine.current = engineWith({ run: (r) => (asked.push(r), real.run(r)) });
});

describe('a run', () => {
  it('lands the playhead on the user\'s first frame: ClientVM\'s ARP for its gateway, after the control plane', async () => {
    await store.getState().runFlow(PRESET_REQUEST);
    const s = store.getState();
    expect(s.runStatus).toBe('done');
    const clientFirst = s.timeline!.steps.findIndex((step) => step.fromNode === 'ClientVM');
    expect(s.timeline!.tx.get(s.timeline!.steps[clientFirst]!.txIds[0]!)!.summary).toBe('ARP who has 192.168.200.1? tell 192.168.200.10');
    expect(s.cursor).toBe(clientFirst);
    expect(flowStartStep(s.result!, s.timeline!)).toBe(clientFirst);
    expect(s.parts.map((p) => p.title)).toEqual([
      'DNS lookup',
      'DNS lookup: the answer',
      'TCP ClientVM -> portal.azurestack.local (192.168.133.74):443',
      'TCP ClientVM -> portal.azurestack.local (192.168.133.74):443: the answer',
    ]);
    expect(s.request).toBe(PRESET_REQUEST);
  });

  it('goes to the step asked for, or the last step when it asks for more', async () => {
    await store.getState().runFlow(PRESET_REQUEST, 5);
    expect(store.getState().cursor).toBe(5);
    await store.getState().runFlow(PRESET_REQUEST, 100_000);
    expect(store.getState().cursor).toBe(store.getState().timeline!.steps.length - 1);
  });

  it('pauses, and is running until the engine answers', async () => {
    store.setState({ playing: true });
    const pending = store.getState().runFlow({ from: 'ClientVM', to: 'PortalVM' });
    expect(store.getState()).toMatchObject({ runStatus: 'running', playing: false, runError: undefined });
    await pending;
    expect(store.getState().runStatus).toBe('done');
  });

  it('an unknown destination is an error with the engine\'s message; the last result stays', async () => {
    await store.getState().runFlow({ from: 'ClientVM', to: 'PortalVM' });
    const result = store.getState().result;
    await store.getState().runFlow({ from: 'ClientVM', to: 'PortalVN' });
    expect(store.getState().runStatus).toBe('error');
    expect(store.getState().runError!.message).toContain('Did you mean PortalVM?');
    expect(store.getState().result).toBe(result);
  });

  it('a worker that died is the run\'s error, as the engine client words it', async () => {
    const died = { code: 'engine-crashed', message: 'The engine stopped while working on run, so it was restarted.' } as const;
    engine.current = engineWith({ run: async () => ({ ok: false, error: died }) });
    await store.getState().runFlow(PRESET_REQUEST);
    expect(store.getState()).toMatchObject({ runStatus: 'error', runError: died, result: undefined });
  });

  it('a run overtaken by a newer one is dropped, whichever answers first', async () => {
    let release: (() => void) | undefined;
    engine.current = engineWith({
      run: async (r) => {
        if (r.to === 'ADVM') await new Promise<void>((resolve) => (release = resolve));
        return real.run(r);
      },
    });
    const slow = store.getState().runFlow({ from: 'ClientVM', to: 'ADVM' });
    await store.getState().runFlow({ from: 'ClientVM', to: 'PortalVM' });
    release!();
    await slow;
    expect(store.getState().result!.request.to).toBe('PortalVM');
    expect(store.getState().request!.to).toBe('PortalVM');
  });

  it('a run leaves the lesson the user was in', async () => {
    await store.getState().startLesson('vip-route');
    expect(store.getState().lesson).toBeDefined();
    await store.getState().runFlow({ from: 'ClientVM', to: 'ADVM' });
    expect(store.getState().lesson).toBeUndefined();
  });

  it('clearing forgets the run and the playhead', async () => {
    await store.getState().runFlow(PRESET_REQUEST);
    store.setState({ playing: true, selectedTx: 3 });
    store.getState().clearRun();
    expect(store.getState()).toMatchObject({ request: undefined, runStatus: 'idle', result: undefined, timeline: undefined, parts: [], cursor: 0, playing: false, selectedTx: undefined });
  });
});

describe('what-ifs', () => {
  it('failing a node with no run fails it when the flow starts, on the preset', async () => {
    await store.getState().failNode('MuxVM');
    expect(asked).toEqual([{ ...PRESET_REQUEST, whatIf: [{ action: 'fail', target: 'MuxVM', at: FLOW_START }] }]);
  });

  it('failing a node fails it at the time of the step shown, replacing its earlier failure and keeping the others', async () => {
    await store.getState().runFlow(PRESET_REQUEST);
    /** Moves the playhead to a step, fails the node there; the time of that step and the request made. */
    const failAt = async (node: string, step: (steps: readonly Step[]) => number) => {
      const steps = store.getState().timeline!.steps;
      store.getState().seek(step(steps));
      const time = steps[step(steps)]!.time;
      await store.getState().failNode(node);
      return { time, whatIf: asked.at(-1)!.whatIf };
    };
    const vxlan = (steps: readonly Step[]) => steps.findIndex((s) => s.protocols.includes('vxlan'));
    const last = (steps: readonly Step[]) => steps.length - 1;
    const first = await failAt('SQLVM', vxlan);
    expect(first.whatIf).toEqual([{ action: 'fail', target: 'SQLVM', at: first.time }]);
    const again = await failAt('SQLVM', last);
    expect(again.time).not.toBe(first.time);
    expect(again.whatIf).toEqual([{ action: 'fail', target: 'SQLVM', at: again.time }]);
    const other = await failAt('ADVM', last);
    expect(other.whatIf).toEqual([
      { action: 'fail', target: 'SQLVM', at: again.time },
      { action: 'fail', target: 'ADVM', at: other.time },
    ]);
  });

  it('restoring a node drops every what-if on it or its interfaces, and no other', async () => {
    const whatIf = [
      { action: 'fail', target: 'MuxVM', at: 1_000_000 },
      { action: 'fail', target: 'MuxVM:pa', at: 1_000_000 },
      { action: 'fail', target: 'NATVM', at: 1_000_000 },
    ] as const;
    await store.getState().runFlow({ ...PRESET_REQUEST, whatIf });
    await store.getState().restoreNode('MuxVM');
    expect(asked.at(-1)!.whatIf).toEqual([whatIf[2]]);
  });

  it('removes one what-if by its place in the list', async () => {
    const whatIf = [
      { action: 'fail', target: 'MuxVM', at: 1_000_000 },
      { action: 'fail', target: 'NATVM', at: 1_000_000 },
    ] as const;
    await store.getState().runFlow({ ...PRESET_REQUEST, whatIf });
    await store.getState().removeWhatIf(0);
    expect(asked.at(-1)!.whatIf).toEqual([whatIf[1]]);
  });

  it('without a run, restoring and removing do nothing', async () => {
    await store.getState().restoreNode('MuxVM');
    await store.getState().removeWhatIf(0);
    expect(asked).toEqual([]);
  });

  it('a knob turned on joins the request; turned off, the request has no knobs left', async () => {
    await store.getState().setKnob('secondMux', true);
    expect(asked.at(-1)).toEqual({ ...PRESET_REQUEST, knobs: { secondMux: true } });
    await store.getState().setKnob('secondDip', true);
    expect(asked.at(-1)!.knobs).toEqual({ secondMux: true, secondDip: true });
    await store.getState().setKnob('secondMux', false);
    await store.getState().setKnob('secondDip', false);
    expect(asked.at(-1)).toEqual(PRESET_REQUEST);
  });

  it('a network\'s MTU replaces its earlier one; undefined gives the network its own again', async () => {
    await store.getState().setNetworkMtu('pa', 1500);
    await store.getState().setNetworkMtu('transit', 9000);
    await store.getState().setNetworkMtu('pa', 1400);
    expect(asked.at(-1)!.mtu).toEqual([{ network: 'transit', mtu: 9000 }, { network: 'pa', mtu: 1400 }]);
    await store.getState().setNetworkMtu('transit', undefined);
    await store.getState().setNetworkMtu('pa', undefined);
    expect(asked.at(-1)).toEqual(PRESET_REQUEST);
  });
});
