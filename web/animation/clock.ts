// The playback clock: the page's only animation timer. It watches the store's playhead; on a step
// forward it starts a glide of the step's frames from 0 to 1 (eased) and ends it when its time is up, on any
// other move it puts them at 1; while playing it moves the playhead on when a step is done. Listeners hear
// when a glide starts and when the frames come to rest, never a tick: the token layer hands each glide to
// the browser as a compositor animation, so a frame of animation runs no script and re-renders nothing.
import { easeCubicInOut } from 'd3-ease';
import { now, timeout, type Timer } from 'd3-timer';
import type { AppStore } from '../store/store';
import { selectJumpOnly } from '../store/store';

/** One step's glide and the pause after it, at speed 1, in milliseconds. */
export const GLIDE_MS = 900;
export const DWELL_MS = 350;

/** The glide's easing: progress (0..1) at a fraction of its time. */
export const glideEase = easeCubicInOut;

/** A glide under way: when it started (performance.now() time, ms) and how long it takes. */
export interface Glide {
  readonly start: number;
  readonly duration: number;
}

/** The step's glide, or undefined when its frames are at rest. */
type Listener = (glide: Glide | undefined) => void;

const listeners = new Set<Listener>();
let glide: Glide | undefined;

function emit(g: Glide | undefined): void {
  glide = g;
  for (const l of listeners) l(g);
}

/** Subscribes to glides starting and ending; the listener is called at once with the present one. */
export function onGlide(listener: Listener): () => void {
  listeners.add(listener);
  listener(glide);
  return () => listeners.delete(listener);
}

export const currentGlide = () => glide;

/** The current step's progress (0..1), read from the time now: 1 at rest. */
export function currentProgress(): number {
  if (!glide) return 1;
  return glideEase(Math.min(1, Math.max(0, (now() - glide.start) / glide.duration)));
}

export function startPlaybackClock(store: AppStore): () => void {
  let landing: Timer | undefined;
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
    landing?.stop();
    landing = undefined;
    stopAdvance();
    const speed = s.speed;
    // A step a lesson runs through quickly: drawn at rest, and on after its short wait.
    const brisk = s.brisk?.get(s.cursor);
    if (s.lastMove === 'forward' && brisk === undefined && !selectJumpOnly(s)) {
      const duration = GLIDE_MS / speed;
      gliding = true;
      emit({ start: now(), duration });
      landing = timeout(() => {
        landing = undefined;
        gliding = false;
        emit(undefined);
        if (store.getState().playing) scheduleAdvance(DWELL_MS / speed);
      }, duration);
      return;
    }
    gliding = false;
    emit(undefined);
    if (s.playing) scheduleAdvance((brisk ?? (selectJumpOnly(s) ? GLIDE_MS + DWELL_MS : DWELL_MS)) / speed);
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
    landing?.stop();
    stopAdvance();
  };
}
