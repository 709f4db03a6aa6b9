// The flow's fate at a glance, over the diagram: running, delivered, or how it failed.
import { DISPOSITION_LABEL, isDelivered } from '../../src-engine/view/index';
import { selectResult, selectRunStatus, useAppStore } from '../store/store';


export function FlowStatus() {
  const status = useAppStore(selectRunStatus);
  const result = useAppStore(selectResult);
  if (status === 'running') return <p className="flow-status flow-running" role="status">Computing the run in the worker…</p>;
  if (!result) return null;
  const ok = isDelivered(result.trace.disposition);
  return (
    <p className={`flow-status ${ok ? 'flow-ok' : 'flow-failed'}`} role="status" data-testid="flow-status" data-disposition={result.trace.disposition} title={`${result.trace.description}: ${result.trace.reason}`}>
      <span aria-hidden="true">{ok ? '✓' : '✕'}</span> Flow {DISPOSITION_LABEL[result.trace.disposition]}: {result.request.from} → {result.request.to}
    </p>
  );
}
