// A quiz question: its choices as a radio group named by the question, "Check answer", and feedback in
// a live region that begins with "Correct" or "Not quite" and explains with the engine's own why.
import { useEffect, useId, useRef } from 'react';
import { Glossed } from '../glossary/Glossed';
import type { ResolvedQuestion } from '../../src-engine/protocol';
import { useAppStore } from '../store/store';

/** `after`: another question of the chapter came before this one (it appears below that one's feedback). */
export function Quiz({ question, after = false }: { question: ResolvedQuestion; after?: boolean }) {
  const name = useId();
  const picked = useAppStore((s) => (s.quizChoice?.question === question.id ? s.quizChoice.choice : undefined));
  const answered = useAppStore((s) => (s.lesson ? s.progress[s.lesson.id]?.answers[question.id] : undefined));
  const feedback = useAppStore((s) => s.feedback[question.id]);
  const { setQuizChoice, answerQuestion } = useAppStore.getState();
  const done = answered !== undefined;
  const status = useRef<HTMLParagraphElement>(null);
  const debrief = useRef<HTMLParagraphElement>(null);
  const form = useRevealWhenReached<HTMLFormElement>(!done, after);
  // The feedback may fall below the caption bar's fold: bring it into view once it is given, with the debrief under
  // it (what the lesson wants remembered); if both do not fit, the feedback's start wins.
  useEffect(() => {
    if (!feedback) return;
    debrief.current?.scrollIntoView({ block: 'nearest' });
    status.current?.scrollIntoView({ block: 'nearest' });
  }, [feedback]);
  const choice = picked ?? answered?.choice;
  const promptId = `${name}-prompt`;
  return (
    <form
      ref={form}
      className="quiz"
      data-kind={question.kind}
      onSubmit={(e) => {
        e.preventDefault();
        answerQuestion(question.id, picked);
      }}
    >
      <p className="quiz-prompt" id={promptId}>
        <span className="quiz-tag">Question</span> {question.prompt}
      </p>
      {question.kind === 'next-device' && !done && <p className="quiz-hint">Choose below, or click the device on the diagram.</p>}
      <div className="quiz-row">
        <div role="radiogroup" aria-labelledby={promptId} className="quiz-choices">
          {question.choices.map((c) => (
            <label key={c.id} className="quiz-choice" data-right={done && c.id === question.answer ? true : undefined} data-picked={choice === c.id || undefined}>
              <input type="radio" name={name} value={c.id} checked={choice === c.id} disabled={done} onChange={() => setQuizChoice(question.id, c.id)} />
              <span>{c.label}</span>
            </label>
          ))}
        </div>
        {!done && (
          <button type="submit" className="primary">
            Check answer
          </button>
        )}
      </div>
      <p ref={status} role="status" className={`quiz-feedback${feedback?.type === 'points' ? (feedback.correct ? ' right' : ' wrong') : ''}`}>
        {/* The engine's sentence in a student's words, its terms explained: as soon as it is given, and when it is read again later. */}
        {feedback ? <Glossed text={feedback.message} /> : done ? <Glossed text={`${answered.correct ? 'Correct' : 'Not quite'}: you answered ${question.choices.find((c) => c.id === answered.choice)?.label ?? answered.choice}. ${question.why}`} /> : ''}
      </p>
      {done && question.debrief && (
        <p ref={debrief} className="quiz-debrief">
          {question.debrief}
        </p>
      )}
    </form>
  );
}

/**
 * A question (or the chapter's end) that appears while the chapter plays lands below the caption, often
 * under the lesson box's fold, and the playhead waits on it: it is scrolled into view as it appears, so the
 * student sees why the run stopped. So is a question that follows another one's feedback (two asked at one
 * moment): its choices would be below the fold. A first question shown with the chapter's first step is left
 * where it is, below the caption the student reads first.
 */
export function useRevealWhenReached<T extends HTMLElement>(active = true, always = false) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const s = useAppStore.getState();
    if (active && (always || (s.bounds !== undefined && s.cursor > s.bounds.first))) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [active, always]);
  return ref;
}
