// Overlay or underlay: the tenant's logical path (client -> VIP -> server), or the provider's network
// underneath it (PA addresses, the VXLAN tunnel, the switch's ports and VLANs).
import { selectDiagramView, useAppStore } from '../store/store';

export function ViewToggle() {
  const view = useAppStore(selectDiagramView);
  const setView = useAppStore((s) => s.setDiagramView);
  return (
    <div className="view-toggle" role="group" aria-label="Diagram view">
      <button type="button" aria-pressed={view === 'overlay'} onClick={() => setView('overlay')} title="The tenant's logical path: client, VIP, server">
        Overlay
      </button>
      <button type="button" aria-pressed={view === 'underlay'} onClick={() => setView('underlay')} title="PA addresses, the VXLAN tunnel, the switch's ports and VLANs">
        Underlay
      </button>
    </div>
  );
}
