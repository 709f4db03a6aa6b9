import type { StateCreator } from 'zustand';
import { SPEEDS } from '../url/urlState';
import { nextVisibleStep } from '../model/filters';
import type { AppState } from './store';

export interface PlaybackSlice {
  /** The current step. At rest, its frames have arrived. */
  cursor: number;
  playing: boolean;
  speed: number;
  /**
   * How the playhead got to `cursor`: 'forward' (one step on: the frames glide along their edges) or
   * 'jump' (anything else: they are drawn where they arrived). The animation clock reads it.
   */
  lastMove: 'forward' | 'jump';
  /** Bumped on every move, so moving to the same step again still restarts its animation. */
  moveId: number;
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  stepForward: () => void;
  stepBack: () => void;
  seek: (step: number) => void;
  setSpeed: (speed: number) => void;
}

export const createPlaybackSlice: StateCreator<AppState, [], [], PlaybackSlice> = (set, get) => ({
  cursor: 0,
  playing: false,
  speed: 1,
  lastMove: 'jump',
  moveId: 0,
  play: () => {
    const { timeline, cursor, hidden } = get();
    if (!timeline || timeline.steps.length === 0) return;
    // At the end, play starts over from the first step.
    if (nextVisibleStep(timeline.steps, cursor, 1, hidden) === undefined) get().seek(0);
    set({ playing: true });
  },
  pause: () => set({ playing: false }),
  togglePlay: () => (get().playing ? get().pause() : get().play()),
  stepForward: () => {
    const { timeline, cursor, hidden } = get();
    const next = timeline ? nextVisibleStep(timeline.steps, cursor, 1, hidden) : undefined;
    if (next === undefined) {
      set({ playing: false });
      return;
    }
    set((s) => ({ cursor: next, lastMove: 'forward', moveId: s.moveId + 1, selectedTx: undefined, selectedEventId: undefined, selectedField: undefined }));
  },
  stepBack: () => {
    const { timeline, cursor, hidden } = get();
    const prev = timeline ? nextVisibleStep(timeline.steps, cursor, -1, hidden) : undefined;
    if (prev === undefined) return;
    set((s) => ({ cursor: prev, playing: false, lastMove: 'jump', moveId: s.moveId + 1, selectedTx: undefined, selectedEventId: undefined, selectedField: undefined }));
  },
  seek: (step) => {
    const n = get().timeline?.steps.length ?? 0;
    const cursor = Math.max(0, Math.min(n - 1, Math.round(step)));
    set((s) => ({ cursor, lastMove: 'jump', moveId: s.moveId + 1, selectedTx: undefined, selectedEventId: undefined, selectedField: undefined }));
  },
  setSpeed: (speed) => set({ speed: (SPEEDS as readonly number[]).includes(speed) ? speed : 1 }),
});
