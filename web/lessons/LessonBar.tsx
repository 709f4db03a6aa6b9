// The lesson player: the chapter's caption, the question of the moment, and the way through the lesson
// (Previous chapter, Next chapter, Show everything, Presenter mode, leave the lesson). Presenter mode goes
// full screen with the diagram large and the caption at projector size; Page Down and Page Up, which
// presentation remotes send, move between chapters.
import { useEffect, useRef, type ReactNode } from 'react';
import { Glossed } from '../glossary/Glossed';
import { lessonScore } from '../../src-engine/view/quiz';
import { selectLessonAnswers, selectOpenQuestion, useAppStore } from '../store/store';
import { briskSteps } from './pace';
import { Quiz, useRevealWhenReached } from './Quiz';

export function LessonBar() {
  const lesson = useAppStore((s) => s.lesson);
  const status = useAppStore((s) => s.lessonStatus);
  const error = useAppStore((s) => s.lessonError);
  const chapterIndex = useAppStore((s) => s.chapter);
  const showEverything = useAppStore((s) => s.showEverything);
  const presenter = useAppStore((s) => s.presenter);
  const open = useAppStore(selectOpenQuestion);
  const answers = useAppStore(selectLessonAnswers);
  const atEnd = useAppStore((s) => s.bounds !== undefined && !s.bounds.blocked && s.cursor >= s.bounds.last);
  const catalog = useAppStore((s) => s.lessonCatalog);
  const { nextChapter, previousChapter, setShowEverything, setPresenter, exitLesson, pointAtField, pointAtTable, startLesson, setLessonsOpen } = useAppStore.getState();
  const fieldLocked = useAppStore((s) => {
    const f = s.lesson?.chapters[s.chapter]?.field;
    const step = f && s.timeline?.stepOfTx.get(f.txId);
    return step === undefined || (s.bounds !== undefined && step > s.bounds.last);
  });
  usePresenterKeys(lesson !== undefined);
  useFullScreen(presenter);
  usePace();
  const bar = useChapterStartsAtTop(lesson?.id, chapterIndex);

  if (status === 'loading') {
    return (
      <section className="lesson-bar" aria-label="Lesson">
        <p role="status">Preparing the lesson: the engine is running its flow…</p>
      </section>
    );
  }
  if (status === 'error') {
    return (
      <section className="lesson-bar lesson-error" aria-label="Lesson">
        <p role="alert">The lesson could not be opened. {error}</p>
        <button type="button" onClick={exitLesson}>
          Close
        </button>
      </section>
    );
  }
  if (!lesson) return null;
  const chapter = lesson.chapters[chapterIndex]!;
  const last = chapterIndex === lesson.chapters.length - 1;
  const allQuestions = lesson.chapters.flatMap((c) => c.questions.map((q) => q.id));
  const score = lessonScore(allQuestions, answers);
  // Answered questions of this chapter stay visible with their feedback; the open one is asked.
  const asked = chapter.questions.filter((q) => answers[q.id] !== undefined || q.id === open?.id);
  // The way on from the last chapter: the next lesson in the class's order, or, after the last one, the list of lessons.
  const order = catalog?.findIndex((l) => l.id === lesson.id) ?? -1;
  const nextLesson = order >= 0 ? catalog?.[order + 1] : undefined;
  const lessonEnd = `End of the lesson. You answered ${score.correct} of ${score.total} questions right. ${nextLesson ? `Next: "${nextLesson.title}", with Next lesson.` : 'That was the last lesson: All lessons shows your progress in each.'}`;

  return (
    <section ref={bar} className="lesson-bar" aria-label="Lesson" data-chapter={chapterIndex + 1}>
      <div className="lesson-head">
        {/* In presenter mode the header, and the page's title with it, is hidden: the lesson's title is the page's heading. */}
        <LessonTitle presenter={presenter}>
          {lesson.title} · <span>Chapter {chapterIndex + 1} of {lesson.chapters.length}</span>
        </LessonTitle>
        <div className="lesson-actions">
          <button type="button" aria-pressed={showEverything} onClick={() => setShowEverything(!showEverything)} title="Leave the lesson's focus: play the whole run and list every event">
            Show everything
          </button>
          {/* In the narrowest panel (1024 x 768) the last word is read, not shown, so the three fit one row. */}
          <button type="button" aria-pressed={presenter} onClick={() => setPresenter(!presenter)} title="Full screen, large caption; Page Down and Page Up change chapter">
            Presenter<span className="word-narrow"> mode</span>
          </button>
          <button type="button" onClick={exitLesson} title="Leave the lesson">
            Leave<span className="word-narrow"> lesson</span>
          </button>
        </div>
      </div>
      <h2 className="chapter-title">{chapter.title}</h2>
      <p className="caption">
        <Glossed text={chapter.caption} />
      </p>
      {((chapter.field && !fieldLocked) || chapter.table) && (
        <div className="point-at" role="group" aria-label="Look closer">
          {chapter.field && !fieldLocked && (
            <button type="button" onClick={pointAtField}>
              Show the {chapter.field.label} in the packet
            </button>
          )}
          {chapter.table && (
            <button type="button" onClick={pointAtTable}>
              Show {chapter.table.label}
            </button>
          )}
        </div>
      )}
      {asked.map((q, i) => (
        <Quiz key={q.id} question={q} after={i > 0} />
      ))}
      {/* In presenter mode the Why panel is hidden: a chapter that ends on an event with no frame of its own (a
          session going down) says so here, or the projector would show only the frame beside it. */}
      {!open && atEnd && !showEverything && presenter && chapter.endNote && (
        <p className="chapter-end-note">
          <strong>Where this chapter ends:</strong> <Glossed text={chapter.endNote} />
        </p>
      )}
      {!open && atEnd && !showEverything && <ChapterEnd text={last ? lessonEnd : 'End of this chapter. Go on with Next chapter.'} />}
      {last && score.answered === score.total && score.total > 0 && !atEnd && <ChapterEnd text={`Score: ${score.correct} of ${score.total} right.`} />}
      <nav className="chapter-nav" aria-label="Chapters">
        {/* In presenter mode's narrow column "chapter" is read, not shown (the score keeps its place between them). */}
        <button type="button" onClick={previousChapter} disabled={chapterIndex === 0}>
          Previous<span className="word-narrow"> chapter</span>
        </button>
        <span className="lesson-score" aria-label={`Score: ${score.correct} of ${score.total} questions right`}>
          {score.correct}/{score.total} right
        </span>
        {!last ? (
          <button type="button" className="primary" onClick={nextChapter}>
            Next<span className="word-narrow"> chapter</span>
          </button>
        ) : nextLesson ? (
          <button type="button" className="primary" onClick={() => void startLesson(nextLesson.id)} title={`Start the next lesson: ${nextLesson.title}`}>
            Next<span className="word-narrow"> lesson</span>
          </button>
        ) : (
          // The list lives in the header, which presenter mode hides: presenter mode ends to show it.
          <button type="button" className="primary" aria-haspopup="dialog" onClick={() => { setPresenter(false); setLessonsOpen(true); }}>
            All lessons
          </button>
        )}
      </nav>
    </section>
  );
}

