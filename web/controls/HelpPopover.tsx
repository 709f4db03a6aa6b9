// The keyboard shortcuts, one button away (also opened with "?").
import { lazy, Suspense, useEffect, useRef } from 'react';
import { selectHelpOpen, useAppStore } from '../store/store';

// The list itself: loaded when the help first opens, not with the first screen.
const HelpPanel = lazy(() => import('./HelpPanel').then((m) => ({ default: m.HelpPanel })));

export function HelpPopover() {
  const open = useAppStore(selectHelpOpen);
  const setOpen = useAppStore((s) => s.setHelpOpen);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [open, setOpen]);

  useEffect(() => {
    // Opened with "?" while the tools are folded (a narrow screen): unfold them, so the help shows.
    const tools = open ? ref.current?.closest<HTMLElement>('[popover]') : undefined;
    if (tools && getComputedStyle(tools).display === 'none') tools.showPopover();
  }, [open]);

  return (
    <div className="help" ref={ref}>
      <button type="button" className="icon-button" aria-expanded={open} aria-controls="help-popover" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setOpen(!open)}>
        ?
      </button>
      {open && (
        <Suspense fallback={null}>
          <HelpPanel />
        </Suspense>
      )}
    </div>
  );
}
