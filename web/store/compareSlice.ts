// Two runs side by side: run A is the run on screen when the comparison is made, run B the same flow with
// other what-ifs, knobs or seed, run in the worker beside it (the engine keeps A as its last run). The
// comparison shows while A is still the run on screen: a new run of the user's own leaves it.
import type { StateCreator } from 'zustand';
import type { RunRequest, RunResult } from '../../src-engine/protocol';
import { getEngine } from '../engine/client';
import type { AppState } from './store';

/** What run B changes: everything else (source, destination, flow times) is run A's. */
export type RunBSettings = Pick<RunRequest, 'whatIf' | 'knobs' | 'seed'>;

export interface Comparison {
  readonly a: RunResult;
  readonly b: RunResult;
}

export interface CompareSlice {
  compareSetupOpen: boolean;
  comparison: Comparison | undefined;
  compareStatus: 'idle' | 'running' | 'error';
  compareError: string | undefined;
  setCompareSetupOpen: (open: boolean) => void;
  /** Runs B beside the run on screen and opens the comparison; false (with compareError) when it could not. */
  compareWith: (settings: RunBSettings) => Promise<boolean>;
  exitComparison: () => void;
}

/** Run B's request: run A's flow (and seed, unless B names its own) with B's what-ifs and knobs. */
export function runBRequest(a: RunRequest, settings: RunBSettings): RunRequest {
  const { whatIf: _w, knobs: _k, ...flow } = a;
  return {
    ...flow,
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
    ...(settings.whatIf && settings.whatIf.length > 0 ? { whatIf: settings.whatIf } : {}),
    ...(settings.knobs && Object.values(settings.knobs).some(Boolean) ? { knobs: settings.knobs } : {}),
  };
}

let generation = 0;

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set, get) => ({
  compareSetupOpen: false,
  comparison: undefined,
  compareStatus: 'idle',
  compareError: undefined,
  setCompareSetupOpen: (open) => set({ compareSetupOpen: open, ...(open ? { compareError: undefined, compareStatus: 'idle' as const } : {}) }),
  compareWith: async (settings) => {
    const a = get().result;
    if (!a) {
      set({ compareStatus: 'error', compareError: 'There is no run on screen to compare with. Send traffic first, then choose "Compare with…".' });
      return false;
    }
    const mine = ++generation;
    get().pause();
    set({ compareStatus: 'running', compareError: undefined });
    const r = await getEngine().compareRun(runBRequest(a.request, settings));
    if (mine !== generation) return false;
    if (!r.ok) {
      set({ compareStatus: 'error', compareError: `Run B could not be made: ${r.error.message}` });
      return false;
    }
    if (get().result !== a) {
      set({ compareStatus: 'error', compareError: 'The run on screen changed while run B was running. Choose "Compare with…" again.' });
      return false;
    }
    set({ comparison: { a, b: r.value }, compareStatus: 'idle', compareSetupOpen: false });
    return true;
  },
  exitComparison: () => {
    generation++;
    set({ comparison: undefined, compareStatus: 'idle', compareError: undefined });
  },
});

/** The comparison, while its run A is still the run on screen. */
export const selectComparison = (s: AppState): Comparison | undefined => (s.comparison && s.comparison.a === s.result ? s.comparison : undefined);
