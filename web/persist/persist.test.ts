import { describe, expect, it } from 'vitest';
import { CORRUPT_KEY, STORAGE_KEY } from './persist';
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
