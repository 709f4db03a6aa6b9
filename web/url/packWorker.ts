// Compresses a topology for a link away from the page's thread: a large topology takes lz-string hundreds of
// milliseconds, which would freeze the page (the address bar follows every change of the view).
import { packTopology } from './topologyLink';

self.addEventListener('message', (e: MessageEvent<{ id: number; doc: unknown }>) => {
  self.postMessage({ id: e.data.id, packed: packTopology(e.data.doc) });
});
