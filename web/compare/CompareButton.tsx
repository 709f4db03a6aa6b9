// "Compare with…": keeps the run on screen as run A and opens run B's form (what fails, the knobs, the
// seed). Shown once there is a run; the form and the comparison view are loaded only when first opened.
import { lazy, Suspense } from 'react';
import { selectResult, useAppStore } from '../store/store';

const CompareSetup = lazy(() => import('./CompareSetup').then((m) => ({ default: m.CompareSetup })));

export function CompareButton() {
  const result = useAppStore(selectResult);
  const open = useAppStore((s) => s.compareSetupOpen);
  const setOpen = useAppStore((s) => s.setCompareSetupOpen);
  return (
    <>
      <button type="button" className="compare-button" aria-haspopup="dialog" aria-expanded={open} disabled={!result} onClick={() => setOpen(true)} title="Run the same flow again with other failures, knobs or seed, and compare the two runs hop by hop">
        Compare with…
      </button>
      {open && result && (
        <Suspense fallback={null}>
          <CompareSetup />
        </Suspense>
      )}
    </>
  );
}
