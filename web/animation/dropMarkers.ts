// Which drops to show at a playhead, and where: pure, so the rule is tested without a DOM.
import type { RunResult } from '../../src-engine/protocol';
import { dispositionShort } from '../../src-engine/view/index';
import type { Geometry } from '../diagram/geometry';
import type { Timeline } from '../model/timeline';

export interface DropMarker {
  readonly key: string;
  readonly node: string;
  readonly x: number;
  readonly y: number;
  /** One short line on the diagram. */
  readonly text: string;
  /** The whole reason, for the tooltip and screen readers. */
  readonly detail: string;
  /** The traced flow itself died here. */
  readonly flow: boolean;
  /**
   * How wide its label may grow, in diagram units, when another marker stands to its right on the same row
   * (it wraps before it): undefined when it has the row to itself (the stylesheet's cap, in ems, holds then).
   */
  readonly maxWidth: number | undefined;
}

/** Below this, a label is let overlap its neighbour rather than become a column of single words. */
const MARKER_MIN_WIDTH = 110;


/**
 * The drops from step `since` up to the playhead: a lesson's chapter passes its first step, so a chapter
 * shows what died in it, not what an earlier chapter's packets left behind.
 */
export function dropMarkers(geo: Geometry, result: RunResult, timeline: Timeline, cursor: number, since = 0): DropMarker[] {
  const byNode = new Map<string, DropMarker>();
  // Just below the node, in the gap its NIC lines cross: clear of its neighbours and of the BGP label.
  const place = (node: string, key: string, text: string, detail: string, flow: boolean) => {
    const r = geo.box(node);
    if (!r) return;
    byNode.set(node, { key, node, x: r.x + 4, y: r.y + r.height + 3, text, detail, flow, maxWidth: undefined });
  };
  for (const e of result.events) {
    if (e.kind !== 'drop') continue;
    const step = timeline.stepOfEvent.get(e.id);
    if (step === undefined || step > cursor || step < since) continue;
    place(e.node, `drop:${e.id}`, e.summary, e.summary, false);
  }
  const attempts = result.attempts ?? [result.trace];
  for (const trace of [result.dnsTrace, ...attempts.flatMap((a, i) => (i > 0 && a.dns ? [a.dns, a] : [a]))]) {
    if (!trace || trace.disposition === 'delivered') continue;
    const last = trace.hops[trace.hops.length - 1];
    if (!last) continue;
    const lastTx = [...trace.hops].reverse().find((h) => h.transmissionId !== undefined)?.transmissionId;
    const step = lastTx === undefined ? 0 : (timeline.stepOfTx.get(lastTx) ?? 0);
    if (step > cursor || step < since) continue;
    const what = dispositionShort(trace.disposition);
    place(last.node, `flow:${trace.id}`, `${trace.id.startsWith('dns') ? 'lookup' : trace.attempt && trace.attempt > 1 ? `flow (attempt ${trace.attempt})` : 'flow'} died: ${what}`, `${what}: ${trace.reason}`, true);
  }
  // Two nodes side by side: the left one's label wraps before it reaches the right one's.
  const all = [...byNode.values()];
  return all.map((m) => {
    const right = all.filter((o) => o !== m && o.x > m.x && Math.abs(o.y - m.y) < 48).map((o) => o.x - m.x - 6);
    return right.length === 0 ? m : { ...m, maxWidth: Math.max(MARKER_MIN_WIDTH, Math.min(...right)) };
  });
}
