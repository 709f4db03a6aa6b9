import { lazy, Suspense, useDeferredValue, useEffect } from 'react';
import { startPlaybackClock } from './animation/clock';
import { CompareButton } from './compare/CompareButton';
import { HeaderTools } from './controls/HeaderTools';
import { HelpPopover } from './controls/HelpPopover';
import { LargeTextToggle } from './controls/LargeTextToggle';
import { LiveAnnouncer } from './controls/LiveAnnouncer';
import { LoadTopology } from './controls/LoadTopology';
import { LessonsButton } from './lessons/LessonsButton';
import { Notices } from './controls/Notices';
import { PlaybackBar } from './controls/PlaybackBar';
import { SendTraffic } from './controls/SendTraffic';
import { ShareActions } from './controls/ShareActions';
import { TopologyView } from './diagram/TopologyView';
import { useMediaQuery } from './hooks/useMediaQuery';
import { useReducedMotion } from './hooks/useReducedMotion';
import { useShortcuts } from './hooks/useShortcuts';
import { BottomPane } from './panels/BottomPane';
import { SidePanel } from './panels/SidePanel';
import { selectComparison, selectDrawn, selectGeometry, selectLargeText, selectLoadStatus, selectPanelOpen, selectSnapshot, useAppStore } from './store/store';
import { DiagramBar } from './diagram/DiagramBar';
import { ThemeToggle } from './controls/ThemeToggle';
import { useTheme } from './hooks/useTheme';
import { installEngineRecovery } from './engine/recovery';
import { openSession } from './persist/openSession';
import { startPersistence } from './persist/persist';
import { startUrlWriter } from './url/urlSync';
import './lessons/lessons.css';

/** Shown only for a lesson: loaded when one starts, not with the first screen. */
const LessonBar = lazy(() => import('./lessons/LessonBar').then((m) => ({ default: m.LessonBar })));
/** The comparison of two runs: its own chunk, loaded when a comparison first opens. */
const ComparisonView = lazy(() => import('./compare/ComparisonView'));
/** The explanation of an engine word: loaded with the first run (the glossary's text is not on the first screen). */
const GlossaryPopover = lazy(() => import('./glossary/GlossaryPopover'));

export function App() {
  const snapshot = useAppStore(selectSnapshot);
  // A new topology is drawn in a render of its own, which React does in slices with the page free between them
  // (a deferred value): the diagram's first render of a large topology is thousands of components, and React
  // Flow's first measuring follows it in a task of its own. The geometry goes with its topology: the store sets
  // them together, and deferred values change together, in the same render.
  const drawn = useDeferredValue(useAppStore(selectDrawn));
  const geometry = useDeferredValue(useAppStore(selectGeometry));
  const panelOpen = useAppStore(selectPanelOpen);
  useTheme();
  const status = useAppStore(selectLoadStatus);
  const largeText = useAppStore(selectLargeText);
  const presenter = useAppStore((s) => s.presenter && s.lesson !== undefined);
  const inLesson = useAppStore((s) => s.lesson !== undefined);
  // In presenter mode the panel is hidden, until the lesson points at a table row or a packet field in it.
  const pointing = useAppStore((s) => presenter && (s.tableFocus !== undefined || s.selectedField !== undefined));
  const sideShown = (!presenter && panelOpen) || pointing;
  const comparing = useAppStore((s) => selectComparison(s) !== undefined);
  const hasRun = useAppStore((s) => s.result !== undefined);
  // The lesson bar shows a lesson, its preparation or why it could not open.
  const lessonBar = useAppStore((s) => s.lesson !== undefined || s.lessonStatus !== 'idle');
  // Beside the diagram when the side panel is: the diagram keeps its full height, and the caption is read
  // next to what it describes. Above the diagram in presenter mode, with the panel hidden, or on a narrow
  // screen, where the panel goes below the diagram.
  const wide = useMediaQuery('(min-width: 901px)');
  const lessonInSide = lessonBar && !presenter && panelOpen && wide;
  const lessonNode = lessonBar && (
    <Suspense fallback={null}>
      <LessonBar />
    </Suspense>
  );
  useShortcuts();
  useReducedMotion();

  useEffect(() => startPlaybackClock(useAppStore), []);
  useEffect(() => {
    const stops: (() => void)[] = [];
    let cancelled = false;
    installEngineRecovery(useAppStore);
    void openSession(useAppStore, window.location.search).then((ok) => {
      if (!ok || cancelled) return;
      stops.push(startUrlWriter(useAppStore), startPersistence(useAppStore));
    });
    return () => {
      cancelled = true;
      for (const stop of stops) stop();
    };
  }, []);

  return (
    <div className={`app${largeText ? ' large-text' : ''}${presenter ? ' presenter' : ''}${inLesson ? ' in-lesson' : ''}${lessonBar && !lessonInSide ? ' lesson-above' : ''}`} data-presenter={presenter || undefined} data-panel={sideShown ? 'open' : 'closed'}>
      <header className="app-header">
        <h1>Hoplab</h1>
        {/* Beside the title, so it never wraps onto a line of its own. */}
        <span className="engine-status" data-testid="engine-status" data-status={status} title={snapshot ? `${snapshot.topology.name}: engine ready` : 'starting the engine'}>
          <span className="sr-only">{status === 'ready' ? 'engine ready' : status === 'error' ? 'engine error' : 'starting engine…'}</span>
        </span>
        <LessonsButton />
        <SendTraffic />
        <HeaderTools>
          <CompareButton />
          <ShareActions />
          <LoadTopology />
          <ThemeToggle />
          <LargeTextToggle />
          <HelpPopover />
        </HeaderTools>
      </header>
      <Notices />
      <main className={`workspace${comparing ? ' workspace-compare' : ''}`}>
        {comparing ? (
          <Suspense fallback={<p role="status">Opening the comparison…</p>}>
            <ComparisonView />
          </Suspense>
        ) : (
          <>
            <section className="stage" aria-label="Network">
              {!lessonInSide && lessonNode}
              <DiagramBar />
              {/* A slot for a caption above the diagram: empty, it takes no room. */}
              <div className="caption-slot" id="caption-slot" data-testid="caption-slot" />
              <div className="canvas">{drawn && <TopologyView snapshot={drawn} geometry={geometry} />}</div>
              <PlaybackBar />
              {!presenter && <BottomPane />}
            </section>
            {sideShown && <SidePanel lesson={lessonInSide ? lessonNode : undefined} />}
          </>
        )}
        {hasRun && (
          <Suspense fallback={null}>
            <GlossaryPopover />
          </Suspense>
        )}
      </main>
      <LiveAnnouncer />
    </div>
  );
}
