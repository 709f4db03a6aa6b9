// One store built from slices; each slice owns its state and the actions on it.
import { create } from 'zustand';
import { createTopologySlice, type TopologySlice } from './topologySlice';

export type AppState = TopologySlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createTopologySlice(...a),
}));

export const selectSnapshot = (s: AppState) => s.snapshot;
export const selectLoadStatus = (s: AppState) => s.loadStatus;
export const selectLoadErrors = (s: AppState) => s.loadErrors;
