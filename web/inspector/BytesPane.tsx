// The current frame's bytes, in a pane of their own at the foot of the side panel.
import { selectSelectedField, useAppStore } from '../store/store';
import { HexDump } from './HexDump';
import { useCurrentPacket } from './useCurrentPacket';

export function BytesPane() {
  const { tx, packet } = useCurrentPacket();
  const selected = useAppStore(selectSelectedField);
  const selectField = useAppStore((s) => s.selectField);
  if (!tx || !packet) return null;
  return (
    // Focusable, so a keyboard user can scroll the bytes when they overflow.
    <div className="bytes-pane" aria-label="Bytes of the frame" role="region" tabIndex={0}>
      <HexDump packet={packet} bytes={tx.bytes} selected={selected} onSelect={selectField} />
    </div>
  );
}
