import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppStore } from '../store/store';
import { CORRUPT_KEY, startPersistence, STORAGE_KEY } from './persist';
import { readStored } from './readStored';

/** A Storage over a Map, as the browser's localStorage behaves. */
function memoryStorage(init: Record<string, string> = {}): Storage {
  const m = new Map(Object.entries(init));
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

const view = { speed: 1, motion: 'on', largeText: false, hidden: [] };

describe('readStored', () => {
  it('reads nothing from empty storage', () => {
    expect(readStored(memoryStorage())).toEqual({ kind: 'none' });
  });

  it('reads back a kept topology, flow and view', () => {
    const state = { version: 1, topology: { doc: { schema: 'x' }, source: 'class.json' }, request: { from: 'ClientVM', to: 'PortalVM', whatIf: [{ action: 'fail', target: 'MuxVM', at: 1e6 }] }, view: { ...view, step: 4 } };
    expect(readStored(memoryStorage({ [STORAGE_KEY]: JSON.stringify(state) }))).toEqual({ kind: 'ok', state });
  });

  it.each([
    ['not JSON', '{"version":1,', /^it is not valid JSON/],
    ['a wrong version', JSON.stringify({ version: 2, view }), /^version: /],
    ['a what-if past the maximum', JSON.stringify({ version: 1, request: { from: 'A', to: 'B', whatIf: [{ action: 'fail', target: 'A', at: 1e12 }] }, view }), /^request\.whatIf\.0\.at: /],
    ['a bad speed', JSON.stringify({ version: 1, view: { ...view, speed: 'fast' } }), /^view\.speed: /],
  ])('sets aside and reports a state with %s', (_, text, reason) => {
    const storage = memoryStorage({ [STORAGE_KEY]: text });
    const r = readStored(storage);
    expect(r.kind).toBe('corrupt');
    if (r.kind === 'corrupt') expect(r.reason).toMatch(reason);
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
    expect(storage.getItem(CORRUPT_KEY)).toBe(text);
  });
});

/** The few parts of the app's state persistence reads, in a store that calls its listeners as zustand does. */
function fakeStore() {
  type S = ReturnType<AppStore['getState']>;
  let state = { loadStatus: 'ready', topologySource: { file: 'big.json' }, topologyDoc: { name: 'big' }, request: { from: 'A', to: 'B' }, result: {}, cursor: 0, playing: false, speed: 1, motion: 'on', largeText: false, hidden: [], notify: () => undefined } as unknown as S;
  const listeners = new Set<(s: S, p: S) => void>();
  return {
    store: { getState: () => state, subscribe: (l: (s: S, p: S) => void) => (listeners.add(l), () => listeners.delete(l)) } as unknown as AppStore,
    set(patch: Partial<S>) {
      const prev = state;
      state = { ...state, ...patch };
      for (const l of listeners) l(state, prev);
    },
  };
}

describe('startPersistence', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', new EventTarget());
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const stepOf = (storage: Storage) => (JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}') as { view?: { step?: number } }).view?.step;

  it('keeps a step moved by hand, after its short delay', () => {
    const storage = memoryStorage();
    const { store, set } = fakeStore();
    const stop = startPersistence(store, storage);
    set({ cursor: 3 });
    expect(storage.getItem(STORAGE_KEY)).toBeNull();
    vi.advanceTimersByTime(300);
    expect(stepOf(storage)).toBe(3);
    stop();
  });

  it('writes nothing while playing, and the step where playback stops', () => {
    const storage = memoryStorage();
    const writes = vi.spyOn(storage, 'setItem');
    const { store, set } = fakeStore();
    const stop = startPersistence(store, storage);
    set({ playing: true });
    for (let step = 1; step <= 5; step++) {
      set({ cursor: step });
      vi.advanceTimersByTime(1000);
    }
    expect(writes).not.toHaveBeenCalled();
    set({ playing: false });
    vi.advanceTimersByTime(300);
    expect(writes).toHaveBeenCalledTimes(1);
    expect(stepOf(storage)).toBe(5);
    stop();
  });

  it('keeps the playing step when the page is left', () => {
    const storage = memoryStorage();
    const { store, set } = fakeStore();
    const stop = startPersistence(store, storage);
    set({ playing: true });
    set({ cursor: 7 });
    window.dispatchEvent(new Event('pagehide'));
    expect(stepOf(storage)).toBe(7);
    stop();
  });

  it('keeps a change that is not the step at once, while playing too', () => {
    const storage = memoryStorage();
    const { store, set } = fakeStore();
    const stop = startPersistence(store, storage);
    set({ playing: true });
    set({ speed: 2 });
    vi.advanceTimersByTime(300);
    expect((JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}') as { view?: { speed?: number } }).view?.speed).toBe(2);
    stop();
  });
});
