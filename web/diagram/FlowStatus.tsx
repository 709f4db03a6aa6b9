// The flow's fate at a glance, over the diagram: running, delivered, or how it failed.
import { DISPOSITION_LABEL, isDelivered, type Disposition } from '../../src-engine/view/index';
import type { AppState } from '../store/store';
import { selectOpenQuestion, selectResult, selectRunStatus, useAppStore } from '../store/store';
import { stepAtTime } from '../model/timeline';
import { shortTime } from '../model/format';

/** Whether the playhead has reached the step where the user's flow ends (the last attempt's last forward hop). */
export function selectFlowEnded(s: AppState): boolean {
  const { result, timeline } = s;
  if (!result || !timeline || timeline.steps.length === 0) return false;
  const attempt = result.attempts?.[result.attempts.length - 1] ?? result.trace;
  // An HTTPS flow ends with its ClientHello (delivered, or where it was lost), not with the SYN.
  const trace = attempt.tls ?? attempt;
  const last = trace.hops[trace.hops.length - 1];
  if (!last) return true;
  const step = (last.transmissionId !== undefined ? timeline.stepOfTx.get(last.transmissionId) : undefined) ?? stepAtTime(timeline.steps, last.time);
  return s.cursor >= step;
}


export function FlowStatus() {
  const status = useAppStore(selectRunStatus);
  const result = useAppStore(selectResult);
  const ended = useAppStore(selectFlowEnded);
  const asking = useAppStore((s) => selectOpenQuestion(s) !== undefined);
  // In a lesson the caption tells the story; the flow's banner returns with "Show everything".
  const inLesson = useAppStore((s) => s.lesson !== undefined && !s.showEverything);
  if (inLesson) return null;
  if (status === 'running') return <p className="flow-status flow-running" role="status">Computing the run in the worker…</p>;
  if (!result) return null;
  // The outcome is told when the playhead gets there, not before; never while a question is open.
  if (!ended || asking) {
    return (
      <p className="flow-status flow-pending" role="status" data-testid="flow-status" data-disposition="pending">
        Flow under way: {result.request.from} → {result.request.to}
      </p>
    );
  }
  // With several attempts the status is the latest one's ("what happens now"); each attempt is listed.
  const attempts = result.attempts ?? [result.trace];
  const last = attempts[attempts.length - 1] ?? result.trace;
  const ok = isDelivered(last.disposition);
  const label = (d: Disposition) => DISPOSITION_LABEL[d];
  return (
    <p className={`flow-status ${ok ? 'flow-ok' : 'flow-failed'}`} role="status" data-testid="flow-status" data-disposition={last.disposition} title={attempts.map((a) => `${a.description}: ${a.reason}`).join('\n')}>
      <span aria-hidden="true">{ok ? '✓' : '✕'}</span> Flow {label(last.disposition)}: {result.request.from} → {result.request.to}
      {attempts.length > 1 && (
        <span className="flow-attempts">
          {' '}
          ({attempts.map((a, i) => `attempt ${i + 1} at ${shortTime(a.startedAt ?? 0)} ${label(a.disposition)}`).join('; ')})
        </span>
      )}
    </p>
  );
}
