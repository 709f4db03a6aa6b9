import { describe, expect, it } from 'vitest';
import { loadProgress, parseProgress, PROGRESS_KEY, saveProgress } from './progress';

describe('lesson progress in localStorage', () => {
  it('reads back what was saved', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const progress = { 'vip-route': { chapter: 2, answers: { 'bgp-port': { choice: '443', correct: false } } } };
    saveProgress(storage, progress);
    expect(store.has(PROGRESS_KEY)).toBe(true);
    expect(loadProgress(storage)).toEqual({ progress });
  });

  it('starts empty when nothing is stored', () => {
    expect(parseProgress(null)).toEqual({ progress: {} });
  });

  it('resets corrupt JSON with a message instead of crashing', () => {
    const r = parseProgress('{not json');
    expect(r.progress).toEqual({});
    expect(r.error).toMatch(/could not be read/);
  });

  it('keeps the well-formed entries and drops the malformed ones, saying how many', () => {
    const r = parseProgress(
      JSON.stringify({
        good: { chapter: 1, answers: { q: { choice: 'a', correct: true }, bad: { choice: 3 } } },
        negative: { chapter: -1, answers: {} },
        noAnswers: { chapter: 0 },
      }),
    );
    expect(r.progress).toEqual({ good: { chapter: 1, answers: { q: { choice: 'a', correct: true } } } });
    expect(r.error).toMatch(/3 entries/);
  });

  it('rejects a stored array or number', () => {
    expect(parseProgress('[1,2]').error).toMatch(/expected form/);
    expect(parseProgress('7').progress).toEqual({});
  });

  it('survives storage that throws (private browsing)', () => {
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
    expect(loadProgress(throwing)).toEqual({ progress: {} });
    expect(() => saveProgress(throwing, {})).not.toThrow();
  });
});
