// The lesson player's state: the catalogue, the lesson being taken, its chapter, the student's answers
// and progress (kept in localStorage), and the presenter mode. The engine resolves the lesson; this slice
// only keeps the playhead inside the chapter and in front of an unanswered question.
import type { StateCreator } from 'zustand';
import type { LessonSummary, ResolvedLesson } from '../../src-engine/protocol';
import { scoreAnswer, type Score } from '../../src-engine/view/quiz';
import { getEngine } from '../engine/client';
import { chapterSpan, openQuestion, playBounds, type Answers } from '../lessons/chapterSteps';
import { loadProgress, saveProgress, type Progress } from '../lessons/progress';
import type { AppState } from './store';

export interface LessonSlice {
  lessonCatalog: readonly LessonSummary[] | undefined;
  lessonsOpen: boolean;
  /** The lesson being taken, resolved against its run. */
  lesson: ResolvedLesson | undefined;
  lessonStatus: 'idle' | 'loading' | 'ready' | 'error';
  lessonError: string | undefined;
  chapter: number;
  /** Leaves the lesson's focus: the whole run plays, every event shows, questions wait. */
  showEverything: boolean;
  presenter: boolean;
  progress: Progress;
  /** Feedback on the questions answered in this sitting. */
  feedback: Readonly<Record<string, Score>>;
  /** The choice picked for the open question, not yet checked (a radio, or a click on the diagram). */
  quizChoice: { readonly question: string; readonly choice: string } | undefined;
  setQuizChoice: (question: string, choice: string) => void;
  /** The table row the chapter points at, highlighted in Device details. */
  tableFocus: { readonly node: string; readonly table: string; readonly match: Readonly<Record<string, string>> } | undefined;
  /** Moves to the frame whose field the chapter points at and selects that field in the inspector. */
  pointAtField: () => void;
  /** Opens the device's details with the chapter's table row highlighted. */
  pointAtTable: () => void;
  setLessonsOpen: (open: boolean) => void;
  loadLessonCatalog: () => Promise<void>;
  /** Runs the lesson's flow, resolves the lesson, and opens it at a chapter (0-based). */
  startLesson: (id: string, chapter?: number) => Promise<void>;
  goToChapter: (index: number) => void;
  nextChapter: () => void;
  previousChapter: () => void;
  answerQuestion: (questionId: string, choice: string | undefined) => Score;
  setShowEverything: (on: boolean) => void;
  setPresenter: (on: boolean) => void;
  exitLesson: () => void;
  resetProgress: (lessonId?: string) => void;
  /** Re-derives the playback bounds from the chapter and the answers. */
  applyLessonBounds: () => void;
}

const storage = () => (typeof localStorage === 'undefined' ? undefined : localStorage);

