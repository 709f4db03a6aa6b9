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
  /**
   * Steps the playhead may visit (a lesson's chapter, or up to an unanswered question: `blocked`).
   * Undefined: the whole run.
   */
  bounds: { readonly first: number; readonly last: number; readonly blocked: boolean } | undefined;
  /**
   * Steps played quickly, with no glide: the wait on each in milliseconds at speed 1 (a lesson's chapter
   * runs through the steps between the moments it is about). Undefined: every step at the chosen speed.
   */
  brisk: ReadonlyMap<number, number> | undefined;
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
  bounds: undefined,
  brisk: undefined,
  play: () => {
    const { timeline, cursor, hidden, bounds } = get();
    if (!timeline || timeline.steps.length === 0) return;
    const next = nextVisibleStep(timeline.steps, cursor, 1, hidden);
    if (bounds && (next === undefined || next > bounds.last)) {
      // At a question nothing plays on until it is answered; at the chapter's end, play starts it over.
      if (bounds.blocked) return;
      get().seek(bounds.first);
    } else if (next === undefined) get().seek(0); // At the end, play starts over from the first step.
    set({ playing: true });
  },
  pause: () => set({ playing: false }),
  togglePlay: () => (get().playing ? get().pause() : get().play()),
  stepForward: () => {
    const { timeline, cursor, hidden } = get();
    const next = timeline ? nextVisibleStep(timeline.steps, cursor, 1, hidden) : undefined;
    const { bounds } = get();
    if (next === undefined || (bounds && next > bounds.last)) {
      set({ playing: false });
      return;
    }
    // In a lesson, the step that ends the chapter (or waits on a question) pauses as it is reached: the
    // button reads Play while the chapter's end, or the question, is on screen.
    const after = bounds && timeline ? nextVisibleStep(timeline.steps, next, 1, hidden) : undefined;
    const stop = bounds !== undefined && (after === undefined || after > bounds.last);
    set((s) => ({ cursor: next, lastMove: 'forward', moveId: s.moveId + 1, selectedTx: undefined, selectedEventId: undefined, selectedField: undefined, ...(stop ? { playing: false } : {}) }));
  },
  stepBack: () => {
    const { timeline, cursor, hidden } = get();
    const prev = timeline ? nextVisibleStep(timeline.steps, cursor, -1, hidden) : undefined;
    const { bounds } = get();
    if (prev === undefined || (bounds && prev < bounds.first)) return;
    set((s) => ({ cursor: prev, playing: false, lastMove: 'jump', moveId: s.moveId + 1, selectedTx: undefined, selectedEventId: undefined, selectedField: undefined }));
  },
  seek: (step) => {
    const n = get().timeline?.steps.length ?? 0;
    const { bounds } = get();
    const lo = bounds ? bounds.first : 0;
    const hi = bounds ? bounds.last : n - 1;
    const cursor = Math.max(0, lo, Math.min(n - 1, hi, Math.round(step)));
    set((s) => ({ cursor, lastMove: 'jump', moveId: s.moveId + 1, selectedTx: undefined, selectedEventId: undefined, selectedField: undefined }));
  },
  setSpeed: (speed) => set({ speed: (SPEEDS as readonly number[]).includes(speed) ? speed : 1 }),
});
