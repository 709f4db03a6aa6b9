// Messages for the user: a link's bad parameters, a run that failed, a topology file's errors (each
// with its path in the document). Errors are announced; each can be dismissed.
import { errorLines } from '../model/loadErrors';
import type { ErrorCode } from '../../src-engine/protocol';
import { selectLoadErrors, selectNotices, selectRunError, useAppStore } from '../store/store';

/** Errors the send form shows beside the field it names, so not again here. */
const INPUT_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['bad-destination', 'unknown-node']);

export function Notices() {
  const notices = useAppStore(selectNotices);
  const loadErrors = useAppStore(selectLoadErrors);
  const runError = useAppStore(selectRunError);
  const hasSnapshot = useAppStore((s) => s.snapshot !== undefined);
  const { dismissNotice, dismissLoadErrors } = useAppStore.getState();
  const showRunError = runError && !INPUT_ERRORS.has(runError.code);
  if (notices.length === 0 && loadErrors.length === 0 && !showRunError) return null;
  return (
    <div className="notices">
      {loadErrors.length > 0 && (
        <div role="alert" className="notice notice-error">
          <p>
            <strong>The topology could not be loaded{errorLines(loadErrors).length > 1 ? ` (${errorLines(loadErrors).length} problems)` : ''}.</strong>{' '}
            {hasSnapshot ? 'The current topology is unchanged.' : ''}
          </p>
          <ul className="load-errors">
            {errorLines(loadErrors).map((e, i) => (
              <li key={i}>
                {e.path && <code>{e.path}</code>} {e.text}
              </li>
            ))}
          </ul>
          <button type="button" className="chip-x" aria-label="Dismiss the topology errors" onClick={dismissLoadErrors}>
            ✕
          </button>
        </div>
      )}
      {showRunError && (
        <div role="alert" className="notice notice-error">
          <p>The run failed: {runError.message}</p>
        </div>
      )}
      {notices.map((n) => (
        <div key={n.id} role={n.kind === 'error' ? 'alert' : 'status'} className={`notice notice-${n.kind}`}>
          <p>{n.text}</p>
          <button type="button" className="chip-x" aria-label="Dismiss" onClick={() => dismissNotice(n.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
