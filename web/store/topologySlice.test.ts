// Loading a topology: the POC or a document, validated by the engine; a refused document lists its errors
// with their paths and keeps the current topology; a new topology clears the run and the selection.
import { beforeEach, describe, expect, it } from 'vitest';
import type { EngineError } from '../../src-engine/protocol';
import { POC_TOPOLOGY } from '../../src-engine/scenarios/poc';
import { flowOf, toFlow } from '../diagram/toFlow';
import { freshStore, type AppStore } from './testing/inProcessStore';

let store: AppStore;
beforeEach(async () => {
  store = await freshStore(false);
});

/** The POC with one change, as a file would bring it. */
function pocWith(change: (doc: { name: string; nodes: { id: string; role: string; interfaces: { address: string }[] }[] }) => void): unknown {
  const doc = structuredClone(POC_TOPOLOGY) as Parameters<typeof change>[0];
  change(doc);
  return doc;
}

describe('loading', () => {
  it('loads the POC when no document is given, with its geometry, drawn as loaded', async () => {
    expect(store.getState().loadStatus).toBe('idle');
    const pending = store.getState().loadTopology();
    expect(store.getState().loadStatus).toBe('loading');
    expect(await pending).toBe(true);
    const s = store.getState();
    expect(s).toMatchObject({ loadStatus: 'ready', loadErrors: [], topologySource: 'poc', topologyDoc: undefined });
    expect(s.snapshot!.topology.name).toBe(POC_TOPOLOGY.name);
    expect(s.drawn).toBe(s.snapshot);
    expect(s.geometry!.switchId).toBe('CCI_External_vSwitch');
    // The diagram's nodes were made while loading: its first render finds them, made from this geometry.
    const flow = flowOf(s.snapshot!, s.geometry);
    expect(flowOf(s.snapshot!, s.geometry)).toBe(flow);
    expect(flow.nodes.map((n) => n.id)).toEqual(toFlow(s.snapshot!, s.geometry).nodes.map((n) => n.id));
    expect(flowOf(s.snapshot!, undefined)).not.toBe(flow);
  });

  it('loads a file, and keeps its name and document (what a reload restores)', async () => {
    const doc = pocWith((d) => (d.name = 'Classroom copy'));
    expect(await store.getState().loadTopology(doc, 'classroom.json')).toBe(true);
    expect(store.getState()).toMatchObject({ topologySource: { file: 'classroom.json' }, topologyDoc: doc, loadStatus: 'ready' });
    expect(store.getState().snapshot!.topology.name).toBe('Classroom copy');
  });

  it('refuses a bad document with the path of what is wrong; with nothing loaded yet, the status is an error', async () => {
    const bad = pocWith((d) => (d.nodes[1]!.interfaces[0]!.address = '10.9.9.9/24'));
    expect(await store.getState().loadTopology(bad, 'bad.json')).toBe(false);
    expect(store.getState().loadStatus).toBe('error');
    expect(store.getState().loadErrors.map((e) => e.path)).toContain('nodes[1].interfaces[0].address');
    expect(store.getState().snapshot).toBeUndefined();
  });

  it('refuses a bad document and keeps the topology it had, ready', async () => {
    await store.getState().loadTopology();
    const before = store.getState().snapshot;
    const bad = pocWith((d) => (d.nodes[1]!.interfaces[0]!.address = '10.9.9.9/24'));
    expect(await store.getState().setTopologyDocument(bad, 'bad.json')).toBe(false);
    expect(store.getState()).toMatchObject({ loadStatus: 'ready', topologySource: 'poc', snapshot: before });
    expect(store.getState().loadErrors.length).toBeGreaterThan(0);
    store.getState().dismissLoadErrors();
    expect(store.getState().loadErrors).toEqual([]);
  });

  it('a good document after a bad one clears the errors listed', async () => {
    await store.getState().loadTopology(pocWith((d) => (d.nodes[1]!.interfaces[0]!.address = '10.9.9.9/24')), 'bad.json');
    expect(store.getState().loadErrors.length).toBeGreaterThan(0);
    await store.getState().loadTopology(pocWith((d) => (d.name = 'Fixed')), 'fixed.json');
    expect(store.getState().loadErrors).toEqual([]);
  });

  it('a new topology clears the run and the picked device; the first load does not touch them', async () => {
    store.getState().selectNode('MuxVM');
    await store.getState().loadTopology();
    expect(store.getState().selectedNode).toBe('MuxVM');
    await store.getState().runFlow({ from: 'ClientVM', to: 'PortalVM' });
    expect(store.getState().runStatus).toBe('done');
    await store.getState().loadTopology(pocWith((d) => (d.name = 'Second')), 'second.json');
    expect(store.getState()).toMatchObject({ runStatus: 'idle', result: undefined, timeline: undefined, request: undefined, cursor: 0, selectedNode: undefined });
  });

  it('shows why a file could not be read at all, keeping the topology', async () => {
    await store.getState().loadTopology();
    const error: EngineError = { code: 'invalid-json', message: 'broken.json is not valid JSON' };
    store.getState().rejectFile(error);
    expect(store.getState().loadErrors).toEqual([error]);
    expect(store.getState().loadStatus).toBe('ready');
  });
});

describe('back to the POC', () => {
  it('forgets the file, the run and the destination typed, and loads the POC', async () => {
    await store.getState().loadTopology(pocWith((d) => (d.name = 'Classroom copy')), 'classroom.json');
    await store.getState().runFlow({ from: 'ClientVM', to: 'PortalVM' });
    store.getState().setDraft({ from: 'NATVM', to: 'PortalVM' });
    store.getState().selectNode('SQLVM');
    await store.getState().resetToPoc();
    const s = store.getState();
    expect(s).toMatchObject({ topologySource: 'poc', topologyDoc: undefined, result: undefined, draftFrom: 'ClientVM', draftTo: '', selectedNode: undefined });
    expect(s.snapshot!.topology.name).toBe(POC_TOPOLOGY.name);
  });

  it('on the POC already, keeps the loaded snapshot and clears the run', async () => {
    await store.getState().loadTopology();
    const snapshot = store.getState().snapshot;
    await store.getState().runFlow({ from: 'ClientVM', to: 'PortalVM' });
    await store.getState().resetToPoc();
    expect(store.getState().snapshot).toBe(snapshot);
    expect(store.getState().result).toBeUndefined();
  });
});
