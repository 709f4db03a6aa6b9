// What the user picked: a device (its details tab opens), a frame of the step, a field, an event (the playhead
// goes to its step, the inspector to its frame), and the context menu.
import { beforeEach, describe, expect, it } from 'vitest';
import { transmissionOf } from '../../src-engine/view/index';
import { freshStore, type AppStore } from './testing/inProcessStore';

let store: AppStore;
beforeEach(async () => {
  store = await freshStore();
});

describe('picking', () => {
  it('a device opens its details; clearing it leaves the tab as it was', () => {
    store.getState().selectNode('MuxVM');
    expect([store.getState().selectedNode, store.getState().sideTab]).toEqual(['MuxVM', 'node']);
    store.getState().setSideTab('packet');
    store.getState().selectNode(undefined);
    expect([store.getState().selectedNode, store.getState().sideTab]).toEqual([undefined, 'packet']);
  });

  it('a frame forgets the field picked in the last one', () => {
    store.getState().selectField('ipv4.ttl');
    store.getState().selectTx(12);
    expect([store.getState().selectedTx, store.getState().selectedField]).toEqual([12, undefined]);
  });

  it('the context menu opens at a point for a node and closes', () => {
    store.getState().openContextMenu('BGPVM', 120, 48);
    expect(store.getState().contextMenu).toEqual({ node: 'BGPVM', x: 120, y: 48 });
    store.getState().closeContextMenu();
    expect(store.getState().contextMenu).toBeUndefined();
  });
});

describe('picking an event', () => {
  it('pauses, moves the playhead to the event\'s step, and shows its frame in the packet tab', async () => {
    await store.getState().runFlow({ from: 'ClientVM', to: 'https://portal.azurestack.local' });
    const { result, timeline } = store.getState();
    // The event of MuxVM sending the SYN into the VXLAN tunnel: a transmission, in a step of its own.
    const event = result!.events.find((e) => transmissionOf(e) !== undefined && timeline!.tx.get(transmissionOf(e)!)?.protocol === 'vxlan')!;
    const step = timeline!.stepOfEvent.get(event.id)!;
    expect(timeline!.steps[step]!.txIds).toContain(transmissionOf(event));
    store.setState({ playing: true, sideTab: 'node' });
    store.getState().selectEvent(event.id);
    expect(store.getState()).toMatchObject({ cursor: step, playing: false, selectedEventId: event.id, selectedTx: transmissionOf(event), sideTab: 'packet' });
  });

  it('an event of no step changes nothing', async () => {
    await store.getState().runFlow({ from: 'ClientVM', to: 'PortalVM' });
    const before = store.getState();
    store.getState().selectEvent(987_654);
    expect(store.getState()).toBe(before);
  });
});
