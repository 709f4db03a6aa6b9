// The packet inspector for the current frame: what this hop changed and the layers as a tree of fields.
// The bytes are in their own pane (BytesPane) below, always in view; a field picked in one is
// highlighted in the other.
import { useDeferredValue, useMemo } from 'react';
import { selectCurrentStep, selectSelectedField, selectTimeline, useAppStore } from '../store/store';
import { diffLayers } from './diffLayers';
import { FramePicker } from './FramePicker';
import { HopChanges } from './HopChanges';
import { LayerTree } from './LayerTree';
import { decodeTx, useCurrentPacket } from './useCurrentPacket';

export function Inspector() {
  const { tx, packet } = useCurrentPacket();
  const step = useDeferredValue(useAppStore(selectCurrentStep));
  const timeline = useAppStore(selectTimeline);
  const selectedField = useAppStore(selectSelectedField);
  const selectField = useAppStore((s) => s.selectField);
  const prevId = tx ? timeline?.cameFrom.get(tx.id) : undefined;
  const prev = prevId === undefined ? undefined : timeline?.tx.get(prevId);
  const diff = useMemo(() => {
    const before = decodeTx(prev);
    return packet && before ? diffLayers(before.layers, packet.layers) : undefined;
  }, [packet, prev]);

  if (!tx || !step) return <p className="empty">Run a flow to inspect its packets: each frame's layers, fields and bytes.</p>;
  return (
    <section className="inspector" aria-label="Packet inspector" data-shows-step={step.index + 1}>
      <h3 className="frame-title">
        Frame #{tx.id}: {tx.fromNode} {tx.fromInterface} → {tx.toNode ? `${tx.toNode} ${tx.toInterface ?? ''}` : 'nowhere (lost)'} · {tx.bytes.length} bytes
      </h3>
      {step.txIds.length > 1 && <FramePicker step={step.txIds} current={tx.id} />}
      {!packet ? (
        <p className="empty">These bytes do not decode as a frame Hoplab knows.</p>
      ) : (
        <>
          <HopChanges diff={diff} packet={packet} prev={prev} tx={tx} />
          <LayerTree txId={tx.id} packet={packet} bytes={tx.bytes} diff={diff} selected={selectedField} onSelect={selectField} />
        </>
      )}
    </section>
  );
}
