// The side panel: the current hop and its packet, or the selected device's details.
import type { KeyboardEvent } from 'react';
import { TopologyEditor } from '../editor/TopologyEditor';
import { BytesPane } from '../inspector/BytesPane';
import { Inspector } from '../inspector/Inspector';
import { selectSideTab, useAppStore } from '../store/store';
import { HopPanel } from './HopPanel';
import { NodeDetails } from './NodeDetails';

const TABS = [
  { id: 'packet', label: 'Hop & packet' },
  { id: 'node', label: 'Device details' },
  { id: 'edit', label: 'Edit topology' },
] as const;

export function SidePanel() {
  const tab = useAppStore(selectSideTab);
  const setTab = useAppStore((s) => s.setSideTab);
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
      <div role="tablist" aria-label="Details" className="tabs" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button key={t.id} id={`tab-${t.id}`} role="tab" type="button" aria-selected={tab === t.id} aria-controls={`panel-${t.id}`} tabIndex={tab === t.id ? 0 : -1} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'packet' ? (
          <>
            <div className="tab-scroll">
              <HopPanel />
              <Inspector />
            </div>
            <BytesPane />
          </>
        ) : tab === 'node' ? (
          <div className="tab-scroll">
            <NodeDetails />
          </div>
        ) : (
          <div className="tab-scroll">
            <TopologyEditor />
          </div>
        )}
      </div>
    </aside>
  );
}
