// Checking a quiz answer: a pure function from the student's choice and the question's rubric (derived
// by the engine from the run) to a typed score with feedback. The page only renders and collects input.
import type { ResolvedQuestion } from '../lessons/model';

export type Score =
  /** No choice made, or one the question does not offer: nothing is scored. */
  | { readonly type: 'invalid'; readonly message: string }
  | { readonly type: 'points'; readonly correct: boolean; readonly earned: 0 | 1; readonly message: string };

export function scoreAnswer(question: ResolvedQuestion, choice: string | undefined): Score {
  if (choice === undefined || choice === '') return { type: 'invalid', message: 'Choose an answer first, then check it.' };
  const picked = question.choices.find((c) => c.id === choice);
  if (!picked) return { type: 'invalid', message: `"${choice}" is not one of this question's answers. Choose one of the listed answers.` };
  const right = question.choices.find((c) => c.id === question.answer)!;
  if (picked.id === right.id) return { type: 'points', correct: true, earned: 1, message: `Correct: ${said(right.label)}. ${question.why}` };
  return { type: 'points', correct: false, earned: 0, message: `Not quite: the answer is ${said(right.label)}, not ${said(picked.label)}. ${question.why}` };
}

/** A choice inside a sentence: a name or a value as it is ("MuxVM", "Port 179"), a phrase of its own in quotes. */
const said = (label: string) => (label.split(' ').length > 2 ? `“${label}”` : label);

/** A lesson's score: right answers out of its questions, and how many were answered. */
export function lessonScore(questionIds: readonly string[], answers: Readonly<Record<string, { readonly correct: boolean }>>): { readonly correct: number; readonly answered: number; readonly total: number } {
  let correct = 0;
  let answered = 0;
  for (const id of questionIds) {
    const a = answers[id];
    if (!a) continue;
    answered++;
    if (a.correct) correct++;
  }
  return { correct, answered, total: questionIds.length };
}
