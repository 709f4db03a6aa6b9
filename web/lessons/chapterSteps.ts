// Where a lesson's chapter sits on the playback timeline, and how far the playhead may go before a
// question must be answered. Pure functions of the resolved lesson and the timeline.
import type { ResolvedChapter, ResolvedQuestion } from '../../src-engine/protocol';
import type { Timeline } from '../model/timeline';

export interface StepSpan {
  readonly first: number;
  readonly last: number;
}

/** The chapter's steps: from the first step at or after its start to the last step at or before its end. */
export function chapterSpan(chapter: ResolvedChapter, timeline: Timeline): StepSpan {
  const { steps } = timeline;
  let first = steps.findIndex((s) => s.time >= chapter.start);
  if (first < 0) first = Math.max(0, steps.length - 1);
  let last = first;
  for (let i = first; i < steps.length && steps[i]!.time <= chapter.end; i++) last = i;
  return { first, last };
}

/** The step the question is about: the playhead waits on the step before it until the answer is in. */
export function questionStep(q: ResolvedQuestion, timeline: Timeline): number {
  const byTx = q.about.txId !== undefined ? timeline.stepOfTx.get(q.about.txId) : undefined;
  if (byTx !== undefined) return byTx;
  const i = timeline.steps.findIndex((s) => s.time >= q.about.time);
  return i >= 0 ? i : timeline.steps.length - 1;
}

export type Answers = Readonly<Record<string, { readonly choice: string; readonly correct: boolean }>>;

/** The chapter's first unanswered question, in order of the moment it is about. */
export function nextQuestion(chapter: ResolvedChapter, timeline: Timeline, answers: Answers): { readonly question: ResolvedQuestion; readonly step: number } | undefined {
  const open = chapter.questions.filter((q) => !answers[q.id]).map((question) => ({ question, step: questionStep(question, timeline) }));
  open.sort((a, b) => a.step - b.step);
  return open[0];
}

/**
 * How far the playhead may move inside the chapter: up to its end, or up to the step before the next
 * unanswered question's step (`blocked`: the end is a question, not the chapter's end).
 */
export function playBounds(chapter: ResolvedChapter, timeline: Timeline, answers: Answers): StepSpan & { readonly blocked: boolean } {
  const span = chapterSpan(chapter, timeline);
  const next = nextQuestion(chapter, timeline, answers);
  if (!next) return { ...span, blocked: false };
  const barrier = Math.max(0, next.step - 1);
  return { first: Math.min(span.first, barrier), last: Math.min(span.last, barrier), blocked: true };
}

/** The question to show now: the next unanswered one, once the playhead has reached the step before it. */
export function openQuestion(chapter: ResolvedChapter, timeline: Timeline, answers: Answers, cursor: number): ResolvedQuestion | undefined {
  const next = nextQuestion(chapter, timeline, answers);
  return next && cursor >= Math.max(0, next.step - 1) ? next.question : undefined;
}

/** The chapter the playhead is in: the last one that starts at or before it. */
export function chapterAt(chapters: readonly ResolvedChapter[], timeline: Timeline, cursor: number): number {
  let at = 0;
  chapters.forEach((c, i) => {
    if (chapterSpan(c, timeline).first <= cursor) at = i;
  });
  return at;
}
