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

/**
 * Where the playhead waits for a question: on the last step of the chapter before the question's that shows a frame
 * the chapter is about. The step just before the question's may be the background's (a health probe's reset, a
 * KEEPALIVE): "When MuxVM dies" asked "No SYN-ACK comes back. What does ClientVM do?" with a probe's TCP RST on the
 * diagram. With no such step (a question asked as its chapter opens), the step just before the question's.
 */
export function questionRest(chapter: ResolvedChapter, q: ResolvedQuestion, timeline: Timeline, step = questionStep(q, timeline)): number {
  const before = Math.max(0, step - 1);
  const first = chapterSpan(chapter, timeline).first;
  for (let i = before; i >= first; i--) if (timeline.steps[i]!.txIds.some((t) => chapter.txIds.includes(t))) return i;
  return before;
}

export type Answers = Readonly<Record<string, { readonly choice: string; readonly correct: boolean }>>;

/** The chapter's first unanswered question, in order of the moment it is about, and the step the playhead waits on for it. */
export function nextQuestion(chapter: ResolvedChapter, timeline: Timeline, answers: Answers): { readonly question: ResolvedQuestion; readonly step: number; readonly rest: number } | undefined {
  const open = chapter.questions.filter((q) => !answers[q.id]).map((question) => ({ question, step: questionStep(question, timeline) }));
  open.sort((a, b) => a.step - b.step);
  const next = open[0];
  return next && { ...next, rest: questionRest(chapter, next.question, timeline, next.step) };
}

/**
 * How far the playhead may move inside the chapter: up to its end, or up to the step it waits on for the next
 * unanswered question (`blocked`: the end is a question, not the chapter's end).
 */
export function playBounds(chapter: ResolvedChapter, timeline: Timeline, answers: Answers): StepSpan & { readonly blocked: boolean } {
  const span = chapterSpan(chapter, timeline);
  const next = nextQuestion(chapter, timeline, answers);
  if (!next) return { ...span, blocked: false };
  const barrier = next.rest;
  return { first: Math.min(span.first, barrier), last: Math.min(span.last, barrier), blocked: true };
}

/** The question to show now: the next unanswered one, once the playhead has reached the step it waits on for it. */
export function openQuestion(chapter: ResolvedChapter, timeline: Timeline, answers: Answers, cursor: number): ResolvedQuestion | undefined {
  const next = nextQuestion(chapter, timeline, answers);
  return next && cursor >= next.rest ? next.question : undefined;
}

/** The chapter the playhead is in: the last one that starts at or before it. */
export function chapterAt(chapters: readonly ResolvedChapter[], timeline: Timeline, cursor: number): number {
  let at = 0;
  chapters.forEach((c, i) => {
    if (chapterSpan(c, timeline).first <= cursor) at = i;
  });
  return at;
}
