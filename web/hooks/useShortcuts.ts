// The global keyboard shortcuts (listed in HelpPopover). They stand aside while the user types in a
// field, works a slider or a list, or moves between the diagram's nodes.
import { useEffect } from 'react';
import { selectComparison, selectPlaybackHeld, useAppStore } from '../store/store';

/** Where every key belongs to the element: fields, menus, the diagram's nodes (arrows move between them). */
const OWN_ALL_KEYS = 'input, select, textarea, [contenteditable="true"], [role="menu"], .react-flow__node';
/** Where left and right arrows belong to the element (the tabs switch with them). */
const OWN_SIDE_ARROWS = '[role="tablist"]';
/** A focusable scrolling region (a wide device table): the arrows, Home and End scroll it. */
const SCROLLER = '[role="region"][tabindex="0"]';

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      const s = useAppStore.getState();
      const target = e.target as HTMLElement | null;
      if (e.key === 'Escape') {
        if (s.helpOpen) s.setHelpOpen(false);
        if (s.contextMenu) s.closeContextMenu();
        // Esc leaves a comparison (a dialog open over it takes its own Esc first).
        else if (!s.helpOpen && selectComparison(s) && !target?.closest('dialog')) s.exitComparison();
        return;
      }
      // The playback keys drive the run on screen, which a comparison hides.
      if (selectComparison(s)) return;
      if (e.key !== '?' && selectPlaybackHeld(s)) return;
      if (target?.closest(OWN_ALL_KEYS)) return;
      if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && target?.closest(OWN_SIDE_ARROWS)) return;
      if (/^(Arrow|Home|End)/.test(e.key) && target?.closest(SCROLLER)) return;
      if (e.key === '?') {
        s.setHelpOpen(!s.helpOpen);
      } else if (e.key === ' ' && !target?.closest('button, a')) {
        e.preventDefault();
        s.togglePlay();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        s.pause();
        s.stepForward();
      } else if (e.key === 'ArrowLeft') {
        e.preventDefault();
        s.stepBack();
      } else if (e.key === 'Home') {
        e.preventDefault();
        s.pause();
        s.seek(0);
      } else if (e.key === 'End') {
        e.preventDefault();
        s.pause();
        s.seek((s.timeline?.steps.length ?? 1) - 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
