// "Compare with…": keeps the run on screen as run A and opens run B's form (what fails, the knobs, the
// seed). Shown once there is a run; the comparison view itself is loaded only when first opened.
import { selectResult, useAppStore } from '../store/store';
import { CompareSetup } from './CompareSetup';

export function CompareButton() {
  const result = useAppStore(selectResult);
  const open = useAppStore((s) => s.compareSetupOpen);
  const setOpen = useAppStore((s) => s.setCompareSetupOpen);
  return (
    <>
      <button type="button" className="compare-button" aria-haspopup="dialog" aria-expanded={open} disabled={!result} onClick={() => setOpen(true)} title="Run the same flow again with other failures, knobs or seed, and compare the two runs hop by hop">
        Compare with…
      </button>
      {open && result && <CompareSetup />}
    </>
  );
}
