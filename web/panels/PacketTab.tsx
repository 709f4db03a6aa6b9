// The side panel's first tab once a run exists: why this hop, the packet's layers and its bytes. Loaded
// with the first run (with the packet decoders it needs), not with the first screen.
import { BytesPane } from '../inspector/BytesPane';
import { Inspector } from '../inspector/Inspector';
import { HopPanel } from './HopPanel';

export function PacketTab() {
  return (
    <>
      <div className="tab-scroll">
        <HopPanel />
        <Inspector />
      </div>
      <BytesPane />
    </>
  );
}
