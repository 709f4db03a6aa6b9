// The packet inspector for the current frame: what this hop changed and the layers as a tree of fields.
// The bytes are in their own pane (BytesPane) below, always in view; a field picked in one is
// highlighted in the other.
import { useDeferredValue, useMemo } from 'react';
import { nicNetwork } from '../../src-engine/view/glossary';
import { Glossed } from '../glossary/Glossed';
import { selectCurrentStep, selectSelectedField, selectTimeline, selectTopology, useAppStore } from '../store/store';
import { diffLayers } from './diffLayers';
import { FramePicker } from './FramePicker';
import { HopChanges } from './HopChanges';
import { LayerTree } from './LayerTree';
import { decodeTx, useCurrentPacket } from './useCurrentPacket';

/** The network a NIC is on, from the engine, for a device's NIC ("MuxVM", "mgmt") or a switch port ("MuxVM.mgmt"). */
function networkOf(topology: ReturnType<typeof selectTopology>, node: string, iface: string | undefined): string | undefined {
  if (!topology || iface === undefined) return undefined;
  const port = /^(.+)\.([^.]+)$/.exec(iface);
  return port ? nicNetwork(topology, port[1]!, port[2]!) : nicNetwork(topology, node, iface);
}

/**
 * A device and its NIC as the frame's title names them ("MuxVM mgmt"), the NIC's id a term, with the network it
 * is on beside it when the engine knows it and the other end has not just said it.
 */
function Nic({ node, iface, network }: { node: string; iface: string; network: string | undefined }) {
  return (
    <>
      <Glossed text={`${node} ${iface}`.trim()} node={node} />
      {network && <span className="frame-net"> ({network})</span>}
    </>
  );
}

export function Inspector() {
  const { tx, packet } = useCurrentPacket();
  const step = useDeferredValue(useAppStore(selectCurrentStep));
  const timeline = useAppStore(selectTimeline);
  const selectedField = useAppStore(selectSelectedField);
  const selectField = useAppStore((s) => s.selectField);
  const topology = useAppStore(selectTopology);
  const prevId = tx ? timeline?.cameFrom.get(tx.id) : undefined;
  const prev = prevId === undefined ? undefined : timeline?.tx.get(prevId);
  const diff = useMemo(() => {
    const before = decodeTx(prev);
    return packet && before ? diffLayers(before.layers, packet.layers) : undefined;
  }, [packet, prev]);

  const fromNet = tx ? networkOf(topology, tx.fromNode, tx.fromInterface) : undefined;
  const toNet = tx?.toNode ? networkOf(topology, tx.toNode, tx.toInterface) : undefined;
  if (!tx || !step) return <p className="empty">Run a flow to inspect its packets: each frame's layers, fields and bytes.</p>;
  return (
    <section className="inspector" aria-label="Packet inspector" data-shows-step={step.index + 1}>
      <h3 className="frame-title">
        Frame #{tx.id}: <Nic node={tx.fromNode} iface={tx.fromInterface} network={fromNet} /> → {tx.toNode ? <Nic node={tx.toNode} iface={tx.toInterface ?? ''} network={toNet === fromNet ? undefined : toNet} /> : 'nowhere (lost)'} · {tx.bytes.length} bytes
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
