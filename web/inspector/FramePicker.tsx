// A step that sends several frames (a switch flooding a broadcast, a KEEPALIVE and an UPDATE) lets the user
// pick which to inspect, each named as its token is.
import { viewFrame } from '../../src-engine/view/index';
import { selectTimeline, useAppStore } from '../store/store';

export function FramePicker({ step, current }: { step: readonly number[]; current: number }) {
  const timeline = useAppStore(selectTimeline);
  const selectTx = useAppStore((s) => s.selectTx);
  return (
    <label className="field frame-picker">
      <span>{step.length} frames in this step; show</span>
      <select value={current} onChange={(e) => selectTx(Number(e.target.value))}>
        {step.map((id) => {
          const tx = timeline?.tx.get(id);
          return (
            <option key={id} value={id}>
              #{id} {tx ? viewFrame(tx.bytes).tokenLabel : ''} to {tx?.toNode ?? 'nowhere'} {tx?.toInterface ?? ''}
            </option>
          );
        })}
      </select>
    </label>
  );
}
