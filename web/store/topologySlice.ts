import type { StateCreator } from 'zustand';
import type { EngineError, TopologySnapshot } from '../../src-engine/protocol';
import { createGeometry, type Geometry } from '../diagram/geometry';
import { getEngine } from '../engine/client';
import type { AppState } from './store';

export interface TopologySlice {
  snapshot: TopologySnapshot | undefined;
  /** Where things are drawn; derived from the snapshot once, shared by edges and tokens. */
  geometry: Geometry | undefined;
  /** 'poc' for the built-in scenario, else the name of the file it came from. */
  topologySource: 'poc' | { file: string };
  loadStatus: 'idle' | 'loading' | 'ready' | 'error';
  loadErrors: readonly EngineError[];
  /** Loads a topology document in the worker; the POC when none is given. Keeps the current one on error. */
  loadTopology: (doc?: unknown, file?: string) => Promise<boolean>;
  /** Shows why a file could not be read at all (not JSON), keeping the current topology. */
  rejectFile: (error: EngineError) => void;
  dismissLoadErrors: () => void;
}

export const createTopologySlice: StateCreator<AppState, [], [], TopologySlice> = (set, get) => ({
  snapshot: undefined,
  geometry: undefined,
  topologySource: 'poc',
  loadStatus: 'idle',
  loadErrors: [],
  loadTopology: async (doc, file) => {
    set({ loadStatus: 'loading' });
    const result = await getEngine().loadTopology(doc);
    if (!result.ok) {
      set((s) => ({ loadStatus: s.snapshot ? 'ready' : 'error', loadErrors: result.error }));
      return false;
    }
    const had = get().snapshot !== undefined;
    set({
      snapshot: result.value,
      geometry: createGeometry(result.value),
      topologySource: file === undefined ? 'poc' : { file },
      loadStatus: 'ready',
      loadErrors: [],
      drawn: result.value,
    });
    if (had) {
      get().clearRun();
      get().selectNode(undefined);
    }
    return true;
  },
  rejectFile: (error) => set({ loadErrors: [error] }),
  dismissLoadErrors: () => set({ loadErrors: [] }),
});
