// A node's live tables at the time the view shows, fetched from the worker (engine.tables). Stale
// answers are dropped; an error (no run yet, not implemented) comes back as a value, not a throw.
import { useEffect, useState } from 'react';
import type { DeviceTables, EngineError } from '../../src-engine/protocol';
import { getEngine } from '../engine/client';
import { useAppStore } from '../store/store';
import { readBoxId } from '../../src-engine/view/index';

export type TablesState = { status: 'none' } | { status: 'loading' } | { status: 'ok'; value: DeviceTables } | { status: 'error'; error: EngineError };

export function useDeviceTables(node: string | undefined, time: number | undefined, runKey: unknown): TablesState {
  const [state, setState] = useState<TablesState>({ status: 'none' });
  // A restarted engine has the run again: ask it anew.
  const restarts = useAppStore((s) => s.engineRestarts);
  useEffect(() => {
    if (!node || time === undefined || !runKey || readBoxId(node).kind === 'vip') return;
    let live = true;
    void getEngine()
      .tables(node, time)
      .then((r) => {
        if (live) setState(r.ok ? { status: 'ok', value: r.value } : { status: 'error', error: r.error });
      });
    return () => {
      live = false;
    };
  }, [node, time, runKey, restarts]);
  return node && time !== undefined && runKey && readBoxId(node).kind !== 'vip' ? state : { status: 'none' };
}
