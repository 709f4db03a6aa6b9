// The event list: every event of the run (time, from, at, protocol, summary), filtered by protocol, in
// step with the animation both ways (see EventRows). The rows load with the first run (asked for as it starts).
import { lazy, Suspense, useDeferredValue, useMemo } from 'react';
import { chapterSpan } from '../lessons/chapterSteps';
import { FILTER_KEYS, FILTER_LABELS } from '../../src-engine/view/index';
import { isEventVisible } from '../model/filters';
import { loadWithFirstRun } from '../model/runChunks';
import { selectCurrentTxId, selectCursor, selectHidden, selectLessonAnswers, selectOpenQuestion, selectResult, selectTimeline, useAppStore } from '../store/store';

const loadEventRows = () => import('./EventRows');
const EventRows = lazy(() => loadEventRows().then((m) => ({ default: m.EventRows })));
loadWithFirstRun(loadEventRows);

export function EventList() {
  const result = useAppStore(selectResult);
  const timeline = useAppStore(selectTimeline);
  const hidden = useAppStore(selectHidden);
  // Deferred: the list follows the playhead in an interruptible render, after the diagram has moved.
  const cursor = useDeferredValue(useAppStore(selectCursor));
  // The frame the inspector shows, deferred here with the cursor: the rows render once a step, with both.
  const inspectedTx = useDeferredValue(useAppStore(selectCurrentTxId));
  const toggleFilter = useAppStore((s) => s.toggleFilter);
  const lesson = useAppStore((s) => (s.showEverything ? undefined : s.lesson));
  const chapter = useAppStore((s) => s.chapter);
  const lessonChapter = lesson?.chapters[chapter];
  const inLesson = useAppStore((s) => s.lessonStatus !== 'idle');
  // A question asked as its chapter opens holds the playhead: Play does nothing until it is answered.
  const waiting = useAppStore((s) => selectOpenQuestion(s) !== undefined);
  // What a question's deciding device logged between getting the packet and the frame asked about (an ARP
  // request naming the next hop, a DNS answer) is held back until that question is answered.
  const answers = useAppStore(selectLessonAnswers);
  const held = useMemo(() => lesson?.chapters.flatMap((c) => c.questions.flatMap((q) => (q.decider && !answers[q.id] ? [{ ...q.decider, until: q.about.time }] : []))) ?? [], [lesson, answers]);
  // In a lesson, the list grows with the story: the chapter's events up to the playhead, never ahead. Outside a
  // lesson the list is the same at every step: a step does not filter it, fold it or index it again.
  const upTo = lessonChapter ? cursor : undefined;
  const events = useMemo(() => {
    if (!result) return [];
    const all = result.events.filter((e) => isEventVisible(e, hidden));
    if (!lessonChapter || !timeline || upTo === undefined) return all;
    const first = chapterSpan(lessonChapter, timeline).first;
    return all.filter((e) => {
      const st = timeline.stepOfEvent.get(e.id);
      return st !== undefined && st >= first && st <= upTo && !held.some((h) => e.node === h.node && e.time >= h.since && e.time < h.until);
    });
  }, [result, hidden, lessonChapter, timeline, upTo, held]);

  return (
    <section className="events" aria-label="Events" data-shows-step={result ? cursor + 1 : undefined}>
      <div className="events-toolbar">
        <h2>Events</h2>
        <div role="group" aria-label="Show protocols" className="filters">
          {FILTER_KEYS.map((k) => (
            <button key={k} type="button" className={`filter proto-${k}`} aria-pressed={!hidden.includes(k)} onClick={() => toggleFilter(k)}>
              {FILTER_LABELS[k]}
            </button>
          ))}
        </div>
        <span className="muted events-count">{result ? `${events.length} of ${result.events.length} events` : 'No run yet'}</span>
      </div>
      <div className="events-head" aria-hidden="true">
        <span>Time</span>
        <span>From</span>
        <span>At</span>
        <span>Protocol</span>
        <span>Summary</span>
      </div>
      {/* A listbox may hold options only: before a run the hint stands in its place. */}
      {!result && <p className="empty">Send traffic to see every frame and every change in the network, in order.</p>}
      {!result && !inLesson && (
        <p className="empty">
          New to this network? Lessons take you through it, one packet at a time.{' '}
          <button type="button" onClick={() => useAppStore.getState().setLessonsOpen(true)}>
            Open the lessons
          </button>
        </p>
      )}
      {result && lessonChapter && events.length === 0 && (
        <p className="empty">
          {waiting ? 'Answer the question first' : 'Press Play'}: this chapter&apos;s events appear here as they happen.
        </p>
      )}
      {result && !(lessonChapter && events.length === 0) && (
        <Suspense fallback={<p className="empty">Loading the events…</p>}>
          <EventRows events={events} timeline={timeline} cursor={cursor} inspectedTx={inspectedTx} lessonChapter={lessonChapter} />
        </Suspense>
      )}
    </section>
  );
}
