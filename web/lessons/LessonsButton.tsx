// "Lessons": the list of lessons with their goals and the student's progress, in a modal dialog.
import { lazy, Suspense } from 'react';
import { useAppStore } from '../store/store';

const LessonCatalog = lazy(() => import('./LessonCatalog').then((m) => ({ default: m.LessonCatalog })));

export function LessonsButton() {
  const open = useAppStore((s) => s.lessonsOpen);
  const setOpen = useAppStore((s) => s.setLessonsOpen);
  return (
    <>
      <button type="button" className="lessons-button" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)}>
        Lessons
      </button>
      {open && (
        <Suspense fallback={<p role="status" className="sr-only">Loading the lessons…</p>}>
          <LessonCatalog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
