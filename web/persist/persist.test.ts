import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppStore } from '../store/store';
import type { Keeper } from './keptDb';
import { CORRUPT_KEY, startPersistence, STORAGE_KEY } from './persist';
import { readStored, type StoredState } from './readStored';
import { memoryStorage } from './testing/memoryStorage';

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
    if (r.kind === 'corrupt') expect(r.where).toContain(CORRUPT_KEY);
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

/** A keeper that records what it is given. */
function recordingKeeper() {
  const writes: StoredState[] = [];
  const keeper: Keeper = { read: () => Promise.resolve({ kind: 'none' }), write: (state) => (writes.push(state), Promise.resolve()) };
  return { writes, kept: Promise.resolve(keeper), last: () => writes[writes.length - 1] };
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

  it('keeps a step moved by hand, after its short delay', async () => {
    const k = recordingKeeper();
    const { store, set } = fakeStore();
    const stop = startPersistence(store, k.kept);
    set({ cursor: 3 });
    await vi.advanceTimersByTimeAsync(0);
    expect(k.writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(300);
    expect(k.last()?.view.step).toBe(3);
    stop();
  });

  it('writes nothing while playing, and the step where playback stops', async () => {
    const k = recordingKeeper();
    const { store, set } = fakeStore();
    const stop = startPersistence(store, k.kept);
    set({ playing: true });
    for (let step = 1; step <= 5; step++) {
      set({ cursor: step });
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(k.writes).toHaveLength(0);
    set({ playing: false });
    await vi.advanceTimersByTimeAsync(300);
    expect(k.writes).toHaveLength(1);
    expect(k.last()?.view.step).toBe(5);
    stop();
  });

  it('keeps the playing step when the page is left', async () => {
    const k = recordingKeeper();
    const { store, set } = fakeStore();
    const stop = startPersistence(store, k.kept);
    set({ playing: true });
    set({ cursor: 7 });
    window.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(k.last()?.view.step).toBe(7);
    stop();
  });

  it('keeps a change that is not the step at once, while playing too', async () => {
    const k = recordingKeeper();
    const { store, set } = fakeStore();
    const stop = startPersistence(store, k.kept);
    set({ playing: true });
    set({ speed: 2 });
    await vi.advanceTimersByTimeAsync(300);
    expect(k.last()?.view.speed).toBe(2);
    stop();
  });

  it('writes nothing when nothing kept has changed', async () => {
    const k = recordingKeeper();
    const { store, set } = fakeStore();
    const stop = startPersistence(store, k.kept);
    set({ speed: 2 });
    await vi.advanceTimersByTimeAsync(300);
    set({ speed: 2, hidden: [] });
    await vi.advanceTimersByTimeAsync(300);
    expect(k.writes).toHaveLength(1);
    stop();
  });

  it('says once that the browser would not keep the work, and tries again at the next change', async () => {
    const notify = vi.fn();
    let refuse = true;
    const writes: StoredState[] = [];
    const keeper: Keeper = { read: () => Promise.resolve({ kind: 'none' }), write: (state) => (refuse ? Promise.reject(new Error('QuotaExceededError')) : (writes.push(state), Promise.resolve())) };
    const { store, set } = fakeStore();
    set({ notify } as never);
    const stop = startPersistence(store, Promise.resolve(keeper));
    set({ speed: 2 });
    await vi.advanceTimersByTimeAsync(300);
    set({ speed: 4 });
    await vi.advanceTimersByTimeAsync(300);
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify.mock.calls[0]![1]).toMatch(/would not keep your work/);
    refuse = false;
    set({ speed: 1 });
    await vi.advanceTimersByTimeAsync(300);
    expect(writes.map((w) => w.view.speed)).toEqual([1]);
    stop();
  });
});
