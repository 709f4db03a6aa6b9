import type { StateCreator } from 'zustand';
import type { FilterKey } from '../../src-engine/view/index';
import type { AppState } from './store';

export interface Notice {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly text: string;
}

export interface UiSlice {
  hidden: readonly FilterKey[];
  largeText: boolean;
  /** 'off' (URL ?motion=off, or the setting): tokens jump between hops, as with prefers-reduced-motion. */
  motion: 'on' | 'off';
  prefersReducedMotion: boolean;
  sideTab: 'packet' | 'node' | 'edit';
  /** The pane under the diagram: the event list or the sequence diagram. */
  bottomTab: 'events' | 'sequence';
  helpOpen: boolean;
  notices: readonly Notice[];
  /** How many times the engine worker was restarted: data fetched from it (device tables) is fetched again. */
  engineRestarts: number;
  /** The send form's fields, kept as typed (also when a run fails), and filled by the context menu. */
  draftFrom: string;
  draftTo: string;
  /** Bumped when a run the user asked for is ready: the playback's timeline takes the keyboard focus. */
  runFocus: number;
  /** Gives the timeline the focus once `run` (a run the user started) has succeeded. */
  focusAfterRun: (run: Promise<void>) => Promise<void>;
  toggleFilter: (key: FilterKey) => void;
  setHidden: (keys: readonly FilterKey[]) => void;
  setLargeText: (on: boolean) => void;
  setMotion: (motion: 'on' | 'off') => void;
  setPrefersReducedMotion: (on: boolean) => void;
  setSideTab: (tab: 'packet' | 'node' | 'edit') => void;
  setBottomTab: (tab: 'events' | 'sequence') => void;
  setHelpOpen: (open: boolean) => void;
  notify: (kind: Notice['kind'], text: string) => void;
  dismissNotice: (id: number) => void;
  setDraft: (draft: { from?: string; to?: string }) => void;
}

let noticeId = 0;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  hidden: [],
  largeText: false,
  motion: 'on',
  prefersReducedMotion: false,
  sideTab: 'packet',
  bottomTab: 'events',
  helpOpen: false,
  notices: [],
  engineRestarts: 0,
  draftFrom: 'ClientVM',
  draftTo: '',
  runFocus: 0,
  focusAfterRun: async (run) => {
    await run;
    if (get().runStatus === 'done') set((s) => ({ runFocus: s.runFocus + 1 }));
  },
  toggleFilter: (key) => set((s) => ({ hidden: s.hidden.includes(key) ? s.hidden.filter((k) => k !== key) : [...s.hidden, key] })),
  setHidden: (keys) => set({ hidden: keys }),
  setLargeText: (on) => set({ largeText: on }),
  setMotion: (motion) => set({ motion }),
  setPrefersReducedMotion: (on) => set({ prefersReducedMotion: on }),
  setSideTab: (tab) => set({ sideTab: tab }),
  setBottomTab: (tab) => set({ bottomTab: tab }),
  setHelpOpen: (open) => set({ helpOpen: open }),
  notify: (kind, text) => set((s) => ({ notices: [...s.notices.filter((n) => n.text !== text), { id: ++noticeId, kind, text }] })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  setDraft: ({ from, to }) => set((s) => ({ draftFrom: from ?? s.draftFrom, draftTo: to ?? s.draftTo })),
});
