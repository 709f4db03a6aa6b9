// The topology editor: an edit is checked by the engine and loaded only when accepted, with undo and redo;
// a refused edit changes nothing and returns the errors for its field.
// First: it puts the in-process engine behind the engine client before any slice imports the client.
import { engine, engineWith, freshStore, type AppStore } from './testing/inProcessStore';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EngineError } from '../../src-engine/protocol';
import type { TopologyEdit } from '../../src-engine/view/edits';
import { POC_TOPOLOGY } from '../../src-engine/scenarios/poc';
import { currentDocument } from './editorSlice';

let store: AppStore;
beforeEach(async () => {
  store = await freshStore();
});

const addVm: TopologyEdit = { type: 'add-vm', id: 'PortalVM2', role: 'a second portal', network: 'mgmt', address: '192.168.100.30/24', mac: '00:15:5d:64:00:30', listens: [443] };
const ids = () => store.getState().snapshot!.topology.nodes.map((n) => n.id);

describe('an edit', () => {
  it('is loaded when the engine accepts it: the document is named as edited and becomes the one shown', async () => {
    expect(await store.getState().applyTopologyEdit(addVm)).toEqual([]);
    const s = store.getState();
    expect(ids()).toContain('PortalVM2');
    expect(s.snapshot!.topology.name).toBe(`${POC_TOPOLOGY.name} (edited)`);
    expect(s.topologySource).toEqual({ file: `${POC_TOPOLOGY.name} (edited)` });
    expect(s.editedSnapshot).toBe(s.snapshot);
    expect(s.editHistory!.past).toHaveLength(1);
    expect(currentDocument(s)).toBe(s.editHistory!.present);
  });

  it('a second edit keeps the name "(edited)" once', async () => {
    await store.getState().applyTopologyEdit(addVm);
    await store.getState().applyTopologyEdit({ type: 'set-bgp', holdTime: 90 });
    expect(store.getState().snapshot!.topology.name).toBe(`${POC_TOPOLOGY.name} (edited)`);
    expect(store.getState().editHistory!.past).toHaveLength(2);
  });

  it('that cannot be made says why, and changes nothing', async () => {
    const before = store.getState().snapshot;
    const errors = await store.getState().applyTopologyEdit({ type: 'remove-node', node: 'NoSuchVM' });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('invalid-edit');
    expect(errors[0]!.message).toMatch(/^This change cannot be made: .+\.$/);
    expect(store.getState().snapshot).toBe(before);
    expect(store.getState().editHistory).toBeUndefined();
  });

  it('the engine refuses returns the engine\'s errors with their paths, and changes nothing', async () => {
    const before = store.getState().snapshot;
    // A hold time of 2 s is not one BGP allows (0, or 3 s and more): the engine's schema says so, not the edit.
    const errors = await store.getState().applyTopologyEdit({ type: 'set-bgp', holdTime: 2 });
    expect(errors.map((e) => e.path)).toEqual(['bgp.holdTime']);
    expect(store.getState().snapshot).toBe(before);
    expect(store.getState().loadErrors).toEqual([]);
  });

  it('waits for the engine\'s check: a document it refuses is not loaded', async () => {
    const refusal: EngineError[] = [{ code: 'invalid-document', message: 'refused', path: 'nodes[11]' }];
    engine.current = engineWith({ validateTopology: async () => ({ ok: false, error: refusal }) });
    expect(await store.getState().applyTopologyEdit(addVm)).toEqual(refusal);
    expect(ids()).not.toContain('PortalVM2');
  });

  it('a document checked but then refused by the load returns the load\'s errors, without listing them as a file\'s', async () => {
    engine.current = engineWith({ validateTopology: async () => ({ ok: true, value: null }) });
    const errors = await store.getState().applyTopologyEdit({ type: 'set-bgp', holdTime: 2 });
    expect(errors.map((e) => e.path)).toEqual(['bgp.holdTime']);
    expect(store.getState().loadErrors).toEqual([]);
    expect(store.getState().editHistory).toBeUndefined();
  });

  it('before any topology is loaded, says so', async () => {
    store = await freshStore(false);
    expect((await store.getState().applyTopologyEdit(addVm)).map((e) => e.code)).toEqual(['not-loaded']);
  });
});

describe('undo and redo', () => {
  it('move through the edits, loading each document, and do nothing at either end', async () => {
    await store.getState().applyTopologyEdit(addVm);
    await store.getState().applyTopologyEdit({ type: 'add-mux', id: 'MuxVM2', mgmtAddress: '192.168.100.8', paAddress: '192.168.233.8' });
    await store.getState().undoTopology();
    expect(ids()).toContain('PortalVM2');
    expect(ids()).not.toContain('MuxVM2');
    await store.getState().undoTopology();
    expect(ids()).not.toContain('PortalVM2');
    const first = store.getState().snapshot;
    await store.getState().undoTopology();
    expect(store.getState().snapshot).toBe(first);
    await store.getState().redoTopology();
    await store.getState().redoTopology();
    expect(ids()).toEqual(expect.arrayContaining(['PortalVM2', 'MuxVM2']));
    const last = store.getState().snapshot;
    await store.getState().redoTopology();
    expect(store.getState().snapshot).toBe(last);
    expect(store.getState().editHistory!.future).toEqual([]);
  });

  it('a topology opened from elsewhere starts a new history', async () => {
    await store.getState().applyTopologyEdit(addVm);
    expect(await store.getState().openTopologyDocument(POC_TOPOLOGY, 'poc.json')).toEqual([]);
    expect(store.getState()).toMatchObject({ editHistory: undefined, editedSnapshot: undefined });
    expect(ids()).not.toContain('PortalVM2');
    await store.getState().undoTopology();
    expect(ids()).not.toContain('PortalVM2');
    expect(currentDocument(store.getState())).toBe(store.getState().snapshot!.topology);
  });

  it('a topology loaded another way (a file) is the document shown, not the edited one', async () => {
    await store.getState().applyTopologyEdit(addVm);
    const file = { ...structuredClone(POC_TOPOLOGY), name: 'From a file' };
    await store.getState().loadTopology(file, 'file.json');
    expect(currentDocument(store.getState())!.name).toBe('From a file');
  });

  it('a refused document opened from elsewhere returns its errors and keeps the edits', async () => {
    await store.getState().applyTopologyEdit(addVm);
    const history = store.getState().editHistory;
    const errors = await store.getState().openTopologyDocument({ schema: 'hoplab/topology@1' }, 'broken.json');
    expect(errors.length).toBeGreaterThan(0);
    expect(store.getState().editHistory).toBe(history);
    expect(ids()).toContain('PortalVM2');
  });
});
