// The playback clock, on fake timers: a step forward starts a glide of its frames from 0 to 1 (eased) that
// ends after 900 ms at speed 1; any other move, or motion off, puts them at rest (1) at once; listeners hear a
// glide start and the frames come to rest, never a tick; while playing, the playhead moves on after the glide
// and a 350 ms dwell (both shortened by the speed); pausing stops it; stopping the clock stops everything.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { easeCubicInOut } from 'd3-ease';
import { freshStore, type AppStore } from '../store/testing/inProcessStore';
import { timelineOf } from '../store/testing/timeline';

// d3-timer reads the clock and schedules its frames with what is global when it loads: fake them first.
vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Date'] });
const { DWELL_MS, GLIDE_MS, currentProgress, onGlide, startPlaybackClock } = await import('./clock');

/** d3-timer's frame when there is no requestAnimationFrame: its timers fire at most this often. */
const FRAME_MS = 17;

let store: AppStore;
let stop: () => void;
let seen: number[];
let unsubscribe: () => void;

beforeEach(async () => {
  store = await freshStore(false);
  store.setState({ timeline: timelineOf(Array.from({ length: 8 }, () => ({ protocols: ['tcp' as const] }))), cursor: 0 });
  stop = startPlaybackClock(store);
  seen = [];
  // What the listener hears, as progress: 0 when a glide starts, 1 at rest.
  unsubscribe = onGlide((g) => seen.push(g === undefined ? 1 : 0));
  seen.length = 0;
});

afterEach(() => {
  unsubscribe();
  stop();
  // Let d3-timer see its timers stopped and go idle (clearing its wake-up instead would leave it waiting for it).
  vi.advanceTimersByTime(5 * FRAME_MS);
});

describe('progress', () => {
  it('a listener hears the present value at once, and nothing after it unsubscribes', () => {
    const heard: number[] = [];
    const off = onGlide((g) => heard.push(g === undefined ? 1 : 0));
    expect(heard).toEqual([currentProgress()]);
    off();
    store.getState().seek(3);
    expect(heard).toHaveLength(1);
  });
});

describe('a step forward', () => {
  it('starts at 0 and glides, eased, to exactly 1 in 900 ms: the listener hears its start and its end only', () => {
    store.getState().stepForward();
    expect(seen).toEqual([0]);
    vi.advanceTimersByTime(225);
    // A quarter of the way in time is a sixteenth of the way eased (4t³), not a quarter.
    expect(currentProgress()).toBeCloseTo(easeCubicInOut(225 / GLIDE_MS), 6);
    expect(currentProgress()).toBeLessThan(0.07);
    expect(seen).toEqual([0]);
    vi.advanceTimersByTime(GLIDE_MS - 225 - FRAME_MS - 1);
    expect(currentProgress()).toBeLessThan(1);
    expect(seen).toEqual([0]);
    vi.advanceTimersByTime(2 * FRAME_MS);
    expect(currentProgress()).toBe(1);
    expect(seen).toEqual([0, 1]);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual([0, 1]);
  });

  it('tells the glide when it started and how long it takes', () => {
    const glides: ({ start: number; duration: number } | undefined)[] = [];
    const off = onGlide((g) => glides.push(g));
    const before = performance.now();
    store.getState().stepForward();
    off();
    expect(glides.at(-1)?.duration).toBe(GLIDE_MS);
    expect(glides.at(-1)!.start).toBeGreaterThanOrEqual(before);
    expect(glides.at(-1)!.start).toBeLessThanOrEqual(performance.now());
  });

  it('glides in half the time at speed 2', () => {
    store.getState().setSpeed(2);
    store.getState().stepForward();
    vi.advanceTimersByTime(GLIDE_MS / 2 - FRAME_MS - 1);
    expect(currentProgress()).toBeLessThan(1);
    vi.advanceTimersByTime(2 * FRAME_MS);
    expect(currentProgress()).toBe(1);
  });

  it('with motion off, or reduced motion, is at 1 at once', () => {
    store.getState().setMotion('off');
    store.getState().stepForward();
    expect(seen).toEqual([1]);
    store.getState().setMotion('on');
    store.getState().setPrefersReducedMotion(true);
    store.getState().stepForward();
    expect(seen).toEqual([1, 1]);
    vi.advanceTimersByTime(GLIDE_MS);
    expect(seen).toEqual([1, 1]);
  });

  it('interrupted by a jump ends at 1 at once and glides no more', () => {
    store.getState().stepForward();
    vi.advanceTimersByTime(300);
    store.getState().seek(5);
    expect(seen.at(-1)).toBe(1);
    const count = seen.length;
    vi.advanceTimersByTime(GLIDE_MS);
    expect(seen).toHaveLength(count);
  });
});

