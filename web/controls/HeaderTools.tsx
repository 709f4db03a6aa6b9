// The header's tools (compare, share, load, theme, text size, help). On a wide screen they sit in the
// header's row; on a narrow one (see styles.css, 900 px) they fold behind one "Tools" button so the header
// keeps to a title row and the send form, and no button's label breaks across lines.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { selectHelpOpen, useAppStore } from '../store/store';

export function HeaderTools({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  // A tool's own popup (help opened with "?", the compare form) keeps the folded list shown under it.
  const held = useAppStore((s) => selectHelpOpen(s) || s.compareSetupOpen);
  const ref = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || useAppStore.getState().helpOpen) return;
      setOpen(false);
      toggle.current?.focus();
    };
    window.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <div className="header-tools" ref={ref} data-open={open || held || undefined}>
      <button ref={toggle} type="button" className="tools-toggle" aria-expanded={open || held} aria-controls="header-actions" onClick={() => setOpen(!open)}>
        Tools <span aria-hidden="true">▾</span>
      </button>
      <div className="header-actions" id="header-actions">
        {children}
      </div>
    </div>
  );
}
