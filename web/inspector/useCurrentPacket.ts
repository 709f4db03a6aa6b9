// The current frame, decoded once however many panes show it. Deferred: the panes that show it render
// after the diagram, in React's interruptible (time-sliced) pass, so a step never blocks a frame.
import { useDeferredValue } from 'react';
import { decodePacket } from '../../src-engine/packets/index';
import type { DecodedPacket } from '../../src-engine/packets/decoded';
import type { Transmission } from '../../src-engine/protocol';
import { selectCurrentTx, useAppStore } from '../store/store';

const cache = new WeakMap<Transmission, DecodedPacket | null>();

export function decodeTx(tx: Transmission | undefined): DecodedPacket | undefined {
  if (!tx) return undefined;
  let d = cache.get(tx);
  if (d === undefined) {
    const r = decodePacket(tx.bytes);
    d = r.ok ? r.value : null;
    cache.set(tx, d);
  }
  return d ?? undefined;
}

export function useCurrentPacket(): { tx: Transmission | undefined; packet: DecodedPacket | undefined } {
  const tx = useDeferredValue(useAppStore(selectCurrentTx));
  return { tx, packet: decodeTx(tx) };
}
