import { IDBFactory } from 'fake-indexeddb';
import { createStore, promisifyRequest } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_NAME, DB_STORE, openKeeper, STATE_KEY, TOPOLOGY_KEY, UNREADABLE_KEY } from './keptDb';
import { CORRUPT_KEY, STORAGE_KEY } from './persist';
import type { StoredState } from './readStored';
import { memoryStorage } from './testing/memoryStorage';

const view = { speed: 1, motion: 'on' as const, largeText: false, hidden: [] };
const kept = (doc: unknown, step = 2): StoredState => ({ version: 1, topology: { doc, source: 'class.json' }, request: { from: 'ClientVM', to: 'PortalVM' }, view: { ...view, step } });

/** The raw records, as the browser holds them. */
const raw = (key: string) => createStore(DB_NAME, DB_STORE)('readonly', (s) => promisifyRequest(s.get(key))) as Promise<Record<string, unknown> | undefined>;
const put = (entries: [string, unknown][]) =>
  createStore(DB_NAME, DB_STORE)('readwrite', (s) => {
    for (const [k, v] of entries) s.put(v, k);
    return promisifyRequest(s.transaction);
  });

describe('the IndexedDB keeper', () => {
  beforeEach(() => {
    // A fresh, empty database for each test.
    vi.stubGlobal('indexedDB', new IDBFactory());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads nothing from an empty database', async () => {
    const k = await openKeeper(memoryStorage());
    expect(await k!.read()).toEqual({ kind: 'none' });
  });

  it('reads back the kept topology, flow and view, as a new page would', async () => {
    const doc = { name: 'big', nodes: [{ id: 'A' }] };
    await (await openKeeper(memoryStorage()))!.write(kept(doc));
    const again = await openKeeper(memoryStorage());
    expect(await again!.read()).toEqual({ kind: 'ok', state: kept(doc) });
  });

  it('writes the document only when it changes; the step and view beside it', async () => {
    const k = (await openKeeper(memoryStorage()))!;
    const doc = { name: 'big' };
    await k.write(kept(doc, 1));
    const first = await raw(TOPOLOGY_KEY);
    await k.write(kept(doc, 5));
    expect(await raw(TOPOLOGY_KEY)).toEqual(first);
    expect((await raw(STATE_KEY))?.view).toMatchObject({ step: 5 });
    const other = { name: 'other' };
    await k.write(kept(other, 0));
    expect((await raw(TOPOLOGY_KEY))?.doc).toEqual(other);
    expect((await raw(TOPOLOGY_KEY))?.id).not.toBe(first?.id);
    expect(await k.read()).toEqual({ kind: 'ok', state: kept(other, 0) });
  });

  it('keeps no document once back at the POC', async () => {
    const k = (await openKeeper(memoryStorage()))!;
    await k.write(kept({ name: 'big' }));
    await k.write({ version: 1, view });
    expect(await raw(TOPOLOGY_KEY)).toBeUndefined();
    expect(await k.read()).toEqual({ kind: 'ok', state: { version: 1, view } });
  });

  it.each([
    ['a bad speed', { version: 1, view: { ...view, speed: 'fast' } }, undefined, /^view\.speed: /],
    ['a wrong version', { version: 2, view }, undefined, /^version: /],
    ['its topology missing', { version: 1, topology: { source: 'a.json', id: 7 }, view }, undefined, /^topology: the saved topology is missing/],
    ['another topology than its own', { version: 1, topology: { source: 'a.json', id: 7 }, view }, { id: 8, doc: {} }, /^topology: /],
    ['not an object', 'hello', undefined, /^the saved state: /],
  ])('sets aside and reports a state with %s', async (_, state, topology, reason) => {
    await put([[STATE_KEY, state], ...(topology ? [[TOPOLOGY_KEY, topology] as [string, unknown]] : [])]);
    const k = (await openKeeper(memoryStorage()))!;
    const r = await k.read();
    expect(r.kind).toBe('corrupt');
    if (r.kind === 'corrupt') {
      expect(r.reason).toMatch(reason);
      expect(r.where).toContain(UNREADABLE_KEY);
    }
    expect(await raw(STATE_KEY)).toBeUndefined();
    expect(await raw(TOPOLOGY_KEY)).toBeUndefined();
    expect(await raw(UNREADABLE_KEY)).toEqual({ state, topology });
    // Set aside, not in the way: the next read finds nothing, and the POC opens.
    expect(await k.read()).toEqual({ kind: 'none' });
  });

  it('moves a state kept in localStorage by an earlier version into IndexedDB', async () => {
    const doc = { name: 'from before' };
    const storage = memoryStorage({ [STORAGE_KEY]: JSON.stringify(kept(doc, 3)) });
    const k = (await openKeeper(storage))!;
    expect(await k.read()).toEqual({ kind: 'ok', state: kept(doc, 3) });
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
    expect((await raw(TOPOLOGY_KEY))?.doc).toEqual(doc);
    expect(await (await openKeeper(storage))!.read()).toEqual({ kind: 'ok', state: kept(doc, 3) });
  });

  it('reports an unreadable state from localStorage, set aside there as before', async () => {
    const storage = memoryStorage({ [STORAGE_KEY]: '{"version":1,' });
    const r = await (await openKeeper(storage))!.read();
    expect(r).toMatchObject({ kind: 'corrupt', reason: expect.stringMatching(/^it is not valid JSON/), where: expect.stringContaining(CORRUPT_KEY) });
    expect(storage.getItem(CORRUPT_KEY)).toBe('{"version":1,');
    expect(await raw(STATE_KEY)).toBeUndefined();
  });

  it('keeps the state in localStorage where the browser refuses IndexedDB', async () => {
    vi.stubGlobal('indexedDB', { open: () => { throw new DOMException('refused', 'SecurityError'); } });
    const storage = memoryStorage();
    const k = (await openKeeper(storage))!;
    await k.write(kept({ name: 'here' }));
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!)).toEqual(kept({ name: 'here' }));
    expect(await k.read()).toEqual({ kind: 'ok', state: kept({ name: 'here' }) });
  });
});
