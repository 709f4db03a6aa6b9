// The page's store against the real engine running in this process (no worker), for the slices' tests.
// `engine` can be swapped per test (a method that throws, answers late, or refuses) to reach the error paths.
import { vi } from 'vitest';
import { createEngine } from '../../../src-engine/engine';
import type { EngineApi } from '../../../src-engine/protocol';
import type { AppState, AppStore } from '../store';

export const real: EngineApi = createEngine();
export const engine: { current: EngineApi } = { current: real };

// Node has no localStorage: a Map stands in, with the Storage methods the slices use.
export const stored = new Map<string, string>();
vi.stubGlobal('localStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v), removeItem: (k: string) => void stored.delete(k), clear: () => stored.clear() });

vi.doMock('../../engine/client', () => ({ getEngine: () => engine.current }));

const { useAppStore } = await import('../store');
const initial: AppState = useAppStore.getState();

export { useAppStore };
export type { AppStore };

/** The store as it was created, the real engine behind it, and the POC loaded (unless `load` is false). */
export async function freshStore(load = true): Promise<AppStore> {
  engine.current = real;
  stored.clear();
  useAppStore.setState(initial, true);
  if (load) await useAppStore.getState().loadTopology();
  return useAppStore;
}

/** An engine like the real one, with some methods replaced. */
export function engineWith(overrides: Partial<EngineApi>): EngineApi {
  return { ...real, ...overrides };
}
