// The hops of one part of the flow as a row of buttons; the current hop is marked, and a click moves
// the playhead there. Long paths (a routing loop) show a window around the current hop.
import type { FlowPart } from '../model/hops';
import { hopTransmission } from '../model/hops';
import { useAppStore } from '../store/store';

/** Indexes to show of n hops: all when few; else the ends and a window around the current one. */
export function visibleHops(n: number, current: number, max = 12): (number | 'gap')[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const keep = new Set<number>([0, 1, n - 2, n - 1]);
  for (let i = current - 3; i <= current + 3; i++) if (i >= 0 && i < n) keep.add(i);
  const sorted = [...keep].sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  sorted.forEach((i, k) => {
    if (k > 0 && i - sorted[k - 1]! > 1) out.push('gap');
    out.push(i);
  });
  return out;
}

export function PathStrip({ part, current }: { part: FlowPart; current: number | undefined }) {
  const goToHop = (index: number) => {
    const s = useAppStore.getState();
    const tx = hopTransmission(part, index);
    const step = tx === undefined ? undefined : s.timeline?.stepOfTx.get(tx);
    if (step === undefined) return;
    s.pause();
    s.seek(step);
    s.selectTx(tx);
  };
  const switchId = useAppStore((s) => s.snapshot?.topology.switch.id);
  return (
    <nav className="path-strip" aria-label={`Hops of ${part.title}`}>
      <ol>
        {visibleHops(part.hops.length, current ?? 0).map((i, k) =>
          i === 'gap' ? (
            <li key={`gap${k}`} className="path-gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={i}>
              <button type="button" aria-current={i === current ? 'step' : undefined} onClick={() => goToHop(i)} title={part.hops[i]!.why}>
                {part.hops[i]!.node === switchId ? 'switch' : part.hops[i]!.node}
              </button>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
