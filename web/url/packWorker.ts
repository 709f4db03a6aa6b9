// Compresses a topology for a link away from the page's thread: a large topology takes lz-string hundreds of
// milliseconds, which would freeze the page (the address bar follows every change of the view).
import { packText } from './topologyLink';

// The document comes as its JSON text: copying one string to a worker is quick, where cloning a 4,000-VM
// document object by object held the page's thread for over 100 ms.
self.addEventListener('message', (e: MessageEvent<{ id: number; text: string }>) => {
  self.postMessage({ id: e.data.id, packed: packText(e.data.text) });
});
