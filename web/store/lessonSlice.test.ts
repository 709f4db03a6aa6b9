// The lesson player's store, against the real engine running in this process (no worker): a lesson is
// run, resolved, and taken; the playhead stays in the chapter and before unanswered questions.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../src-engine/engine';

vi.mock('../engine/client', () => {
  const engine = createEngine();
  return { getEngine: () => engine };
});

// Node has no localStorage: a Map stands in, with the Storage methods the slice uses.
const stored = new Map<string, string>();
vi.stubGlobal('localStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v), clear: () => stored.clear() });

const { useAppStore } = await import('./store');
const { selectPlaybackHeld } = await import('./selectors');

beforeEach(async () => {
  localStorage.clear();
  useAppStore.getState().exitLesson();
  useAppStore.getState().resetProgress();
  await useAppStore.getState().loadTopology();
});

describe('the lesson slice', () => {
  it('opens a lesson at its first chapter with the playhead held before the first question', async () => {
    await useAppStore.getState().startLesson('vip-route');
    const s = useAppStore.getState();
    expect(s.lessonStatus).toBe('ready');
    expect(s.lesson?.chapters.map((c) => c.id)).toEqual(['tcp-179', 'open', 'update']);
    expect(s.bounds?.blocked).toBe(true);
    // The question waits until MuxVM's SYN, with its port, has reached BGPVM: one step after the chapter's first.
    expect([s.cursor, s.bounds?.last]).toEqual([4, 5]);
    s.stepForward();
    expect(useAppStore.getState().cursor).toBe(5);
    s.stepForward();
    expect(useAppStore.getState().cursor).toBe(5);
  });

  it('holds the playback controls from the moment the lesson\'s run is on screen until the chapter has placed the playhead', async () => {
    // The run arrives a round trip before the lesson: a step taken in between would be undone by the chapter's seek.
    const seen: { held: boolean; ready: boolean }[] = [];
    const stop = useAppStore.subscribe((s) => {
      if (s.timeline) seen.push({ held: selectPlaybackHeld(s), ready: s.lessonStatus === 'ready' });
    });
    await useAppStore.getState().startLesson('mux-dies', 2);
    stop();
    expect(seen.some((s) => !s.ready)).toBe(true);
    expect(seen.filter((s) => !s.ready).every((s) => s.held)).toBe(true);
    expect(seen.filter((s) => s.ready).every((s) => !s.held)).toBe(true);
    expect(selectPlaybackHeld(useAppStore.getState())).toBe(false);
  });

  it('scores an answer, keeps it in localStorage, and lets the chapter play on', async () => {
    await useAppStore.getState().startLesson('vip-route');
    const score = useAppStore.getState().answerQuestion('bgp-port', '443');
    expect(score).toMatchObject({ type: 'points', correct: false });
    const s = useAppStore.getState();
    expect(s.progress['vip-route']?.answers['bgp-port']).toEqual({ choice: '443', correct: false });
    expect(JSON.parse(localStorage.getItem('hoplab:lessons:v1')!)['vip-route'].answers['bgp-port'].correct).toBe(false);
    expect(s.bounds?.blocked).toBe(false);
    s.stepForward();
    expect(useAppStore.getState().cursor).toBe(s.cursor + 1);
  });

  it('refuses to score without a choice', async () => {
    await useAppStore.getState().startLesson('vip-route');
    expect(useAppStore.getState().answerQuestion('bgp-port', undefined).type).toBe('invalid');
    expect(useAppStore.getState().progress['vip-route']?.answers['bgp-port']).toBeUndefined();
  });

  it('moves between chapters, and "show everything" lifts the limits', async () => {
    await useAppStore.getState().startLesson('to-the-vip', 1);
    expect(useAppStore.getState().chapter).toBe(1);
    useAppStore.getState().nextChapter();
    expect(useAppStore.getState().chapter).toBe(2);
    useAppStore.getState().nextChapter();
    expect(useAppStore.getState().chapter).toBe(2);
    useAppStore.getState().previousChapter();
    expect(useAppStore.getState().chapter).toBe(1);
    useAppStore.getState().setShowEverything(true);
    expect(useAppStore.getState().bounds).toBeUndefined();
  });

  it('leaves the lesson when the user runs a flow of their own', async () => {
    await useAppStore.getState().startLesson('the-mux');
    await useAppStore.getState().runFlow({ from: 'ClientVM', to: 'ADVM' });
    expect(useAppStore.getState().lesson).toBeUndefined();
    expect(useAppStore.getState().bounds).toBeUndefined();
  });

  it('reports an unknown lesson', async () => {
    await useAppStore.getState().startLesson('nope');
    expect(useAppStore.getState().lessonStatus).toBe('error');
    expect(useAppStore.getState().lessonError).toMatch(/There is no lesson "nope"/);
  });

  it('resets progress', async () => {
    await useAppStore.getState().startLesson('vip-route');
    useAppStore.getState().answerQuestion('bgp-port', '179');
    useAppStore.getState().resetProgress();
    expect(useAppStore.getState().progress).toEqual({});
    expect(useAppStore.getState().bounds?.blocked).toBe(true);
  });
});
