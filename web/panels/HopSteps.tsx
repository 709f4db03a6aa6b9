// A hop's steps as a list of sentences, each with a small mark for its kind.
import type { HopStep } from '../../src-engine/protocol';
import { Glossed } from '../glossary/Glossed';

const ICON: Record<HopStep['kind'], string> = {
  received: '↘',
  arp: '?',
  route: '⇢',
  rewrite: '✎',
  'load-balance': '⚖',
  encapsulate: '✉',
  decapsulate: '✉',
  switch: '⇄',
  ttl: '−1',
  sent: '↗',
  delivered: '✓',
  dropped: '✕',
};

export function HopSteps({ steps, node }: { steps: readonly HopStep[]; node?: string }) {
  return (
    <ol className="hop-steps">
      {steps.map((s, i) => (
        <li key={i} className={`hop-step hop-step-${s.kind}`}>
          <span className="hop-step-icon" aria-hidden="true">
            {ICON[s.kind]}
          </span>
          <span>
            <Glossed text={s.text} node={node} />
          </span>
        </li>
      ))}
    </ol>
  );
}
