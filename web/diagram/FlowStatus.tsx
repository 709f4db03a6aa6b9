// The flow's fate at a glance, over the diagram: running, delivered, or how it failed.
import { selectResult, selectRunStatus, useAppStore } from '../store/store';

export const DISPOSITION_LABEL: Record<string, string> = {
  delivered: 'delivered',
  'no-route': 'failed: no route',
  'ttl-exceeded': 'failed: TTL exceeded',
  'node-down': 'failed: node down',
  'neighbor-unreachable': 'failed: neighbour unreachable',
  'no-listener': 'failed: nothing listens',
  'no-dns-answer': 'failed: no DNS answer',
  'no-rule': 'failed: no load-balancing rule',
  'link-down': 'failed: link down',
  timeout: 'failed: timed out',
  'budget-exceeded': 'stopped: the run reached its limit',
};

export function FlowStatus() {
  const status = useAppStore(selectRunStatus);
  const result = useAppStore(selectResult);
  if (status === 'running') return <p className="flow-status flow-running" role="status">Computing the run in the worker…</p>;
  if (!result) return null;
  const ok = result.trace.disposition === 'delivered';
  return (
    <p className={`flow-status ${ok ? 'flow-ok' : 'flow-failed'}`} role="status" data-testid="flow-status" data-disposition={result.trace.disposition} title={`${result.trace.description}: ${result.trace.reason}`}>
      <span aria-hidden="true">{ok ? '✓' : '✕'}</span> Flow {DISPOSITION_LABEL[result.trace.disposition] ?? result.trace.disposition}: {result.request.from} → {result.request.to}
    </p>
  );
}
