// The side panel: the current hop and its packet, or the selected device's details.
import { lazy, Suspense, type KeyboardEvent, type ReactNode } from 'react';
import { selectResult, selectSideTab, useAppStore } from '../store/store';

// The packet tab's content exists once a run does; the other tabs' when first opened.
const PacketTab = lazy(() => import('./PacketTab').then((m) => ({ default: m.PacketTab })));
const NodeDetails = lazy(() => import('./NodeDetails').then((m) => ({ default: m.NodeDetails })));
const TopologyEditor = lazy(() => import('../editor/TopologyEditor').then((m) => ({ default: m.TopologyEditor })));
const loading = <p className="muted" role="status">Loading…</p>;

const TABS = [
  { id: 'packet', label: 'Hop & packet' },
  { id: 'node', label: 'Device details' },
  { id: 'edit', label: 'Edit topology' },
] as const;

/** `lesson`: the lesson player, shown above the tabs while a lesson is open. */
export function SidePanel({ lesson }: { lesson?: ReactNode }) {
  const tab = useAppStore(selectSideTab);
  const setTab = useAppStore((s) => s.setSideTab);
  const hasRun = useAppStore((s) => selectResult(s) !== undefined);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const at = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(at + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!.id;
    setTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <aside className="side" id="side-panel" aria-label="Details">
      {lesson}
      <div role="tablist" aria-label="Details" className="tabs" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button key={t.id} id={`tab-${t.id}`} role="tab" type="button" aria-selected={tab === t.id} aria-controls={`panel-${t.id}`} tabIndex={tab === t.id ? 0 : -1} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'packet' ? (
          hasRun ? (
            <Suspense fallback={loading}>
              <PacketTab />
            </Suspense>
          ) : (
            <div className="tab-scroll">
              <p className="empty">Run a flow to inspect its packets: each frame's layers, fields and bytes.</p>
            </div>
          )
        ) : tab === 'node' ? (
          <div className="tab-scroll">
            <Suspense fallback={loading}>
              <NodeDetails />
            </Suspense>
          </div>
        ) : (
          <div className="tab-scroll">
            <Suspense fallback={loading}>
              <TopologyEditor />
            </Suspense>
          </div>
        )}
      </div>
    </aside>
  );
}
