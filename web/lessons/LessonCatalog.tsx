// The list of lessons with their goals and the student's progress, in a modal dialog (loaded when first
// opened: it is not on the first screen).
import { useEffect, useRef } from 'react';
import { lessonScore } from '../../src-engine/view/quiz';
import { useAppStore } from '../store/store';

export function LessonCatalog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const catalog = useAppStore((s) => s.lessonCatalog);
  const progress = useAppStore((s) => s.progress);
  const { startLesson, resetProgress } = useAppStore.getState();
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog ref={dialog} className="lesson-catalog" aria-labelledby="lessons-title" onClose={onClose} onCancel={onClose}>
      <div className="dialog-head">
        <h2 id="lessons-title">Lessons</h2>
        <button type="button" onClick={onClose} aria-label="Close lessons">
          ×
        </button>
      </div>
      <p className="muted">Each lesson runs one flow through the POC network and walks you through it, chapter by chapter, with questions on the way.</p>
      {!catalog && <p role="status">Loading the lessons…</p>}
      <ol className="lesson-list">
        {catalog?.map((l, i) => {
          const p = progress[l.id];
          const questionIds = Object.keys(p?.answers ?? {});
          const score = lessonScore(questionIds, p?.answers ?? {});
          return (
            <li key={l.id}>
              <button type="button" className="lesson-open" onClick={() => void startLesson(l.id, p && p.chapter < l.chapters.length ? p.chapter : 0)} aria-describedby={`goal-${l.id}`}>
                {l.title}
              </button>
              <span className="lesson-number" aria-hidden="true">
                {i + 1}
              </span>
              <p id={`goal-${l.id}`} className="lesson-goal">
                {l.goal}
              </p>
              <p className="lesson-progress">
                {p ? `Reached chapter ${p.chapter + 1} of ${l.chapters.length} · ${score.correct} of ${l.questionCount} questions right` : `${l.chapters.length} chapters · ${l.questionCount} questions · not started`}
              </p>
            </li>
          );
        })}
      </ol>
      <div className="dialog-foot">
        <button type="button" onClick={() => resetProgress()} disabled={Object.keys(progress).length === 0}>
          Reset progress
        </button>
      </div>
    </dialog>
  );
}