export const createLessonSlice: StateCreator<AppState, [], [], LessonSlice> = (set, get) => {
  const initial = loadProgress(storage());
  if (initial.error) queueMicrotask(() => get().notify('error', initial.error!));
  let generation = 0;

  const persist = (progress: Progress) => {
    set({ progress });
    saveProgress(storage(), progress);
  };

  return {
    lessonCatalog: undefined,
    lessonsOpen: false,
    lesson: undefined,
    lessonStatus: 'idle',
    lessonError: undefined,
    chapter: 0,
    showEverything: false,
    presenter: false,
    progress: initial.progress,
    feedback: {},
    quizChoice: undefined,
    tableFocus: undefined,
    pointAtField: () => {
      const { lesson, chapter, timeline } = get();
      const f = lesson?.chapters[chapter]?.field;
      const step = f && timeline?.stepOfTx.get(f.txId);
      if (!f || step === undefined) return;
      get().pause();
      get().seek(step);
      if (get().cursor !== step) return; // beyond a question not yet answered
      set({ selectedTx: f.txId, selectedField: `${f.layerIndex}:${f.field}`, sideTab: 'packet' });
    },
    pointAtTable: () => {
      const t = get().lesson?.chapters[get().chapter]?.table;
      if (!t) return;
      set({ tableFocus: { node: t.node, table: t.table, match: t.match } });
      get().selectNode(t.node);
    },
    setQuizChoice: (question, choice) => set({ quizChoice: { question, choice } }),
    setLessonsOpen: (open) => {
      set({ lessonsOpen: open });
      if (open && !get().lessonCatalog) void get().loadLessonCatalog();
    },
    loadLessonCatalog: async () => {
      try {
        set({ lessonCatalog: await getEngine().lessons() });
      } catch (e) {
        get().notify('error', `The lessons could not be loaded from the engine (${(e as Error).message}). Reload the page.`);
      }
    },
    startLesson: async (id, chapter = 0) => {
      const mine = ++generation;
      set({ lessonsOpen: false, lessonStatus: 'loading', lessonError: undefined, lesson: undefined, feedback: {}, showEverything: false });
      if (!get().lessonCatalog) await get().loadLessonCatalog();
      const summary = get().lessonCatalog?.find((l) => l.id === id);
      if (!summary) {
        set({ lessonStatus: 'error', lessonError: `There is no lesson "${id}". Open Lessons and pick one of the list.` });
        return;
      }
      // Lessons run on the POC: bring it back if another topology is loaded.
      if (summary.topology === 'poc' && get().topologySource !== 'poc') await get().loadTopology();
      await get().runFlow(summary.request);
      if (mine !== generation) return;
      if (get().runStatus !== 'done') {
        set({ lessonStatus: 'error', lessonError: get().runError?.message ?? 'The lesson\'s run failed.' });
        return;
      }
      const r = await getEngine().resolveLesson(id);
      if (mine !== generation) return;
      if (!r.ok) {
        set({ lessonStatus: 'error', lessonError: r.error.message });
        return;
      }
      const count = r.value.chapters.length;
      const at = Math.max(0, Math.min(count - 1, chapter));
      set({ lesson: r.value, lessonStatus: 'ready' });
      get().goToChapter(at);
    },
    goToChapter: (index) => {
      const { lesson, timeline, progress } = get();
      if (!lesson || !timeline) return;
      const at = Math.max(0, Math.min(lesson.chapters.length - 1, index));
      const prev = progress[lesson.id];
      persist({ ...progress, [lesson.id]: { chapter: Math.max(prev?.chapter ?? 0, at), answers: prev?.answers ?? {} } });
      set({ chapter: at, playing: false, tableFocus: undefined });
      get().applyLessonBounds();
      const c = lesson.chapters[at]!;
      const bounds = get().bounds;
      get().seek(bounds ? bounds.first : chapterSpan(c, timeline).first);
    },
    nextChapter: () => {
      const { lesson, chapter } = get();
      if (lesson && chapter + 1 < lesson.chapters.length) get().goToChapter(chapter + 1);
    },
    previousChapter: () => {
      const { lesson, chapter } = get();
      if (lesson && chapter > 0) get().goToChapter(chapter - 1);
    },
    answerQuestion: (questionId, choice) => {
      const s = get();
      const question = s.lesson?.chapters.flatMap((c) => c.questions).find((q) => q.id === questionId);
      if (!s.lesson || !question) return { type: 'invalid', message: 'This question is not part of the open lesson.' };
      const score = scoreAnswer(question, choice);
      set({ feedback: { ...s.feedback, [questionId]: score }, ...(score.type === 'points' ? { quizChoice: undefined } : {}) });
      if (score.type === 'points') {
        const prev = s.progress[s.lesson.id] ?? { chapter: s.chapter, answers: {} };
        persist({ ...s.progress, [s.lesson.id]: { ...prev, answers: { ...prev.answers, [questionId]: { choice: choice!, correct: score.correct } } } });
        get().applyLessonBounds();
      }
      return score;
    },
    setShowEverything: (on) => {
      set({ showEverything: on });
      get().applyLessonBounds();
    },
    setPresenter: (on) => set({ presenter: on }),
    exitLesson: () => {
      generation++;
      set({ lesson: undefined, lessonStatus: 'idle', lessonError: undefined, presenter: false, showEverything: false, feedback: {}, bounds: undefined, brisk: undefined, tableFocus: undefined });
    },
    resetProgress: (lessonId) => {
      const { progress } = get();
      if (lessonId === undefined) persist({});
      else {
        const rest = { ...progress };
        delete rest[lessonId];
        persist(rest);
      }
      set({ feedback: {} });
      get().applyLessonBounds();
    },
    applyLessonBounds: () => {
      const s = get();
      if (!s.lesson || !s.timeline || s.showEverything) {
        set({ bounds: undefined });
        return;
      }
      const chapter = s.lesson.chapters[s.chapter];
      set({ bounds: chapter ? playBounds(chapter, s.timeline, answersOf(s)) : undefined });
    },
  };
};

/** The nodes the chapter points at (none outside a lesson, or with "show everything"). */
export const selectLessonFocus = (s: AppState, id: string) => !!s.lesson && !s.showEverything && (s.lesson.chapters[s.chapter]?.nodes.includes(id) ?? false);

/** The question the student must answer now, if any. While it is open, nothing may give the answer away. */
export const selectOpenQuestion = (s: AppState) => {
  if (!s.lesson || !s.timeline || s.showEverything) return undefined;
  const chapter = s.lesson.chapters[s.chapter];
  return chapter ? openQuestion(chapter, s.timeline, answersOf(s), s.cursor) : undefined;
};

const NO_ANSWERS: Answers = {};
const answersOf = (s: AppState): Answers => (s.lesson ? (s.progress[s.lesson.id]?.answers ?? NO_ANSWERS) : NO_ANSWERS);
export const selectLessonAnswers = answersOf;
export const selectLesson = (s: AppState) => s.lesson;
export const selectInLesson = (s: AppState) => s.lesson !== undefined || s.lessonStatus === 'loading';
