// How the event list is scrolled (EventRows.tsx): as the library writes it, less one write.
import { elementScroll, type Virtualizer } from '@tanstack/react-virtual';

/** Lists whose scroll box the library has written to once. */
const written = new WeakSet<object>();

/**
 * The library's scroll, less the write it makes as a list mounts: the offset the list holds, the top, where a new
 * scroll box already is. A scroll written makes the browser lay out the whole page there and then, inside the first
 * run's task; at 4,000 VMs that is the diagram of thousands of devices too (about 10 ms of CPU), for a write that
 * moves nothing.
 */
export function scrollListTo(offset: number, options: { adjustments?: number; behavior?: ScrollBehavior }, instance: Virtualizer<HTMLDivElement, Element>): void {
  const el = instance.scrollElement;
  if (el && !written.has(el)) {
    written.add(el);
    if (offset + (options.adjustments ?? 0) === 0) return;
  }
  elementScroll(offset, options, instance);
}
