// The lesson's chapters laid over the timeline: one segment per chapter where its steps are, the current
// one marked; choosing a segment opens that chapter.
import { useMemo } from 'react';
import { useAppStore } from '../store/store';
import { chapterSpan } from './chapterSteps';

export function ChapterStrip() {
  const lesson = useAppStore((s) => s.lesson);
  const timeline = useAppStore((s) => s.timeline);
  const chapter = useAppStore((s) => s.chapter);
  const goToChapter = useAppStore((s) => s.goToChapter);
  const segments = useMemo(() => {
    if (!lesson || !timeline) return [];
    const n = Math.max(1, timeline.steps.length - 1);
    return lesson.chapters.map((c) => {
      const span = chapterSpan(c, timeline);
      return { index: c.index, title: c.title, left: (span.first / n) * 100, width: Math.max(1.2, ((span.last - span.first) / n) * 100) };
    });
  }, [lesson, timeline]);
  if (segments.length === 0) return null;
  return (
    <nav className="chapter-strip" aria-label="Lesson chapters">
      {segments.map((s) => (
        <button
          key={s.index}
          type="button"
          className="chapter-seg"
          style={{ left: `${s.left}%`, width: `${s.width}%` }}
          aria-current={s.index === chapter ? 'step' : undefined}
          aria-label={`Chapter ${s.index + 1}: ${s.title}`}
          title={`Chapter ${s.index + 1}: ${s.title}`}
          onClick={() => goToChapter(s.index)}
        >
          <span aria-hidden="true">{s.index + 1}</span>
        </button>
      ))}
    </nav>
  );
}
