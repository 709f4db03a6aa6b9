import type { StateCreator } from 'zustand';
import type { EngineError, Knobs, RunRequest, RunResult, WhatIf } from '../../src-engine/protocol';
import { FLOW_START, flowFirstFrameTime, readInterfaceId } from '../../src-engine/view/index';
import { getEngine } from '../engine/client';
import { flowParts, type FlowPart } from '../model/hops';
import { yieldToPage } from '../model/yieldToPage';
import { stepAtTime, type Timeline } from '../model/timeline';
import type { AppState } from './store';

/** The preset every lesson starts from. */
export const PRESET_REQUEST: RunRequest = { from: 'ClientVM', to: 'https://portal.azurestack.local' };

export interface RunSlice {
  request: RunRequest | undefined;
  runStatus: 'idle' | 'running' | 'done' | 'error';
  runError: EngineError | undefined;
  result: RunResult | undefined;
  timeline: Timeline | undefined;
  parts: readonly FlowPart[];
  /** Runs a flow in the worker; the playhead goes to `step`, else to where the user's flow begins. */
  runFlow: (request: RunRequest, step?: number) => Promise<void>;
  /** Fails a node at the playhead's time (or before the flow, with no run yet) and runs again. */
  failNode: (node: string) => Promise<void>;
  /** Turns a what-if knob on or off (e.g. the second portal DIP) and runs the flow again. */
  setKnob: (knob: keyof Knobs, on: boolean) => Promise<void>;
  /** Undoes a node's failure: the run is computed again without it. */
  restoreNode: (node: string) => Promise<void>;
  removeWhatIf: (index: number) => Promise<void>;
  /** Gives a network another MTU for the run (undefined: its own again), and runs again. */
  setNetworkMtu: (network: string, mtu: number | undefined) => Promise<void>;
  clearRun: () => void;
}

/** With no run yet, a failure takes effect when the flow would start (the control plane has settled). */
const DEFAULT_FAIL_AT = FLOW_START;
let generation = 0;

/** Where a lesson's playhead starts: the first frame of the user's flow (its DNS lookup, if any). */
export function flowStartStep(result: RunResult, timeline: Timeline): number {
  const first = flowFirstFrameTime(result);
  return first !== undefined ? stepAtTime(timeline.steps, first) : 0;
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set, get) => ({
  request: undefined,
  runStatus: 'idle',
  runError: undefined,
  result: undefined,
  timeline: undefined,
  parts: [],
  runFlow: async (request, step) => {
    const mine = ++generation;
    get().pause();
    // A run of the user's own leaves the lesson: the lesson's chapters bind to the lesson's run only.
    if (get().lesson) get().exitLesson();
    set({ request, runStatus: 'running', runError: undefined, bounds: undefined });
    // Every outcome comes back as a value, an engine bug or a dead worker included (engine/client.ts).
    const r = await getEngine().run(request);
    // The steps are built with the packet decoders, loaded with the first run rather than the first screen.
    const { buildTimeline } = await import('../model/buildTimeline');
    if (mine !== generation) return; // a newer run superseded this one
    if (!r.ok) {
      set({ runStatus: 'error', runError: r.error });
      return;
    }
    // Receiving the result, building its steps and drawing them are a task each: at 4,000 VMs together they
    // would hold the page for hundreds of milliseconds.
    await yieldToPage();
    if (mine !== generation) return;
    const switchId = get().snapshot?.topology.switch.id ?? '';
    const timeline = buildTimeline(r.value, switchId);
    await yieldToPage();
    if (mine !== generation) return;
    const last = Math.max(0, timeline.steps.length - 1);
    const cursor = step !== undefined ? Math.min(step, last) : flowStartStep(r.value, timeline);
    get().setDrawn(r.value.snapshot);
    set({ runStatus: 'done', result: r.value, timeline, parts: flowParts(r.value), selectedTx: undefined, selectedEventId: undefined, selectedField: undefined });
    get().seek(cursor);
  },
  failNode: async (node) => {
    const { request, timeline, cursor } = get();
    const base = request ?? { ...PRESET_REQUEST };
    const at = timeline?.steps[cursor]?.time ?? DEFAULT_FAIL_AT;
    const whatIf: WhatIf[] = [...(base.whatIf ?? []).filter((w) => w.target !== node), { action: 'fail', target: node, at: Math.round(at) }];
    await get().runFlow({ ...base, whatIf });
  },
  setKnob: async (knob, on) => {
    const { request } = get();
    const base = request ?? { ...PRESET_REQUEST };
    const knobs: { -readonly [K in keyof Knobs]?: Knobs[K] } = { ...base.knobs };
    if (on) knobs[knob] = true;
    else delete knobs[knob];
    const rest: RunRequest = { ...base };
    delete (rest as { knobs?: unknown }).knobs;
    await get().runFlow(Object.keys(knobs).length > 0 ? { ...rest, knobs } : rest);
  },
  restoreNode: async (node) => {
    const { request } = get();
    if (!request) return;
    const whatIf = (request.whatIf ?? []).filter((w) => readInterfaceId(w.target)?.node !== node);
    await get().runFlow({ ...request, whatIf });
  },
  removeWhatIf: async (index) => {
    const { request } = get();
    if (!request) return;
    await get().runFlow({ ...request, whatIf: (request.whatIf ?? []).filter((_, i) => i !== index) });
  },
  setNetworkMtu: async (network, mtu) => {
    const base = get().request ?? { ...PRESET_REQUEST };
    const others = (base.mtu ?? []).filter((m) => m.network !== network);
    const next = mtu === undefined ? others : [...others, { network, mtu }];
    const { mtu: _old, ...rest } = base;
    await get().runFlow(next.length > 0 ? { ...rest, mtu: next } : rest);
  },
  clearRun: () => {
    generation++;
    get().pause();
    set({ request: undefined, runStatus: 'idle', runError: undefined, result: undefined, timeline: undefined, parts: [], cursor: 0, selectedTx: undefined, selectedEventId: undefined });
    get().setDrawn(undefined);
  },
});
