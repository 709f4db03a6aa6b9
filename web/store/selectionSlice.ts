import type { StateCreator } from 'zustand';
import { transmissionOf } from '../../src-engine/view/index';
import type { AppState } from './store';

export interface SelectionSlice {
  selectedNode: string | undefined;
  /** A frame of the current step chosen by the user (a flood sends several); else the step's main frame. */
  selectedTx: number | undefined;
  /** The event row the user picked, highlighted beside the step's own events. */
  selectedEventId: number | undefined;
  /** The inspector's selected field, as fieldKey() names it. */
  selectedField: string | undefined;
  contextMenu: { node: string; x: number; y: number } | undefined;
  selectNode: (node: string | undefined) => void;
  selectTx: (tx: number | undefined) => void;
  selectEvent: (eventId: number) => void;
  selectField: (key: string | undefined) => void;
  openContextMenu: (node: string, x: number, y: number) => void;
  closeContextMenu: () => void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  selectedNode: undefined,
  selectedTx: undefined,
  selectedEventId: undefined,
  selectedField: undefined,
  contextMenu: undefined,
  selectNode: (node) => set(node === undefined ? { selectedNode: undefined } : { selectedNode: node, sideTab: 'node' }),
  selectTx: (tx) => set({ selectedTx: tx, selectedField: undefined }),
  selectEvent: (eventId) => {
    const { timeline, result } = get();
    const step = timeline?.stepOfEvent.get(eventId);
    if (step === undefined) return;
    get().pause();
    get().seek(step);
    const event = result?.events.find((e) => e.id === eventId);
    const tx = event ? transmissionOf(event) : undefined;
    set({ selectedEventId: eventId, selectedTx: tx, sideTab: 'packet' });
  },
  selectField: (key) => set({ selectedField: key }),
  openContextMenu: (node, x, y) => set({ contextMenu: { node, x, y } }),
  closeContextMenu: () => set({ contextMenu: undefined }),
});
