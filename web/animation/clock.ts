// The playback clock: the page's only animation timer. It watches the store's playhead; on a step
// forward it glides the step's frames from 0 to 1 (eased, d3-timer), on any other move it puts them at 1;
// while playing it moves the playhead on when a step is done. Progress goes to listeners (the token
// layer writes SVG transforms through refs), never into React state: a tick re-renders nothing.
import { easeCubicInOut } from 'd3-ease';
import { timeout, timer, type Timer } from 'd3-timer';
import type { AppStore } from '../store/store';
import { selectJumpOnly } from '../store/store';

/** One step's glide and the pause after it, at speed 1, in milliseconds. */
export const GLIDE_MS = 900;
export const DWELL_MS = 350;

type Listener = (progress: number) => void;

const listeners = new Set<Listener>();
let progress = 1;

function emit(p: number): void {
  progress = p;
  for (const l of listeners) l(p);
}

/** Subscribes to the current step's progress (0..1); the listener is called at once with the present value. */
export function onProgress(listener: Listener): () => void {
  listeners.add(listener);
  listener(progress);
  return () => listeners.delete(listener);
}

export const currentProgress = () => progress;

export function startPlaybackClock(store: AppStore): () => void {
  let glide: Timer | undefined;
  let advance: Timer | undefined;
  let gliding = false;

  const stopAdvance = () => {
    advance?.stop();
    advance = undefined;
  };

  const scheduleAdvance = (delay: number) => {
    stopAdvance();
    advance = timeout(() => {
      advance = undefined;
      const s = store.getState();
      if (s.playing) s.stepForward();
    }, delay);
  };

  const onMove = () => {
    const s = store.getState();
    glide?.stop();
    glide = undefined;
    stopAdvance();
    const speed = s.speed;
    if (s.lastMove === 'forward' && !selectJumpOnly(s)) {
      const duration = GLIDE_MS / speed;
      gliding = true;
      emit(0);
      glide = timer((elapsed) => {
        const t = Math.min(1, elapsed / duration);
        emit(easeCubicInOut(t));
        if (t >= 1) {
          glide?.stop();
          glide = undefined;
          gliding = false;
          if (store.getState().playing) scheduleAdvance(DWELL_MS / speed);
        }
      });
      return;
    }
    gliding = false;
    emit(1);
    if (s.playing) scheduleAdvance((selectJumpOnly(s) ? GLIDE_MS + DWELL_MS : DWELL_MS) / speed);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.moveId !== prev.moveId) onMove();
    else if (s.playing && !prev.playing) {
      // Play from rest: move on at once; the glide of the next step is the first thing seen.
      if (!gliding) s.stepForward();
    } else if (!s.playing && prev.playing) stopAdvance();
  });
  return () => {
    unsubscribe();
    glide?.stop();
    stopAdvance();
  };
}
