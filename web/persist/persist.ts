// Nothing lost on reload: the current topology (a loaded or edited document), the flow with its what-ifs,
// and the view (step, speed, filters, settings) are kept as the user works (in IndexedDB: keptDb.ts), and
// opened again on the next visit. What is read back is untrusted: readStored.ts checks it.
import type { RunRequest } from '../../src-engine/protocol';
import type { AppStore } from '../store/store';
import type { Keeper } from './keptDb';
import type { ReadResult, StoredState } from './readStored';

/** Where earlier versions kept the state in localStorage (and where it is kept when IndexedDB is refused). */
export const STORAGE_KEY = 'hoplab/state@1';
/** Where a state that localStorage held and could not be read is moved, so the user can still recover it by hand. */
export const CORRUPT_KEY = 'hoplab/state@1.unreadable';

let keeper: Promise<Keeper | undefined> | undefined;

/** The page's keeper, opened once (with its code, loaded apart from the first screen). */
export function openKeeper(): Promise<Keeper | undefined> {
  keeper ??= import('./keptDb').then((m) => m.openKeeper(safeStorage())).catch(() => undefined);
  return keeper;
}

/** The stored state, checked. */
export async function readStoredState(kept: Promise<Keeper | undefined> = openKeeper()): Promise<ReadResult> {
  const k = await kept;
  if (!k) return { kind: 'none' };
  try {
    return await k.read();
  } catch {
    // The browser would not read it back: as if nothing were kept.
    return { kind: 'none' };
  }
}

/** What of the store is kept. */
export function storedStateOf(s: ReturnType<AppStore['getState']>): StoredState {
  const req: RunRequest | undefined = s.request;
  return {
    version: 1,
    ...(s.topologySource !== 'poc' && s.topologyDoc !== undefined ? { topology: { doc: s.topologyDoc, source: s.topologySource.file } } : {}),
    ...(req ? { request: req } : {}),
    view: {
      ...(s.result ? { step: s.cursor } : {}),
      speed: s.speed,
      motion: s.motion,
      largeText: s.largeText,
      hidden: [...s.hidden],
    },
  } as StoredState;
}

/** Writes the kept state as it changes (debounced); says once if the browser will not keep it. */
export function startPersistence(store: AppStore, kept: Promise<Keeper | undefined> = openKeeper()): () => void {
  let pending: ReturnType<typeof setTimeout> | undefined;
  // What was last kept: the document by identity (it is large, and only replaced, never changed in place),
  // the rest as its text (small).
  let lastDoc: unknown;
  let lastText = '';
  let warned = false;
  let stopped = false;
  const write = () => {
    pending = undefined;
    const s = store.getState();
    if (s.loadStatus !== 'ready') return;
    const state = storedStateOf(s);
    const doc = state.topology?.doc;
    const text = JSON.stringify({ ...state, topology: state.topology?.source });
    if (doc === lastDoc && text === lastText) return;
    lastDoc = doc;
    lastText = text;
    void kept.then(async (k) => {
      if (!k || stopped) return;
      try {
        await k.write(state);
      } catch {
        // Written again at the next change.
        lastText = '';
        if (!warned) {
          warned = true;
          s.notify('info', 'This browser would not keep your work (storage is full or turned off), so a reload opens the POC. Save the topology file yourself to keep it.');
        }
      }
    });
  };
  const unsubscribe = store.subscribe((s, p) => {
    const changed = s.topologyDoc !== p.topologyDoc || s.request !== p.request || s.result !== p.result || s.speed !== p.speed || s.motion !== p.motion || s.largeText !== p.largeText || s.hidden !== p.hidden || s.topologySource !== p.topologySource;
    // While playing, the step is kept when playback stops (or the page is left), not at every step.
    const stepKept = s.playing ? false : s.cursor !== p.cursor || p.playing;
    if (!changed && !stepKept) return;
    if (pending === undefined) pending = setTimeout(write, 300);
  });
  const flush = () => {
    if (pending !== undefined) clearTimeout(pending);
    write();
  };
  window.addEventListener('pagehide', flush);
  return () => {
    stopped = true;
    unsubscribe();
    window.removeEventListener('pagehide', flush);
    if (pending !== undefined) clearTimeout(pending);
  };
}

export function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
