// The pane under the diagram: the event list, or the sequence diagram of the same run, each as tall as the
// other (the ladder scrolls), so the network diagram keeps its room. Both follow the playhead and the protocol filters.
import { lazy, Suspense, type KeyboardEvent } from 'react';
import { selectBottomTab, useAppStore } from '../store/store';
import { EventList } from './EventList';

// The second tab: loaded when first opened.
const SequenceDiagram = lazy(() => import('../sequence/SequenceDiagram').then((m) => ({ default: m.SequenceDiagram })));

const TABS = [
  { id: 'events', label: 'Event list' },
  { id: 'sequence', label: 'Sequence diagram' },
] as const;

export function BottomPane() {
  const tab = useAppStore(selectBottomTab);
  const setTab = useAppStore((s) => s.setBottomTab);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next = tab === 'events' ? 'sequence' : 'events';
    setTab(next);
    document.getElementById(`btab-${next}`)?.focus();
  };
  return (
    <div className={`run-pane run-pane-${tab}`}>
      <div role="tablist" aria-label="Run views" className="tabs run-pane-tabs" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button key={t.id} id={`btab-${t.id}`} role="tab" type="button" aria-selected={tab === t.id} aria-controls={`bpanel-${t.id}`} tabIndex={tab === t.id ? 0 : -1} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div id={`bpanel-${tab}`} role="tabpanel" aria-labelledby={`btab-${tab}`} className="run-pane-panel">
        {tab === 'events' ? (
          <EventList />
        ) : (
          <Suspense fallback={<p className="muted" role="status">Loading the sequence diagram…</p>}>
            <SequenceDiagram />
          </Suspense>
        )}
      </div>
    </div>
  );
}