describe('a jump', () => {
  it('puts the frames where they arrived at once', () => {
    store.getState().seek(4);
    expect(seen).toEqual([1]);
    store.getState().stepBack();
    expect(seen).toEqual([1, 1]);
  });
});

describe('playing', () => {
  it('from rest moves on at once, then again after the glide and the dwell', () => {
    store.getState().play();
    expect(store.getState().cursor).toBe(1);
    expect(seen).toEqual([0]);
    vi.advanceTimersByTime(GLIDE_MS + DWELL_MS - 2 * FRAME_MS);
    expect(store.getState().cursor).toBe(1);
    vi.advanceTimersByTime(3 * FRAME_MS);
    expect(store.getState().cursor).toBe(2);
  });

  it('moves on four times as fast at speed 4', () => {
    store.getState().setSpeed(4);
    store.getState().play();
    vi.advanceTimersByTime((GLIDE_MS + DWELL_MS) / 4 - 2 * FRAME_MS);
    expect(store.getState().cursor).toBe(1);
    vi.advanceTimersByTime(3 * FRAME_MS);
    expect(store.getState().cursor).toBe(2);
  });

  it('with motion off waits as long as a glide and its dwell, with the frames at rest', () => {
    store.getState().setMotion('off');
    store.getState().play();
    expect(store.getState().cursor).toBe(1);
    vi.advanceTimersByTime(GLIDE_MS + DWELL_MS - 2 * FRAME_MS);
    expect(store.getState().cursor).toBe(1);
    vi.advanceTimersByTime(3 * FRAME_MS);
    expect(store.getState().cursor).toBe(2);
    expect(seen.every((p) => p === 1)).toBe(true);
  });

  it('a pause during the dwell keeps the playhead where it is', () => {
    store.getState().play();
    vi.advanceTimersByTime(GLIDE_MS + FRAME_MS);
    store.getState().pause();
    vi.advanceTimersByTime(5 * (GLIDE_MS + DWELL_MS));
    expect(store.getState().cursor).toBe(1);
  });

  it('plays to the last step and stops there', () => {
    store.getState().play();
    vi.advanceTimersByTime(10 * (GLIDE_MS + DWELL_MS + 2 * FRAME_MS));
    expect(store.getState().cursor).toBe(7);
    expect(store.getState().playing).toBe(false);
  });

  it('runs through brisk steps with no glide, each after its own short wait, and glides again at the next step of focus', () => {
    // Steps 2 to 5 are ones the chapter is not about: 40 ms each; steps 1 and 6 are played as usual.
    store.setState({ brisk: new Map([2, 3, 4, 5].map((i) => [i, 40])) });
    store.getState().play();
    expect(seen).toEqual([0]);
    vi.advanceTimersByTime(GLIDE_MS + DWELL_MS + 2 * FRAME_MS);
    expect(store.getState().cursor).toBe(2);
    expect(seen).toEqual([0, 1, 1]);
    // Four brisk steps take a few frames each, not four glides and dwells.
    vi.advanceTimersByTime(4 * (40 + 2 * FRAME_MS));
    expect(store.getState().cursor).toBe(6);
    expect(seen.slice(3)).toEqual([1, 1, 1, 0]);
    vi.advanceTimersByTime(GLIDE_MS - 2 * FRAME_MS);
    expect(store.getState().cursor).toBe(6);
  });

  it('a play pressed mid-glide does not skip the step being shown', () => {
    store.getState().stepForward();
    vi.advanceTimersByTime(300);
    store.getState().play();
    expect(store.getState().cursor).toBe(1);
    vi.advanceTimersByTime(GLIDE_MS - 300 + DWELL_MS + 2 * FRAME_MS);
    expect(store.getState().cursor).toBe(2);
  });
});

describe('stopping the clock', () => {
  it('ends the glide and the playing, and hears no more moves', () => {
    store.getState().play();
    vi.advanceTimersByTime(300);
    stop();
    const count = seen.length;
    vi.advanceTimersByTime(5 * (GLIDE_MS + DWELL_MS));
    expect(store.getState().cursor).toBe(1);
    store.getState().seek(4);
    expect(seen).toHaveLength(count);
  });
});
