// How the diagram is drawn, as data other features can set: the overlay/underlay view, the drawn
// snapshot (the loaded topology, or the one a run used when a knob added devices), the side panel, a
// presenter layout, and a highlight.
//
// For lessons and other features that point at the diagram:
//   useAppStore.getState().setHighlight({ nodes: ['MuxVM', 'vip:192.168.133.74'], edges: [], legs: ['vxlan'] })
//   - nodes: diagram node ids: a device id ('MuxVM', 'CCI_External_vSwitch'), a VIP 'vip:<address>',
//     a NIC drawn in its own network 'port:<node>:<interface>' (a device id lights its ports too).
//   - edges: layout edge ids: 'nic:<node>:<interface>', 'bgp:<a>|<b>' (sorted), 'tunnel:<mux>:<host>',
//     'announce:<vip>:<mux>', 'dip:<vip>:<node>'.
//   - legs: named parts of the picture: 'vxlan' (the tunnels, the PA NICs and VFP), 'forward' and 'return'
//     (the traced flow's paths, drawn after a run).
//   setHighlight(undefined) clears it. Highlighted parts are outlined; the rest of the diagram dims.
//   The presenter mode (the lesson slice's `presenter`, set with setPresenter) hides the side panel and
//   the run pane so the diagram takes the window; the caption slot (App.tsx, `.caption-slot`) stays.
import type { StateCreator } from 'zustand';
import type { TopologySnapshot } from '../../src-engine/protocol';
import { createGeometry } from '../diagram/geometry';
import type { AppState } from './store';

export type DiagramView = 'underlay' | 'overlay';
export type DiagramLeg = 'vxlan' | 'forward' | 'return';

export interface DiagramHighlight {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
  readonly legs: readonly DiagramLeg[];
}

export interface DiagramSlice {
  /** 'underlay': PA addresses, the VXLAN tunnel, the switch's ports; 'overlay': the tenant's logical path. */
  diagramView: DiagramView;
  /** What the diagram draws: the loaded topology, or the one the last run used (a second MUX). */
  drawn: TopologySnapshot | undefined;
  highlight: DiagramHighlight | undefined;
  /** The side panel: open beside the diagram, or hidden to give the diagram the room. */
  panelOpen: boolean;
  /** The diagram's one Tab stop: the device that takes focus when Tab enters the diagram (roving tabindex). */
  focusId: string | undefined;
  setFocusId: (id: string | undefined) => void;
  setDiagramView: (view: DiagramView) => void;
  setHighlight: (highlight: DiagramHighlight | undefined) => void;
  setPanelOpen: (open: boolean) => void;
  /** Draws this snapshot (or the loaded one) and recomputes the geometry tokens follow. */
  setDrawn: (snapshot: TopologySnapshot | undefined) => void;
}

export const createDiagramSlice: StateCreator<AppState, [], [], DiagramSlice> = (set, get) => ({
  diagramView: 'underlay',
  drawn: undefined,
  highlight: undefined,
  panelOpen: true,
  focusId: undefined,
  setFocusId: (id) => set({ focusId: id }),
  setDiagramView: (view) => set({ diagramView: view }),
  setHighlight: (highlight) => set({ highlight }),
  setPanelOpen: (open) => set({ panelOpen: open }),
  setDrawn: (snapshot) => {
    const next = snapshot ?? get().snapshot;
    if (next === get().drawn) return;
    set({ drawn: next, geometry: next ? createGeometry(next) : undefined });
  },
});

export const selectDiagramView = (s: AppState) => s.diagramView;
export const selectDrawn = (s: AppState) => s.drawn;
export const selectHighlight = (s: AppState) => s.highlight;
export const selectPanelOpen = (s: AppState) => s.panelOpen;
