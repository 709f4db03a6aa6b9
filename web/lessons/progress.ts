// A student's progress through the lessons, kept in the browser: the chapter reached and each answer.
// What is read back from localStorage is checked field by field; anything malformed is dropped with a
// message, never crashed on.
import type { Answers } from './chapterSteps';

export interface LessonProgress {
  /** The furthest chapter reached (0-based). */
  readonly chapter: number;
  readonly answers: Answers;
}

export type Progress = Readonly<Record<string, LessonProgress>>;

export const PROGRESS_KEY = 'hoplab:lessons:v1';

export function parseProgress(text: string | null): { readonly progress: Progress; readonly error?: string } {
  if (text === null) return { progress: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { progress: {}, error: 'Your saved lesson progress could not be read (it is not valid JSON), so it was reset.' };
  }
  if (!isRecord(raw)) return { progress: {}, error: 'Your saved lesson progress was not in the expected form, so it was reset.' };
  const out: Record<string, LessonProgress> = {};
  let dropped = 0;
  for (const [id, v] of Object.entries(raw)) {
    if (!isRecord(v) || !Number.isInteger(v.chapter) || (v.chapter as number) < 0 || (v.chapter as number) > 50 || !isRecord(v.answers)) {
      dropped++;
      continue;
    }
    const answers: Record<string, { choice: string; correct: boolean }> = {};
    for (const [q, a] of Object.entries(v.answers)) {
      if (isRecord(a) && typeof a.choice === 'string' && a.choice.length <= 200 && typeof a.correct === 'boolean') answers[q] = { choice: a.choice, correct: a.correct };
      else dropped++;
    }
    out[id] = { chapter: v.chapter as number, answers };
  }
  return dropped > 0 ? { progress: out, error: `Part of your saved lesson progress was malformed and was dropped (${dropped} entr${dropped === 1 ? 'y' : 'ies'}); the rest is kept.` } : { progress: out };
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function loadProgress(storage: Pick<Storage, 'getItem'> | undefined): { readonly progress: Progress; readonly error?: string } {
  try {
    return parseProgress(storage?.getItem(PROGRESS_KEY) ?? null);
  } catch {
    return { progress: {} };
  }
}

export function saveProgress(storage: Pick<Storage, 'setItem'> | undefined, progress: Progress): void {
  try {
    storage?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Storage full or disabled (private browsing): progress lives for this visit only.
  }
}