function LessonTitle({ presenter, children }: { presenter: boolean; children: ReactNode }) {
  return presenter ? <h1 className="lesson-title">{children}</h1> : <p className="lesson-title">{children}</p>;
}

function ChapterEnd({ text }: { text: string }) {
  // Always brought into view as it appears, clear of the chapter buttons: it says what to do next, or the lesson's
  // score. (Only when the playhead had moved past the chapter's first step, it stayed 70% under the buttons at the end
  // of "The MUX" chapter 1; the score after the last answer showed 12% of itself at 768 x 1024.)
  const ref = useRevealWhenReached<HTMLParagraphElement>(true, true);
  return (
    <p ref={ref} className="chapter-end">
      {text}
    </p>
  );
}

/**
 * A new chapter is read from its title: the lesson's box scrolls back to its top, and where the page itself scrolls
 * (a phone), the page brings that top into view. The page had stayed where the last chapter's end was, which, with the
 * new chapter's shorter text, showed the packet inspector below the diagram instead of the lesson. On a phone the
 * lesson's top is always brought to the window's: the stage below it is the window's height.
 */
function useChapterStartsAtTop(lessonId: string | undefined, chapter: number) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || lessonId === undefined) return;
    el.scrollTop = 0;
    // On a phone the lesson, the diagram and the playback bar fill the window from the lesson's top (lessons.css).
    if (el.getBoundingClientRect().top < 0 || (el.parentElement?.classList.contains('stage') && matchMedia('(max-width: 520px)').matches)) el.scrollIntoView({ block: 'start' });
  }, [lessonId, chapter]);
  return ref;
}

/** The chapter's pace: quickly through the steps between the moments it is about (see pace.ts). */
function usePace() {
  const chapter = useAppStore((s) => (s.lesson && !s.showEverything ? s.lesson.chapters[s.chapter] : undefined));
  const timeline = useAppStore((s) => s.timeline);
  useEffect(() => {
    useAppStore.setState({ brisk: chapter && timeline ? briskSteps(chapter, timeline) : undefined });
  }, [chapter, timeline]);
  useEffect(() => () => useAppStore.setState({ brisk: undefined }), []);
}

function usePresenterKeys(active: boolean) {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const s = useAppStore.getState();
      if (e.key === 'PageDown') {
        e.preventDefault();
        s.nextChapter();
      } else if (e.key === 'PageUp') {
        e.preventDefault();
        s.previousChapter();
      } else if (e.key === 'Escape' && s.presenter) s.setPresenter(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}

/** Presenter mode asks for full screen; leaving full screen (Esc) leaves presenter mode. */
function useFullScreen(on: boolean) {
  useEffect(() => {
    const root = document.documentElement;
    if (on && !document.fullscreenElement && root.requestFullscreen) root.requestFullscreen().catch(() => undefined);
    if (!on && document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    const onChange = () => {
      if (!document.fullscreenElement && on) useAppStore.getState().setPresenter(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [on]);
}
