// Says each step aloud to screen-reader users: who sends what to whom.
import { selectCurrentStep, selectCurrentTx, useAppStore } from '../store/store';

export function LiveAnnouncer() {
  const step = useAppStore(selectCurrentStep);
  const tx = useAppStore(selectCurrentTx);
  return (
    <p className="sr-only" aria-live="polite">
      {step && tx ? `Step ${step.index + 1}: ${tx.fromNode} sends ${tx.summary} to ${tx.toNode ?? 'nowhere'}.` : ''}
    </p>
  );
}
