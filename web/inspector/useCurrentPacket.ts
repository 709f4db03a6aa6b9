// The current frame, decoded once however many panes show it. Deferred: the panes that show it render
// after the diagram, in React's interruptible (time-sliced) pass, so a step never blocks a frame.
import { useDeferredValue } from 'react';
import type { DecodedPacket } from '../../src-engine/packets/decoded';
import type { Transmission } from '../../src-engine/protocol';
import { decodeFrame } from '../../src-engine/view/index';
import { selectCurrentTx, useAppStore } from '../store/store';

export function decodeTx(tx: Transmission | undefined): DecodedPacket | undefined {
  return tx ? decodeFrame(tx.bytes) : undefined;
}

export function useCurrentPacket(): { tx: Transmission | undefined; packet: DecodedPacket | undefined } {
  const tx = useDeferredValue(useAppStore(selectCurrentTx));
  return { tx, packet: decodeTx(tx) };
}
