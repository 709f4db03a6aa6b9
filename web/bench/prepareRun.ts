// Loads the benchmark's topology and runs its flow through the app's store: the POC with the preset, or
// a generated topology with its first client opening the first VIP (the same path: router, MUX, VXLAN,
// VFP, direct server return). Then tells the benchmark script it may start measuring.
import { flushSync } from 'react-dom';
import type { RunRequest } from '../../src-engine/protocol';
import { generateTopology } from '../../src-engine/scenarios/generate';
import { PRESET_REQUEST } from '../store/runSlice';
import { useAppStore } from '../store/store';
import { sequenceBenchHooks } from '../sequence/benchHooks';
import type { BenchMode } from './benchMode';

declare global {
  interface Window {
    __hoplabBench?: {
      ready: boolean;
      steps: number;
      nodes: number;
      cursor: () => number;
      /**
       * Moves one step forward and returns how long the page's thread was blocked: the store update and
       * the urgent render (diagram, tokens, playback bar). The panels follow in time-sliced renders.
       */
      stepMs: () => number;
      /** The app's store, for diagnosing what a step costs. */
      store: typeof useAppStore;
      /** The run's frames (transmissions). */
      frames: number;
      /** The sequence benchmark: opens every fold of the sequence diagram. */
      unfoldAll: () => void;
      error?: string;
    };
  }
}

/**
 * The sequence benchmark's run, over 5,000 frames: MuxVM fails, BGPVM gives up on it, and seven attempts
 * of the portal flow each loop between NATVM and BGPVM until their TTL dies, with their retransmissions.
 */
const SEQUENCE_REQUEST: RunRequest = {
  ...PRESET_REQUEST,
  whatIf: [{ action: 'fail', target: 'MuxVM', at: 1_000_000 }],
  flowAt: Array.from({ length: 7 }, (_, i) => (200 + 30 * i) * 1_000_000),
};

async function whenLoaded(): Promise<void> {
  if (useAppStore.getState().loadStatus === 'ready') return;
  await new Promise<void>((resolve) => {
    const stop = useAppStore.subscribe((s) => {
      if (s.loadStatus === 'ready') {
        stop();
        resolve();
      }
    });
  });
}

/** The app has opened the kept state again: its topology, and its flow run to the kept step. */
async function whenRestored(): Promise<void> {
  const done = (s: ReturnType<typeof useAppStore.getState>) => s.loadStatus === 'ready' && (s.runStatus === 'done' || s.runStatus === 'error');
  if (done(useAppStore.getState())) return;
  await new Promise<void>((resolve) => {
    const stop = useAppStore.subscribe((s) => {
      if (done(s)) {
        stop();
        resolve();
      }
    });
  });
}

/** `loadPoc`: the page has no app to load the POC (bare mode), so this loads it. */
export async function prepareRun(mode: BenchMode, loadPoc: boolean): Promise<void> {
  const s = useAppStore.getState();
  let request: RunRequest = PRESET_REQUEST;
  if (mode.kind === 'reload') {
    await whenRestored();
  } else if (mode.kind === 'seq') {
    await whenLoaded();
    request = SEQUENCE_REQUEST;
  } else if (mode.vms > 0) {
    const doc = generateTopology({ vms: mode.vms, vips: 20, seed: 1 });
    // In the app, let its own first load (the POC) finish, so it cannot land after ours.
    if (!loadPoc) await whenLoaded();
    if (!(await s.loadTopology(doc, 'generated'))) throw new Error('the generated topology did not load');
    const vip = doc.slb!.rules[0]!.vip;
    request = { from: 'Client0', to: `${vip}:443` };
  } else if (loadPoc) {
    await s.loadTopology();
  } else {
    await whenLoaded();
  }
  if (mode.kind !== 'reload') await s.runFlow(request);
  if (mode.kind === 'seq') s.setBottomTab('sequence');
  const after = useAppStore.getState();
  window.__hoplabBench = {
    ready: after.runStatus === 'done',
    steps: after.timeline?.steps.length ?? 0,
    nodes: after.snapshot?.layout.boxes.length ?? 0,
    cursor: () => useAppStore.getState().cursor,
    store: useAppStore,
    frames: after.result?.transmissions.length ?? 0,
    unfoldAll: () => sequenceBenchHooks.unfoldAll?.(),
    stepMs: () => {
      const t = performance.now();
      flushSync(() => useAppStore.getState().stepForward());
      return performance.now() - t;
    },
    ...(after.runError ? { error: after.runError.message } : {}),
  };
}
