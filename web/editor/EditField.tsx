// One editable value: typed freely, applied on Enter or when focus leaves, the engine's verdict shown
// under it. A rejected value stays in the box (nothing typed is lost) until fixed or reset with Escape.
import { useId, useState, type ReactNode } from 'react';
import type { EngineError } from '../../src-engine/protocol';
import { errorLines } from '../model/loadErrors';

export interface EditFieldProps {
  readonly label: string;
  readonly value: string;
  /** Applies the value; resolves to the engine's errors (none when applied). */
  readonly onCommit: (value: string) => Promise<readonly EngineError[]>;
  readonly type?: 'text' | 'number';
  readonly hint?: string;
  readonly width?: string;
}

export function EditField({ label, value, onCommit, type = 'text', hint, width }: EditFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [errors, setErrors] = useState<readonly EngineError[]>([]);
  const [busy, setBusy] = useState(false);
  const shown = draft ?? value;

  const apply = async () => {
    if (draft === undefined || draft === value || busy) return;
    setBusy(true);
    const found = await onCommit(draft.trim());
    setBusy(false);
    setErrors(found);
    if (found.length === 0) setDraft(undefined);
  };

  return (
    <div className="edit-field" style={width ? { width } : undefined}>
      <label className="edit-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type={type}
        value={shown}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errors.length > 0 ? `${id}-err` : hint ? `${id}-hint` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void apply()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void apply();
          if (e.key === 'Escape') {
            setDraft(undefined);
            setErrors([]);
          }
        }}
      />
      {hint && errors.length === 0 && (
        <span id={`${id}-hint`} className="edit-hint">
          {hint}
        </span>
      )}
      {errors.length > 0 && <FieldErrors id={`${id}-err`} errors={errors} />}
    </div>
  );
}

export function FieldErrors({ id, errors }: { id?: string; errors: readonly EngineError[] }): ReactNode {
  if (errors.length === 0) return null;
  return (
    <span id={id} className="edit-error" role="alert">
      {errorLines(errors).map((e, i) => (
        <span key={i} className="edit-error-line">
          {e.text}
          {e.path && <code> ({e.path})</code>}
        </span>
      ))}
    </span>
  );
}
