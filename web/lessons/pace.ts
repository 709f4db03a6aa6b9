// How fast a lesson's chapter plays. A chapter that names its focus (the moments it is about: the first
// and the last rounds of a loop, the failure and the new connection after a wait of minutes) plays those
// steps at the chosen speed, with their glide, and runs quickly through the steps between them: each
// stretch between two focus steps takes about BRISK_STRETCH_MS at speed 1, however many steps it holds.
// The chapter's first and last steps, and the steps at each question (and the one it waits on), are always played at
// the chosen speed.
import type { Moment, ResolvedChapter } from '../../src-engine/protocol';
import { stepAtTime, type Timeline } from '../model/timeline';
import { chapterSpan, questionRest, questionStep } from './chapterSteps';

/** About how long a stretch of steps between two focus steps takes, at speed 1, in milliseconds. */
export const BRISK_STRETCH_MS = 2000;
/** The wait on one step of a stretch: never shorter than a frame or two, never as long as a normal step. */
export const BRISK_MIN_MS = 20;
export const BRISK_MAX_MS = 150;

/** The step a moment of the run falls in: its frame's, its event's, or the first step at or after its time. */
export function stepOfMoment(m: Moment, timeline: Timeline): number | undefined {
  const byTx = m.txId !== undefined ? timeline.stepOfTx.get(m.txId) : undefined;
  if (byTx !== undefined) return byTx;
  const byEvent = m.eventId !== undefined ? timeline.stepOfEvent.get(m.eventId) : undefined;
  if (byEvent !== undefined) return byEvent;
  return timeline.steps.length > 0 ? stepAtTime(timeline.steps, m.time) : undefined;
}

/**
 * The chapter's steps that play quickly, each with its wait in milliseconds at speed 1 (no glide).
 * Undefined for a chapter with no focus: every step plays at the chosen speed.
 */
export function briskSteps(chapter: ResolvedChapter, timeline: Timeline): ReadonlyMap<number, number> | undefined {
  if (!chapter.focus) return undefined;
  const span = chapterSpan(chapter, timeline);
  const slow = new Set<number>([span.first, span.last]);
  for (const m of chapter.focus) {
    const s = stepOfMoment(m, timeline);
    if (s !== undefined) slow.add(s);
  }
  for (const q of chapter.questions) {
    const s = questionStep(q, timeline);
    slow.add(s).add(s - 1).add(questionRest(chapter, q, timeline, s));
  }
  const brisk = new Map<number, number>();
  let stretch: number[] = [];
  const flush = () => {
    const ms = Math.round(Math.min(BRISK_MAX_MS, Math.max(BRISK_MIN_MS, BRISK_STRETCH_MS / Math.max(1, stretch.length))));
    for (const i of stretch) brisk.set(i, ms);
    stretch = [];
  };
  for (let i = span.first; i <= span.last; i++) {
    if (slow.has(i)) flush();
    else stretch.push(i);
  }
  flush();
  return brisk;
}
