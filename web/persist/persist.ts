// Nothing lost on reload: the current topology (a loaded or edited document), the flow with its what-ifs,
// and the view (step, speed, filters, settings) are kept in localStorage as the user works, and opened again
// on the next visit. What is read back is untrusted: readStored.ts checks it.
import type { RunRequest } from '../../src-engine/protocol';
import type { AppStore } from '../store/store';
import type { ReadResult, StoredState } from './readStored';

export const STORAGE_KEY = 'hoplab/state@1';
/** Where a stored state that could not be read is moved, so the user can still recover it by hand. */
export const CORRUPT_KEY = 'hoplab/state@1.unreadable';

/** The stored state, checked (by readStored.ts, loaded only when something is stored). */
export async function readStoredState(storage: Storage | undefined = safeStorage()): Promise<ReadResult> {
  let text: string | null = null;
  try {
    text = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // Storage refused: as if nothing were kept.
  }
  if (text === null) return { kind: 'none' };
  const { readStored } = await import('./readStored');
  return readStored(storage);
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
export function startPersistence(store: AppStore, storage: Storage | undefined = safeStorage()): () => void {
  if (!storage) return () => undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let lastText = '';
  let warned = false;
  const write = () => {
    pending = undefined;
    const s = store.getState();
    if (s.loadStatus !== 'ready') return;
    const text = JSON.stringify(storedStateOf(s));
    if (text === lastText) return;
    try {
      storage.setItem(STORAGE_KEY, text);
      lastText = text;
    } catch {
      if (!warned) {
        warned = true;
        s.notify('info', `This browser would not keep your work (${Math.round(text.length / 1024)} kB; storage is full or turned off), so a reload opens the POC. Save the topology file yourself to keep it.`);
      }
    }
  };
  const unsubscribe = store.subscribe((s, p) => {
    const changed = s.topologyDoc !== p.topologyDoc || s.request !== p.request || s.result !== p.result || s.speed !== p.speed || s.motion !== p.motion || s.largeText !== p.largeText || s.hidden !== p.hidden || s.topologySource !== p.topologySource;
    // While playing, the step is kept when playback stops (or the page is left), not at every step: the
    // state holds the whole topology, and writing thousands of VMs' worth of it blocks the page each time.
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
    unsubscribe();
    window.removeEventListener('pagehide', flush);
    if (pending !== undefined) clearTimeout(pending);
  };
}

/** Forgets the kept state (the reset to the POC). */
export function clearStored(storage: Storage | undefined = safeStorage()): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    // Nothing kept, nothing to clear.
  }
}

export function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
