// Nothing lost on reload: the current topology (a loaded or edited document), the flow with its what-ifs,
// and the view (step, speed, filters, settings) are kept in localStorage as the user works, and opened again
// on the next visit. What is read back is untrusted: it is checked with zod, and a stored state that cannot
// be read is set aside (kept under another key, not deleted) and reported, never crashed on.
import { z } from 'zod';
import { FILTER_KEYS, LIMITS, MAX_MTU, MIN_MTU } from '../../src-engine/view/index';
import type { RunRequest } from '../../src-engine/protocol';
import type { AppStore } from '../store/store';
import { SPEEDS } from '../url/urlState';

export const STORAGE_KEY = 'hoplab/state@1';
/** Where a stored state that could not be read is moved, so the user can still recover it by hand. */
export const CORRUPT_KEY = 'hoplab/state@1.unreadable';

const whatIf = z.object({ action: z.enum(['fail', 'restore']), target: z.string().max(2 * LIMITS.nameLength + 1), at: z.number().min(0).max(LIMITS.whatIfTime) });
const request = z.object({
  from: z.string().max(LIMITS.nameLength),
  to: z.string().max(LIMITS.destinationLength),
  seed: z.number().int().min(0).max(0xffffffff).optional(),
  whatIf: z.array(whatIf).max(LIMITS.whatIfs).optional(),
  knobs: z.object({ secondMux: z.boolean().optional(), secondDip: z.boolean().optional(), icmpRedirects: z.boolean().optional() }).optional(),
  mtu: z.array(z.object({ network: z.string().max(LIMITS.nameLength), mtu: z.number().int().min(MIN_MTU).max(MAX_MTU) })).max(16).optional(),
});

const storedSchema = z.object({
  version: z.literal(1),
  /** Absent: the POC. The document itself is validated again by the engine when it is loaded. */
  topology: z.object({ doc: z.unknown(), source: z.string().max(LIMITS.labelLength) }).optional(),
  request: request.optional(),
  view: z.object({
    step: z.number().int().min(0).optional(),
    speed: z.number().refine((n) => (SPEEDS as readonly number[]).includes(n)),
    motion: z.enum(['on', 'off']),
    largeText: z.boolean(),
    hidden: z.array(z.enum(FILTER_KEYS)).max(FILTER_KEYS.length),
  }),
});

export type StoredState = z.infer<typeof storedSchema>;

export type ReadResult = { kind: 'none' } | { kind: 'ok'; state: StoredState } | { kind: 'corrupt'; reason: string };

/** The stored state, checked; a corrupt one is moved aside and its problem returned. */
export function readStored(storage: Storage | undefined = safeStorage()): ReadResult {
  if (!storage) return { kind: 'none' };
  let text: string | null;
  try {
    text = storage.getItem(STORAGE_KEY);
  } catch {
    return { kind: 'none' };
  }
  if (text === null) return { kind: 'none' };
  let reason: string;
  try {
    const parsed = storedSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { kind: 'ok', state: parsed.data };
    const issue = parsed.error.issues[0]!;
    reason = `${issue.path.join('.') || 'the saved state'}: ${issue.message}`;
  } catch (e) {
    reason = `it is not valid JSON (${(e as Error).message})`;
  }
  try {
    storage.setItem(CORRUPT_KEY, text);
    storage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused the move: the state stays where it is and is reported again next time.
  }
  return { kind: 'corrupt', reason };
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
    if (s.topologyDoc === p.topologyDoc && s.request === p.request && s.cursor === p.cursor && s.result === p.result && s.speed === p.speed && s.motion === p.motion && s.largeText === p.largeText && s.hidden === p.hidden && s.topologySource === p.topologySource) return;
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

function safeStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}
