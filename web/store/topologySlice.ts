import type { StateCreator } from 'zustand';
import type { EngineError, TopologySnapshot } from '../../src-engine/protocol';
import { getEngine } from '../engine/client';
import type { AppState } from './store';

export interface TopologySlice {
  snapshot: TopologySnapshot | undefined;
  loadStatus: 'idle' | 'loading' | 'ready' | 'error';
  loadErrors: readonly EngineError[];
  /** Loads a topology document in the worker; the POC when none is given. Keeps the current one on error. */
  loadTopology: (doc?: unknown) => Promise<void>;
}

export const createTopologySlice: StateCreator<AppState, [], [], TopologySlice> = (set) => ({
  snapshot: undefined,
  loadStatus: 'idle',
  loadErrors: [],
  loadTopology: async (doc) => {
    set({ loadStatus: 'loading' });
    const result = await getEngine().loadTopology(doc);
    if (result.ok) set({ snapshot: result.value, loadStatus: 'ready', loadErrors: [] });
    else set((s) => ({ loadStatus: s.snapshot ? 'ready' : 'error', loadErrors: result.error }));
  },
});
