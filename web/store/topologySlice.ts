import type { StateCreator } from 'zustand';
import type { EngineError, TopologySnapshot } from '../../src-engine/protocol';
import { createGeometry, type Geometry } from '../diagram/geometry';
import { flowOf } from '../diagram/toFlow';
import { getEngine } from '../engine/client';
import { yieldToPage } from '../model/yieldToPage';
import type { AppState } from './store';

export interface TopologySlice {
  snapshot: TopologySnapshot | undefined;
  /** Where things are drawn; derived from the snapshot once, shared by edges and tokens. */
  geometry: Geometry | undefined;
  /** 'poc' for the built-in scenario, else the name of the file it came from. */
  topologySource: 'poc' | { file: string };
  /** The document the current topology was loaded from (undefined for the POC): what is kept across reloads. */
  topologyDoc: unknown;
  loadStatus: 'idle' | 'loading' | 'ready' | 'error';
  loadErrors: readonly EngineError[];
  /** Loads a topology document in the worker; the POC when none is given. Keeps the current one on error. */
  loadTopology: (doc?: unknown, file?: string) => Promise<boolean>;
  /**
   * Makes a document the current topology (a loaded file, an edited topology): validated by the engine,
   * kept across reloads. On error the current topology stays and the errors are listed.
   */
  setTopologyDocument: (doc: unknown, source: string) => Promise<boolean>;
  /** Back to the built-in POC: no loaded topology, no flow, no what-ifs; the stored copy is cleared. */
  resetToPoc: () => Promise<void>;
  /** Shows why a file could not be read at all (not JSON), keeping the current topology. */
  rejectFile: (error: EngineError) => void;
  dismissLoadErrors: () => void;
}

export const createTopologySlice: StateCreator<AppState, [], [], TopologySlice> = (set, get) => ({
  snapshot: undefined,
  geometry: undefined,
  topologySource: 'poc',
  topologyDoc: undefined,
  loadStatus: 'idle',
  loadErrors: [],
  loadTopology: async (doc, file) => {
    set({ loadStatus: 'loading' });
    const result = await getEngine().loadTopology(doc);
    if (!result.ok) {
      set((s) => ({ loadStatus: s.snapshot ? 'ready' : 'error', loadErrors: result.error }));
      return false;
    }
    // The snapshot was read in the task that received it; its geometry and its drawing each get a task of
    // their own (at 4,000 VMs each is tens of milliseconds).
    await yieldToPage();
    const geometry = createGeometry(result.value);
    await yieldToPage();
    // The diagram's nodes and edges too, so its first render does not make them.
    flowOf(result.value, geometry);
    await yieldToPage();
    const had = get().snapshot !== undefined;
    set({
      snapshot: result.value,
      geometry,
      topologySource: file === undefined ? 'poc' : { file },
      topologyDoc: file === undefined ? undefined : doc,
      loadStatus: 'ready',
      loadErrors: [],
      drawn: result.value,
    });
    if (had) {
      get().clearRun();
      get().selectNode(undefined);
    }
    // What a run's first drawing asks of the geometry (the wires beside the switch, the overlay view's text
    // boxes) is built now, a task each, rather than in that drawing's task.
    void (async () => {
      await yieldToPage();
      geometry.wires(true, 0, 0);
      await yieldToPage();
      geometry.overlayText();
    })();
    return true;
  },
  setTopologyDocument: (doc, source) => get().loadTopology(doc, source),
  resetToPoc: async () => {
    get().clearRun();
    set({ draftFrom: 'ClientVM', draftTo: '' });
    if (get().topologySource !== 'poc' || !get().snapshot) await get().loadTopology();
    get().selectNode(undefined);
  },
  rejectFile: (error) => set({ loadErrors: [error] }),
  dismissLoadErrors: () => set({ loadErrors: [] }),
});
