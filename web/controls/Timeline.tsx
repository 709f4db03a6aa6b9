// The scrubbable timeline: a range over the run's steps, with ticks marking the traced flow's frames,
// the control plane and the drops, so a student sees where the story is.
import { memo, useEffect, useMemo, useRef } from 'react';
import type { RunResult } from '../../src-engine/protocol';
import type { Timeline as TimelineModel } from '../model/timeline';
import { formatTime } from '../model/format';
import { inUserFlow } from '../../src-engine/view/index';

const inFlow = (tx: { readonly flowId?: string } | undefined): boolean => tx !== undefined && inUserFlow(tx);
import { ChapterStrip } from '../lessons/ChapterStrip';
import { selectCursor, selectPlaybackHeld, selectResult, selectTimeline, useAppStore } from '../store/store';

export function Timeline() {
  const timeline = useAppStore(selectTimeline);
  const result = useAppStore(selectResult);
  const cursor = useAppStore(selectCursor);
  const seek = useAppStore((s) => s.seek);
  const pause = useAppStore((s) => s.pause);
  const count = timeline?.steps.length ?? 0;
  const held = useAppStore(selectPlaybackHeld);
  const step = timeline?.steps[cursor];
  // After a run the user started (the preset, Send, failing a VM), the keyboard lands here: the slider says
  // which step of how many, and the arrow keys step through the run at once.
  const runFocus = useAppStore((s) => s.runFocus);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (runFocus > 0) input.current?.focus();
  }, [runFocus]);
  return (
    <div className="timeline">
      <ChapterStrip />
      {timeline && result && <Ticks timeline={timeline} result={result} />}
      <input
        ref={input}
        type="range"
        aria-label="Timeline"
        min={0}
        max={Math.max(0, count - 1)}
        step={1}
        value={cursor}
        disabled={count === 0 || held}
        aria-valuetext={step ? `Step ${cursor + 1} of ${count}, t = ${formatTime(step.time)}` : 'No run yet'}
        onChange={(e) => {
          pause();
          seek(Number(e.target.value));
        }}
      />
    </div>
  );
}

const Ticks = memo(function Ticks({ timeline, result }: { timeline: TimelineModel; result: RunResult }) {
  const ticks = useMemo(() => {
    const n = Math.max(1, timeline.steps.length - 1);
    const drops = new Set(result.events.filter((e) => e.kind === 'drop').map((e) => timeline.stepOfEvent.get(e.id)));
    return timeline.steps.map((s) => {
      const flow = s.txIds.some((id) => inFlow(timeline.tx.get(id)));
      const kind = drops.has(s.index) ? 'drop' : flow ? 'flow' : s.protocols.includes('bgp') ? 'bgp' : 'other';
      return { x: (s.index / n) * 100, kind };
    });
  }, [timeline, result]);
  return (
    <svg className="ticks" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
      {ticks.map((t, i) => (
        <rect key={i} className={`tick tick-${t.kind}`} x={t.x - 0.15} y={t.kind === 'other' ? 6 : 2} width={0.3} height={t.kind === 'other' ? 4 : 8} />
      ))}
    </svg>
  );
});
