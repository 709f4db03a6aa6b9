// How the diagram is drawn: the snapshot it draws (the loaded one, or the one a run with a second MUX used)
// and the geometry tokens follow, recomputed only when the drawn snapshot changes; view, highlight, panel.
import { beforeEach, describe, expect, it } from 'vitest';
import { freshStore, type AppStore } from './testing/inProcessStore';
import { selectDiagramView, selectDrawn, selectHighlight, selectPanelOpen } from './store';

let store: AppStore;
beforeEach(async () => {
  store = await freshStore();
});

describe('the drawn snapshot', () => {
  it('is the loaded topology until a run draws another; undefined goes back to the loaded one', async () => {
    const loaded = store.getState().snapshot!;
    expect(selectDrawn(store.getState())).toBe(loaded);
    await store.getState().runFlow({ from: 'ClientVM', to: 'https://portal.azurestack.local', knobs: { secondMux: true } });
    const drawn = selectDrawn(store.getState())!;
    expect(drawn).not.toBe(loaded);
    expect(drawn.topology.nodes.map((n) => n.id)).toContain('MuxVM2');
    expect(store.getState().geometry!.box('MuxVM2')).toBeDefined();
    store.getState().setDrawn(undefined);
    expect(selectDrawn(store.getState())).toBe(loaded);
    expect(store.getState().geometry!.box('MuxVM2')).toBeUndefined();
    expect(store.getState().geometry!.box('MuxVM')).toBeDefined();
  });

  it('keeps its geometry when the same snapshot is drawn again', () => {
    const geometry = store.getState().geometry;
    store.getState().setDrawn(store.getState().snapshot);
    expect(store.getState().geometry).toBe(geometry);
  });
});

describe('view, highlight and panel', () => {
  it('start as the underlay, nothing highlighted, the panel open, and keep what they are set to', () => {
    expect([selectDiagramView(store.getState()), selectHighlight(store.getState()), selectPanelOpen(store.getState())]).toEqual(['underlay', undefined, true]);
    const highlight = { nodes: ['MuxVM', 'vip:192.168.133.74'], edges: ['tunnel:MuxVM:HyperVHost'], legs: ['vxlan' as const] };
    store.getState().setDiagramView('overlay');
    store.getState().setHighlight(highlight);
    store.getState().setPanelOpen(false);
    store.getState().setFocusId('BGPVM');
    expect([selectDiagramView(store.getState()), selectHighlight(store.getState()), selectPanelOpen(store.getState()), store.getState().focusId]).toEqual(['overlay', highlight, false, 'BGPVM']);
    store.getState().setHighlight(undefined);
    expect(selectHighlight(store.getState())).toBeUndefined();
  });
});
