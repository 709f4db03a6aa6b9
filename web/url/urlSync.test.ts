import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppStore } from '../store/store';
import { flushUrl, startUrlWriter } from './urlSync';

/** The parts of the app's state the address holds, in a store that calls its listeners as zustand does. */
function fakeStore() {
  type S = ReturnType<AppStore['getState']>;
  let state = { topologySource: 'poc', request: { from: 'ClientVM', to: 'https://portal.azurestack.local' }, result: {}, cursor: 0, playing: false, speed: 1, motion: 'on', largeText: false, hidden: [] } as unknown as S;
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

/** A window whose address records every replaceState; `steps()` lists the step each write held. */
function fakeWindow() {
  const writes: string[] = [];
  const location = { pathname: '/hoplab/', search: '', hash: '' };
  const history = {
    replaceState: (_: unknown, __: string, url: string) => {
      writes.push(url);
      location.search = url.slice(location.pathname.length);
    },
  };
  vi.stubGlobal('window', { location, history });
  return { writes, steps: () => writes.map((u) => new URLSearchParams(u.slice(u.indexOf('?'))).get('step')) };
}

describe('startUrlWriter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('writes a step moved by hand, after its short delay', async () => {
    const w = fakeWindow();
    const { store, set } = fakeStore();
    const stop = startUrlWriter(store);
    set({ cursor: 3 });
    await vi.advanceTimersByTimeAsync(0);
    expect(w.writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(150);
    expect(w.steps()).toEqual(['3']);
    set({ cursor: 4 });
    await vi.advanceTimersByTimeAsync(150);
    expect(w.steps()).toEqual(['3', '4']);
    stop();
  });

  it('writes no step while playing (each write is a navigation the browser handles, its icon fetched again), and the step where playback stops', async () => {
    const w = fakeWindow();
    const { store, set } = fakeStore();
    const stop = startUrlWriter(store);
    set({ playing: true });
    for (let step = 1; step <= 5; step++) {
      set({ cursor: step });
      await vi.advanceTimersByTimeAsync(1000);
    }
    expect(w.writes).toHaveLength(0);
    set({ playing: false });
    await vi.advanceTimersByTimeAsync(150);
    expect(w.steps()).toEqual(['5']);
    stop();
  });

  it('writes a change that is not the step while playing, with the step shown then', async () => {
    const w = fakeWindow();
    const { store, set } = fakeStore();
    const stop = startUrlWriter(store);
    set({ playing: true });
    set({ cursor: 2 });
    set({ speed: 2 });
    await vi.advanceTimersByTimeAsync(150);
    expect(w.writes).toHaveLength(1);
    expect(new URLSearchParams(w.writes[0]!.slice(w.writes[0]!.indexOf('?'))).get('speed')).toBe('2');
    expect(w.steps()).toEqual(['2']);
    stop();
  });

  it('flushUrl writes the step playing now at once (the link a user copies)', async () => {
    const w = fakeWindow();
    const { store, set } = fakeStore();
    const stop = startUrlWriter(store);
    set({ playing: true });
    set({ cursor: 6 });
    await flushUrl();
    expect(w.steps()).toEqual(['6']);
    // Nothing left to write after it.
    await vi.advanceTimersByTimeAsync(1000);
    expect(w.steps()).toEqual(['6']);
    stop();
  });
});
