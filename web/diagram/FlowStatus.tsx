// The flow's fate at a glance, over the diagram: running, delivered, or how it failed.
import { shortTime } from '../model/format';
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
  // With several attempts the status is the latest one's ("what happens now"); each attempt is listed.
  const attempts = result.attempts ?? [result.trace];
  const last = attempts[attempts.length - 1] ?? result.trace;
  const ok = last.disposition === 'delivered';
  const label = (d: string) => DISPOSITION_LABEL[d] ?? d;
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
